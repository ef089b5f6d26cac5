package cm.reeyo.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ReadinessTest {

  @Test
  @DisplayName("a closing instance asks clients to reconnect (Connection: close) but leaves /ready to the node")
  void closingInstance(Vertx vertx, VertxTestContext test) {
    JsonObject config = new JsonObject().put("http", new JsonObject().put("port", 0).put("host", "127.0.0.1"));
    Readiness readiness = new Readiness().check("always", () -> Future.succeededFuture());
    Router router = EdgeRouter.create(vertx, config, readiness, new OpenApiDoc("test-openapi.json"));
    WebClient web = WebClient.create(vertx);
    EdgeRouter.listen(vertx, router, config).compose(server -> {
      int port = server.actualPort();
      return web.get(port, "127.0.0.1", "/health").send()
        .compose(before -> {
          test.verify(() -> assertThat(before.getHeader("Connection")).isNull());
          readiness.drain();
          return web.get(port, "127.0.0.1", "/ready").send();
        });
    }).onComplete(test.succeeding(after -> test.verify(() -> {
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.getHeader("Connection")).isEqualTo("close");
      assertThat(Readiness.nodeDraining()).isFalse();
      test.completeNow();
    })));
  }
}
