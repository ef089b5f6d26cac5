package cm.reeyo.bridge;

import cm.reeyo.contracts.bus.BusServer;
import cm.reeyo.contracts.ClientAddresses;
import cm.reeyo.contracts.IdentityAddresses;
import cm.reeyo.contracts.RealtimeAddresses;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.EdgeRouter;
import cm.reeyo.edge.InvalidRequests;
import cm.reeyo.edge.JwtCodec;
import cm.reeyo.edge.OpenApiDoc;
import cm.reeyo.edge.Readiness;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.edge.SessionCheck;
import cm.reeyo.storage.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;


/**
 * The real-time edge (port {@code http.port}, 3004): the Vert.x SockJS event-bus bridge at {@code /eventbus}, so the
 * stock event-bus client works unchanged and a publish on any node reaches a socket on any node. Also the bus side of
 * real time: numbering and replay of client envelopes, rider locations and typing. {@code GET /stats} (counters)
 * needs an admin access token. Settings: {@link BridgeSettings}.
 */
public class SocketBridgeVerticle extends VerticleBase {

  public static final String CONF_JWT = "jwt";
  public static final String EVENTBUS_PATH = "/eventbus/*";

  private Readiness readiness;

  @Override
  public Future<?> start() {
    BridgeSettings settings = BridgeSettings.from(config());
    RedisStore redis = RedisStore.acquire(vertx, config());
    BridgeStats stats = BridgeStats.of(vertx);
    OrderParties parties = new OrderParties(vertx, settings.partyCacheMs());
    ReplayLog replay = new ReplayLog(redis.api(), settings);
    ClientOutbox outbox = new ClientOutbox(vertx, replay, stats);
    JwtCodec jwt = JwtCodec.fromConfig(vertx, config().getJsonObject(CONF_JWT, new JsonObject()));
    SocketAuth auth = new SocketAuth(jwt, redis.api());
    BridgeGuard guard = new BridgeGuard(vertx, auth, parties, settings, stats);
    Future<Void> revocations = vertx.eventBus().<JsonObject>consumer(IdentityAddresses.SESSIONS_ENDED,
      msg -> guard.sessionsEnded(msg.body())).completion();

    readiness = new Readiness().check("redis", redis::ping);
    Router router = EdgeRouter.create(vertx, config(), readiness, new OpenApiDoc("openapi/socket-bridge.json"));
    router.get("/stats").handler(new AuthHandler(jwt, SessionCheck.none())).handler(RoleGuard.only(Role.ADMIN))
      .handler(ctx -> Responses.ok(ctx, stats.toJson()));
    router.route(EVENTBUS_PATH).subRouter(SockJSHandler.create(vertx, sockJsOptions(settings))
      .bridge(bridgeOptions(settings), guard));

    return BusServer.on(vertx)
      .serve(ClientAddresses.CLIENT_PUBLISH, outbox::handlePublish)
      .serve(ClientAddresses.CLIENT_REPLAY, new ReplayService(replay, stats)::handle)
      .serve(RealtimeAddresses.RIDER_LOCATION,
        new RiderLocationService(redis.api(), parties, outbox, settings.locationIntervalMs(), stats)::handle)
      .serve(RealtimeAddresses.TYPING, new TypingService(parties, outbox)::handle)
      .ready()
      .compose(v -> revocations)
      .compose(v -> listen(router, settings));
  }

  @Override
  public Future<?> stop() {
    readiness.drain();
    RedisStore.release(vertx);
    return Future.succeededFuture();
  }

  private static SockJSHandlerOptions sockJsOptions(BridgeSettings settings) {
    return new SockJSHandlerOptions().setHeartbeatInterval(settings.heartbeatMs()).setRegisterWriteHandler(false);
  }

  /** The guard enforces the registration limit exactly; one more here keeps requests (reply handlers) possible when full. */
  private static SockJSBridgeOptions bridgeOptions(BridgeSettings settings) {
    return new SockJSBridgeOptions()
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(ClientAddress.REGEX))
      .addOutboundPermitted(new PermittedOptions().setAddress(ClientAddresses.ADMINS))
      .addInboundPermitted(new PermittedOptions().setAddress(RealtimeAddresses.RIDER_LOCATION))
      .addInboundPermitted(new PermittedOptions().setAddress(RealtimeAddresses.TYPING))
      .addInboundPermitted(new PermittedOptions().setAddress(ClientAddresses.CLIENT_REPLAY))
      .setMaxHandlersPerSocket(settings.maxHandlers() + 1)
      .setMaxAddressLength(settings.maxAddressLength())
      .setPingTimeout(settings.pingTimeoutMs())
      .setReplyTimeout(settings.replyTimeoutMs());
  }

  /** Like {@link EdgeRouter#listen}, with WebSocket frame and message limits (a SockJS frame escapes its JSON). */
  private Future<HttpServer> listen(Router router, BridgeSettings settings) {
    JsonObject http = config().getJsonObject(EdgeRouter.CONF_HTTP, new JsonObject());
    int wsLimit = Math.max(4 * settings.maxMessageBytes(), 16 * 1024);
    HttpServerOptions options = new HttpServerOptions()
      .setHost(http.getString(EdgeRouter.CONF_HOST, "0.0.0.0"))
      .setPort(http.getInteger(EdgeRouter.CONF_PORT, 0))
      .setIdleTimeout(120)
      .setMaxHeaderSize(16 * 1024)
      .setMaxWebSocketFrameSize(wsLimit)
      .setMaxWebSocketMessageSize(wsLimit)
      .setMaxInitialLineLength(InvalidRequests.MAX_INITIAL_LINE);
    return vertx.createHttpServer(options).invalidRequestHandler(new InvalidRequests()).requestHandler(router).listen();
  }
}
