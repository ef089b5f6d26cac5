package cm.reeyo.files;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.Ids;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * The upload flow. {@link #create} records a PENDING upload and answers a presigned PUT URL for
 * {@code incoming/<fileId>}, bound to the declared type and size. {@link #confirm} checks that the object is there,
 * has the declared size and really is the declared type (magic bytes), makes a thumbnail of images on a worker,
 * moves it to its kind's prefix, and only then marks it CONFIRMED and attaches it (a rider document). Bytes that
 * are not what was declared reject the upload for good (object deleted, nothing attached); bytes not yet there leave
 * it pending until its URL expires.
 */
public final class Uploads {

  private final Vertx vertx;
  private final FilesConfig config;
  private final ObjectStore store;
  private final FileRecords records;
  private final RiderDocuments documents;

  Uploads(Vertx vertx, FilesConfig config, ObjectStore store, FileRecords records, RiderDocuments documents) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.records = records;
    this.documents = documents;
  }

  /** {@code {uploadId, url, method, headers, expiresAt}} for a kind the caller's role may upload. */
  public Future<JsonObject> create(Principal caller, FileKind kind, String contentType, long size) {
    String fileId = Ids.next("file");
    Instant expires = Instant.now().plus(config.uploadTtl());
    String incoming = FilesConfig.INCOMING + fileId;
    ObjectStore.Presigned put = store.presignPut(kind.bucket(), incoming, contentType, size, config.uploadTtl());
    JsonObject upload = new JsonObject().put("fileId", fileId).put("ownerId", caller.id()).put("ownerRole", caller.role().name())
      .put("kind", kind.name()).put("contentType", contentType).put("size", size).put("bucket", kind.bucket())
      .put("incomingKey", incoming).put("state", FileRecords.PENDING).put("pending", FileRecords.PENDING)
      .put("createdAt", Timestamps.now()).put("expiresAt", expires.getEpochSecond());
    return records.create(upload).map(v -> new JsonObject().put("uploadId", fileId).put("url", put.url()).put("method", "PUT")
      .put("headers", new JsonObject(new java.util.LinkedHashMap<>(put.headers()))).put("expiresAt", Timestamps.format(expires)));
  }

  /** The confirmed file's view; see the class comment for the checks. NOT_FOUND for someone else's upload. */
  public Future<JsonObject> confirm(Principal caller, String fileId) {
    return owned(caller, fileId).compose(upload -> switch (upload.getString("state")) {
      case FileRecords.CONFIRMED -> Future.succeededFuture(upload);
      case FileRecords.REJECTED -> Future.failedFuture(ErrorCode.FILE_REJECTED.exception(
        "This upload was refused: " + upload.getString("reason") + "; start a new one"));
      default -> check(upload);
    }).map(this::view);
  }

  /** A file's view with a short-lived URL; NOT_FOUND unless the caller owns it (admins see every file). */
  public Future<JsonObject> view(Principal caller, String fileId) {
    return (caller.role() == Role.ADMIN ? records.get(fileId) : owned(caller, fileId)).compose(file -> {
      if (file == null) {
        return Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such file"));
      }
      if (!FileRecords.CONFIRMED.equals(file.getString("state"))) {
        return Future.failedFuture(ErrorCode.CONFLICT.exception("This upload is not confirmed"));
      }
      return Future.succeededFuture(view(file));
    });
  }

  /** The confirmed file of {@code kind} owned by {@code ownerId}, or NOT_FOUND / CONFLICT: for attaching catalog images. */
  public Future<JsonObject> confirmedFile(String ownerId, String fileId, String kind) {
    return records.get(fileId).compose(file -> file == null || !ownerId.equals(file.getString("ownerId"))
      || !kind.equals(file.getString("kind"))
      ? Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such " + kind + " file"))
      : FileRecords.CONFIRMED.equals(file.getString("state")) ? Future.succeededFuture(view(file))
      : Future.failedFuture(ErrorCode.CONFLICT.exception("This upload is not confirmed")));
  }

  private Future<JsonObject> owned(Principal caller, String fileId) {
    return records.get(fileId).compose(upload -> upload == null || !caller.id().equals(upload.getString("ownerId"))
      ? Future.failedFuture(ErrorCode.NOT_FOUND.exception("No such upload")) : Future.succeededFuture(upload));
  }

  private Future<JsonObject> check(JsonObject upload) {
    if (Instant.now().getEpochSecond() > upload.getLong("expiresAt")) {
      return Future.failedFuture(ErrorCode.UPLOAD_EXPIRED.exception("This upload's URL expired; start a new one"));
    }
    String bucket = upload.getString("bucket");
    String incoming = upload.getString("incomingKey");
    FileKind kind = config.kind(upload.getString("kind"));
    return store.head(bucket, incoming).compose(head -> {
      if (head == null) {
        return Future.failedFuture(ErrorCode.UPLOAD_MISSING.exception("Nothing was uploaded to this upload's URL yet"));
      }
      if (head.contentLength() == null || head.contentLength().longValue() != upload.getLong("size").longValue()) {
        return refuse(upload, "the stored size is not the declared size");
      }
      boolean image = kind.image(upload.getString("contentType"));
      return store.bytes(bucket, incoming, image ? null : "bytes=0-" + (FileType.HEAD_BYTES - 1))
        .compose(bytes -> upload.getString("contentType").equals(FileType.detect(bytes))
          ? store(upload, kind, bytes, image)
          : refuse(upload, "the bytes are not " + upload.getString("contentType")));
    });
  }

  private Future<JsonObject> store(JsonObject upload, FileKind kind, byte[] bytes, boolean image) {
    String bucket = upload.getString("bucket");
    String key = kind.prefix() + upload.getString("ownerId") + "/" + upload.getString("fileId");
    JsonObject confirmed = new JsonObject().put("key", key).put("confirmedAt", Timestamps.now());
    String acl = kind.purpose() == FileKind.Purpose.CATALOG_IMAGE ? config.catalogObjectAcl() : null;
    Future<Void> thumbnail = Future.succeededFuture();
    if (image) {
      String thumbKey = key + "-thumb.jpg";
      confirmed.put("thumbKey", thumbKey);
      thumbnail = vertx.executeBlocking(() -> Thumbnails.of(bytes, config.thumbnailPx()), false)
        .compose(thumb -> store.put(bucket, thumbKey, Thumbnails.CONTENT_TYPE, thumb, acl));
    }
    return thumbnail.recover(f -> refuse(upload, "the image cannot be read").mapEmpty())
      .compose(v -> store.copy(bucket, upload.getString("incomingKey"), key, acl))
      .compose(v -> store.delete(bucket, upload.getString("incomingKey")))
      .compose(v -> records.confirm(upload.getString("fileId"), confirmed))
      .compose(v -> attach(upload, kind))
      .map(v -> upload.copy().mergeIn(confirmed).put("state", FileRecords.CONFIRMED));
  }

  private Future<Void> attach(JsonObject upload, FileKind kind) {
    return kind.purpose() == FileKind.Purpose.RIDER_DOCUMENT
      ? documents.attach(upload.getString("ownerId"), kind.name(), upload.getString("fileId"))
      : Future.succeededFuture();
  }

  private <T> Future<T> refuse(JsonObject upload, String reason) {
    return store.delete(upload.getString("bucket"), upload.getString("incomingKey"))
      .compose(v -> records.reject(upload.getString("fileId"), reason))
      .transform(r -> Future.failedFuture(ErrorCode.FILE_REJECTED.exception("Upload refused: " + reason)));
  }

  private JsonObject view(JsonObject file) {
    FileKind kind = config.kind(file.getString("kind"));
    JsonObject v = new JsonObject().put("fileId", file.getString("fileId")).put("kind", file.getString("kind"))
      .put("contentType", file.getString("contentType")).put("size", file.getLong("size"))
      .put("createdAt", file.getString("createdAt"));
    String key = file.getString("key");
    String thumb = file.getString("thumbKey");
    if (kind.purpose() == FileKind.Purpose.CATALOG_IMAGE) {
      v.put("url", config.publicUrl(kind, key));
      if (thumb != null) {
        v.put("thumbnailUrl", config.publicUrl(kind, thumb));
      }
    } else {
      v.put("url", store.presignGet(file.getString("bucket"), key, config.viewTtl()));
      if (thumb != null) {
        v.put("thumbnailUrl", store.presignGet(file.getString("bucket"), thumb, config.viewTtl()));
      }
      v.put("urlExpiresAt", Timestamps.format(Instant.now().plus(config.viewTtl())));
    }
    return v;
  }
}
