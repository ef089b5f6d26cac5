package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The spec's demo people, created idempotently with fixed ids, approved and phone-verified, password
 * {@value #PASSWORD}: customer John Doe ({@value #USER_ID}), vendor "Great Restaurant" of Jane Smith
 * ({@value #VENDOR_ID}), rider Mike Wilson ({@value #RIDER_ID}). For dev and demo seeding only.
 */
public final class DemoAccounts {

  public static final String PASSWORD = "Demo#2026pass";
  public static final String USER_ID = "user_demo_john";
  public static final String VENDOR_ID = "vendor_demo_great";
  public static final String RIDER_ID = "rider_demo_mike";
  private static final Logger LOG = LoggerFactory.getLogger(DemoAccounts.class);

  private final Accounts accounts;
  private final Passwords passwords;

  public DemoAccounts(Accounts accounts, Passwords passwords) {
    this.accounts = accounts;
    this.passwords = passwords;
  }

  /** Creates whichever of the three is missing; existing records are left as they are. */
  public Future<Void> ensure() {
    return passwords.hash(PASSWORD).compose(hash -> {
      Future<Void> chain = Future.succeededFuture();
      for (Demo demo : people()) {
        chain = chain.compose(v -> ensure(demo, hash));
      }
      return chain;
    });
  }

  private Future<Void> ensure(Demo demo, String hash) {
    String id = demo.fields().getString(demo.kind().idField());
    return accounts.find(demo.kind(), id).compose(found -> found.isPresent() ? Future.<Void>succeededFuture()
      : accounts.register(demo.kind(), demo.fields().copy().put("passwordHash", hash)).<Void>mapEmpty()
      .recover(f -> {
        if (ErrorCode.ALREADY_EXISTS.matches(f)) {
          LOG.warn("demo account {} not created: {}", id, f.getMessage());
          return Future.succeededFuture();
        }
        return Future.failedFuture(f);
      }));
  }

  static List<Demo> people() {
    JsonObject common = new JsonObject().put("isPhoneVerified", true).put("language", "fr").put("demo", true);
    return List.of(
      new Demo(AccountKind.USER, common.copy().put("userId", USER_ID).put("firstName", "John").put("lastName", "Doe")
        .put("phone", "+237670000001").put("email", "john@example.com")),
      new Demo(AccountKind.VENDOR, common.copy().put("vendorId", VENDOR_ID).put("businessName", "Great Restaurant")
        .put("ownerName", "Jane Smith").put("phone", "+237670000002").put("email", "vendor@example.com")
        .put("approvalStatus", "APPROVED")
        .put("address", new JsonObject().put("line1", "Rue Joss").put("city", "Douala"))
        .put("location", new JsonObject().put("lat", 4.0511).put("lng", 9.7679))),
      new Demo(AccountKind.RIDER, common.copy().put("riderId", RIDER_ID).put("firstName", "Mike").put("lastName", "Wilson")
        .put("phone", "+237670000003").put("email", "rider@example.com").put("vehicleType", "MOTORCYCLE")
        .put("vehicleNumber", "ABC123").put("approvalStatus", "APPROVED")));
  }

  record Demo(AccountKind kind, JsonObject fields) {
  }
}
