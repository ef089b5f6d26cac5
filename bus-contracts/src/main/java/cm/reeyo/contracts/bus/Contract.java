package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The contract of one bus address, loaded from {@code contracts/<domain>.json}: its kind, who may call it, the JSON
 * Schemas (draft 2020-12) of the request (or published message) and of the reply, the failure codes the callee may
 * answer, the reply timeout callers wait (the whole deadline, retries included) and whether a request may be retried
 * ({@link Idempotency}, field {@code idempotent}). {@code callers} holds role names (a principal with one of those roles
 * may call) and {@code service} (a call without a principal, from another service, is allowed).
 */
public record Contract(String domain, String address, Kind kind, String summary, Set<String> callers, long timeoutMs,
                       JsonObject requestSchema, JsonObject replySchema, Set<ErrorCode> failures, JsonObject example,
                       Idempotency idempotency) {

  public static final String SERVICE = "service";
  /** Codes every request-reply address may answer: the plumbing's own refusals and the bus's failures. */
  public static final Set<ErrorCode> PLUMBING_FAILURES = EnumSet.of(ErrorCode.UNAUTHORIZED, ErrorCode.FORBIDDEN,
    ErrorCode.VALIDATION_FAILED, ErrorCode.INTERNAL, ErrorCode.TIMEOUT, ErrorCode.UNAVAILABLE);

  private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
    .setBaseUri("https://reeyo.cm/contracts/").setOutputFormat(OutputFormat.Basic);
  private static final Map<JsonObject, Validator> VALIDATORS = Collections.synchronizedMap(new IdentityHashMap<>());

  static Contract fromJson(String domain, JsonObject json, JsonObject defs) {
    Kind kind = Kind.of(json.getString("kind"));
    Set<ErrorCode> failures = json.getJsonArray("failures", new io.vertx.core.json.JsonArray()).stream()
      .map(c -> ErrorCode.valueOf((String) c)).collect(Collectors.toCollection(() -> EnumSet.noneOf(ErrorCode.class)));
    return new Contract(domain, json.getString("address"), kind, json.getString("summary", ""),
      Set.copyOf(json.getJsonArray("callers").stream().map(String.class::cast).toList()),
      json.getLong("timeoutMs", 0L), withDefs(json.getJsonObject("request"), defs), withDefs(json.getJsonObject("reply"), defs),
      failures, json.getJsonObject("example"), Idempotency.fromJson(json.getValue("idempotent")));
  }

  private static JsonObject withDefs(JsonObject schema, JsonObject defs) {
    if (schema == null) {
      return null;
    }
    JsonObject copy = schema.copy();
    if (defs != null && !defs.isEmpty()) {
      copy.put("$defs", defs.copy());
    }
    return copy;
  }

  /** True for a family of per-identity addresses such as {@code client.user.{id}}. */
  public boolean isPattern() {
    return address.contains("{");
  }

  /** Whether an address belongs to this contract (exactly, or as a member of the family). */
  public boolean covers(String candidate) {
    if (!isPattern()) {
      return address.equals(candidate);
    }
    String prefix = address.substring(0, address.indexOf('{'));
    String suffix = address.substring(address.indexOf('}') + 1);
    return candidate.startsWith(prefix) && candidate.endsWith(suffix)
      && candidate.length() > prefix.length() + suffix.length()
      && candidate.substring(prefix.length(), candidate.length() - suffix.length()).matches("[A-Za-z0-9_-]+");
  }

  public boolean allowsService() {
    return callers.contains(SERVICE);
  }

  public boolean allows(Role role) {
    return callers.contains(role.name());
  }

  /** Codes a callee of this address may fail with: the declared ones and the plumbing's. */
  public boolean mayFailWith(ErrorCode code) {
    return failures.contains(code) || PLUMBING_FAILURES.contains(code);
  }

  /** The first problems of {@code body} against the request schema, or empty when it conforms. */
  public Optional<String> checkRequest(Object body) {
    return check(requestSchema, body);
  }

  /** The first problems of {@code body} against the reply schema, or empty when it conforms. */
  public Optional<String> checkReply(Object body) {
    return check(replySchema, body);
  }

  private static Optional<String> check(JsonObject schema, Object body) {
    if (schema == null) {
      return Optional.empty();
    }
    OutputUnit out = VALIDATORS.computeIfAbsent(schema, s -> Validator.create(JsonSchema.of(s), OPTIONS)).validate(body);
    if (Boolean.TRUE.equals(out.getValid())) {
      return Optional.empty();
    }
    List<OutputUnit> errors = out.getErrors() == null ? List.of() : out.getErrors();
    String detail = errors.stream().limit(3)
      .map(e -> (e.getInstanceLocation() == null || e.getInstanceLocation().isEmpty() ? "body" : e.getInstanceLocation())
        + ": " + e.getError())
      .collect(Collectors.joining("; "));
    return Optional.of(detail.isEmpty() ? String.valueOf(out.getError()) : detail);
  }
}
