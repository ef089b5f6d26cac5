package cm.reeyo.contracts;

import io.vertx.core.json.JsonObject;

/**
 * One position fix of a rider, the body of {@link RealtimeAddresses#RIDER_LOCATION} (from the bridge or the rider
 * API's REST twin). The rider is the {@link Principal} in the message headers, never a body field. {@code heading}
 * is degrees clockwise from north in [0, 360), {@code speed} metres per second; both may be absent (null).
 */
public record RiderLocation(double lat, double lng, Double heading, Double speed) {

  public static final double MAX_HEADING = 360;
  public static final double MAX_SPEED = 100;
  public static final String[] FIELDS = {"lat", "lng", "heading", "speed"};

  public JsonObject toJson() {
    return new JsonObject().put("lat", lat).put("lng", lng).put("heading", heading).put("speed", speed);
  }

  /** Reads an already validated body. */
  public static RiderLocation fromJson(JsonObject json) {
    Number heading = json.getNumber("heading");
    Number speed = json.getNumber("speed");
    return new RiderLocation(json.getNumber("lat").doubleValue(), json.getNumber("lng").doubleValue(),
      heading == null ? null : heading.doubleValue(), speed == null ? null : speed.doubleValue());
  }
}
