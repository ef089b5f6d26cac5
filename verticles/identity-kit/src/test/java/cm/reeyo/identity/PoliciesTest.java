package cm.reeyo.identity;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Password policy, bcrypt on the worker pool, phone and e-mail normalisation")
class PoliciesTest {

  @Test
  @DisplayName("the policy wants 8+ characters with upper, lower, digit and special, and at most 72 UTF-8 bytes")
  void policy() {
    assertThat(Passwords.problems("Str0ng#Pass")).isEmpty();
    assertThat(Passwords.problems("Sh0rt#")).anyMatch(p -> p.contains("at least 8"));
    assertThat(Passwords.problems("alllower1#")).anyMatch(p -> p.contains("upper-case"));
    assertThat(Passwords.problems("ALLUPPER1#")).anyMatch(p -> p.contains("lower-case"));
    assertThat(Passwords.problems("NoDigits#x")).anyMatch(p -> p.contains("digit"));
    assertThat(Passwords.problems("NoSpecial1x")).anyMatch(p -> p.contains("special"));
    assertThat(Passwords.problems("Aa1#" + "x".repeat(68))).as("exactly 72 bytes").isEmpty();
    assertThat(Passwords.problems("Aa1#" + "x".repeat(69))).anyMatch(p -> p.contains("72 bytes"));
    assertThat(Passwords.problems("Aa1#" + "é".repeat(35))).as("70 chars but 74 bytes").anyMatch(p -> p.contains("72 bytes"));
    assertThat(Passwords.problems(null)).containsExactly("is required");
  }

  @Test
  @DisplayName("hash is bcrypt cost 12 off the event loop; verify accepts the password only, refuses > 72 bytes without hashing")
  void hashAndVerify(Vertx vertx) {
    Passwords passwords = new Passwords(vertx, new JsonObject());
    String hash = passwords.hash("Str0ng#Pass").await();
    assertThat(hash).startsWith("$2a$12$");
    assertThat(passwords.verify("Str0ng#Pass", hash).await()).isTrue();
    assertThat(passwords.verify("Str0ng#Pasz", hash).await()).isFalse();
    assertThat(passwords.verify("Aa1#" + "x".repeat(80), hash).await()).isFalse();
    assertThat(passwords.verify("Str0ng#Pass", null).await()).as("no account: still false").isFalse();
    assertThat(new Passwords(vertx, new JsonObject().put("bcryptCost", 4)).hash("Str0ng#Pass").await())
      .as("cost never below 10").startsWith("$2a$10$");
  }

  @Test
  @DisplayName("phones become E.164 with Cameroon as default region; invalid numbers and bad e-mails are refused")
  void contacts() {
    assertThat(PhoneNumbers.normalize("670000001")).contains("+237670000001");
    assertThat(PhoneNumbers.normalize("+237 6 70 00 00 01")).contains("+237670000001");
    assertThat(PhoneNumbers.normalize("00237670000001")).contains("+237670000001");
    assertThat(PhoneNumbers.normalize("+33612345678")).contains("+33612345678");
    assertThat(PhoneNumbers.normalize("+2376700000")).isEmpty();
    assertThat(PhoneNumbers.normalize("hello")).isEmpty();
    assertThat(PhoneNumbers.normalize(null)).isEmpty();
    assertThat(PhoneNumbers.normalizeEmail(" John@Example.COM ")).contains("john@example.com");
    assertThat(PhoneNumbers.normalizeEmail("john@")).isEmpty();
    assertThat(PhoneNumbers.normalizeEmail("a b@example.com")).isEmpty();
    assertThat(PhoneNumbers.normalizeEmail("x".repeat(250) + "@example.com")).isEmpty();
  }

  @Test
  @DisplayName("gates: unverified customers may not order, unapproved vendors/riders may not work, suspended accounts nothing")
  void gates() {
    assertThat(AccountGates.canOrder(new JsonObject().put("status", "ACTIVE").put("isPhoneVerified", true)).succeeded()).isTrue();
    assertThat(cm.reeyo.contracts.ErrorCode.of(AccountGates.canOrder(new JsonObject().put("status", "ACTIVE")).cause()))
      .isEqualTo(cm.reeyo.contracts.ErrorCode.PHONE_NOT_VERIFIED);
    assertThat(cm.reeyo.contracts.ErrorCode.of(AccountGates.canWork(new JsonObject().put("approvalStatus", "PENDING")).cause()))
      .isEqualTo(cm.reeyo.contracts.ErrorCode.NOT_APPROVED);
    assertThat(AccountGates.canWork(new JsonObject().put("approvalStatus", "APPROVED")).succeeded()).isTrue();
    assertThat(cm.reeyo.contracts.ErrorCode.of(AccountGates.canWork(new JsonObject().put("status", "SUSPENDED")
      .put("approvalStatus", "APPROVED")).cause())).isEqualTo(cm.reeyo.contracts.ErrorCode.ACCOUNT_SUSPENDED);
  }
}
