package cm.reeyo.contracts;

import io.vertx.core.json.JsonObject;

/** An authenticated caller: account id and role. Carried in bus headers, never taken from a body. */
public record Principal(String id, Role role) {

  public static final String HEADER_ID = "x-reeyo-actor-id";
  public static final String HEADER_ROLE = "x-reeyo-actor-role";

  public boolean is(Role r) {
    return role == r;
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("role", role.name());
  }

  public static Principal fromJson(JsonObject json) {
    return new Principal(json.getString("id"), Role.valueOf(json.getString("role")));
  }

  public static Principal system() {
    return new Principal("system", Role.ADMIN);
  }
}
