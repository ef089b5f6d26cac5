package cm.reeyo.orderflow;

import cm.reeyo.contracts.Role;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** The app's side of an upload: ask for a ticket, PUT the bytes to the presigned URL, confirm. Plus sample files. */
final class Uploader {

  private final Platform p;

  Uploader(Platform p) {
    this.p = p;
  }

  /** POST /api/v1/uploads: the ticket {@code {uploadId, url, method, headers, expiresAt}}. */
  Future<JsonObject> ticket(Role api, String token, String kind, String contentType, long size) {
    return p.ok(HttpMethod.POST, api, "/api/v1/uploads", token,
      new JsonObject().put("kind", kind).put("contentType", contentType).put("size", size));
  }

  /** PUTs {@code bytes} to {@code url} with the ticket's headers (the client sets Content-Length from the body). */
  Future<HttpResponse<Buffer>> put(JsonObject ticket, String url, byte[] bytes) {
    HttpRequest<Buffer> request = p.web.putAbs(url);
    ticket.getJsonObject("headers").forEach(h -> {
      if (!"content-length".equalsIgnoreCase(h.getKey())) {
        request.putHeader(h.getKey(), h.getValue().toString());
      }
    });
    return request.sendBuffer(Buffer.buffer(bytes));
  }

  Future<HttpResponse<Buffer>> confirm(Role api, String token, String uploadId) {
    return p.call(HttpMethod.POST, api, "/api/v1/uploads/" + uploadId + "/confirm", token, null);
  }

  /** Ticket, PUT (must be 200), confirm (must be 200): the confirmed file. */
  Future<JsonObject> upload(Role api, String token, String kind, String contentType, byte[] bytes) {
    return ticket(api, token, kind, contentType, bytes.length)
      .compose(t -> put(t, t.getString("url"), bytes).compose(r -> r.statusCode() == 200 ? Future.succeededFuture(t)
        : Future.failedFuture("PUT to the presigned URL answered " + r.statusCode() + " " + r.bodyAsString())))
      .compose(t -> p.ok(HttpMethod.POST, api, "/api/v1/uploads/" + t.getString("uploadId") + "/confirm", token, null));
  }

  Future<Buffer> fetch(String url) {
    return p.web.getAbs(url).send().compose(r -> r.statusCode() == 200 ? Future.succeededFuture(r.body())
      : Future.failedFuture("GET " + url + " answered " + r.statusCode()));
  }

  static byte[] png(int width, int height) {
    return image("png", width, height);
  }

  static byte[] jpeg(int width, int height) {
    return image("jpeg", width, height);
  }

  static byte[] pdf() {
    return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] image(String format, int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, format, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
