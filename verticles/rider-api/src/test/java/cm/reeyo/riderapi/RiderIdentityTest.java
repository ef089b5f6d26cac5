package cm.reeyo.riderapi;

import cm.reeyo.apitest.PendingAccountIdentityTests;
import cm.reeyo.identity.AccountKind;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Rider API identity: registration PENDING until approved, OTP, login, /me, role guard, documentation")
class RiderIdentityTest extends PendingAccountIdentityTests {

  RiderIdentityTest() {
    super(AccountKind.RIDER, RiderApiVerticle::new, "openapi/rider-api.json");
  }

  @Override
  protected JsonObject registration(String phone) {
    return new JsonObject().put("firstName", "Paul").put("lastName", "Biya").put("vehicleType", "MOTORCYCLE")
      .put("vehicleNumber", "LT 123 AB").put("phone", phone).put("email", "rider." + phone.substring(4) + "@example.com")
      .put("password", PASSWORD);
  }

  @Override
  protected void assertOwnFields(JsonObject account) {
    assertThat(account.getString("vehicleType")).isEqualTo("MOTORCYCLE");
    assertThat(account.getString("vehicleNumber")).isEqualTo("LT 123 AB");
  }

  @Override
  protected List<JsonObject> badRegistrations(String phone) {
    JsonObject noVehicle = registration(phone);
    noVehicle.remove("vehicleNumber");
    return List.of(registration(phone).put("vehicleType", "TRUCK"), noVehicle);
  }
}
