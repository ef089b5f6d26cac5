package cm.reeyo.wallet;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.storage.Ids;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One immutable money movement, described before it runs: an idempotency key (the business key), a hash of the
 * request it stands for, legs that sum to zero, and extra writes that must commit in the same DynamoDB transaction
 * (an order record, a payment's status change, a payout record), each with the error its failed condition means.
 */
public final class Transfer {

  private final String transferId = Ids.next("tr");
  private final String key;
  private final String kind;
  private final String reference;
  private final String requestHash;
  private final List<Leg> legs = new ArrayList<>();
  private final List<Extra> extras = new ArrayList<>();
  private final JsonObject result = new JsonObject();
  private String actorId = "system";
  private String actorRole = "SYSTEM";

  /** An extra write of the transaction; {@code onConditionFailed} is the stable error when its condition fails. */
  public record Extra(String label, TransactWriteItem item, ErrorCode onConditionFailed) {
  }

  private Transfer(String key, String kind, String reference, JsonObject request) {
    this.key = key;
    this.kind = kind;
    this.reference = reference;
    this.requestHash = hash(kind + "|" + request.encode());
  }

  /** A transfer under {@code key}; the same key with a different {@code request} is refused as a reuse. */
  public static Transfer of(String key, String kind, String reference, JsonObject request) {
    return new Transfer(key, kind, reference, request);
  }

  public Transfer leg(Leg leg) {
    legs.add(leg);
    return this;
  }

  public Transfer extra(String label, TransactWriteItem item, ErrorCode onConditionFailed) {
    extras.add(new Extra(label, item, onConditionFailed));
    return this;
  }

  /** Fields added to the transfer's answer (kept with the idempotency record, so a replay answers the same). */
  public Transfer result(String field, Object value) {
    result.put(field, value);
    return this;
  }

  public Transfer actor(String id, String role) {
    this.actorId = id;
    this.actorRole = role;
    return this;
  }

  /** Checks the invariant every transfer keeps: legs sum to zero and the transaction fits DynamoDB's limit. */
  public void validate() {
    long sum = 0;
    for (Leg leg : legs) {
      sum = Math.addExact(sum, leg.amount());
    }
    if (sum != 0) {
      throw new IllegalStateException("transfer " + key + " does not sum to zero: " + sum);
    }
    long wallets = legs.stream().map(l -> l.account().walletId()).distinct().count();
    if (wallets + legs.size() + extras.size() + 1 > 100) {
      throw new IllegalStateException("transfer " + key + " exceeds 100 actions");
    }
  }

  public String transferId() {
    return transferId;
  }

  public String key() {
    return key;
  }

  public String kind() {
    return kind;
  }

  public String reference() {
    return reference;
  }

  public String requestHash() {
    return requestHash;
  }

  public List<Leg> legs() {
    return legs;
  }

  public List<Extra> extras() {
    return extras;
  }

  public JsonObject result() {
    return result;
  }

  public String actorId() {
    return actorId;
  }

  public String actorRole() {
    return actorRole;
  }

  static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
