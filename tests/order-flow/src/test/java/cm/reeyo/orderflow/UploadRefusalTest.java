package cm.reeyo.orderflow;

import cm.reeyo.contracts.Role;
import cm.reeyo.files.FileKind;
import cm.reeyo.files.FilesConfig;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.testkit.LocalS3;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import static cm.reeyo.orderflow.RiderDocumentsTest.expectCode;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Uploads that are not what was declared, never sent, tampered with or someone else's")
class UploadRefusalTest {

  private static final byte[] PNG = Uploader.png(64, 64);

  @Test
  @Timeout(value = 180, timeUnit = TimeUnit.SECONDS)
  @DisplayName("wrong type, larger than declared or never uploaded: refused in the error shape, nothing attached; a tampered URL is refused by S3; another user's file is a 404")
  void refusals(Vertx vertx, VertxTestContext ctx) {
    var wrongType = ctx.checkpoint();
    var larger = ctx.checkpoint();
    var missing = ctx.checkpoint();
    var tampered = ctx.checkpoint();
    var othersFile = ctx.checkpoint();
    var nothingAttached = ctx.checkpoint();
    Platform.start(vertx, TestConfig.withFiles(new JsonObject())).compose(p -> {
      Uploader up = new Uploader(p);
      return Future.all(rider(p, "+237673000101"), rider(p, "+237673000102"),
          p.account(AccountKind.VENDOR, new JsonObject().put("businessName", "V").put("ownerName", "O").put("phone", "+237672000109")
            .put("approvalStatus", "APPROVED").put("isPhoneVerified", true)))
        .compose(ids -> {
          String a = p.token(ids.resultAt(0), Role.RIDER);
          String b = p.token(ids.resultAt(1), Role.RIDER);
          String vendor = p.token(ids.resultAt(2), Role.VENDOR);
          byte[] pdf = Uploader.pdf();
          return up.ticket(Role.RIDER, a, "DRIVING_LICENCE", "image/png", pdf.length)
            .compose(t -> up.put(t, t.getString("url"), pdf).compose(put -> {
              ctx.verify(() -> assertThat(put.statusCode()).as("S3 takes the bytes; only the confirm can tell").isEqualTo(200));
              return expectCode(up.confirm(Role.RIDER, a, t.getString("uploadId")), 422, "FILE_REJECTED");
            }))
            .onSuccess(v -> wrongType.flag())
            .compose(v -> up.ticket(Role.RIDER, a, "NATIONAL_ID", "image/png", PNG.length))
            .compose(t -> up.put(t, t.getString("url"), Arrays.copyOf(PNG, PNG.length + 500)).compose(put -> {
              ctx.verify(() -> assertThat(put.statusCode()).as("S3 refuses more bytes than signed").isEqualTo(403));
              return expectCode(up.confirm(Role.RIDER, a, t.getString("uploadId")), 409, "UPLOAD_MISSING").map(t);
            }))
            .compose(t -> {
              FileKind kind = FilesConfig.from(p.config).kind("NATIONAL_ID");
              String url = storeDirectly(kind.bucket(), FilesConfig.INCOMING + t.getString("uploadId"));
              return p.web.putAbs(url).putHeader("Content-Type", "image/png")
                .sendBuffer(io.vertx.core.buffer.Buffer.buffer(Arrays.copyOf(PNG, PNG.length + 500)))
                .map(r -> {
                  ctx.verify(() -> assertThat(r.statusCode()).as("written straight to the bucket").isEqualTo(200));
                  return t;
                });
            })
            .compose(t -> expectCode(up.confirm(Role.RIDER, a, t.getString("uploadId")), 422, "FILE_REJECTED"))
            .onSuccess(v -> larger.flag())
            .compose(v -> up.ticket(Role.RIDER, a, "VEHICLE_REGISTRATION", "application/pdf", pdf.length))
            .compose(t -> expectCode(up.confirm(Role.RIDER, a, t.getString("uploadId")), 409, "UPLOAD_MISSING").map(t))
            .compose(t -> {
              missing.flag();
              String other = t.getString("url").replace(t.getString("uploadId"), t.getString("uploadId") + "x");
              return up.put(t, other, pdf);
            })
            .compose(put -> {
              ctx.verify(() -> assertThat(put.statusCode()).as("a URL whose key was changed").isEqualTo(403));
              tampered.flag();
              return up.upload(Role.RIDER, a, "DRIVING_LICENCE", "image/png", PNG);
            })
            .compose(file -> {
              String path = "/api/v1/files/" + file.getString("fileId");
              return expectCode(p.call(HttpMethod.GET, Role.RIDER, path, b, null), 404, "NOT_FOUND")
                .compose(v -> expectCode(p.call(HttpMethod.GET, Role.VENDOR, path, vendor, null), 404, "NOT_FOUND"))
                .compose(v -> expectCode(up.confirm(Role.RIDER, b, file.getString("fileId")), 404, "NOT_FOUND"));
            })
            .onSuccess(v -> othersFile.flag())
            .compose(v -> p.ok(HttpMethod.GET, Role.RIDER, "/api/v1/documents", a, null))
            .map(mine -> {
              ctx.verify(() -> assertThat(mine.getJsonArray("documents").stream().map(d -> ((JsonObject) d).getString("kind")).toList())
                .as("only the one good upload became a document").containsExactly("DRIVING_LICENCE"));
              nothingAttached.flag();
              return null;
            });
        });
    }).onFailure(ctx::failNow);
  }

  /** A PUT URL for any size, as a store that does not enforce the declared size would take it. */
  private static String storeDirectly(String bucket, String key) {
    try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(LocalS3.endpoint()))
      .region(Region.of(LocalS3.REGION))
      .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
      .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
      return presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(1))
        .putObjectRequest(r -> r.bucket(bucket).key(key).contentType("image/png"))).url().toString();
    }
  }

  private static Future<String> rider(Platform p, String phone) {
    return p.account(AccountKind.RIDER, new JsonObject().put("firstName", "R").put("lastName", phone).put("phone", phone)
      .put("vehicleType", "MOTORCYCLE").put("approvalStatus", "PENDING").put("isPhoneVerified", true));
  }
}
