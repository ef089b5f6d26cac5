package cm.reeyo.edge;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An API's OpenAPI document, assembled from a base resource and one fragment per route group (each fragment
 * holds {@code paths} and {@code components.schemas}), so that every group documents its own routes. Served at
 * {@code /openapi.json}; {@link #undocumented} lets a test prove that every mounted route is documented. What can be
 * derived (operation ids, tags, public security, shared error responses, the Error enum, closed schemas) is added by
 * {@link OpenApiRules} after the merge, so fragments hold only what must be written by hand.
 */
public final class OpenApiDoc {

  private static final Set<String> FRONT = Set.of("/health", "/ready", "/openapi.json");

  private final String base;
  private final List<String> fragments = new ArrayList<>();
  private JsonObject assembled;

  public OpenApiDoc(String baseResource) {
    this.base = baseResource;
  }

  public OpenApiDoc fragment(String resource) {
    fragments.add(resource);
    assembled = null;
    return this;
  }

  /** The merged document (read once through Vert.x's file system, which also reads class-path resources). */
  public Future<JsonObject> load(Vertx vertx) {
    if (assembled != null) {
      return Future.succeededFuture(assembled);
    }
    Future<JsonObject> doc = vertx.fileSystem().readFile(base).map(b -> new JsonObject(b));
    for (String fragment : fragments) {
      doc = doc.compose(d -> vertx.fileSystem().readFile(fragment).map(b -> merge(d, new JsonObject(b))));
    }
    return doc.map(OpenApiRules::apply).andThen(r -> assembled = r.result());
  }

  public Handler<RoutingContext> handler(Vertx vertx) {
    return ctx -> load(vertx)
      .onSuccess(doc -> ctx.response().putHeader("Content-Type", "application/json").end(doc.encode()))
      .onFailure(ctx::fail);
  }

  static JsonObject merge(JsonObject doc, JsonObject fragment) {
    JsonObject paths = doc.getJsonObject("paths", new JsonObject());
    fragment.getJsonObject("paths", new JsonObject()).forEach(e -> {
      JsonObject existing = paths.getJsonObject(e.getKey(), new JsonObject());
      paths.put(e.getKey(), existing.mergeIn((JsonObject) e.getValue()));
    });
    doc.put("paths", paths);
    JsonObject components = doc.getJsonObject("components", new JsonObject());
    JsonObject schemas = components.getJsonObject("schemas", new JsonObject());
    schemas.mergeIn(fragment.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject()));
    doc.put("components", components.put("schemas", schemas));
    return doc;
  }

  /** Every "METHOD path" mounted on the router that the document does not describe. */
  public static List<String> undocumented(Router router, JsonObject doc) {
    JsonObject paths = doc.getJsonObject("paths", new JsonObject());
    List<String> missing = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || route.methods() == null || route.methods().isEmpty() || FRONT.contains(path)) {
        continue;
      }
      String openApiPath = path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      for (HttpMethod method : route.methods()) {
        JsonObject item = paths.getJsonObject(openApiPath);
        if (item == null || !item.containsKey(method.name().toLowerCase())) {
          missing.add(method.name() + " " + openApiPath);
        }
      }
    }
    return missing;
  }
}
