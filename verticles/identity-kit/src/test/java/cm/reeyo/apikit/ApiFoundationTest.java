package cm.reeyo.apikit;

import cm.reeyo.testkit.LocalRedis;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
@DisplayName("ApiFoundation: an API starts only with every route in its OpenAPI document")
class ApiFoundationTest {

  @Test
  @DisplayName("dev: an undocumented route stops the start, naming it; prod: it starts (and logs it)")
  void undocumentedRoutes(Vertx vertx) throws Exception {
    JsonObject dev = TestConfig.withPort(TestConfig.fresh(), LocalRedis.Ports.free());
    ApiFoundation api = ApiFoundation.create(vertx, dev, "openapi/notifications-test-api.json");
    api.router().get("/api/v1/secret/:id").handler(ctx -> ctx.response().end());
    assertThatThrownBy(() -> api.listen().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS))
      .hasMessageContaining("GET /api/v1/secret/{id}");
    api.close();

    JsonObject prod = TestConfig.withPort(TestConfig.fresh(), LocalRedis.Ports.free()).put("mode", "prod");
    ApiFoundation lenient = ApiFoundation.create(vertx, prod, "openapi/notifications-test-api.json");
    lenient.router().get("/api/v1/secret/:id").handler(ctx -> ctx.response().end());
    HttpServer server = lenient.listen().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertThat(server.actualPort()).isPositive();
    server.close();
    lenient.close();
  }
}
