package cm.reeyo.files;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The upload routes, the same on every API whose callers upload: {@code POST /api/v1/uploads} {@code {kind,
 * contentType, size}} → 201 with a presigned PUT; {@code POST /api/v1/uploads/{uploadId}/confirm} → 200 with the
 * file; {@code GET /api/v1/files/{fileId}} → the caller's own file with a short-lived URL (404 for anyone else's).
 */
public final class UploadRoutes {

  private static final String KIND = "files.kind";

  private final Files files;
  private final Role role;

  private UploadRoutes(Files files, Role role) {
    this.files = files;
    this.role = role;
  }

  /** Mounts the routes for callers of {@code role} and adds {@code openapi/files/uploads.json}. */
  public static void mount(ApiFoundation api, Handler<RoutingContext> auth, Files files, Role role) {
    UploadRoutes routes = new UploadRoutes(files, role);
    Router r = api.router();
    r.post("/api/v1/uploads").handler(auth).handler(RoleGuard.only(role)).handler(new JsonBody())
      .handler(routes::validate).handler(routes::create);
    r.post("/api/v1/uploads/:uploadId/confirm").handler(auth).handler(RoleGuard.only(role)).handler(routes::confirm);
    r.get("/api/v1/files/:fileId").handler(auth).handler(RoleGuard.only(role)).handler(routes::view);
    api.openApi().fragment("openapi/files/uploads.json");
  }

  private void validate(RoutingContext ctx) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("kind", "contentType", "size");
    String kindName = check.string("kind", 1, 64);
    String type = check.string("contentType", 1, 100);
    Long size = check.integer("size", 1, Long.MAX_VALUE);
    check.done();
    FileKind kind = files.config().kind(kindName);
    if (kind == null || !kind.roles().contains(role)) {
      throw ApiError.validation("kind", "is not a kind of file you may upload");
    }
    if (!kind.types().contains(type)) {
      throw ApiError.validation("contentType", "must be one of " + kind.types().stream().sorted().toList());
    }
    if (size > kind.maxBytes()) {
      throw new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "A " + kindName + " may be at most " + kind.maxBytes() + " bytes");
    }
    ctx.put(KIND, kind);
    ctx.next();
  }

  private void create(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx);
    files.uploads().create(principal(ctx), ctx.get(KIND), body.getString("contentType"), body.getLong("size"))
      .compose(answer -> Responses.created(ctx, answer))
      .onFailure(ctx::fail);
  }

  private void confirm(RoutingContext ctx) {
    files.uploads().confirm(principal(ctx), ctx.pathParam("uploadId"))
      .compose(file -> Responses.ok(ctx, file))
      .onFailure(ctx::fail);
  }

  private void view(RoutingContext ctx) {
    files.uploads().view(principal(ctx), ctx.pathParam("fileId"))
      .compose(file -> Responses.ok(ctx, file))
      .onFailure(ctx::fail);
  }

  private static Principal principal(RoutingContext ctx) {
    return AuthHandler.principal(ctx);
  }
}
