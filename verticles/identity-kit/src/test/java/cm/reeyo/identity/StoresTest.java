package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.RedisStore;
import cm.reeyo.storage.TableBootstrap;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("Identity stores against the DynamoDB gateway and a real Redis")
class StoresTest {

  static JsonObject config;
  static Dynamo dynamo;
  static RedisAPI redis;
  static Accounts accounts;

  @BeforeAll
  static void setUp(Vertx vertx) {
    config = TestConfig.fresh();
    dynamo = Dynamo.acquire(vertx, config);
    redis = RedisStore.acquire(vertx, config).api();
    accounts = new Accounts(dynamo);
    new TableBootstrap(dynamo).ensureAll().await();
  }

  @AfterAll
  static void tearDown(Vertx vertx) {
    Dynamo.release(vertx);
    RedisStore.release(vertx);
  }

  static String phone() {
    return "+23769" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }

  @Test
  @DisplayName("OTP: stored as an HMAC with a TTL; wrong guesses count; the 6th guess fails even when right; a right one is consumed")
  void otps() {
    Otps otps = new Otps(redis, TestConfig.JWT_SECRET, new JsonObject());
    String p = phone();
    String code = otps.issue(AccountKind.USER, p).await();
    assertThat(redis.hget(Otps.redisKey(AccountKind.USER, p), "h").await().toString()).hasSize(64).doesNotContain(code);
    assertThat(redis.ttl(Otps.redisKey(AccountKind.USER, p)).await().toLong()).isBetween(590L, 600L);
    String wrong = code.equals("000000") ? "111111" : "000000";
    assertThat(otps.check(AccountKind.VENDOR, p, code).await()).as("per role").isEqualTo(Otps.Check.NONE);
    assertThat(otps.check(AccountKind.USER, p, wrong).await()).isEqualTo(Otps.Check.WRONG);
    assertThat(otps.check(AccountKind.USER, p, code).await()).isEqualTo(Otps.Check.VALID);
    assertThat(otps.check(AccountKind.USER, p, code).await()).as("consumed").isEqualTo(Otps.Check.NONE);

    String again = otps.issue(AccountKind.USER, p).await();
    for (int i = 0; i < 5; i++) {
      assertThat(otps.check(AccountKind.USER, p, again.equals("000000") ? "111111" : "000000").await()).isEqualTo(Otps.Check.WRONG);
    }
    assertThat(otps.check(AccountKind.USER, p, again).await()).isEqualTo(Otps.Check.TOO_MANY_ATTEMPTS);
    assertThat(otps.check(AccountKind.USER, p, again).await()).isEqualTo(Otps.Check.NONE);
  }

  @Test
  @DisplayName("refresh sessions rotate; a reused token revokes its family; role, forgery and account-wide revocation hold")
  void sessions() {
    Sessions sessions = new Sessions(dynamo, redis, 3600, 900);
    Sessions.Issued first = sessions.start(Role.USER, "user_s1").await();
    Sessions.Rotation second = sessions.rotate(first.refreshToken(), Role.USER).await();
    assertThat(second.accountId()).isEqualTo("user_s1");
    assertThat(second.issued().familyId()).isEqualTo(first.familyId());

    assertUnauthorized(sessions.rotate(second.issued().refreshToken(), Role.VENDOR));
    String forged = second.issued().refreshToken().substring(0, second.issued().refreshToken().indexOf('.') + 1) + "forged";
    assertUnauthorized(sessions.rotate(forged, Role.USER));
    Sessions.Rotation third = sessions.rotate(second.issued().refreshToken(), Role.USER).await();

    assertUnauthorized(sessions.rotate(first.refreshToken(), Role.USER));
    assertUnauthorized(sessions.rotate(third.issued().refreshToken(), Role.USER));
    assertThat(redis.exists(java.util.List.of(AccountSessionCheck.revokedKey(first.familyId()))).await().toInteger())
      .as("the family's access tokens end too").isEqualTo(1);

    Sessions.Issued a = sessions.start(Role.USER, "user_s2").await();
    Sessions.Issued b = sessions.start(Role.USER, "user_s2").await();
    assertThat(sessions.revokeAccount("user_s2", b.familyId()).await()).containsExactly(a.familyId());
    assertUnauthorized(sessions.rotate(a.refreshToken(), Role.USER));
    assertThat(sessions.rotate(b.refreshToken(), Role.USER).await().accountId()).isEqualTo("user_s2");
  }

  static void assertUnauthorized(Future<?> future) {
    assertThatThrownBy(future::await).satisfies(t -> assertThat(ErrorCode.of(t)).isEqualTo(ErrorCode.UNAUTHORIZED));
  }

  @Test
  @DisplayName("register guards phone and e-mail per role in one transaction; create keeps its old unguarded behaviour")
  void uniqueness() {
    String p = phone();
    String email = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    JsonObject user = accounts.register(AccountKind.USER, new JsonObject().put("phone", p).put("email", email)).await();
    assertThat(user.getString("status")).isEqualTo("ACTIVE");
    assertThatThrownBy(() -> accounts.register(AccountKind.USER, new JsonObject().put("phone", p)).await())
      .satisfies(t -> assertThat(ErrorCode.of(t)).isEqualTo(ErrorCode.ALREADY_EXISTS)).hasMessageContaining("phone");
    assertThatThrownBy(() -> accounts.register(AccountKind.USER, new JsonObject().put("phone", phone()).put("email", email)).await())
      .hasMessageContaining("email");
    assertThat(accounts.register(AccountKind.VENDOR, new JsonObject().put("phone", p).put("email", email)).await()
      .getString("approvalStatus")).as("another role may hold the same phone").isEqualTo("PENDING");

    JsonObject fixture = accounts.create(AccountKind.RIDER, new JsonObject().put("phone", p)
      .put("isPhoneVerified", true).put("approvalStatus", "APPROVED")).await();
    assertThat(fixture.getString("status")).isEqualTo("ACTIVE");
    assertThat(fixture.getBoolean("isPhoneVerified")).isTrue();
    assertThat(accounts.get(AccountKind.RIDER, fixture.getString("riderId")).await().getString("approvalStatus")).isEqualTo("APPROVED");
    assertThat(accounts.byPhone(AccountKind.USER, p).await()).hasValueSatisfying(a ->
      assertThat(a.getString("userId")).isEqualTo(user.getString("userId")));
  }

  @Test
  @DisplayName("the session check refuses suspended accounts at once (cache dropped), ended sessions, and tokens older than a password change")
  void sessionCheck() {
    AccountSessionCheck check = new AccountSessionCheck(redis, accounts, new JsonObject());
    JsonObject user = accounts.create(AccountKind.USER, new JsonObject()).await();
    String id = user.getString("userId");
    Principal principal = new Principal(id, Role.USER);
    long now = java.time.Instant.now().getEpochSecond();
    JsonObject claims = new JsonObject().put("iat", now).put("sid", "fam_x" + id);
    check.check(principal, claims).await();

    accounts.update(AccountKind.USER, id, new JsonObject().put("status", "SUSPENDED")).await();
    check.check(principal, claims).await();
    AccountSessionCheck.invalidate(redis, AccountKind.USER, id).await();
    assertThatThrownBy(() -> check.check(principal, claims).await())
      .satisfies(t -> assertThat(ErrorCode.of(t)).isEqualTo(ErrorCode.ACCOUNT_SUSPENDED));

    accounts.update(AccountKind.USER, id, new JsonObject().put("status", "ACTIVE").put("tokensValidAfter", now + 5)).await();
    AccountSessionCheck.invalidate(redis, AccountKind.USER, id).await();
    assertUnauthorized(check.check(principal, claims));
    check.check(principal, claims.copy().put("iat", now + 5)).await();
    AccountSessionCheck.endSessions(redis, java.util.List.of("fam_x" + id), 60).await();
    assertUnauthorized(check.check(principal, claims.copy().put("iat", now + 5)));
    assertUnauthorized(check.check(new Principal("user_missing", Role.USER), claims));
  }

  @Test
  @DisplayName("demo people and configured admins are upserted idempotently with fixed ids; a changed admin password is re-hashed")
  void seeding(Vertx vertx) {
    Passwords passwords = new Passwords(vertx, new JsonObject());
    DemoAccounts demo = new DemoAccounts(accounts, passwords);
    demo.ensure().await();
    demo.ensure().await();
    JsonObject vendor = accounts.get(AccountKind.VENDOR, DemoAccounts.VENDOR_ID).await();
    assertThat(vendor.getString("approvalStatus")).isEqualTo("APPROVED");
    assertThat(vendor.getString("businessName")).isEqualTo("Great Restaurant");
    assertThat(accounts.get(AccountKind.RIDER, DemoAccounts.RIDER_ID).await().getBoolean("isPhoneVerified")).isTrue();
    JsonObject john = accounts.get(AccountKind.USER, DemoAccounts.USER_ID).await();
    assertThat(passwords.verify(DemoAccounts.PASSWORD, john.getString("passwordHash")).await()).isTrue();

    AdminBootstrap bootstrap = new AdminBootstrap(accounts, passwords, new Sessions(dynamo, redis, 3600, 900), dynamo, redis);
    JsonArray admins = new JsonArray().add(new JsonObject().put("email", "Root@Reeyo.dev").put("name", "Root")
      .put("password", "Reeyo#Admin2026")).add(new JsonObject().put("email", "weak@reeyo.dev").put("password", "weak"));
    bootstrap.run(admins).await();
    String id = AdminBootstrap.idFor("root@reeyo.dev");
    String firstHash = accounts.get(AccountKind.ADMIN, id).await().getString("passwordHash");
    bootstrap.run(admins).await();
    assertThat(accounts.get(AccountKind.ADMIN, id).await().getString("passwordHash")).as("unchanged").isEqualTo(firstHash);
    assertThat(accounts.find(AccountKind.ADMIN, AdminBootstrap.idFor("weak@reeyo.dev")).await()).as("weak skipped").isEmpty();
    admins.getJsonObject(0).put("password", "Reeyo#Admin2027");
    bootstrap.run(admins).await();
    assertThat(passwords.verify("Reeyo#Admin2027", accounts.get(AccountKind.ADMIN, id).await().getString("passwordHash")).await())
      .isTrue();
  }
}
