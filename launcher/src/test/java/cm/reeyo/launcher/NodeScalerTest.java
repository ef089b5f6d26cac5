package cm.reeyo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.OpsAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("A node's scaling address writes its override file")
class NodeScalerTest {

  private static final Set<String> KNOWN = Set.of("user-api", "admin-api");

  @TempDir
  Path dir;

  @Test
  @DisplayName("a count lands in verticles.<name>.instances; other keys of the file are kept; previous is answered")
  void writesCount(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path file = dir.resolve("override.json");
    Files.writeString(file, "{\"log\": {\"level\": \"DEBUG\"}, \"verticles\": {\"user-api\": {\"instances\": 3}}}");
    var written = ctx.checkpoint();
    var second = ctx.checkpoint();
    vertx.deployVerticle(new NodeScaler("n1", file, KNOWN))
      .compose(id -> vertx.eventBus().<JsonObject>request(OpsAddresses.nodeScale("n1"),
        new JsonObject().put("verticle", "user-api").put("instances", 2)))
      .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
        assertThat(reply.body().getInteger("previous")).isEqualTo(3);
        JsonObject content = new JsonObject(Files.readString(file));
        assertThat(content.getJsonObject("verticles").getJsonObject("user-api").getInteger("instances")).isEqualTo(2);
        assertThat(content.getJsonObject("log").getString("level")).isEqualTo("DEBUG");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("override.json");
        written.flag();
      })))
      .compose(r -> vertx.eventBus().<JsonObject>request(OpsAddresses.nodeScale("n1"),
        new JsonObject().put("verticle", "admin-api").put("instances", 4)))
      .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
        JsonObject verticles = new JsonObject(Files.readString(file)).getJsonObject("verticles");
        assertThat(verticles.getJsonObject("admin-api").getInteger("instances")).isEqualTo(4);
        assertThat(verticles.getJsonObject("user-api").getInteger("instances")).isEqualTo(2);
        second.flag();
      })));
  }

  @Test
  @DisplayName("unknown verticle or count out of 1..32 → VALIDATION_FAILED; a node without an override file → CONFLICT")
  void refuses(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path file = dir.resolve("missing/override.json");
    var unknown = ctx.checkpoint();
    var zero = ctx.checkpoint();
    var noFile = ctx.checkpoint();
    vertx.deployVerticle(new NodeScaler("n2", file, KNOWN))
      .compose(id -> vertx.deployVerticle(new NodeScaler("n3", null, KNOWN)))
      .compose(id -> vertx.eventBus().request(OpsAddresses.nodeScale("n2"),
        new JsonObject().put("verticle", "rogue").put("instances", 2)))
      .onComplete(ctx.failing(e -> ctx.verify(() -> {
        assertThat(((ReplyException) e).failureCode()).isEqualTo(ErrorCode.VALIDATION_FAILED.busCode());
        unknown.flag();
      })))
      .recover(e -> vertx.eventBus().request(OpsAddresses.nodeScale("n2"),
        new JsonObject().put("verticle", "user-api").put("instances", 0)))
      .onComplete(ctx.failing(e -> ctx.verify(() -> {
        assertThat(((ReplyException) e).failureCode()).isEqualTo(ErrorCode.VALIDATION_FAILED.busCode());
        assertThat(Files.exists(file)).isFalse();
        zero.flag();
      })))
      .recover(e -> vertx.eventBus().request(OpsAddresses.nodeScale("n3"),
        new JsonObject().put("verticle", "user-api").put("instances", 2)))
      .onComplete(ctx.failing(e -> ctx.verify(() -> {
        assertThat(((ReplyException) e).failureCode()).isEqualTo(ErrorCode.CONFLICT.busCode());
        noFile.flag();
      })));
  }
}
