package cm.reeyo.files;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.TableBootstrap;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
@DisplayName("The sweep of unconfirmed uploads")
class UploadSweepTest {

  private ApiFoundation api;
  private Files files;

  @BeforeEach
  void start(Vertx vertx) {
    api = ApiFoundation.create(vertx, TestConfig.withFiles(TestConfig.fresh()).put("files",
      TestConfig.withFiles(TestConfig.fresh()).getJsonObject("files").put("uploadTtlSeconds", 1).put("sweepIntervalSeconds", 0)),
      "openapi/files/uploads.json");
    files = Files.create(api);
    new TableBootstrap(api.dynamo()).ensureAll().compose(v -> files.ready()).await();
  }

  @AfterEach
  void stop() {
    files.close();
    api.close().await();
  }

  @Test
  @DisplayName("an upload never confirmed is expired once its URL expired: swept once, then refused on confirm")
  void expires(Vertx vertx) {
    Principal rider = new Principal("rider_sweep_" + System.nanoTime(), Role.RIDER);
    String id = files.uploads().create(rider, files.config().kind("NATIONAL_ID"), FileType.PNG, 100).await()
      .getString("uploadId");
    assertThat(files.sweepOnce().await()).as("not expired yet").isZero();
    vertx.timer(2_100).await();
    assertThat(files.sweepOnce().await()).isGreaterThanOrEqualTo(1);
    assertThatThrownBy(() -> files.uploads().confirm(rider, id).await())
      .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(ErrorCode.UPLOAD_EXPIRED.busCode()));
    assertThat(files.documents().list(rider.id()).await()).isEmpty();
  }
}
