package cm.reeyo.adminapi;

import cm.reeyo.apikit.ApiFoundation;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The operations console: static files from the class path ({@code console/}) at {@code /console/}, and
 * {@code /console/config.json} telling the page where the socket bridge and the map tiles are. The files hold no
 * secret; the page logs in with the admin account and keeps its bearer token in session storage (no cookies). Every
 * answer under {@code /console} carries a strict Content-Security-Policy (scripts and styles from this origin only,
 * connections to this origin and the bridge, images from this origin and the tile server) and {@code DENY} framing.
 * Config ({@code console}): {@code bridgeUrl} (default: this host, port {@code bridgePort} 3004 plus the node's port
 * offset), {@code tileUrl} (e.g. {@code https://tiles.example/{z}/{x}/{y}.png}; empty: a plain canvas),
 * {@code center} {@code {lat, lng}} (Douala).
 */
final class ConsoleRoutes {

  public static final String CONF = "console";
  public static final int DEFAULT_BRIDGE_PORT = 3004;
  static final String ROOT = "console";

  private final JsonObject conf;
  private final int portOffset;

  private ConsoleRoutes(JsonObject config) {
    this.conf = config.getJsonObject(CONF, new JsonObject());
    this.portOffset = config.getJsonObject("node", new JsonObject()).getInteger("portOffset", 0);
  }

  static void mount(ApiFoundation api) {
    ConsoleRoutes routes = new ConsoleRoutes(api.config());
    Router console = Router.router(api.vertx());
    console.route().handler(routes::headers);
    console.route("/config.json").handler(routes::config);
    console.route().handler(StaticHandler.create(ROOT).setIndexPage("index.html")
      .setCachingEnabled(false).setDirectoryListing(false).setIncludeHidden(false));
    api.router().routeWithRegex("^/console$").handler(ctx -> ctx.redirect("/console/"));
    api.router().route("/console/*").subRouter(console);
  }

  private void headers(RoutingContext ctx) {
    String bridge = bridgeUrl(ctx);
    Set<String> connect = new LinkedHashSet<>();
    connect.add("'self'");
    origin(bridge).ifPresent(o -> {
      connect.add(o);
      connect.add(o.replaceFirst("^http", "ws"));
    });
    Set<String> images = new LinkedHashSet<>(java.util.List.of("'self'", "data:"));
    origin(conf.getString("tileUrl", "")).ifPresent(images::add);
    ctx.response().headers()
      .set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; connect-src " + String.join(" ", connect)
        + "; img-src " + String.join(" ", images))
      .set("X-Frame-Options", "DENY")
      .set("Cache-Control", "no-cache");
    ctx.next();
  }

  private void config(RoutingContext ctx) {
    JsonObject center = conf.getJsonObject("center", new JsonObject().put("lat", 4.0511).put("lng", 9.7679));
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
      .end(new JsonObject().put("bridgeUrl", bridgeUrl(ctx)).put("tileUrl", conf.getString("tileUrl", ""))
        .put("center", center).encode());
  }

  private String bridgeUrl(RoutingContext ctx) {
    String configured = conf.getString("bridgeUrl", "");
    if (configured != null && !configured.isBlank()) {
      return configured.replaceAll("/+$", "");
    }
    HostAndPort authority = ctx.request().authority();
    String host = authority == null || !authority.host().matches("[A-Za-z0-9.-]{1,253}") ? "127.0.0.1" : authority.host();
    String scheme = ctx.request().isSSL() ? "https" : "http";
    return scheme + "://" + host + ":" + (conf.getInteger("bridgePort", DEFAULT_BRIDGE_PORT) + portOffset);
  }

  private static java.util.Optional<String> origin(String url) {
    if (url == null || url.isBlank()) {
      return java.util.Optional.empty();
    }
    try {
      URI uri = URI.create(url.replace("{", "%7B").replace("}", "%7D"));
      if (uri.getScheme() == null || uri.getHost() == null || !uri.getScheme().matches("https?")) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
