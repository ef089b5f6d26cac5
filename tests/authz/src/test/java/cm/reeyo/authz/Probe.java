package cm.reeyo.authz;

import io.vertx.core.json.JsonObject;

import java.util.function.IntPredicate;

/** One cell of the matrix: an operation called on a concrete path by one caller, and what it must answer. */
record Probe(Operation op, String caller, String token, String path, JsonObject body, Expect expect) {

  /** What a caller must get. */
  enum Expect {
    /** No token. */
    UNAUTHORIZED("401", s -> s == 401),
    /** A token of a role this route is not for. */
    FORBIDDEN("403", s -> s == 403),
    /** Someone else's resource: refused, or not even acknowledged. */
    DENIED("403 or 404", s -> s == 403 || s == 404),
    /**
     * The owner (or anyone, for a shared catalog resource): served, or refused for a business reason only (409 for a
     * state that does not allow it comes after the ownership check); never 400, so the sample body is a valid one.
     */
    ALLOWED("2xx or a business refusal (not 400/401/403/404/5xx)",
      s -> s != 400 && s != 401 && s != 403 && s != 404 && s < 500);

    private final String label;
    private final IntPredicate ok;

    Expect(String label, IntPredicate ok) {
      this.label = label;
      this.ok = ok;
    }

    boolean accepts(int status) {
      return ok.test(status);
    }

    String label() {
      return label;
    }
  }

  @Override
  public String toString() {
    return op.method() + " " + path + " on the " + op.api().name().toLowerCase() + " API as " + caller;
  }
}
