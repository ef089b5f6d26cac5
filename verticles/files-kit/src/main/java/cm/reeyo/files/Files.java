package cm.reeyo.files;

import cm.reeyo.apikit.ApiFoundation;
import io.vertx.core.Future;

/**
 * Files for one API verticle: the S3 store, the upload flow and the rider documents over the API's DynamoDB client.
 * Build it in {@code start()} ({@link #create}), close it in {@code stop()}. With {@code files.createBuckets} (dev and
 * tests) {@link #ready()} creates the configured buckets.
 */
public final class Files {

  private final FilesConfig config;
  private final ObjectStore store;
  private final Uploads uploads;
  private final RiderDocuments documents;
  private final UploadSweep sweep;
  private final io.vertx.core.Vertx vertx;
  private long sweepTimer = -1;

  private Files(ApiFoundation api) {
    this.vertx = api.vertx();
    this.config = FilesConfig.from(api.config());
    this.store = new ObjectStore(config);
    this.documents = new RiderDocuments(api.dynamo());
    FileRecords records = new FileRecords(api.dynamo());
    this.uploads = new Uploads(api.vertx(), config, store, records, documents);
    this.sweep = new UploadSweep(store, records);
  }

  public static Files create(ApiFoundation api) {
    return new Files(api);
  }

  /** Creates the buckets when configured to (dev), then starts the sweep of expired uploads (when its interval is set). */
  public Future<Void> ready() {
    Future<Void> buckets = !config.createBuckets() ? Future.succeededFuture()
      : Future.all(config.kinds().values().stream().map(FileKind::bucket).distinct().map(store::ensureBucket).toList())
        .mapEmpty();
    return buckets.andThen(r -> {
      if (r.succeeded() && config.sweepInterval().toMillis() > 0) {
        sweepTimer = sweep.start(vertx, config.sweepInterval().toMillis());
      }
    });
  }

  /** One sweep of expired uploads now: how many it expired (tests and operators). */
  public Future<Integer> sweepOnce() {
    return sweep.once(java.time.Instant.now());
  }

  public FilesConfig config() {
    return config;
  }

  public Uploads uploads() {
    return uploads;
  }

  public RiderDocuments documents() {
    return documents;
  }

  public void close() {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    store.close();
  }
}
