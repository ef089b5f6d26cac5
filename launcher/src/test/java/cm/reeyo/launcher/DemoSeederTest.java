package cm.reeyo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.contracts.OpsAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class DemoSeederTest {

  private static JsonObject config(String mode, boolean demoData) {
    return new JsonObject().put("mode", mode).put("node", new JsonObject().put("name", "n1"))
      .put("dev", new JsonObject().put("demoData", demoData)
        .put("admin", new JsonObject().put("email", "admin@reeyo.dev")));
  }

  @Test
  @DisplayName("demo data is asked for only in dev mode, by --demo or dev.demoData")
  void wanted() {
    assertThat(DemoSeeder.wanted(config("dev", false), true)).isTrue();
    assertThat(DemoSeeder.wanted(config("dev", true), false)).isTrue();
    assertThat(DemoSeeder.wanted(config("dev", false), false)).isFalse();
    assertThat(DemoSeeder.wanted(config("prod", true), true)).isFalse();
  }

  @Test
  @DisplayName("with no handler the node carries on: the outcome says skipped")
  void skippedWithoutHandler(Vertx vertx, VertxTestContext test) {
    DemoSeeder.seed(vertx, config("dev", true)).onComplete(test.succeeding(line -> test.verify(() -> {
      assertThat(line).startsWith("DEMO-DATA skipped");
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a handler of ops.v1.seed-demo receives the node and dev admin; its reply is reported as seeded")
  void seededByHandler(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer(OpsAddresses.SEED_DEMO, msg -> {
      test.verify(() -> {
        assertThat(msg.body().getString("node")).isEqualTo("n1");
        assertThat(msg.body().getJsonObject("admin").getString("email")).isEqualTo("admin@reeyo.dev");
      });
      msg.reply(new JsonObject().put("users", 3));
    }).completion()
      .compose(v -> DemoSeeder.seed(vertx, config("dev", true)))
      .onComplete(test.succeeding(line -> test.verify(() -> {
        assertThat(line).isEqualTo("DEMO-DATA seeded {\"users\":3}");
        test.completeNow();
      })));
  }
}
