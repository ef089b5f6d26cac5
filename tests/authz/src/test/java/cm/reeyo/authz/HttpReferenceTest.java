package cm.reeyo.authz;

import cm.reeyo.contracts.Role;
import cm.reeyo.platformtest.HttpReference;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/http.md} is what the running APIs document: rendered from the four {@code /openapi.json} documents and
 * compared with the committed file. With {@code -Dreeyo.docs.write=true} the test writes the file instead.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("docs/http.md")
class HttpReferenceTest {

  static final String REGENERATE = "mvn -B -o -pl tests/authz -am test -Dtest=HttpReferenceTest "
    + "-Dsurefire.failIfNoSpecifiedTests=false -Dreeyo.docs.write=true";

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("regenerated from the four APIs' OpenAPI documents, it equals the committed file")
  void inSync(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx).compose(HttpReferenceTest::documents).onComplete(ctx.succeeding(apis -> ctx.verify(() -> {
      String rendered = HttpReference.render(apis);
      Path file = docs().resolve("http.md");
      if (Boolean.getBoolean("reeyo.docs.write")) {
        Files.writeString(file, rendered, StandardCharsets.UTF_8);
      }
      String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      assertThat(committed).as("docs/http.md is out of date with the APIs' OpenAPI documents; regenerate it with:\n  "
        + REGENERATE + "\n").isEqualTo(rendered);
      assertThat(rendered).contains("### `GET /api/v1/orders`", "### `POST /api/v1/orders/{orderId}/accept`",
        "### `GET /api/v1/cluster`", "### `POST /api/v1/location`");
      ctx.completeNow();
    })));
  }

  private static Future<List<HttpReference.Api>> documents(Platform p) {
    List<HttpReference.Api> apis = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Role role : List.of(Role.USER, Role.VENDOR, Role.RIDER, Role.ADMIN)) {
      chain = chain.compose(v -> p.ok(HttpMethod.GET, role, "/openapi.json", null, null))
        .map(doc -> {
          apis.add(new HttpReference.Api(role.name().toLowerCase() + "-api", role.name(), doc));
          return null;
        });
    }
    return chain.map(apis);
  }

  /** The repository's {@code docs/} folder, found from the module's working directory upwards. */
  private static Path docs() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("docs")) && Files.exists(dir.resolve("scripts/test"))) {
        return dir.resolve("docs");
      }
    }
    throw new AssertionError("no docs/ folder above " + Path.of("").toAbsolutePath());
  }
}
