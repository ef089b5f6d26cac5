package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.EngineCall;
import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.storage.AuditLog;
import cm.reeyo.storage.Ids;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/v1/stats/repair {day?}}, ADMIN only: recounts a UTC day's orders (default today) in the order
 * engine ({@link OrderAddresses#STATS_REPAIR}) and corrects the dashboard counters that differ; answers what it
 * corrected. Audited ({@code stats.repair}, with the number of corrections), and the day's cached figures are dropped.
 */
final class StatsRepairRoutes {

  static final String OPENAPI = "openapi/admin-api/stats-repair.json";
  private static final String DAY = "repairDay";

  private final ApiFoundation api;

  private StatsRepairRoutes(ApiFoundation api) {
    this.api = api;
  }

  static void mount(ApiFoundation api, Handler<RoutingContext> auth) {
    StatsRepairRoutes routes = new StatsRepairRoutes(api);
    api.router().post("/api/v1/stats/repair").handler(auth).handler(RoleGuard.only(Role.ADMIN)).handler(new JsonBody())
      .handler(routes::validate).handler(routes::repair);
    api.openApi().fragment(OPENAPI);
  }

  private void validate(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("day");
    String day = check.optionalString("day", 10, 10);
    if (day != null && !day.matches("\\d{4}-\\d{2}-\\d{2}")) {
      check.problem("day", "must be a date YYYY-MM-DD");
    }
    check.done();
    ctx.put(DAY, day != null ? day : Ids.day(Instant.now()));
    ctx.next();
  }

  private void repair(RoutingContext ctx) {
    String day = ctx.get(DAY);
    Principal admin = AuthHandler.principal(ctx);
    EngineCall.request(ctx, OrderAddresses.STATS_REPAIR, new JsonObject().put("day", day))
      .andThen(r -> api.audit().record(AuditLog.Entry.of(admin.id(), admin.role().name(), "stats.repair", day,
        r.succeeded() ? "SUCCESS" : "FAILURE").detail(r.succeeded()
          ? r.result().getInteger("correctedCount") + " corrections over " + r.result().getLong("ordersScanned") + " orders"
          : "recount failed").from(api.clientIp().of(ctx))))
      .compose(report -> api.redis().api().del(List.of(StatsRoutes.CACHE_KEY_PREFIX + day)).otherwiseEmpty().map(report))
      .compose(report -> Responses.ok(ctx, report))
      .onFailure(ctx::fail);
  }
}
