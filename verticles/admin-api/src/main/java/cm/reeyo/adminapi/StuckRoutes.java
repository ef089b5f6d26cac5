package cm.reeyo.adminapi;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.identity.Identity;
import cm.reeyo.storage.FollowUps;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/ops/stuck?olderThanSeconds=&limit=&cursor=}, ADMIN only: follow-ups (settlements, refunds,
 * dispatch, payment and payout checks) still open that long after the step that made them due — work the recovery
 * sweeper has not been able to finish, with its attempts and last error, so that an operator is told.
 */
final class StuckRoutes {

  static final long DEFAULT_OLDER_THAN_SECONDS = 600;

  private final FollowUps followUps;

  private StuckRoutes(FollowUps followUps) {
    this.followUps = followUps;
  }

  static void mount(Identity identity) {
    StuckRoutes routes = new StuckRoutes(new FollowUps(identity.api().dynamo(), FollowUps.DOMAINS.get(0)));
    identity.api().router().get("/api/v1/ops/stuck").handler(identity.auth()).handler(RoleGuard.only(Role.ADMIN))
      .handler(routes::list);
    identity.api().openApi().fragment("openapi/admin-api/stuck.json");
  }

  private void list(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(Query.of(ctx, "olderThanSeconds"));
    String olderThan = check.optionalString("olderThanSeconds", 1, 9);
    if (olderThan != null && !olderThan.matches("\\d+")) {
      check.problem("olderThanSeconds", "must be a whole number of seconds");
    }
    int limit = Query.limit(ctx, check);
    check.done();
    long overdueMs = (olderThan == null ? DEFAULT_OLDER_THAN_SECONDS : Long.parseLong(olderThan)) * 1000;
    followUps.stuck(System.currentTimeMillis(), overdueMs, limit, ctx.queryParams().get("cursor"))
      .recover(f -> f instanceof IllegalArgumentException
        ? Future.failedFuture(ErrorCode.VALIDATION_FAILED.exception("cursor is not valid"))
        : Future.failedFuture(f))
      .onSuccess(page -> Responses.page(ctx, page.getJsonArray("items"), page.getString("nextCursor")))
      .onFailure(ctx::fail);
  }
}
