package cm.reeyo.contracts;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** What a client address carries: {@code {"event", "data", "at"}}; {@code id} is set by the bridge's replay log. */
public record ClientEnvelope(String event, JsonObject data, Instant at) {

  public static ClientEnvelope of(ClientEvent event, JsonObject data) {
    return new ClientEnvelope(event.wireName(), data, Instant.now());
  }

  public JsonObject toJson() {
    return new JsonObject().put("event", event).put("data", data).put("at", at.toString());
  }

  public static ClientEnvelope fromJson(JsonObject json) {
    return new ClientEnvelope(json.getString("event"), json.getJsonObject("data", new JsonObject()),
      Instant.parse(json.getString("at")));
  }
}
