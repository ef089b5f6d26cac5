package cm.reeyo.files;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Expires unconfirmed uploads: every {@code files.sweepIntervalSeconds} it reads one page of PENDING uploads whose URL
 * expired (the sparse {@code pending-index}), deletes their {@code incoming/} object and marks them EXPIRED
 * (conditionally: a confirm that won the race stays confirmed). Several instances may sweep at once: every step is
 * idempotent. In production the {@code incoming/} lifecycle rule removes what a sweep missed.
 */
final class UploadSweep {

  static final int PAGE = 25;
  private static final Logger LOG = LoggerFactory.getLogger(UploadSweep.class);

  private final ObjectStore store;
  private final FileRecords records;

  UploadSweep(ObjectStore store, FileRecords records) {
    this.store = store;
    this.records = records;
  }

  /** Starts the periodic sweep; answers the timer id. */
  long start(Vertx vertx, long intervalMs) {
    return vertx.setPeriodic(intervalMs, intervalMs, t -> once(Instant.now())
      .onFailure(f -> LOG.warn("upload sweep failed: {}", f.getMessage())));
  }

  /** One page: answers how many uploads it expired. */
  Future<Integer> once(Instant now) {
    return records.expired(now, PAGE).compose(expired -> {
      Future<Integer> count = Future.succeededFuture(0);
      for (JsonObject upload : expired) {
        count = count.compose(n -> store.delete(upload.getString("bucket"), upload.getString("incomingKey"))
          .compose(v -> records.expire(upload.getString("fileId")))
          .map(v -> n + 1)
          .recover(f -> Future.succeededFuture(n)));
      }
      return count;
    });
  }
}
