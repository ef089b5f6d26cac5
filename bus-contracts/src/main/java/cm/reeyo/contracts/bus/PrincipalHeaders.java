package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.ServicePrincipal;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The only code that writes or reads the principal headers ({@link Principal#HEADER_ID}, {@link Principal#HEADER_ROLE})
 * and their signature ({@link #HEADER_SIGNATURE}: HMAC-SHA256 of id and role under the cluster's bus secret). Only
 * the edges name a principal — the APIs through {@link BusClient}, the socket and TCP bridges through {@link #frame}
 * and {@link #serviceFrame} — and every reader checks the signature, so a message put on the bus by anyone without
 * the secret (another process that reached the cluster ports) cannot speak for a customer, an admin or a service:
 * principal headers with a missing or wrong signature are refused UNAUTHORIZED, never downgraded to a service call.
 *
 * <p>The secret is JVM-wide: the launcher sets it from {@code cluster.busSecret} (or derives it from the JWT secret)
 * with {@link #useSecret}; until then a random per-JVM key is used, so an unconfigured node trusts only itself.
 */
public final class PrincipalHeaders {

  /** The signature header of a message that names a principal or a service account. */
  public static final String HEADER_SIGNATURE = "x-reeyo-actor-sig";
  private static final String ALGORITHM = "HmacSHA256";

  private static volatile SecretKeySpec key = randomKey();

  private PrincipalHeaders() {
  }

  /** Signs and checks with {@code secret} from now on (every node of a cluster must use the same one). */
  public static void useSecret(String secret) {
    if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException("the bus secret must have at least 32 characters");
    }
    key = new SecretKeySpec(sha256(("reeyo-bus-principal\n" + secret).getBytes(StandardCharsets.UTF_8)), ALGORITHM);
  }

  /**
   * The principal named by the headers; empty when none is named (a service call) or when a service account is.
   * UNAUTHORIZED when a principal or service is named without a valid signature.
   */
  public static Optional<Principal> read(MultiMap headers) {
    String id = headers.get(Principal.HEADER_ID);
    String role = headers.get(Principal.HEADER_ROLE);
    if (id == null && role == null) {
      return Optional.empty();
    }
    if (!signed(id, role, headers.get(HEADER_SIGNATURE))) {
      throw ErrorCode.UNAUTHORIZED.exception("The principal of this message is not signed by an edge of this cluster");
    }
    try {
      return id.isBlank() ? Optional.empty() : Optional.of(new Principal(id, Role.valueOf(role)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static DeliveryOptions write(DeliveryOptions options, Principal principal) {
    return principal == null ? options
      : options.addHeader(Principal.HEADER_ID, principal.id()).addHeader(Principal.HEADER_ROLE, principal.role().name())
        .addHeader(HEADER_SIGNATURE, sign(principal.id(), principal.role().name()));
  }

  /** The service account named by the headers ({@link ServicePrincipal}, set by the TCP bridge) if validly signed. */
  public static Optional<String> service(MultiMap headers) {
    String id = headers.get(Principal.HEADER_ID);
    String role = headers.get(Principal.HEADER_ROLE);
    return ServicePrincipal.isService(role, id) && signed(id, role, headers.get(HEADER_SIGNATURE))
      ? Optional.of(id) : Optional.empty();
  }

  /** The headers of a TCP bridge frame sent by service account {@code accountId}, replacing what the client sent. */
  public static JsonObject serviceFrame(String accountId) {
    return new JsonObject().put(Principal.HEADER_ID, accountId).put(Principal.HEADER_ROLE, ServicePrincipal.ROLE)
      .put(HEADER_SIGNATURE, sign(accountId, ServicePrincipal.ROLE));
  }

  /** The headers of a bridge frame (SockJS or TCP), replacing whatever the client sent. */
  public static JsonObject frame(Principal principal) {
    return new JsonObject().put(Principal.HEADER_ID, principal.id()).put(Principal.HEADER_ROLE, principal.role().name())
      .put(HEADER_SIGNATURE, sign(principal.id(), principal.role().name()));
  }

  private static boolean signed(String id, String role, String signature) {
    if (id == null || role == null || signature == null) {
      return false;
    }
    return MessageDigest.isEqual(sign(id, role).getBytes(StandardCharsets.US_ASCII),
      signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static String sign(String id, String role) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest = mac.doFinal(("v1\n" + id + "\n" + role).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SecretKeySpec randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new SecretKeySpec(bytes, ALGORITHM);
  }
}
