package cm.reeyo.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The node's one DynamoDB async client, shared by every verticle of a Vert.x instance, with results brought back
 * onto the calling verticle's context. Table names carry the configured prefix.
 */
public final class Dynamo {

  public static final String CONF = "dynamodb";
  public static final String CONF_ENDPOINT = "endpoint";
  public static final String CONF_REGION = "region";
  public static final String CONF_PREFIX = "tablePrefix";
  public static final String CONF_CREATE_TABLES = "createTables";
  public static final String CONF_MAX_CONCURRENCY = "maxConcurrency";
  /** One HTTP attempt's limit (ms, default 3,000); the SDK retries a timed-out attempt within the call's limit. */
  public static final String CONF_ATTEMPT_TIMEOUT_MS = "attemptTimeoutMs";
  /** A whole call's limit, retries included (ms, default 10,000). */
  public static final String CONF_CALL_TIMEOUT_MS = "callTimeoutMs";

  private static final Map<Vertx, Dynamo> SHARED = new ConcurrentHashMap<>();

  private final DynamoDbAsyncClient client;
  private final String prefix;
  private final boolean createTables;
  private int users;

  private Dynamo(DynamoDbAsyncClient client, String prefix, boolean createTables) {
    this.client = client;
    this.prefix = prefix;
    this.createTables = createTables;
  }

  /** The Vert.x instance's client (built on first use); pair every acquire with {@link #release(Vertx)}. */
  public static synchronized Dynamo acquire(Vertx vertx, JsonObject config) {
    Dynamo dynamo = SHARED.computeIfAbsent(vertx, v -> build(config.getJsonObject(CONF, new JsonObject())));
    dynamo.users++;
    return dynamo;
  }

  /** Closes the client (off the event loop: it waits for its I/O threads) once the last user on this Vert.x instance stops. */
  public static synchronized void release(Vertx vertx) {
    Dynamo dynamo = SHARED.get(vertx);
    if (dynamo != null && --dynamo.users <= 0) {
      SHARED.remove(vertx);
      Thread closer = new Thread(dynamo.client::close, "dynamodb-client-close");
      closer.setDaemon(true);
      closer.start();
    }
  }

  private static Dynamo build(JsonObject conf) {
    DynamoDbAsyncClientBuilder builder = DynamoDbAsyncClient.builder()
      .region(Region.of(conf.getString(CONF_REGION, "us-east-1")))
      .httpClientBuilder(NettyNioAsyncHttpClient.builder()
        .maxConcurrency(conf.getInteger(CONF_MAX_CONCURRENCY, 64))
        .connectionTimeout(Duration.ofSeconds(2)))
      .overrideConfiguration(ClientOverrideConfiguration.builder()
        .apiCallTimeout(Duration.ofMillis(conf.getLong(CONF_CALL_TIMEOUT_MS, 10_000L)))
        .apiCallAttemptTimeout(Duration.ofMillis(conf.getLong(CONF_ATTEMPT_TIMEOUT_MS, 3_000L)))
        .build());
    String endpoint = conf.getString(CONF_ENDPOINT);
    if (endpoint != null && !endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return new Dynamo(builder.build(), conf.getString(CONF_PREFIX, "reeyo-"), conf.getBoolean(CONF_CREATE_TABLES, false));
  }

  /** Runs one SDK call; the answer completes on the caller's context. */
  public <T> Future<T> call(Function<DynamoDbAsyncClient, CompletableFuture<T>> operation) {
    Context context = Vertx.currentContext();
    CompletableFuture<T> pending;
    try {
      pending = operation.apply(client);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return context == null ? Future.fromCompletionStage(pending) : Future.fromCompletionStage(pending, context);
  }

  /** The physical name of a logical table ({@code users} → {@code reeyo-users}). */
  public String table(String logicalName) {
    return prefix + logicalName;
  }

  public String prefix() {
    return prefix;
  }

  public boolean createTablesOnStart() {
    return createTables;
  }

  public DynamoDbAsyncClient client() {
    return client;
  }
}
