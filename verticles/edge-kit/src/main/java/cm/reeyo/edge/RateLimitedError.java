package cm.reeyo.edge;

import cm.reeyo.contracts.ErrorCode;

/** A 429 that tells the client when to come back. */
public final class RateLimitedError extends ApiError {

  private final long retryAfterSeconds;

  public RateLimitedError(long retryAfterSeconds) {
    super(ErrorCode.RATE_LIMITED, "Too many requests; retry after " + retryAfterSeconds + " s");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
