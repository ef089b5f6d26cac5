package cm.reeyo.orderflow;

import cm.reeyo.contracts.Role;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static cm.reeyo.orderflow.RiderDocumentsTest.expectCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Catalog images end to end on the real APIs and the S3-compatible server: a vendor uploads through presigned URLs,
 * attaches by file id on the vendor API, and a customer's vendor card and menu carry server-made URLs that anyone can
 * GET without credentials. File ids that are not the vendor's confirmed image of that kind attach nothing.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Vendor logo, cover and menu item images: uploaded, attached by file id, served anonymously")
class VendorImagesTest {

  private static final byte[] LOGO = Uploader.png(400, 300);
  private static final byte[] COVER = Uploader.jpeg(800, 400);
  private static final byte[] DISH = Uploader.jpeg(640, 480);

  @Test
  @Timeout(value = 240, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the customer's card and menu show server-made URLs serving the bytes; others' files, unconfirmed uploads and documents are refused")
  void images(Vertx vertx, VertxTestContext ctx) {
    var attached = ctx.checkpoint();
    var cardServes = ctx.checkpoint();
    var menuServes = ctx.checkpoint();
    var othersFile = ctx.checkpoint();
    var unconfirmed = ctx.checkpoint();
    var documentKind = ctx.checkpoint();
    var nothingAttached = ctx.checkpoint();
    var documentsStayPrivate = ctx.checkpoint();
    Platform.start(vertx, TestConfig.withFiles(new JsonObject())).compose(p -> {
      Uploader up = new Uploader(p);
      return Future.all(p.vendor(Map.of("Ndolé", 3_000L)), p.vendor(Map.of("Poulet DG", 4_500L)), p.customer(true, 0),
          p.account(AccountKind.RIDER, new JsonObject().put("firstName", "R").put("lastName", "Doc").put("phone", "+237673000201")
            .put("vehicleType", "MOTORCYCLE").put("approvalStatus", "PENDING").put("isPhoneVerified", true)))
        .compose(all -> {
          JsonObject vendor = all.resultAt(0);
          JsonObject other = all.resultAt(1);
          String customer = all.<JsonObject>resultAt(2).getString("token");
          String rider = p.token(all.resultAt(3), Role.RIDER);
          String token = vendor.getString("token");
          String itemId = vendor.getJsonObject("items").getString("Ndolé");
          String card = "/api/v1/vendors/" + vendor.getString("vendorId");
          return Future.all(up.upload(Role.VENDOR, token, "VENDOR_LOGO", "image/png", LOGO),
              up.upload(Role.VENDOR, token, "VENDOR_COVER", "image/jpeg", COVER),
              up.upload(Role.VENDOR, token, "MENU_ITEM_IMAGE", "image/jpeg", DISH))
            .compose(files -> {
              String logo = files.<JsonObject>resultAt(0).getString("fileId");
              String cover = files.<JsonObject>resultAt(1).getString("fileId");
              String dish = files.<JsonObject>resultAt(2).getString("fileId");
              return p.ok(HttpMethod.PATCH, Role.VENDOR, "/api/v1/profile", token,
                  new JsonObject().put("logoFileId", logo).put("coverFileId", cover))
                .compose(v -> p.ok(HttpMethod.PATCH, Role.VENDOR, "/api/v1/menu/" + itemId, token,
                  new JsonObject().put("imageFileId", dish)))
                .map(item -> {
                  ctx.verify(() -> assertThat(item.getString("imageUrl")).as("the menu item as the vendor API answers it")
                    .contains(dish).doesNotContain("X-Amz-"));
                  attached.flag();
                  return null;
                });
            })
            .compose(v -> p.ok(HttpMethod.GET, Role.USER, card, customer, null))
            .compose(seen -> Future.all(served(p, seen.getString("imageUrl"), LOGO, "image/png"),
                served(p, seen.getString("coverImageUrl"), COVER, "image/jpeg"),
                thumbnail(p, seen.getString("thumbnailUrl")))
              .onSuccess(x -> cardServes.flag()).map(seen))
            .compose(seen -> p.ok(HttpMethod.GET, Role.USER, card + "/menu", customer, null).compose(menu -> {
              JsonObject item = menu.getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(i -> itemId.equals(i.getString("itemId"))).findFirst().orElseThrow();
              return Future.all(served(p, item.getString("imageUrl"), DISH, "image/jpeg"), thumbnail(p, item.getString("thumbnailUrl")))
                .onSuccess(x -> menuServes.flag()).map(x -> new JsonObject().put("card", seen).put("item", item));
            }))
            .compose(before -> up.upload(Role.VENDOR, other.getString("token"), "VENDOR_LOGO", "image/png", Uploader.png(50, 50))
              .compose(f -> expectCode(p.call(HttpMethod.PATCH, Role.VENDOR, "/api/v1/profile", token,
                new JsonObject().put("logoFileId", f.getString("fileId"))), 404, "NOT_FOUND"))
              .onSuccess(x -> othersFile.flag())
              .compose(x -> up.ticket(Role.VENDOR, token, "MENU_ITEM_IMAGE", "image/jpeg", DISH.length))
              .compose(t -> up.put(t, t.getString("url"), DISH).compose(put -> expectCode(p.call(HttpMethod.PATCH, Role.VENDOR,
                "/api/v1/menu/" + itemId, token, new JsonObject().put("imageFileId", t.getString("uploadId"))), 409, "CONFLICT")))
              .onSuccess(x -> unconfirmed.flag())
              .compose(x -> up.upload(Role.RIDER, rider, "DRIVING_LICENCE", "image/png", LOGO))
              .compose(doc -> expectCode(p.call(HttpMethod.PATCH, Role.VENDOR, "/api/v1/profile", token,
                  new JsonObject().put("coverFileId", doc.getString("fileId"))), 404, "NOT_FOUND")
                .compose(x -> expectCode(p.call(HttpMethod.POST, Role.VENDOR, "/api/v1/uploads", token, new JsonObject()
                  .put("kind", "NATIONAL_ID").put("contentType", "image/png").put("size", 100)), 400, "VALIDATION_FAILED"))
                .onSuccess(x -> documentKind.flag())
                .compose(x -> Future.all(p.ok(HttpMethod.GET, Role.USER, card, customer, null),
                  p.ok(HttpMethod.GET, Role.USER, card + "/menu", customer, null)))
                .map(after -> {
                  ctx.verify(() -> {
                    JsonObject seen = before.getJsonObject("card");
                    JsonObject now = after.resultAt(0);
                    for (String field : new String[] {"imageUrl", "thumbnailUrl", "coverImageUrl"}) {
                      assertThat(now.getString(field)).as(field).isEqualTo(seen.getString(field));
                    }
                    assertThat(after.<JsonObject>resultAt(1).getJsonArray("items").stream().map(JsonObject.class::cast)
                      .filter(i -> itemId.equals(i.getString("itemId"))).findFirst().orElseThrow().getString("imageUrl"))
                      .isEqualTo(before.getJsonObject("item").getString("imageUrl"));
                  });
                  nothingAttached.flag();
                  return doc;
                }))
              .compose(doc -> p.web.getAbs(doc.getString("url").substring(0, doc.getString("url").indexOf('?'))).send())
              .map(r -> {
                ctx.verify(() -> assertThat(r.statusCode()).as("a rider document without its signature").isEqualTo(403));
                documentsStayPrivate.flag();
                return null;
              }));
        });
    }).onFailure(ctx::failNow);
  }

  /** GET without credentials: 200, the uploaded bytes, the declared type. */
  private static Future<Void> served(Platform p, String url, byte[] bytes, String contentType) {
    return get(p, url).compose(r -> r.statusCode() == 200 && java.util.Arrays.equals(r.body().getBytes(), bytes)
      && contentType.equals(r.getHeader("Content-Type")) ? Future.succeededFuture()
      : Future.failedFuture("GET " + url + " answered " + r.statusCode() + " " + r.getHeader("Content-Type")
        + " with " + (r.body() == null ? 0 : r.body().length()) + " bytes"));
  }

  /** GET without credentials: 200 and a JPEG. */
  private static Future<Void> thumbnail(Platform p, String url) {
    return get(p, url).compose(r -> {
      byte[] b = r.body() == null ? new byte[0] : r.body().getBytes();
      return r.statusCode() == 200 && b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF
        ? Future.succeededFuture() : Future.failedFuture("thumbnail " + url + " answered " + r.statusCode());
    });
  }

  private static Future<HttpResponse<Buffer>> get(Platform p, String url) {
    return url == null ? Future.failedFuture("no URL") : p.web.getAbs(url).send();
  }
}
