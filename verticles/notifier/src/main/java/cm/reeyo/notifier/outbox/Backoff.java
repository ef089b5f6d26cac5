package cm.reeyo.notifier.outbox;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: base × 2^(attempt−1), capped, ±20 %. */
public record Backoff(long baseMs, long maxMs) {

  public long delay(long attempt) {
    long exp = baseMs << Math.min(Math.max(attempt - 1, 0), 20);
    long capped = Math.min(exp <= 0 ? maxMs : exp, maxMs);
    double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Math.max(1, (long) (capped * jitter));
  }
}
