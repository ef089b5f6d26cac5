import cm.reeyo.contracts.Role;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.platformtest.TestPlatform;
import cm.reeyo.storage.RedisKeys;
import cm.reeyo.storage.geo.VendorIndexKeys;
import cm.reeyo.testkit.LocalDynamo;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark (not a test): nearby vendors and the cached menu read through the real platform (user API, JWT, order
 * engine, geo index) against a bare Vert.x server answering from the same Redis (GEOSEARCH + MGET of the cards; GET of
 * the menu key), both loaded by wrk with the same connections in the same run, alternating. Vendors are seeded by
 * scripts/bench/seed-vendors.js straight into the store; before loading, answers at sample points are compared with a
 * brute-force recomputation over every seeded vendor.
 *
 * Usage (via nearby.sh): NearbyBench [counts=10000,100000 | menu] [seconds=15] [connections=32] [rounds=2]
 * (the menu read is measured first; {@code menu} measures only it).
 */
public class NearbyBench {

  static final double LAT = 4.0511;
  static final double LNG = 9.7679;
  static final double SPAN = 0.5;
  static final double RADIUS = 5;
  static final double EARTH_M = 6372797.560856;

  record Seeded(String id, double lat, double lng, boolean online, boolean closed) {
  }

  static final class Platform extends TestPlatform {
    Platform(Vertx vertx, JsonObject config) {
      super(vertx, config);
    }

    Future<Void> start() {
      return deploy();
    }
  }

  public static void main(String[] args) {
    try {
      run(args);
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }

  static void run(String[] args) throws Exception {
    String[] counts = args.length > 0 && args[0].equals("menu") ? new String[0]
      : (args.length > 0 ? args[0] : "10000,100000").split(",");
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    Vertx vertx = null;
    JsonObject config = null;
    Platform p = null;
    for (int attempt = 1; p == null; attempt++) {
      vertx = Vertx.vertx();
      config = TestConfig.fresh();
      try {
        Platform started = new Platform(vertx, config);
        await(started.start());
        p = started;
      } catch (RuntimeException e) {
        System.out.printf("platform start %d failed (%s); a slow shared machine: trying again%n", attempt, e.getMessage());
        await(vertx.close());
        if (attempt == 4) {
          throw e;
        }
      }
    }
    String prefix = config.getJsonObject("dynamodb").getString("tablePrefix");
    VendorIndexKeys keys = VendorIndexKeys.of(p.dynamo);
    String user = await(p.accounts.create(AccountKind.USER, new JsonObject().put("firstName", "Bench").put("lastName", "User")
      .put("phone", "+237690000001").put("isPhoneVerified", true))).getString("userId");
    String token = p.token(user, Role.USER);
    Platform platform = p;
    HttpServer bare = await(vertx.createHttpServer().requestHandler(req -> bare(platform, keys, req)).listen(0, "127.0.0.1"));
    int userPort = p.port(Role.USER);
    System.out.printf("load average at start: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());

    String vendorId = menuVendor(p);
    String menuPath = "/api/v1/vendors/" + vendorId + "/menu";
    int warm = await(p.call(HttpMethod.GET, userPort, menuPath, token, null)).statusCode();
    System.out.printf("%n== cached menu read (warm-up status %d, %d bytes cached)%n", warm,
      await(p.redis.get(RedisKeys.menu(vendorId))).toBuffer().length());
    for (int r = 0; r < rounds; r++) {
      Wrk base = wrk(bare.actualPort(), "/menu/" + vendorId, null, null, seconds, connections);
      Wrk ours = wrk(userPort, menuPath, null, token, seconds, connections);
      report("menu", r, base, ours);
    }
    List<Seeded> all = new ArrayList<>();
    int seeded = 0;
    int seed = 7;
    for (String c : counts) {
      int target = Integer.parseInt(c.trim());
      Path out = Files.createTempFile("vendors", ".jsonl");
      seed(LocalDynamo.endpoint(), prefix, target - seeded, seed++, out);
      all.addAll(read(out));
      seeded = target;
      await(p.redis.del(List.of(keys.ready)));
      long t0 = System.nanoTime();
      String probe = "/api/v1/vendors?lat=" + LAT + "&lng=" + LNG + "&radiusKm=" + RADIUS;
      int status = await(p.call(HttpMethod.GET, userPort, probe, token, null)).statusCode();
      for (int tries = 0; status != 200 && tries < 20; tries++) {
        Thread.sleep(1000);
        status = await(p.call(HttpMethod.GET, userPort, probe, token, null)).statusCode();
      }
      System.out.printf("%n== %d vendors: index rebuilt by the first request in %d ms (status %d)%n", target,
        (System.nanoTime() - t0) / 1_000_000, status);
      List<double[]> points = points(100, 11);
      verify(p, userPort, token, bare.actualPort(), all, points.subList(0, 5));
      Path baseScript = wrkScript(points, "/near?lat=%f&lng=%f");
      Path ourScript = wrkScript(points, "/api/v1/vendors?lat=%f&lng=%f&radiusKm=" + RADIUS);
      for (int r = 0; r < rounds; r++) {
        Wrk base = wrk(bare.actualPort(), "/", baseScript, null, seconds, connections);
        Wrk ours = wrk(userPort, "/", ourScript, token, seconds, connections);
        report("nearby " + target, r, base, ours);
      }
    }

    System.out.printf("load average at end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
  }

  /** The baseline: GEOSEARCH + MGET (nearby) or GET (menu) on the same Redis, the answer written as JSON. */
  static void bare(TestPlatform p, VendorIndexKeys keys, HttpServerRequest req) {
    if (req.path().startsWith("/menu/")) {
      p.redis.get(RedisKeys.menu(req.path().substring(6))).onComplete(r -> {
        if (r.succeeded() && r.result() != null) {
          req.response().putHeader("Content-Type", "application/json; charset=utf-8").end(r.result().toBuffer());
        } else {
          req.response().setStatusCode(500).end();
        }
      });
      return;
    }
    String lat = req.getParam("lat");
    String lng = req.getParam("lng");
    p.redis.send(Command.GEOSEARCH, keys.online, "FROMLONLAT", lng, lat, "BYRADIUS", String.valueOf(RADIUS), "km",
        "ASC", "COUNT", "20", "WITHDIST")
      .compose(hits -> {
        List<String> cards = new ArrayList<>();
        hits.forEach(h -> cards.add(keys.card(h.get(0).toString())));
        return cards.isEmpty() ? Future.succeededFuture(new JsonArray())
          : p.redis.mget(cards).map(found -> {
            JsonArray items = new JsonArray();
            for (int i = 0; i < found.size(); i++) {
              items.add(new JsonObject(found.get(i).toBuffer()).put("distance", Double.parseDouble(hits.get(i).get(1).toString())));
            }
            return items;
          });
      })
      .onComplete(r -> {
        if (r.succeeded()) {
          req.response().putHeader("Content-Type", "application/json; charset=utf-8")
            .end(new JsonObject().put("items", r.result()).encode());
        } else {
          req.response().setStatusCode(500).end();
        }
      });
  }

  /** Walks every page at each point and compares with brute force; checks the baseline's first 20 too. */
  static void verify(TestPlatform p, int userPort, String token, int barePort, List<Seeded> all, List<double[]> points) {
    int pages = 0;
    for (double[] pt : points) {
      Set<String> expected = new HashSet<>();
      Set<String> edge = new HashSet<>();
      List<Seeded> onlineByDistance = new ArrayList<>();
      for (Seeded v : all) {
        double d = km(pt[0], pt[1], v.lat(), v.lng());
        if (Math.abs(d - RADIUS) < 0.002) {
          edge.add(v.id());
        } else if (d < RADIUS) {
          expected.add(v.id());
          if (v.online()) {
            onlineByDistance.add(v);
          }
        }
      }
      List<String> got = new ArrayList<>();
      String cursor = null;
      do {
        String path = String.format(Locale.ROOT, "/api/v1/vendors?lat=%f&lng=%f&radiusKm=%s&limit=100", pt[0], pt[1], RADIUS)
          + (cursor == null ? "" : "&cursor=" + cursor);
        JsonObject page = await(p.call(HttpMethod.GET, userPort, path, token, null)).bodyAsJsonObject();
        page.getJsonArray("items").forEach(o -> got.add(((JsonObject) o).getString("vendorId")));
        cursor = page.getString("nextCursor");
        pages++;
      } while (cursor != null);
      Set<String> gotSet = new HashSet<>(got);
      Set<String> missing = new HashSet<>(expected);
      missing.removeAll(gotSet);
      gotSet.removeAll(expected);
      gotSet.removeAll(edge);
      if (got.size() != new HashSet<>(got).size() || !missing.isEmpty() || !gotSet.isEmpty()) {
        throw new IllegalStateException("nearby differs from brute force at " + pt[0] + "," + pt[1] + ": missing "
          + missing.size() + ", extra " + gotSet.size() + ", duplicates " + (got.size() - new HashSet<>(got).size()));
      }
      onlineByDistance.sort((a, b) -> Double.compare(km(pt[0], pt[1], a.lat(), a.lng()), km(pt[0], pt[1], b.lat(), b.lng())));
      JsonArray base = await(p.web.get(barePort, "127.0.0.1", String.format(Locale.ROOT, "/near?lat=%f&lng=%f", pt[0], pt[1]))
        .send()).bodyAsJsonObject().getJsonArray("items");
      for (int i = 0; i < base.size(); i++) {
        double want = km(pt[0], pt[1], onlineByDistance.get(i).lat(), onlineByDistance.get(i).lng());
        if (Math.abs(base.getJsonObject(i).getDouble("distance") - want) > 0.002) {
          throw new IllegalStateException("baseline differs from brute force at rank " + i);
        }
      }
    }
    System.out.printf("checked against brute force: %d points, %d pages, every vendor in radius exactly once%n",
      points.size(), pages);
  }

  record Wrk(double rps, double p50ms, double p99ms, long non2xx, long requests) {
  }

  static Wrk wrk(int port, String path, Path script, String token, int seconds, int connections) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency"));
    if (token != null) {
      cmd.addAll(List.of("-H", "Authorization: Bearer " + token));
    }
    if (script != null) {
      cmd.addAll(List.of("-s", script.toString()));
    }
    cmd.add("http://127.0.0.1:" + port + path);
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(proc.getInputStream().readAllBytes());
    proc.waitFor();
    return new Wrk(number(out, "Requests/sec:\\s+([0-9.]+)"), latency(out, "50%"), latency(out, "99%"),
      (long) number(out, "Non-2xx or 3xx responses:\\s+([0-9]+)"), (long) number(out, "([0-9]+) requests in"));
  }

  static void report(String what, int round, Wrk base, Wrk ours) {
    System.out.printf(Locale.ROOT, "%s round %d: ratio %.2f | platform %.0f req/s p50 %.1f ms p99 %.1f ms non-2xx %d"
        + " | baseline %.0f req/s p50 %.1f ms p99 %.1f ms non-2xx %d%n", what, round + 1, ours.rps() / base.rps(),
      ours.rps(), ours.p50ms(), ours.p99ms(), ours.non2xx(), base.rps(), base.p50ms(), base.p99ms(), base.non2xx());
  }

  static double number(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  static double latency(String out, String pct) {
    Matcher m = Pattern.compile("\\s" + pct + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
    if (!m.find()) {
      return -1;
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1000;
      case "s" -> v * 1000;
      default -> v;
    };
  }

  /** A wrk script cycling through the points, each request's path made from {@code template} (lat, lng). */
  static Path wrkScript(List<double[]> points, String template) throws IOException {
    StringBuilder lua = new StringBuilder("local TEMPLATE = \"" + template + "\"\nlocal points = {\n");
    for (double[] pt : points) {
      lua.append(String.format(Locale.ROOT, "  {%.6f, %.6f},%n", pt[0], pt[1]));
    }
    lua.append("}\nlocal i = 0\n")
      .append("request = function()\n  i = i + 1\n  local p = points[(i % #points) + 1]\n")
      .append("  return wrk.format('GET', string.format(TEMPLATE, p[1], p[2]))\nend\n");
    Path file = Files.createTempFile("nearby", ".lua");
    Files.writeString(file, lua.toString());
    return file;
  }

  static List<double[]> points(int n, long seed) {
    Random r = new Random(seed);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new double[] {LAT + (r.nextDouble() * 2 - 1) * SPAN * 0.8, LNG + (r.nextDouble() * 2 - 1) * SPAN * 0.8});
    }
    return out;
  }

  static void seed(String endpoint, String prefix, int count, int seed, Path out) throws IOException, InterruptedException {
    Process proc = new ProcessBuilder("node", "scripts/bench/seed-vendors.js", "--endpoint", endpoint, "--prefix", prefix,
      "--count", String.valueOf(count), "--seed", String.valueOf(seed), "--lat", String.valueOf(LAT),
      "--lng", String.valueOf(LNG), "--span", String.valueOf(SPAN), "--out", out.toString()).inheritIO().start();
    if (proc.waitFor() != 0) {
      throw new IllegalStateException("seeding failed");
    }
  }

  static List<Seeded> read(Path file) throws IOException {
    List<Seeded> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        JsonObject j = new JsonObject(line);
        out.add(new Seeded(j.getString("id"), j.getDouble("lat"), j.getDouble("lng"), j.getBoolean("online"), j.getBoolean("closed")));
      }
    }
    return out;
  }

  /** An approved vendor with a 12-item menu created through the vendor API. */
  static String menuVendor(TestPlatform p) {
    JsonObject v = await(p.accounts.create(AccountKind.VENDOR, new JsonObject().put("businessName", "Menu bench")
      .put("approvalStatus", "APPROVED").put("location", new JsonObject().put("lat", LAT).put("lng", LNG))));
    String id = v.getString("vendorId");
    String token = p.token(id, Role.VENDOR);
    for (int i = 0; i < 12; i++) {
      await(p.call(HttpMethod.POST, p.port(Role.VENDOR), "/api/v1/menu", token, new JsonObject().put("name", "Plat " + i)
        .put("price", 1000 + 250 * i).put("available", true).put("category", i < 6 ? "Plats" : "Boissons")
        .put("description", "Un plat camerounais préparé avec soin, servi chaud")));
    }
    return id;
  }

  static double km(double lat1, double lng1, double lat2, double lng2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dl = Math.toRadians(lng2 - lng1);
    double a = Math.pow(Math.sin((p2 - p1) / 2), 2) + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dl / 2), 2);
    return 2 * EARTH_M * Math.asin(Math.sqrt(a)) / 1000;
  }

  static <T> T await(Future<T> f) {
    return f.toCompletionStage().toCompletableFuture().join();
  }
}
