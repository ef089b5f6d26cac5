package cm.reeyo.wallet;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Campay client against the dev services' own Campay fakes ({@code devservices/fakes/mappings}) served by the
 * {@code wiremock/wiremock} image, as a developer's docker set-up runs them. Skipped (reported as such) on machines
 * without a Docker engine; the in-process WireMock fakes cover the same calls everywhere else.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(VertxExtension.class)
@DisplayName("Campay client on the wiremock/wiremock container with the dev fakes")
class CampayWireMockContainerTest {

  static final Path FAKES = Path.of("../../devservices/fakes/mappings").toAbsolutePath().normalize();

  @Container
  static final GenericContainer<?> WIREMOCK = new GenericContainer<>(DockerImageName.parse("wiremock/wiremock:3.13.2"))
    .withExposedPorts(8080)
    .withCopyFileToContainer(MountableFile.forHostPath(FAKES), "/home/wiremock/mappings")
    .waitingFor(Wait.forHttp("/__admin/health").forStatusCode(200));

  CampayClient client(Vertx vertx) {
    String base = "http://" + WIREMOCK.getHost() + ":" + WIREMOCK.getMappedPort(8080);
    return new CampayClient(vertx, new CampayConfig(base, "dev", "dev", "dev-campay-webhook-key", 5_000, 5, 30_000),
      Clock.systemUTC());
  }

  @Test
  @DisplayName("a collection gets a reference and a USSD code, and its status reads PENDING")
  void collectThenStatus(Vertx vertx, VertxTestContext ctx) {
    CampayClient campay = client(vertx);
    campay.collect(5_000, "+237670000001", "Top-up", "pm_container_1")
      .compose(collected -> {
        ctx.verify(() -> {
          assertThat(collected.getString("reference")).isNotBlank();
          assertThat(collected.getString("ussd_code")).isEqualTo("*126#");
        });
        return campay.transaction(collected.getString("reference"));
      })
      .onComplete(ctx.succeeding(status -> ctx.verify(() -> {
        assertThat(status.getString("status")).isEqualTo("PENDING");
        campay.close();
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("a withdrawal gets a reference")
  void withdraw(Vertx vertx, VertxTestContext ctx) {
    CampayClient campay = client(vertx);
    campay.withdraw(2_000, "+237670000002", "Payout", "po_container_1")
      .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
        assertThat(answer.getString("reference")).isNotBlank();
        campay.close();
        ctx.completeNow();
      })));
  }
}
