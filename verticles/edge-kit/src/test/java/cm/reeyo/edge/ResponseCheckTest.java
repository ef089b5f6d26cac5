package cm.reeyo.edge;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.bus.Violations;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The response check turns an answer its document does not allow into a 500 and a recorded violation. */
@ExtendWith(VertxExtension.class)
@DisplayName("HTTP response check against the OpenAPI document")
class ResponseCheckTest {

  WebClient client;
  boolean before;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    before = ResponseCheck.enabled();
    ResponseCheck.force(true);
    JsonObject config = new JsonObject().put("http", new JsonObject().put("port", 0));
    Router router = EdgeRouter.create(vertx, config, new Readiness(), new OpenApiDoc("check-openapi.json"));
    router.get("/api/v1/things/:thingId").handler(rc -> {
      String id = rc.pathParam("thingId");
      JsonObject thing = new JsonObject().put("id", id).putNull("note");
      switch (id) {
        case "leaky" -> Responses.ok(rc, thing.put("ratingSum", 12));
        case "teapot" -> Responses.json(rc, 418, thing);
        case "gone" -> rc.fail(new ApiError(ErrorCode.NOT_FOUND, "No such thing"));
        default -> Responses.ok(rc, thing);
      }
    });
    router.post("/api/v1/things").handler(new JsonBody())
      .handler(rc -> Responses.created(rc, new JsonObject().put("id", "t1")));
    EdgeRouter.listen(vertx, router, config).onComplete(ctx.succeeding(server -> {
      client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.actualPort())
        .setDefaultHost("127.0.0.1"));
      ctx.completeNow();
    }));
  }

  @AfterEach
  void restore() {
    ResponseCheck.force(before);
    Violations.drain();
  }

  @Test
  @DisplayName("a declared status with a body that fits passes untouched, shared errors included")
  void fits(VertxTestContext ctx) {
    Checkpoint ok = ctx.checkpoint();
    Checkpoint notFound = ctx.checkpoint();
    client.get("/api/v1/things/t1").send().compose(r -> {
      ctx.verify(() -> assertThat(r.statusCode()).isEqualTo(200));
      ok.flag();
      return client.get("/api/v1/things/gone").send();
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.statusCode()).as("404 comes from the shared responses the assembler adds").isEqualTo(404);
      assertThat(Violations.drain()).isEmpty();
      notFound.flag();
    })));
  }

  @Test
  @DisplayName("an undocumented field becomes a 500 CONTRACT_VIOLATION naming it, and a recorded violation")
  void undeclaredField(VertxTestContext ctx) {
    client.get("/api/v1/things/leaky").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message"))
        .startsWith(ResponseCheck.MARK).contains("ratingSum");
      assertThat(Violations.drain()).singleElement().asString().contains("GET /api/v1/things/leaky");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("an undeclared status becomes a 500 CONTRACT_VIOLATION naming it")
  void undeclaredStatus(VertxTestContext ctx) {
    client.get("/api/v1/things/teapot").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("status 418");
      assertThat(Violations.drain()).hasSize(1);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a 2xx after a request body the document refuses is a violation")
  void acceptedUndeclaredInput(VertxTestContext ctx) {
    client.post("/api/v1/things").sendJsonObject(new JsonObject().put("name", "a").put("secret", true))
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(Violations.drain()).singleElement().asString().contains("accepted a request body");
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("the assembled document: Error code enum, operationId, tag, public security, shared responses")
  void assembled(Vertx vertx, VertxTestContext ctx) {
    new OpenApiDoc("check-openapi.json").load(vertx).onComplete(ctx.succeeding(doc -> ctx.verify(() -> {
      JsonObject op = doc.getJsonObject("paths").getJsonObject("/api/v1/things/{thingId}").getJsonObject("get");
      assertThat(op.getString("operationId")).isEqualTo("getThingsByThingId");
      assertThat(op.getJsonArray("tags")).containsExactly("things");
      assertThat(op.getJsonArray("security")).isEmpty();
      assertThat(op.getJsonObject("responses").fieldNames()).contains("200", "404", "429", "500", "503");
      assertThat(doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("Thing")
        .getBoolean("additionalProperties")).isFalse();
      assertThat(doc.encode()).contains("\"TOKEN_EXPIRED\"");
      ctx.completeNow();
    })));
  }
}
