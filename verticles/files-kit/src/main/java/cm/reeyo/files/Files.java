package cm.reeyo.files;

import cm.reeyo.apikit.ApiFoundation;
import io.vertx.core.Future;

/**
 * Files for one API verticle: the S3 store, the upload flow and the rider documents over the API's DynamoDB client.
 * Build it in {@code start()} ({@link #create}, cheap), then {@link #ready()} builds the S3 client and presigner on a
 * worker (the SDK builders load classes, read profiles and start I/O threads: not on an event loop) and, with
 * {@code files.createBuckets} (dev and tests), creates the configured buckets. Close it in {@code stop()}.
 */
public final class Files {

  private final FilesConfig config;
  private final RiderDocuments documents;
  private final FileRecords records;
  private volatile ObjectStore store;
  private volatile Uploads uploads;
  private UploadSweep sweep;
  private final io.vertx.core.Vertx vertx;
  private long sweepTimer = -1;

  private Files(ApiFoundation api) {
    this.vertx = api.vertx();
    this.config = FilesConfig.from(api.config());
    this.documents = new RiderDocuments(api.dynamo());
    this.records = new FileRecords(api.dynamo());
  }

  public static Files create(ApiFoundation api) {
    return new Files(api);
  }

  /**
   * Builds the S3 client and presigner on a worker, creates the buckets when configured to (dev), then starts the
   * sweep of expired uploads (when its interval is set).
   */
  public Future<Void> ready() {
    return vertx.executeBlocking(() -> new ObjectStore(config), false).compose(built -> {
      store = built;
      uploads = new Uploads(vertx, config, built, records, documents);
      sweep = new UploadSweep(built, records);
      return config.createBuckets()
        ? Future.all(config.kinds().values().stream().map(FileKind::bucket).distinct().map(built::ensureBucket).toList())
          .<Void>mapEmpty()
        : Future.<Void>succeededFuture();
    }).andThen(r -> {
      if (r.succeeded() && config.sweepInterval().toMillis() > 0) {
        sweepTimer = sweep.start(vertx, config.sweepInterval().toMillis());
      }
    });
  }

  /** One sweep of expired uploads now: how many it expired (tests and operators). */
  public Future<Integer> sweepOnce() {
    return sweep == null ? Future.failedFuture("files not ready") : sweep.once(java.time.Instant.now());
  }

  public FilesConfig config() {
    return config;
  }

  /** The upload flow; only after {@link #ready()} succeeded. */
  public Uploads uploads() {
    if (uploads == null) {
      throw new IllegalStateException("Files.ready() has not completed");
    }
    return uploads;
  }

  public RiderDocuments documents() {
    return documents;
  }

  public void close() {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    if (store != null) {
      store.close();
    }
  }
}
