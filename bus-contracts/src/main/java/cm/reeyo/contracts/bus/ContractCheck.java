package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every message on the bus against its contract, for tests: installed by the plumbing on each Vert.x it runs on
 * when the system property {@value #PROPERTY} is {@code true} (the parent POM sets it for every module's tests).
 * Outbound and inbound interceptors see requests, publishes and replies; what they find goes to {@link Violations}:
 * a published message or an accepted request that breaks its schema, a reply that breaks the reply schema, a failure
 * code the contract does not declare, and a message to one of our namespaces with no contract at all. A request its
 * schema refuses is fine when the callee refuses it too (VALIDATION_FAILED): tests send bad input on purpose.
 */
public final class ContractCheck {

  public static final String PROPERTY = "reeyo.bus.contractCheck";
  private static final int MAX_PENDING = 20_000;
  /** Read once: the property is set for the whole JVM (surefire), and every bus call asks. */
  private static final boolean ENABLED = Boolean.getBoolean(PROPERTY);
  private static final Set<Vertx> INSTALLED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /** Requests waiting for their reply, by reply address. */
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  private record Pending(Contract contract, String requestProblem) {
  }

  private ContractCheck() {
  }

  public static boolean enabled() {
    return ENABLED;
  }

  /** Installs the interceptors on {@code vertx} once, when checks are enabled. */
  public static void install(Vertx vertx) {
    if (enabled() && INSTALLED.add(vertx)) {
      ContractCheck check = new ContractCheck();
      vertx.eventBus().addOutboundInterceptor(ctx -> check.intercept(ctx, true));
      vertx.eventBus().addInboundInterceptor(ctx -> check.intercept(ctx, false));
    }
  }

  private void intercept(DeliveryContext<Object> ctx, boolean outbound) {
    try {
      Object body = ctx.body();
      if (outbound || body != null) {
        inspect(ctx.message(), body);
      } else {
        remember(ctx.message());
      }
    } catch (RuntimeException e) {
      Violations.record("contract check crashed on " + ctx.message().address() + ": " + e);
    }
    ctx.next();
  }

  /**
   * A message from another node reaches the inbound interceptor still encoded (its body reads null): its sender's
   * outbound interceptor checked it; here only a request's reply address is remembered, so that this node checks the
   * reply it sends.
   */
  private void remember(Message<Object> msg) {
    pending.remove(msg.address());
    Optional<Contract> contract = BusContracts.get().find(msg.address());
    if (contract.isPresent() && msg.replyAddress() != null && contract.get().kind() == Kind.REQUEST_REPLY) {
      pending.put(msg.replyAddress(), new Pending(contract.get(), null));
    }
  }

  private void inspect(Message<Object> msg, Object body) {
    String address = msg.address();
    Pending request = pending.remove(address);
    if (request != null) {
      reply(request, body);
      return;
    }
    Optional<Contract> contract = BusContracts.get().find(address);
    if (contract.isEmpty()) {
      if (BusContracts.OWN_NAMESPACE.matcher(address).matches()) {
        Violations.record(address + ": no contract for this address");
      }
      return;
    }
    Contract c = contract.get();
    String problem = c.checkRequest(body == null ? new JsonObject() : body).orElse(null);
    if (msg.replyAddress() != null && c.kind() == Kind.REQUEST_REPLY) {
      if (pending.size() > MAX_PENDING) {
        pending.clear();
      }
      pending.put(msg.replyAddress(), new Pending(c, problem));
    } else if (problem != null) {
      Violations.record(address + " (" + c.kind().wireName() + "): message breaks the schema: " + problem);
    }
  }

  private static void reply(Pending request, Object body) {
    Contract c = request.contract();
    if (body instanceof ReplyException failure) {
      ErrorCode code = ErrorCode.of(failure);
      if (!c.mayFailWith(code)) {
        Violations.record(c.address() + ": failed with undeclared code " + code + " (" + failure.getMessage() + ")");
      }
      return;
    }
    if (request.requestProblem() != null) {
      Violations.record(c.address() + ": a request breaking the schema was accepted: " + request.requestProblem());
    }
    c.checkReply(body).ifPresent(problem -> Violations.record(c.address() + ": reply breaks the schema: " + problem));
  }
}
