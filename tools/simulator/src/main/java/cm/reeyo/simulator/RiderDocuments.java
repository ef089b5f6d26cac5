package cm.reeyo.simulator;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A rider's documents, as the rider app and the admin console handle them: for each required kind an upload ticket,
 * the bytes PUT straight to the presigned URL, the confirmation; then the admin approves each document.
 */
final class RiderDocuments {

  static final List<String> KINDS = List.of("DRIVING_LICENCE", "NATIONAL_ID", "VEHICLE_REGISTRATION");
  private static final byte[] SCAN = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    .getBytes(StandardCharsets.US_ASCII);

  private final Http http;
  private final Session admin;

  RiderDocuments(Http http, Session admin) {
    this.http = http;
    this.admin = admin;
  }

  /** Uploads the rider's three documents and has the admin approve them; answers the rider's id. */
  Future<String> submit(Session rider, String riderId) {
    Future<Void> chain = Future.succeededFuture();
    for (String kind : KINDS) {
      chain = chain.compose(v -> upload(rider, kind)).compose(v -> http.ok(admin, Http.Api.ADMIN, HttpMethod.POST,
        "/api/v1/riders/" + riderId + "/documents/" + kind + "/approve", null, "admin.approve-document")).mapEmpty();
    }
    return chain.map(riderId);
  }

  private Future<JsonObject> upload(Session rider, String kind) {
    JsonObject form = new JsonObject().put("kind", kind).put("contentType", "application/pdf").put("size", SCAN.length);
    return http.ok(rider, Http.Api.RIDER, HttpMethod.POST, "/api/v1/uploads", form, "rider.upload-ticket")
      .compose(ticket -> http.putPresigned(ticket, SCAN, "rider.upload-put").map(ticket))
      .compose(ticket -> http.ok(rider, Http.Api.RIDER, HttpMethod.POST,
        "/api/v1/uploads/" + ticket.getString("uploadId") + "/confirm", null, "rider.upload-confirm"));
  }
}
