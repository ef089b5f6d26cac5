package cm.reeyo.files;

import cm.reeyo.testkit.TestConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Presigned URLs on a real S3-compatible server (S3Proxy)")
class PresignedUrlTest {

  private static final String BUCKET = "presign-" + UUID.randomUUID().toString().substring(0, 8);
  private static final byte[] PNG = Samples.png(40, 30);
  private static ObjectStore store;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    store = new ObjectStore(FilesConfig.from(TestConfig.withFiles(new JsonObject())));
    store.ensureBucket(BUCKET).toCompletionStage().toCompletableFuture().join();
  }

  @AfterAll
  static void stop() {
    store.close();
  }

  @Test
  @DisplayName("a PUT with the signed type and size stores the object, and the presigned GET returns the same bytes")
  void putThenGet() throws Exception {
    ObjectStore.Presigned put = store.presignPut(BUCKET, "ok.png", FileType.PNG, PNG.length, Duration.ofMinutes(1));
    assertThat(send(put, PNG, put.url()).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(URI.create(store.presignGet(BUCKET, "ok.png",
      Duration.ofMinutes(1)))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(PNG);
  }

  @Test
  @DisplayName("more bytes than signed, another content type, a tampered or an expired URL are refused by the server")
  void refusals() throws Exception {
    ObjectStore.Presigned put = store.presignPut(BUCKET, "bad.png", FileType.PNG, PNG.length, Duration.ofMinutes(1));
    byte[] larger = Arrays.copyOf(PNG, PNG.length + 100);
    assertThat(send(put, larger, put.url()).statusCode()).isEqualTo(403);
    HttpRequest otherType = request(put, PNG, put.url()).header("Content-Type", "application/pdf").build();
    assertThat(http.send(otherType, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    String tampered = put.url().replace("bad.png", "evil.png");
    assertThat(send(put, PNG, tampered).statusCode()).isEqualTo(403);
    ObjectStore.Presigned shortLived = store.presignPut(BUCKET, "late.png", FileType.PNG, PNG.length, Duration.ofSeconds(1));
    Thread.sleep(2_100);
    assertThat(send(shortLived, PNG, shortLived.url()).statusCode()).isEqualTo(403);
    assertThat(store.head(BUCKET, "bad.png").toCompletionStage().toCompletableFuture().join()).isNull();
    assertThat(store.head(BUCKET, "evil.png").toCompletionStage().toCompletableFuture().join()).isNull();
    assertThat(store.head(BUCKET, "late.png").toCompletionStage().toCompletableFuture().join()).isNull();
  }

  private HttpResponse<String> send(ObjectStore.Presigned put, byte[] body, String url) throws Exception {
    return http.send(request(put, body, url).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(ObjectStore.Presigned put, byte[] body, String url) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    put.headers().forEach((name, value) -> {
      if (!"content-length".equalsIgnoreCase(name)) {
        b.setHeader(name, value);
      }
    });
    return b;
  }
}
