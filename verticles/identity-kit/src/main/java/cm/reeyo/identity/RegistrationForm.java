package cm.reeyo.identity;

import cm.reeyo.edge.JsonCheck;
import io.vertx.core.json.JsonObject;

/**
 * The registration body of each self-registering role, checked field by field. Only the listed fields are accepted
 * (role, status, approvalStatus, balance, ratings and ids are refused: mass assignment). The clean form keeps the
 * password under {@code password} for hashing; it is never stored or echoed.
 */
final class RegistrationForm {

  enum VehicleType { MOTORCYCLE, BICYCLE, CAR }

  private RegistrationForm() {
  }

  static JsonObject check(AccountKind kind, JsonCheck check, JsonObject body) {
    JsonObject form = switch (kind) {
      case USER -> user(check);
      case VENDOR -> vendor(check);
      case RIDER -> rider(check);
      case ADMIN -> throw new IllegalArgumentException("admins never self-register");
    };
    form.put("phone", Forms.phone(check, "phone", true))
      .put("email", Forms.email(check, "email", true))
      .put("language", Forms.language(check))
      .put("password", Forms.newPassword(check, body, "password"));
    return form;
  }

  private static JsonObject user(JsonCheck check) {
    check.allowOnly("firstName", "lastName", "phone", "email", "password", "language");
    return new JsonObject()
      .put("firstName", check.string("firstName", 1, 60))
      .put("lastName", check.string("lastName", 1, 60));
  }

  private static JsonObject vendor(JsonCheck check) {
    check.allowOnly("businessName", "ownerName", "phone", "email", "password", "language");
    return new JsonObject()
      .put("businessName", check.string("businessName", 2, 100))
      .put("ownerName", check.string("ownerName", 2, 100));
  }

  private static JsonObject rider(JsonCheck check) {
    check.allowOnly("firstName", "lastName", "phone", "email", "password", "language", "vehicleType", "vehicleNumber");
    VehicleType vehicle = check.enumValue("vehicleType", VehicleType.class);
    return new JsonObject()
      .put("firstName", check.string("firstName", 1, 60))
      .put("lastName", check.string("lastName", 1, 60))
      .put("vehicleType", vehicle == null ? null : vehicle.name())
      .put("vehicleNumber", check.string("vehicleNumber", 2, 20));
  }
}
