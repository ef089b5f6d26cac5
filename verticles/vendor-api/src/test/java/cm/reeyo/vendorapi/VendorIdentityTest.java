package cm.reeyo.vendorapi;

import cm.reeyo.apitest.PendingAccountIdentityTests;
import cm.reeyo.identity.AccountKind;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Vendor API identity: registration PENDING until approved, OTP, login, /me, role guard, documentation")
class VendorIdentityTest extends PendingAccountIdentityTests {

  VendorIdentityTest() {
    super(AccountKind.VENDOR, VendorApiVerticle::new, "openapi/vendor-api.json");
  }

  @Override
  protected JsonObject registration(String phone) {
    return new JsonObject().put("businessName", "Chez Mama").put("ownerName", "Mama Ekane").put("phone", phone)
      .put("email", "vendor." + phone.substring(4) + "@example.com").put("password", PASSWORD);
  }

  @Override
  protected void assertOwnFields(JsonObject account) {
    assertThat(account.getString("businessName")).isEqualTo("Chez Mama");
  }

  @Override
  protected List<JsonObject> badRegistrations(String phone) {
    return List.of(registration(phone).put("businessName", "x"), registration(phone).put("businessName", 42));
  }
}
