package cm.reeyo.vendorapi;

import cm.reeyo.edge.AuthHandler;
import cm.reeyo.files.Files;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * Catalog images are server-made: a vendor names a confirmed upload of theirs ({@code logoFileId}, {@code coverFileId},
 * a menu item's {@code imageFileId}) and the catalog stores the public URLs of the file and its thumbnail. Someone
 * else's file, a file of another kind or an unconfirmed upload is refused (404 / 409) before the engine is called.
 */
final class CatalogImages {

  /** Body field → {kind, URL field, thumbnail URL field}. */
  static final Map<String, String[]> PROFILE = Map.of(
    "logoFileId", new String[] {"VENDOR_LOGO", "imageUrl", "thumbnailUrl"},
    "coverFileId", new String[] {"VENDOR_COVER", "coverImageUrl", null});
  static final Map<String, String[]> ITEM = Map.of(
    "imageFileId", new String[] {"MENU_ITEM_IMAGE", "imageUrl", "thumbnailUrl"});

  private final Files files;

  CatalogImages(Files files) {
    this.files = files;
  }

  /** Replaces the file id fields of {@code fields} (in place) by the files' URLs. */
  Future<JsonObject> resolve(RoutingContext ctx, JsonObject fields, Map<String, String[]> slots) {
    String vendorId = AuthHandler.principal(ctx).id();
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, String[]> slot : slots.entrySet()) {
      String fileId = (String) fields.remove(slot.getKey());
      if (fileId == null) {
        continue;
      }
      String[] target = slot.getValue();
      chain = chain.compose(v -> files.uploads().confirmedFile(vendorId, fileId, target[0]).map(file -> {
        fields.put(target[1], file.getString("url"));
        if (target[2] != null && file.getString("thumbnailUrl") != null) {
          fields.put(target[2], file.getString("thumbnailUrl"));
        }
        return null;
      }));
    }
    return chain.map(fields);
  }
}
