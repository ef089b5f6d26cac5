package cm.reeyo.orderflow;

import cm.reeyo.contracts.Role;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Rider documents over the real APIs and a real S3-compatible server")
class RiderDocumentsTest {

  private static final byte[] LICENCE = Uploader.jpeg(1200, 800);
  private static final byte[] NATIONAL_ID = Uploader.png(900, 600);
  private static final byte[] REGISTRATION = Uploader.pdf();

  @Test
  @Timeout(value = 180, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a rider uploads three documents through presigned URLs, an admin rejects one, the rider uploads it again, the admin approves all and then the rider")
  void uploadReviewApprove(Vertx vertx, VertxTestContext ctx) {
    var approvedAll = ctx.checkpoint();
    Platform.start(vertx, TestConfig.withFiles(new JsonObject())).compose(Platform::withNotifier).compose(p -> {
      Uploader up = new Uploader(p);
      return Future.all(
          p.account(AccountKind.RIDER, new JsonObject().put("firstName", "Ada").put("lastName", "N").put("phone", "+237673111222")
            .put("vehicleType", "MOTORCYCLE").put("approvalStatus", "PENDING").put("isPhoneVerified", true)),
          p.account(AccountKind.ADMIN, new JsonObject().put("name", "Admin").put("email", "docs-admin@reeyo.test")))
        .compose(ids -> {
          String riderId = ids.resultAt(0);
          String rider = p.token(riderId, Role.RIDER);
          String admin = p.token(ids.resultAt(1), Role.ADMIN);
          String docs = "/api/v1/riders/" + riderId + "/documents";
          return expectCode(p.call(HttpMethod.POST, Role.ADMIN, "/api/v1/riders/" + riderId + "/approve", admin, null),
              409, "DOCUMENTS_INCOMPLETE")
            .compose(v -> up.upload(Role.RIDER, rider, "DRIVING_LICENCE", "image/jpeg", LICENCE))
            .compose(licence -> {
              ctx.verify(() -> assertThat(licence.getString("thumbnailUrl")).as("images get a thumbnail").isNotBlank());
              return up.upload(Role.RIDER, rider, "NATIONAL_ID", "image/png", NATIONAL_ID);
            })
            .compose(v -> up.upload(Role.RIDER, rider, "VEHICLE_REGISTRATION", "application/pdf", REGISTRATION))
            .compose(v -> p.ok(HttpMethod.GET, Role.RIDER, "/api/v1/documents", rider, null))
            .compose(mine -> {
              ctx.verify(() -> {
                assertThat(statuses(mine)).containsOnly("PENDING_REVIEW").hasSize(3);
                assertThat(mine.getJsonArray("missing")).hasSize(3);
              });
              return p.ok(HttpMethod.GET, Role.ADMIN, docs, admin, null);
            })
            .compose(list -> {
              String licenceFile = fileOf(list, "DRIVING_LICENCE");
              return p.ok(HttpMethod.GET, Role.ADMIN, "/api/v1/files/" + licenceFile, admin, null)
                .compose(file -> up.fetch(file.getString("url")))
                .map(bytes -> {
                  ctx.verify(() -> assertThat(bytes.getBytes()).as("the admin sees the uploaded licence").isEqualTo(LICENCE));
                  return null;
                });
            })
            .compose(v -> p.ok(HttpMethod.POST, Role.ADMIN, docs + "/NATIONAL_ID/reject", admin,
              new JsonObject().put("reason", "The photo is blurred")))
            .compose(v -> p.ok(HttpMethod.GET, Role.RIDER, "/api/v1/documents", rider, null))
            .compose(mine -> {
              ctx.verify(() -> {
                JsonObject id = doc(mine, "NATIONAL_ID");
                assertThat(id.getString("status")).isEqualTo("REJECTED");
                assertThat(id.getString("reason")).isEqualTo("The photo is blurred");
              });
              return p.until(() -> p.ok(HttpMethod.GET, Role.RIDER, "/api/v1/notifications", rider, null),
                inbox -> inbox.getJsonArray("items").encode().contains("DOCUMENT_REJECTED"), 50, "the rider's inbox");
            })
            .compose(v -> up.upload(Role.RIDER, rider, "NATIONAL_ID", "image/png", NATIONAL_ID))
            .compose(v -> approve(p, admin, docs, "DRIVING_LICENCE"))
            .compose(v -> approve(p, admin, docs, "NATIONAL_ID"))
            .compose(v -> approve(p, admin, docs, "VEHICLE_REGISTRATION"))
            .compose(v -> p.ok(HttpMethod.GET, Role.RIDER, "/api/v1/documents", rider, null))
            .compose(mine -> {
              ctx.verify(() -> {
                assertThat(statuses(mine)).containsOnly("APPROVED").hasSize(3);
                assertThat(mine.getJsonArray("missing")).isEmpty();
              });
              return p.ok(HttpMethod.POST, Role.ADMIN, "/api/v1/riders/" + riderId + "/approve", admin, null);
            })
            .map(rider2 -> {
              ctx.verify(() -> assertThat(rider2.getString("approvalStatus")).isEqualTo("APPROVED"));
              return null;
            });
        });
    }).onSuccess(v -> approvedAll.flag()).onFailure(ctx::failNow);
  }

  private static Future<JsonObject> approve(Platform p, String admin, String docs, String kind) {
    return p.ok(HttpMethod.POST, Role.ADMIN, docs + "/" + kind + "/approve", admin, null);
  }

  static Future<Void> expectCode(Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> call, int status, String code) {
    return call.compose(r -> r.statusCode() == status && code.equals(r.bodyAsJsonObject().getJsonObject("error").getString("code"))
      ? Future.succeededFuture() : Future.failedFuture("expected " + status + " " + code + ", got " + r.statusCode() + " " + r.bodyAsString()));
  }

  private static java.util.List<String> statuses(JsonObject list) {
    return list.getJsonArray("documents").stream().map(d -> ((JsonObject) d).getString("status")).toList();
  }

  private static JsonObject doc(JsonObject list, String kind) {
    JsonArray docs = list.getJsonArray("documents");
    return docs.stream().map(JsonObject.class::cast).filter(d -> kind.equals(d.getString("kind"))).findFirst().orElseThrow();
  }

  private static String fileOf(JsonObject list, String kind) {
    return doc(list, kind).getString("fileId");
  }
}
