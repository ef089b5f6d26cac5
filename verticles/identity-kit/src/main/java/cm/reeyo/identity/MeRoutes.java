package cm.reeyo.identity;

import cm.reeyo.contracts.Principal;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/me} (own account, public view) and {@code PATCH /api/v1/me} (audited {@code account.profile-update}
 * with the names of the fields changed; safe fields only: names, language,
 * and for customers their delivery addresses). Everything else (role, status, approvalStatus, balance, ratings, ids,
 * phone) is refused.
 */
final class MeRoutes {

  static final int MAX_ADDRESSES = 10;

  private final Identity identity;
  private final AccountKind kind;

  MeRoutes(Identity identity, AccountKind kind) {
    this.identity = identity;
    this.kind = kind;
  }

  void mount(Router router) {
    router.get("/api/v1/me").handler(identity.auth()).handler(RoleGuard.only(kind.role())).handler(this::get);
    router.patch("/api/v1/me").handler(identity.auth()).handler(RoleGuard.only(kind.role()))
      .handler(new JsonBody()).handler(Forms.validate(this::changes)).handler(this::patch);
  }

  private void get(RoutingContext ctx) {
    Principal principal = AuthHandler.principal(ctx);
    identity.accounts().get(kind, principal.id())
      .onSuccess(account -> Responses.ok(ctx, Accounts.publicView(account)))
      .onFailure(ctx::fail);
  }

  private void patch(RoutingContext ctx) {
    Principal principal = AuthHandler.principal(ctx);
    JsonObject changes = Forms.of(ctx);
    if (changes.isEmpty()) {
      get(ctx);
      return;
    }
    cm.reeyo.apikit.AuditedCall.run(identity.api(), ctx, "account.profile-update", principal.id(),
        cm.reeyo.apikit.AuditedCall.fields(changes), identity.accounts().update(kind, principal.id(), changes))
      .onSuccess(account -> Responses.ok(ctx, Accounts.publicView(account)))
      .onFailure(ctx::fail);
  }

  private JsonObject changes(JsonCheck check, JsonObject body) {
    JsonObject changes = new JsonObject();
    switch (kind) {
      case USER -> {
        check.allowOnly("firstName", "lastName", "language", "addresses");
        put(changes, "firstName", check.optionalString("firstName", 1, 60));
        put(changes, "lastName", check.optionalString("lastName", 1, 60));
        put(changes, "addresses", addresses(check, body));
      }
      case RIDER -> {
        check.allowOnly("firstName", "lastName", "language");
        put(changes, "firstName", check.optionalString("firstName", 1, 60));
        put(changes, "lastName", check.optionalString("lastName", 1, 60));
      }
      case VENDOR -> {
        check.allowOnly("ownerName", "language");
        put(changes, "ownerName", check.optionalString("ownerName", 2, 100));
      }
      case ADMIN -> {
        check.allowOnly("name", "language");
        put(changes, "name", check.optionalString("name", 1, 100));
      }
    }
    put(changes, "language", Forms.language(check));
    return changes;
  }

  private static JsonArray addresses(JsonCheck check, JsonObject body) {
    if (body.getValue("addresses") == null) {
      return null;
    }
    JsonArray list = check.array("addresses", 0, MAX_ADDRESSES);
    if (list == null) {
      return null;
    }
    JsonArray clean = new JsonArray();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.getValue(i) instanceof JsonObject entry)) {
        check.problem("addresses." + i, "must be an object");
        continue;
      }
      JsonCheck a = check.nested("addresses." + i, entry)
        .allowOnly("label", "line1", "line2", "city", "lat", "lng", "instructions");
      JsonObject address = new JsonObject();
      put(address, "label", a.optionalString("label", 1, 40));
      put(address, "line1", a.string("line1", 1, 200));
      put(address, "line2", a.optionalString("line2", 1, 200));
      put(address, "city", a.optionalString("city", 1, 80));
      put(address, "lat", a.number("lat", -90, 90));
      put(address, "lng", a.number("lng", -180, 180));
      put(address, "instructions", a.optionalString("instructions", 1, 300));
      clean.add(address);
    }
    return clean;
  }

  private static void put(JsonObject changes, String field, Object value) {
    if (value != null) {
      changes.put(field, value);
    }
  }
}
