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

  private Files(ApiFoundation api) {
    this.config = FilesConfig.from(api.config());
    this.store = new ObjectStore(config);
    this.documents = new RiderDocuments(api.dynamo());
    this.uploads = new Uploads(api.vertx(), config, store, new FileRecords(api.dynamo()), documents);
  }

  public static Files create(ApiFoundation api) {
    return new Files(api);
  }

  /** Creates the buckets when configured to (dev), else nothing. */
  public Future<Void> ready() {
    if (!config.createBuckets()) {
      return Future.succeededFuture();
    }
    return Future.all(config.kinds().values().stream().map(FileKind::bucket).distinct().map(store::ensureBucket).toList())
      .mapEmpty();
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
    store.close();
  }
}
