package cm.reeyo.files;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The S3 side of files, over the AWS SDK v2 async client: presigned PUT and GET URLs, and the object calls the
 * confirm step needs. Every write asks for server-side encryption with S3-managed keys (SSE-S3, AES-256). Answers
 * complete on the caller's Vert.x context.
 */
public final class ObjectStore {

  /** A presigned request: the URL and the headers the client must send exactly as given. */
  public record Presigned(String url, Map<String, String> headers) {
  }

  private final S3AsyncClient client;
  private final S3Presigner presigner;

  /** Builds the SDK client and presigner: blocking work (class loading, credential chain, I/O threads), so on a worker. */
  ObjectStore(FilesConfig config) {
    AwsCredentialsProvider credentials = config.accessKey() == null ? DefaultCredentialsProvider.builder().build()
      : StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
    S3AsyncClientBuilder builder = S3AsyncClient.builder().region(Region.of(config.region())).credentialsProvider(credentials)
      .forcePathStyle(config.pathStyle())
      .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
      .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
      .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64).connectionTimeout(Duration.ofSeconds(2)));
    S3Presigner.Builder presign = S3Presigner.builder().region(Region.of(config.region())).credentialsProvider(credentials)
      .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build());
    if (config.endpoint() != null) {
      builder.endpointOverride(URI.create(config.endpoint()));
      presign.endpointOverride(URI.create(config.endpoint()));
    }
    this.client = builder.build();
    this.presigner = presign.build();
  }

  /** A PUT URL valid for {@code ttl} that only accepts exactly {@code size} bytes of {@code contentType}, encrypted. */
  public Presigned presignPut(String bucket, String key, String contentType, long size, Duration ttl) {
    PresignedPutObjectRequest p = presigner.presignPutObject(b -> b.signatureDuration(ttl)
      .putObjectRequest(r -> r.bucket(bucket).key(key).contentType(contentType).contentLength(size)
        .serverSideEncryption(ServerSideEncryption.AES256)));
    Map<String, String> headers = new TreeMap<>();
    p.signedHeaders().forEach((name, values) -> {
      if (!"host".equalsIgnoreCase(name)) {
        headers.put(name, String.join(",", values));
      }
    });
    return new Presigned(p.url().toString(), headers);
  }

  /** A GET URL valid for {@code ttl}. */
  public String presignGet(String bucket, String key, Duration ttl) {
    return presigner.presignGetObject(b -> b.signatureDuration(ttl).getObjectRequest(r -> r.bucket(bucket).key(key)))
      .url().toString();
  }

  /** The object's metadata, or {@code null} when there is no such object. */
  public Future<HeadObjectResponse> head(String bucket, String key) {
    return call(c -> c.headObject(b -> b.bucket(bucket).key(key)))
      .recover(f -> missing(f) ? Future.succeededFuture(null) : Future.failedFuture(f));
  }

  /** The object's bytes ({@code range} like {@code bytes=0-11}, or null for all). */
  public Future<byte[]> bytes(String bucket, String key, String range) {
    return call(c -> c.getObject(b -> b.bucket(bucket).key(key).range(range), AsyncResponseTransformer.toBytes()))
      .map(r -> r.asByteArray());
  }

  /** Writes an object, encrypted; {@code acl} is a canned ACL ({@code public-read}) or null for none. */
  public Future<Void> put(String bucket, String key, String contentType, byte[] bytes, String acl) {
    return call(c -> c.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).acl(acl)
      .serverSideEncryption(ServerSideEncryption.AES256), AsyncRequestBody.fromBytes(bytes))).mapEmpty();
  }

  /** Copies an object within the bucket, encrypted; {@code acl} as for {@link #put}. */
  public Future<Void> copy(String bucket, String from, String to, String acl) {
    return call(c -> c.copyObject(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to)
      .acl(acl).serverSideEncryption(ServerSideEncryption.AES256))).mapEmpty();
  }

  public Future<Void> delete(String bucket, String key) {
    return call(c -> c.deleteObject(b -> b.bucket(bucket).key(key))).mapEmpty();
  }

  /** Creates the bucket unless it exists (dev and tests: production buckets are made with their lifecycle rules). */
  public Future<Void> ensureBucket(String bucket) {
    return call(c -> c.headBucket(b -> b.bucket(bucket))).<Void>mapEmpty()
      .recover(f -> call(c -> c.createBucket(b -> b.bucket(bucket))).<Void>mapEmpty()
        .recover(g -> g instanceof S3Exception e && e.statusCode() == 409 ? Future.succeededFuture() : Future.failedFuture(g)));
  }

  public void close() {
    presigner.close();
    Thread closer = new Thread(client::close, "s3-client-close");
    closer.setDaemon(true);
    closer.start();
  }

  private static boolean missing(Throwable f) {
    return f instanceof NoSuchKeyException || f instanceof S3Exception e && e.statusCode() == 404;
  }

  private <T> Future<T> call(Function<S3AsyncClient, CompletableFuture<T>> operation) {
    Context context = Vertx.currentContext();
    CompletableFuture<T> pending;
    try {
      pending = operation.apply(client);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Future<T> answer = context == null ? Future.fromCompletionStage(pending) : Future.fromCompletionStage(pending, context);
    return answer.recover(f -> Future.failedFuture(f instanceof java.util.concurrent.CompletionException && f.getCause() != null
      ? f.getCause() : f));
  }
}
