package cm.reeyo.apikit;

import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The in-app inbox and push-device routes, the same in the user, vendor and rider APIs, each open to that API's role
 * only. Each caller sees and changes only its own inbox and devices: the account is the token's principal, never a
 * parameter.
 * <ul>
 *   <li>{@code GET /api/v1/notifications?limit=&cursor=&unread=} → {@code {items, nextCursor, unreadCount}}</li>
 *   <li>{@code POST /api/v1/notifications/{notificationId}/read} → {@code {notificationId, read}}</li>
 *   <li>{@code POST /api/v1/devices {platform: IOS|ANDROID, token}} → 201 {@code {accountId, platform, registered}}</li>
 * </ul>
 */
public final class NotificationRoutes {

  public static final String OPENAPI_FRAGMENT = "openapi/shared/notifications.json";

  private final ApiFoundation api;

  private NotificationRoutes(ApiFoundation api) {
    this.api = api;
  }

  /** Mounts the routes behind {@code auth} for callers of {@code role} and adds their OpenAPI fragment to the API's document. */
  public static void mount(ApiFoundation api, Handler<RoutingContext> auth, Role role) {
    if (role == Role.ADMIN) {
      throw new IllegalArgumentException("Admins have no inbox");
    }
    NotificationRoutes routes = new NotificationRoutes(api);
    Router router = api.router();
    RoleGuard owners = RoleGuard.only(role);
    router.get("/api/v1/notifications").handler(auth).handler(owners)
      .handler(NotificationRoutes::validateList).handler(routes::list);
    router.post("/api/v1/notifications/:notificationId/read").handler(auth).handler(owners).handler(routes::read);
    router.post("/api/v1/devices").handler(auth).handler(owners).handler(new JsonBody())
      .handler(NotificationRoutes::validateDevice).handler(routes::registerDevice);
    api.openApi().fragment(OPENAPI_FRAGMENT);
  }

  private static void validateList(RoutingContext ctx) {
    String limit = ctx.request().getParam("limit");
    String unread = ctx.request().getParam("unread");
    String cursor = ctx.request().getParam("cursor");
    if (limit != null && !limit.matches("[1-9][0-9]?|100")) {
      throw ApiError.validation("limit", "must be a whole number from 1 to 100");
    }
    if (unread != null && !unread.equals("true") && !unread.equals("false")) {
      throw ApiError.validation("unread", "must be true or false");
    }
    if (cursor != null && (cursor.isEmpty() || cursor.length() > 200)) {
      throw ApiError.validation("cursor", "is not a cursor from this list");
    }
    ctx.next();
  }

  private void list(RoutingContext ctx) {
    JsonObject query = new JsonObject()
      .put("limit", Integer.parseInt(ctx.request().getParam("limit", "20")))
      .put("cursor", ctx.request().getParam("cursor"))
      .put("unread", Boolean.parseBoolean(ctx.request().getParam("unread", "false")));
    call(ctx, NotifyAddresses.INBOX_LIST, query)
      .compose(page -> Responses.ok(ctx, page))
      .onFailure(ctx::fail);
  }

  private void read(RoutingContext ctx) {
    String id = ctx.pathParam("notificationId");
    if (id == null || id.length() > 40) {
      ctx.fail(new ApiError(ErrorCode.NOT_FOUND, "No such notification"));
      return;
    }
    call(ctx, NotifyAddresses.INBOX_READ, new JsonObject().put("notificationId", id))
      .compose(answer -> Responses.ok(ctx, answer))
      .onFailure(ctx::fail);
  }

  private static void validateDevice(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("platform", "token");
    String platform = check.string("platform", 3, 7);
    if (platform != null && !platform.equals("IOS") && !platform.equals("ANDROID")) {
      check.problem("platform", "must be IOS or ANDROID");
    }
    String token = check.string("token", 8, 4096);
    if (token != null && !token.matches("[A-Za-z0-9:_\\-.]+")) {
      check.problem("token", "has characters a push token never has");
    }
    check.done();
    ctx.next();
  }

  private void registerDevice(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx);
    JsonObject request = new JsonObject().put("platform", body.getString("platform")).put("token", body.getString("token").strip())
      .put("role", AuthHandler.principal(ctx).role().name());
    call(ctx, NotifyAddresses.REGISTER_DEVICE, request)
      .compose(answer -> Responses.created(ctx, answer))
      .onFailure(ctx::fail);
  }

  /** A request to the notifier on behalf of the caller: account in the body and the principal in the headers. */
  private Future<JsonObject> call(RoutingContext ctx, String address, JsonObject body) {
    Principal me = AuthHandler.principal(ctx);
    return BusClient.of(api.vertx()).request(address, body.put("accountId", me.id()), me);
  }
}
