package cm.reeyo.files;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Rider API: {@code GET /api/v1/documents}, the rider's documents with their review states and the kinds required. */
public final class DocumentRoutes {

  private DocumentRoutes() {
  }

  public static void mount(ApiFoundation api, Handler<RoutingContext> auth, Files files) {
    api.router().get("/api/v1/documents").handler(auth).handler(RoleGuard.only(Role.RIDER))
      .handler(ctx -> list(ctx, files));
    api.openApi().fragment("openapi/files/documents.json");
  }

  private static void list(RoutingContext ctx, Files files) {
    files.documents().list(AuthHandler.principal(ctx).id())
      .compose(docs -> Responses.ok(ctx, summary(docs, files)))
      .onFailure(ctx::fail);
  }

  /** {@code {documents, required, missing}}: what is on file and which required kinds are not approved yet. */
  static JsonObject summary(JsonArray docs, Files files) {
    java.util.Set<String> required = files.config().requiredRiderDocuments();
    java.util.Set<String> approved = new java.util.HashSet<>();
    docs.forEach(d -> {
      JsonObject doc = (JsonObject) d;
      if (RiderDocuments.Review.APPROVED.name().equals(doc.getString("status"))) {
        approved.add(doc.getString("kind"));
      }
    });
    return new JsonObject().put("documents", docs).put("required", new JsonArray(required.stream().toList()))
      .put("missing", new JsonArray(required.stream().filter(k -> !approved.contains(k)).toList()));
  }
}
