package cm.reeyo.riderapi;

import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.contracts.RiderLocation;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/location} {@code {lat, lng, heading, speed}}: the REST twin of the bridge's location message. It
 * sends to the same bus consumer ({@link RealtimeAddresses#RIDER_LOCATION}, in the socket bridge) with the rider in the
 * principal headers, so both paths validate, rate-limit (1/s), store and forward alike.
 */
public final class LocationRoutes {

  private final ApiFoundation api;
  private final Handler<RoutingContext> auth;

  public LocationRoutes(ApiFoundation api, Handler<RoutingContext> auth) {
    this.api = api;
    this.auth = auth;
  }

  public void mount() {
    api.router().post("/api/v1/location").handler(auth).handler(RoleGuard.only(Role.RIDER))
      .handler(new JsonBody()).handler(this::validate).handler(this::report);
    api.openApi().fragment("openapi/rider-api/location.json");
  }

  private void validate(RoutingContext ctx) {
    try {
      JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly(RiderLocation.FIELDS);
      check.number("lat", -90, 90);
      check.number("lng", -180, 180);
      check.optionalNumber("heading", 0, RiderLocation.MAX_HEADING);
      check.optionalNumber("speed", 0, RiderLocation.MAX_SPEED);
      check.done();
      ctx.next();
    } catch (ApiError e) {
      ctx.fail(e);
    }
  }

  private void report(RoutingContext ctx) {
    BusClient.of(api.vertx()).request(RealtimeAddresses.RIDER_LOCATION, JsonBody.of(ctx), AuthHandler.principal(ctx))
      .onSuccess(reply -> Responses.ok(ctx, reply))
      .onFailure(ctx::fail);
  }
}
