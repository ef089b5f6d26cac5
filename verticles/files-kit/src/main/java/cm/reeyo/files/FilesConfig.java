package cm.reeyo.files;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Map;

/**
 * The {@code files} section of the node config: where the S3 API is ({@code endpoint} empty = AWS itself, with the
 * default credentials chain; set = an S3-compatible server with {@code accessKey}/{@code secretKey}), how long
 * presigned URLs live, whether buckets are created on start (dev), thumbnail size, how often expired uploads are swept
 * ({@code sweepIntervalSeconds}, 0 = never), the upload kinds, and {@code catalogObjectAcl}: the canned ACL catalog
 * images are written with so their URLs are anonymously readable where the store has no bucket policy (dev and tests
 * on S3Proxy: {@code public-read}); null in production, where the catalog bucket's policy (or the CDN in front of it,
 * a kind's {@code publicBaseUrl}) makes its objects public and ACLs are disabled (Object Ownership: bucket owner
 * enforced).
 */
public record FilesConfig(String endpoint, String region, String accessKey, String secretKey, boolean pathStyle,
                          boolean createBuckets, Duration uploadTtl, Duration viewTtl, int thumbnailPx,
                          Duration sweepInterval, Map<String, FileKind> kinds, String catalogObjectAcl) {

  public static final String CONF = "files";
  /** Key prefix of objects not yet confirmed; production buckets expire it with a lifecycle rule. */
  public static final String INCOMING = "incoming/";

  public static FilesConfig from(JsonObject nodeConfig) {
    JsonObject c = nodeConfig.getJsonObject(CONF, new JsonObject());
    String endpoint = c.getString("endpoint");
    return new FilesConfig(endpoint == null || endpoint.isBlank() ? null : endpoint, c.getString("region", "us-east-1"),
      c.getString("accessKey"), c.getString("secretKey"), c.getBoolean("pathStyle", endpoint != null),
      c.getBoolean("createBuckets", false), Duration.ofSeconds(c.getLong("uploadTtlSeconds", 300L)),
      Duration.ofSeconds(c.getLong("viewTtlSeconds", 300L)), c.getInteger("thumbnailPx", 320),
      Duration.ofSeconds(c.getLong("sweepIntervalSeconds", 300L)), FileKind.parse(c.getJsonObject("kinds")),
      blankToNull(c.getString("catalogObjectAcl")));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** The document kinds a rider needs approved before the rider can be. */
  public java.util.Set<String> requiredRiderDocuments() {
    return kinds.values().stream().filter(k -> k.purpose() == FileKind.Purpose.RIDER_DOCUMENT && k.required())
      .map(FileKind::name).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  public FileKind kind(String name) {
    return kinds.get(name);
  }

  /**
   * The public URL of a catalog image's key: the kind's {@code publicBaseUrl} (a CDN), else the bucket on the configured
   * endpoint (path style, dev), else the bucket's virtual-hosted S3 address.
   */
  public String publicUrl(FileKind kind, String key) {
    if (kind.publicBaseUrl() != null) {
      return kind.publicBaseUrl() + "/" + key;
    }
    return endpoint != null ? endpoint + "/" + kind.bucket() + "/" + key
      : "https://" + kind.bucket() + ".s3." + region + ".amazonaws.com/" + key;
  }
}
