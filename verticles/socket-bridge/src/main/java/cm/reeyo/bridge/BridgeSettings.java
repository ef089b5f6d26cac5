package cm.reeyo.bridge;

import io.vertx.core.json.JsonObject;

/**
 * The bridge's own settings, read from the {@code bridge} section of the node configuration (every key optional).
 *
 * @param heartbeatMs        SockJS heartbeat frames ({@code heartbeatMs}, 30 s)
 * @param pingTimeoutMs      a socket that sends no bridge ping for this long is idle and closed ({@code pingTimeoutMs}, 30 s;
 *                           the stock client pings every 5 s)
 * @param authGraceMs        a socket opened without a token must authenticate with a {@code token} frame header within
 *                           this time ({@code authGraceMs}, 10 s)
 * @param maxHandlers        addresses one socket may register ({@code maxHandlersPerSocket}, 16)
 * @param maxAddressLength   longest address a frame may name ({@code maxAddressLength}, 96)
 * @param maxMessageBytes    largest inbound frame, encoded ({@code maxMessageBytes}, 8 KiB)
 * @param replyTimeoutMs     how long a client request waits for a server reply ({@code replyTimeoutMs}, 10 s)
 * @param replayWindowMs     how long numbered envelopes stay replayable ({@code replayWindowSeconds}, 300 s)
 * @param replayMaxPerAddress how many numbered envelopes one address keeps ({@code replayMaxPerAddress}, 200)
 * @param partyCacheMs       how long a party / active-orders answer of the order engine is reused ({@code partyCacheMs}, 10 s)
 * @param locationIntervalMs shortest interval between two accepted fixes of one rider ({@code locationMinIntervalMs}, 1 s)
 * @param frameRate          frames (register, send, publish) one socket may send per second, on average
 *                           ({@code framesPerSecond}, 20); a frame over the budget is refused ({@code rate})
 * @param frameBurst         frames one socket may send at once before the rate applies ({@code frameBurst}, 40)
 * @param frameStrikes       refused frames after which the socket is closed ({@code rate-closed}), counted until the
 *                           socket has been quiet long enough to refill its whole burst ({@code frameRefusalsBeforeClose}, 50)
 */
public record BridgeSettings(long heartbeatMs, long pingTimeoutMs, long authGraceMs, int maxHandlers, int maxAddressLength,
                             int maxMessageBytes, long replyTimeoutMs, long replayWindowMs, int replayMaxPerAddress,
                             long partyCacheMs, long locationIntervalMs, double frameRate, int frameBurst,
                             int frameStrikes) {

  public static final String CONF = "bridge";

  public static BridgeSettings from(JsonObject config) {
    JsonObject c = config.getJsonObject(CONF, new JsonObject());
    return new BridgeSettings(
      c.getLong("heartbeatMs", 30_000L),
      c.getLong("pingTimeoutMs", 30_000L),
      c.getLong("authGraceMs", 10_000L),
      c.getInteger("maxHandlersPerSocket", 16),
      c.getInteger("maxAddressLength", 96),
      c.getInteger("maxMessageBytes", 8 * 1024),
      c.getLong("replyTimeoutMs", 10_000L),
      c.getLong("replayWindowSeconds", 300L) * 1000,
      c.getInteger("replayMaxPerAddress", 200),
      c.getLong("partyCacheMs", 10_000L),
      c.getLong("locationMinIntervalMs", 1_000L),
      c.getDouble("framesPerSecond", 20.0),
      c.getInteger("frameBurst", 40),
      c.getInteger("frameRefusalsBeforeClose", 50));
  }
}
