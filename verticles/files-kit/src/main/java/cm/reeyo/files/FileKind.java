package cm.reeyo.files;

import cm.reeyo.contracts.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One kind of file callers may upload ({@code files.kinds.<NAME>} in config): who may upload it, what it is for, where
 * it is kept (bucket and key prefix), which content types and how many bytes are accepted, and for catalog images the
 * public base URL their server-made URLs start with.
 */
public record FileKind(String name, Set<Role> roles, Purpose purpose, boolean required, String bucket, String prefix,
                       Set<String> types, long maxBytes, String publicBaseUrl) {

  /** What a confirmed file of the kind becomes. */
  public enum Purpose {
    /** A rider's document of that kind, reviewed by an admin; viewed through short-lived URLs only. */
    RIDER_DOCUMENT,
    /** A vendor's logo, cover or menu item image: a public, server-made URL. */
    CATALOG_IMAGE
  }

  public static final String DOCUMENTS_BUCKET = "reeyo-documents";
  public static final String CATALOG_BUCKET = "reeyo-catalog";
  static final Set<String> IMAGES = Set.of(FileType.JPEG, FileType.PNG, FileType.WEBP);
  static final Set<String> DOCUMENTS = Set.of(FileType.JPEG, FileType.PNG, FileType.WEBP, FileType.PDF);

  public boolean image(String contentType) {
    return IMAGES.contains(contentType);
  }

  /** The kinds of {@code conf} (the {@code files.kinds} object), or the defaults when it names none. */
  static Map<String, FileKind> parse(JsonObject conf) {
    JsonObject kinds = conf == null || conf.isEmpty() ? defaults() : conf;
    Map<String, FileKind> out = new LinkedHashMap<>();
    for (String name : kinds.fieldNames()) {
      JsonObject k = kinds.getJsonObject(name);
      out.put(name, new FileKind(name,
        k.getJsonArray("roles").stream().map(r -> Role.valueOf(r.toString())).collect(Collectors.toUnmodifiableSet()),
        Purpose.valueOf(k.getString("purpose")), k.getBoolean("required", false), k.getString("bucket"),
        k.getString("prefix", name.toLowerCase() + "/"),
        k.getJsonArray("types").stream().map(Object::toString).collect(Collectors.toUnmodifiableSet()),
        k.getLong("maxBytes", 5L * 1024 * 1024), k.getString("publicBaseUrl")));
    }
    return out;
  }

  /** Rider documents (driving licence, national ID, vehicle registration: all required) and the catalog images. */
  static JsonObject defaults() {
    JsonObject kinds = new JsonObject();
    for (String doc : new String[] {"DRIVING_LICENCE", "NATIONAL_ID", "VEHICLE_REGISTRATION"}) {
      kinds.put(doc, kind(Role.RIDER, Purpose.RIDER_DOCUMENT, DOCUMENTS_BUCKET, "riders/", DOCUMENTS, 10L * 1024 * 1024)
        .put("required", true));
    }
    kinds.put("VENDOR_LOGO", kind(Role.VENDOR, Purpose.CATALOG_IMAGE, CATALOG_BUCKET, "vendors/logo/", IMAGES, 2L * 1024 * 1024));
    kinds.put("VENDOR_COVER", kind(Role.VENDOR, Purpose.CATALOG_IMAGE, CATALOG_BUCKET, "vendors/cover/", IMAGES, 5L * 1024 * 1024));
    kinds.put("MENU_ITEM_IMAGE", kind(Role.VENDOR, Purpose.CATALOG_IMAGE, CATALOG_BUCKET, "menu/", IMAGES, 5L * 1024 * 1024));
    return kinds;
  }

  private static JsonObject kind(Role role, Purpose purpose, String bucket, String prefix, Set<String> types, long max) {
    return new JsonObject().put("roles", new JsonArray().add(role.name())).put("purpose", purpose.name())
      .put("bucket", bucket).put("prefix", prefix).put("types", new JsonArray(types.stream().sorted().toList()))
      .put("maxBytes", max);
  }
}
