package cm.reeyo.identity;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Role;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.Items;
import cm.reeyo.storage.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Refresh tokens, stored server-side (sessions table) as SHA-256 digests. A token is {@code rt_<tokenId>.<secret>};
 * tokens descend from one login in a family. Refreshing rotates: the presented token becomes ROTATED and a new one
 * of the same family is issued, in one transaction. Presenting a ROTATED token again (a stolen copy, or a replay)
 * revokes the whole family. The family id is the {@code sid} claim of the family's access tokens.
 *
 * <p>Reuse grace: the successor of a token is derived from it (HMAC under a server key, never stored in clear), and
 * the retired token records its successor's id and the rotation time. A token presented again within
 * {@code refreshReuseGraceMs} of its rotation (two tabs refreshing at once, a retry after a lost answer) gets the same
 * successor again while that successor is still ACTIVE; later, or once the successor has moved on, it is a reuse and the
 * family is revoked.
 */
public final class Sessions {

  public static final String ACTIVE = "ACTIVE";
  public static final String ROTATED = "ROTATED";
  public static final String REVOKED = "REVOKED";

  private final Dynamo dynamo;
  private final RedisAPI redis;
  private final long ttlSeconds;
  private final long adminTtlSeconds;
  private final long accessTtlSeconds;
  private final SessionsEnded ended;
  private final long graceMs;
  private final RefreshMint minter;

  /** Sessions that announce nothing on the bus (stores used outside a running API). */
  public Sessions(Dynamo dynamo, RedisAPI redis, long refreshTtlSeconds, long accessTtlSeconds) {
    this(dynamo, redis, refreshTtlSeconds, refreshTtlSeconds, accessTtlSeconds, SessionsEnded.none(), 0, null);
  }

  /**
   * Revoking a family also ends its access tokens at once (a Redis mark that lives as long as an access token) and
   * announces the end through {@code ended}, so sockets of the session close on every node. Admin refresh tokens live
   * {@code adminRefreshTtlSeconds}, every other role's {@code refreshTtlSeconds}. A rotated token presented again within
   * {@code graceMs} answers the same successor; successors are derived under {@code secret} (a random key when null,
   * which still works on one node only).
   */
  public Sessions(Dynamo dynamo, RedisAPI redis, long refreshTtlSeconds, long adminRefreshTtlSeconds,
                  long accessTtlSeconds, SessionsEnded ended, long graceMs, String secret) {
    this.dynamo = dynamo;
    this.redis = redis;
    this.ttlSeconds = refreshTtlSeconds;
    this.adminTtlSeconds = adminRefreshTtlSeconds;
    this.accessTtlSeconds = accessTtlSeconds;
    this.ended = ended;
    this.graceMs = graceMs;
    this.minter = new RefreshMint(refreshTtlSeconds, adminRefreshTtlSeconds, secret);
  }

  /** A new family for a fresh login. */
  public Future<Issued> start(Role role, String accountId) {
    String familyId = "fam_" + UUID.randomUUID().toString().replace("-", "");
    RefreshMint.Minted minted = minter.mint(role, accountId, familyId);
    return dynamo.call(c -> c.putItem(b -> b.tableName(table()).item(Items.toItem(minted.item()))))
      .map(ok -> minted.issued());
  }

  /**
   * Exchanges a refresh token of {@code role} for the next one of its family. UNAUTHORIZED when the token is unknown,
   * expired, revoked, of another role, or already used (which also revokes its family).
   */
  public Future<Rotation> rotate(String presented, Role role) {
    return rotate(presented, role, 1);
  }

  private Future<Rotation> rotate(String presented, Role role, int retries) {
    return lookup(presented).compose(found -> {
      JsonObject item = found.filter(i -> role.name().equals(i.getString("role"))).orElse(null);
      if (item == null || item.getLong("expiresAt", 0L) <= Instant.now().getEpochSecond()) {
        return Future.failedFuture(invalid());
      }
      String familyId = item.getString("familyId");
      RefreshMint.Minted next = minter.successor(role, item, presented);
      if (ROTATED.equals(item.getString("status"))) {
        return again(item, next);
      }
      if (!ACTIVE.equals(item.getString("status"))) {
        return Future.failedFuture(invalid());
      }
      TransactWriteItem retire = TransactWriteItem.builder().update(u -> u.tableName(table())
        .key(Items.key("tokenId", item.getString("tokenId")))
        .updateExpression("SET #s = :rotated, rotatedAt = :now, rotatedAtMs = :ms, successorId = :next")
        .conditionExpression("#s = :active")
        .expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":rotated", Items.s(ROTATED), ":active", Items.s(ACTIVE),
          ":now", Items.s(Timestamps.now()), ":ms", Items.n(System.currentTimeMillis()),
          ":next", Items.s(next.item().getString("tokenId"))))).build();
      TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName(table()).item(Items.toItem(next.item()))
        .conditionExpression("attribute_not_exists(tokenId)")).build();
      return dynamo.call(c -> c.transactWriteItems(b -> b.transactItems(retire, put)))
        .map(ok -> new Rotation(next.issued(), item.getString("accountId")))
        .recover(failure -> Failures.cause(failure) instanceof TransactionCanceledException
          ? lookup(presented).compose(now -> now.isPresent() && ACTIVE.equals(now.get().getString("status")) && retries > 0
            ? rotate(presented, role, retries - 1) // a transaction in progress, not a rotation: once more
            : now.isPresent() && ROTATED.equals(now.get().getString("status"))
            ? again(now.get(), next)
            : revokeFamily(familyId).compose(v -> Future.failedFuture(reused())))
          : Future.failedFuture(failure));
    });
  }

  /**
   * A rotated token presented again: within the grace, and while its successor is still ACTIVE, the same successor
   * (a concurrent refresh of the same session); otherwise a reuse, which revokes the family.
   */
  private Future<Rotation> again(JsonObject item, RefreshMint.Minted next) {
    String familyId = item.getString("familyId");
    boolean inGrace = graceMs > 0 && System.currentTimeMillis() - item.getLong("rotatedAtMs", 0L) <= graceMs
      && next.item().getString("tokenId").equals(item.getString("successorId"));
    Future<Boolean> successorLive = !inGrace ? Future.succeededFuture(false)
      : dynamo.call(c -> c.getItem(b -> b.tableName(table()).key(Items.key("tokenId", item.getString("successorId")))
          .consistentRead(true)))
        .map(r -> r.hasItem() && ACTIVE.equals(Items.toJson(r.item()).getString("status")));
    return successorLive.compose(live -> live
      ? Future.succeededFuture(new Rotation(next.issued(), item.getString("accountId")))
      : revokeFamily(familyId).compose(v -> Future.failedFuture(reused())));
  }

  /** The stored record of a well-formed, genuine refresh token (its secret matches), whatever its status. */
  public Future<Optional<JsonObject>> lookup(String presented) {
    Optional<String[]> parts = RefreshMint.parse(presented);
    if (parts.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    String tokenId = parts.get()[0];
    String digest = RefreshMint.sha256(parts.get()[1]);
    return dynamo.call(c -> c.getItem(b -> b.tableName(table()).key(Items.key("tokenId", tokenId)).consistentRead(true)))
      .map(r -> r.hasItem() && !r.item().isEmpty() ? Optional.of(Items.toJson(r.item())) : Optional.<JsonObject>empty())
      .map(found -> found.filter(i -> MessageDigest.isEqual(digest.getBytes(StandardCharsets.US_ASCII),
        i.getString("secretHash", "").getBytes(StandardCharsets.US_ASCII))));
  }

  /** Revokes every live token of a family, ends its access tokens and closes its sockets. */
  public Future<Void> revokeFamily(String familyId) {
    return activeTokens("family-index", "familyId", familyId, null)
      .compose(items -> Future.all(items.stream().map(i -> revoke(i.getString("tokenId"))).toList()))
      .compose(v -> AccountSessionCheck.endSessions(redis, Set.of(familyId), accessTtlSeconds))
      .onSuccess(v -> ended.announce(Set.of(familyId), null, "session"));
  }

  /**
   * Revokes every live token of an account, except those of {@code keepFamily} (may be null), ends their access tokens
   * and closes their sockets (all the account's sockets when nothing is kept); answers the families ended. Every path
   * that must end an account's sessions (suspension, password change or reset, admin deactivation) comes here.
   */
  public Future<Set<String>> revokeAccount(String accountId, String keepFamily) {
    return activeTokens("account-index", "accountId", accountId, null).compose(items -> {
      List<JsonObject> doomed = items.stream().filter(i -> !i.getString("familyId").equals(keepFamily)).toList();
      Set<String> families = new LinkedHashSet<>();
      doomed.forEach(i -> families.add(i.getString("familyId")));
      return Future.all(doomed.stream().map(i -> revoke(i.getString("tokenId"))).toList())
        .compose(v -> AccountSessionCheck.endSessions(redis, families, accessTtlSeconds))
        .onSuccess(v -> ended.announce(families, keepFamily == null ? accountId : null, "account"))
        .map(v -> families);
    });
  }

  private Future<List<JsonObject>> activeTokens(String index, String field, String value, Map<String, AttributeValue> start) {
    return dynamo.call(c -> c.query(b -> b.tableName(table()).indexName(index)
        .keyConditionExpression("#f = :v").filterExpression("#s = :active")
        .expressionAttributeNames(Map.of("#f", field, "#s", "status"))
        .expressionAttributeValues(Map.of(":v", Items.s(value), ":active", Items.s(ACTIVE)))
        .exclusiveStartKey(start)))
      .compose(page -> more(page, index, field, value));
  }

  private Future<List<JsonObject>> more(QueryResponse page, String index, String field, String value) {
    List<JsonObject> items = new ArrayList<>(page.items().stream().map(Items::toJson).toList());
    if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
      return Future.succeededFuture(items);
    }
    return activeTokens(index, field, value, page.lastEvaluatedKey()).map(rest -> {
      items.addAll(rest);
      return items;
    });
  }

  private Future<Void> revoke(String tokenId) {
    return dynamo.call(c -> c.updateItem(b -> b.tableName(table()).key(Items.key("tokenId", tokenId))
        .updateExpression("SET #s = :revoked").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":revoked", Items.s(REVOKED)))))
      .mapEmpty();
  }

  private String table() {
    return dynamo.table(IdentityTables.SESSIONS);
  }

  private static Throwable invalid() {
    return ErrorCode.UNAUTHORIZED.exception("The refresh token is not valid");
  }

  private static Throwable reused() {
    return ErrorCode.UNAUTHORIZED.exception("The refresh token was already used; the session has been ended");
  }

  public long ttlSeconds() {
    return ttlSeconds;
  }

  /** A refresh token (shown to the client once) and its family id. */
  public record Issued(String refreshToken, String familyId) {
  }

  /** The next token of a family and the account it belongs to. */
  public record Rotation(Issued issued, String accountId) {
  }

}
