package cm.reeyo.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (S3Proxy, in-memory "transient" store, SigV4 and presigned URLs) on a free loopback
 * port, one per test JVM, stopped when the JVM exits. It runs as its own process from S3Proxy's all-in-one jar
 * (system property {@code reeyo.s3proxy.jar}, set by the parent pom, else {@code testkit/target/s3proxy/s3proxy.jar}),
 * so its Jetty and jclouds never meet the test classpath. Headers it does not implement (the SSE-S3 request) are
 * ignored, as S3 itself would honour them.
 */
public final class LocalS3 {

  public static final String ACCESS_KEY = "local-identity";
  public static final String SECRET_KEY = "local-credential";
  public static final String REGION = "us-east-1";

  /** S3Proxy starts in ≈ 2 s on an idle machine, past 20 s on a loaded one. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static String shared;

  private LocalS3() {
  }

  /** Starts the JVM's S3 server on first use and answers its endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public static synchronized String endpoint() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** A blocking client on the JVM's server, for tests that look at or write objects directly. */
  public static S3Client client() {
    return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.of(REGION))
      .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
      .forcePathStyle(true)
      .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
      .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
      .build();
  }

  private static Path jar() {
    String configured = System.getProperty("reeyo.s3proxy.jar");
    if (configured != null && Files.isRegularFile(Path.of(configured))) {
      return Path.of(configured);
    }
    Path built = LocalDynamo.repoRoot().resolve("testkit/target/s3proxy/s3proxy.jar");
    if (Files.isRegularFile(built)) {
      return built;
    }
    throw new IllegalStateException("no S3Proxy jar: build the testkit module first (it copies org.gaul:s3proxy)");
  }

  private static String start() {
    int port = LocalRedis.Ports.free();
    String endpoint = "http://127.0.0.1:" + port;
    try {
      Path dir = Files.createTempDirectory("reeyo-s3");
      Path properties = dir.resolve("s3proxy.conf");
      Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.ignore-unknown-headers=true",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=transient",
        "jclouds.identity=unused",
        "jclouds.credential=unused",
        ""), StandardCharsets.UTF_8);
      Process process = new ProcessBuilder(List.of(javaBinary(), "-Xmx256m", "-jar", jar().toString(),
        "--properties", properties.toString()))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("s3proxy.log").toFile())
        .start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      try {
        LocalRedis.awaitPort(port, START_TIMEOUT);
      } catch (IllegalStateException notStarted) {
        process.destroy();
        throw notStarted;
      }
      return endpoint;
    } catch (IOException e) {
      throw new IllegalStateException("S3Proxy could not start", e);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
