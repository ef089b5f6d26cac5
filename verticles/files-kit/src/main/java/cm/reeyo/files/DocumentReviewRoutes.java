package cm.reeyo.files;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.NotifyAddresses;
import cm.reeyo.contracts.Principal;
import cm.reeyo.contracts.Role;
import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.edge.ApiError;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.edge.JsonBody;
import cm.reeyo.edge.JsonCheck;
import cm.reeyo.edge.Responses;
import cm.reeyo.edge.RoleGuard;
import cm.reeyo.identity.AuthAudit;
import cm.reeyo.identity.Identity;
import cm.reeyo.files.RiderDocuments.Review;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin API, ADMIN only: a rider's documents ({@code GET /api/v1/riders/{riderId}/documents}), any file through a
 * short-lived URL ({@code GET /api/v1/files/{fileId}}), and the review of each document
 * ({@code POST .../documents/{kind}/approve|reject}, reason required to reject), audited. A rejected rider is told in
 * their inbox which document to upload again.
 */
public final class DocumentReviewRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(DocumentReviewRoutes.class);
  private static final String REASON = "files.reason";

  private final Identity identity;
  private final Files files;

  private DocumentReviewRoutes(Identity identity, Files files) {
    this.identity = identity;
    this.files = files;
  }

  public static void mount(Identity identity, Files files) {
    DocumentReviewRoutes routes = new DocumentReviewRoutes(identity, files);
    ApiFoundation api = identity.api();
    Router r = api.router();
    RoleGuard admins = RoleGuard.only(Role.ADMIN);
    r.get("/api/v1/riders/:riderId/documents").handler(identity.auth()).handler(admins).handler(routes::list);
    r.get("/api/v1/files/:fileId").handler(identity.auth()).handler(admins).handler(routes::view);
    r.post("/api/v1/riders/:riderId/documents/:kind/approve").handler(identity.auth()).handler(admins)
      .handler(new JsonBody()).handler(ctx -> routes.reason(ctx, false)).handler(ctx -> routes.review(ctx, Review.APPROVED));
    r.post("/api/v1/riders/:riderId/documents/:kind/reject").handler(identity.auth()).handler(admins)
      .handler(new JsonBody()).handler(ctx -> routes.reason(ctx, true)).handler(ctx -> routes.review(ctx, Review.REJECTED));
    api.openApi().fragment("openapi/files/document-review.json");
  }

  private void list(RoutingContext ctx) {
    String riderId = ctx.pathParam("riderId");
    files.documents().list(riderId)
      .compose(docs -> Responses.ok(ctx, DocumentRoutes.summary(docs, files).put("riderId", riderId)))
      .onFailure(ctx::fail);
  }

  private void view(RoutingContext ctx) {
    files.uploads().view(AuthHandler.principal(ctx), ctx.pathParam("fileId"))
      .compose(file -> Responses.ok(ctx, file))
      .onFailure(ctx::fail);
  }

  private void reason(RoutingContext ctx, boolean required) {
    JsonCheck check = JsonCheck.of(JsonBody.of(ctx)).allowOnly("reason");
    String reason = required ? check.string("reason", 3, 500) : check.optionalString("reason", 3, 500);
    check.done();
    FileKind kind = files.config().kind(ctx.pathParam("kind"));
    if (kind == null || kind.purpose() != FileKind.Purpose.RIDER_DOCUMENT) {
      throw new ApiError(cm.reeyo.contracts.ErrorCode.NOT_FOUND, "No such document kind");
    }
    ctx.put(REASON, reason);
    ctx.next();
  }

  private void review(RoutingContext ctx, Review decision) {
    Principal admin = AuthHandler.principal(ctx);
    String riderId = ctx.pathParam("riderId");
    String kind = ctx.pathParam("kind");
    String reason = ctx.get(REASON);
    String action = "admin.rider.document." + (decision == Review.APPROVED ? "approve" : "reject");
    String target = riderId + "/" + kind;
    files.documents().review(riderId, kind, decision, reason, admin.id())
      .compose(doc -> identity.audit().admin(ctx, admin, action, target, AuthAudit.SUCCESS,
        reason == null ? null : "reason: " + reason).map(doc))
      .onSuccess(doc -> {
        if (decision == Review.REJECTED) {
          tellRider(riderId, kind, reason);
        }
      })
      .compose(doc -> Responses.ok(ctx, doc))
      .onFailure(f -> identity.audit().admin(ctx, admin, action, target, AuthAudit.FAILURE, f.getMessage()))
      .onFailure(ctx::fail);
  }

  /** Best effort: the review is recorded whatever the notifier says; the rider also sees it in GET /documents. */
  private void tellRider(String riderId, String kind, String reason) {
    JsonObject note = new JsonObject().put("accountId", riderId).put("title", "Document to upload again")
      .put("body", "Your " + kind.replace('_', ' ').toLowerCase() + " was not accepted: " + reason
        + ". Please upload it again.")
      .put("data", new JsonObject().put("type", "DOCUMENT_REJECTED").put("kind", kind));
    BusClient.of(identity.api().vertx()).request(NotifyAddresses.INBOX, note)
      .onFailure(f -> LOG.warn("rider {} not told about the rejected {}: {}", riderId, kind, f.getMessage()));
  }
}
