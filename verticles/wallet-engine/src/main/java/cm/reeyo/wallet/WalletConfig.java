package cm.reeyo.wallet;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The wallet engine's settings, read from the {@code wallet} section of the node config (defaults in brackets):
 * {@code commissionRate} [0.15], {@code escrowShards} [8], {@code revenueShards} [8], {@code riderCashLimit} [50000],
 * {@code minPayout} [5000], {@code maxAttempts} [40] (optimistic-concurrency retries per transfer),
 * {@code maxInFlight} [16] (transfers running at once per engine instance; more wait in a queue),
 * {@code pollerIntervalSeconds} [60], {@code pendingStaleSeconds} [180], {@code reconcileIntervalSeconds} [3600, 0 = off],
 * {@code reconcileLagSeconds} [60] (the transfer check leaves entries younger than this to the next run).
 */
public record WalletConfig(BigDecimal commissionRate, int escrowShards, int revenueShards, long riderCashLimit,
                           long minPayout, int maxAttempts, int maxInFlight, Duration pollerInterval, Duration pendingStale,
                           Duration reconcileInterval, Duration reconcileLag) {

  public static final String CONF = "wallet";
  public static final String CONF_COMMISSION_RATE = "commissionRate";
  public static final String CONF_ESCROW_SHARDS = "escrowShards";
  public static final String CONF_REVENUE_SHARDS = "revenueShards";
  public static final String CONF_RIDER_CASH_LIMIT = "riderCashLimit";
  public static final String CONF_MIN_PAYOUT = "minPayout";
  public static final String CONF_MAX_ATTEMPTS = "maxAttempts";
  public static final String CONF_MAX_IN_FLIGHT = "maxInFlight";
  public static final String CONF_POLLER_INTERVAL = "pollerIntervalSeconds";
  public static final String CONF_PENDING_STALE = "pendingStaleSeconds";
  public static final String CONF_RECONCILE_INTERVAL = "reconcileIntervalSeconds";
  public static final String CONF_RECONCILE_LAG = "reconcileLagSeconds";

  public static WalletConfig from(JsonObject nodeConfig) {
    JsonObject c = nodeConfig.getJsonObject(CONF, new JsonObject());
    return new WalletConfig(
      new BigDecimal(String.valueOf(c.getValue(CONF_COMMISSION_RATE, "0.15"))),
      Math.max(1, c.getInteger(CONF_ESCROW_SHARDS, 8)),
      Math.max(1, c.getInteger(CONF_REVENUE_SHARDS, 8)),
      c.getLong(CONF_RIDER_CASH_LIMIT, 50_000L),
      c.getLong(CONF_MIN_PAYOUT, 5_000L),
      Math.max(1, c.getInteger(CONF_MAX_ATTEMPTS, 40)),
      Math.max(1, c.getInteger(CONF_MAX_IN_FLIGHT, 16)),
      Duration.ofMillis((long) (c.getDouble(CONF_POLLER_INTERVAL, 60.0) * 1000)),
      Duration.ofMillis((long) (c.getDouble(CONF_PENDING_STALE, 180.0) * 1000)),
      Duration.ofMillis((long) (c.getDouble(CONF_RECONCILE_INTERVAL, 3600.0) * 1000)),
      Duration.ofMillis((long) (Math.max(0, c.getDouble(CONF_RECONCILE_LAG, 60.0)) * 1000)));
  }
}
