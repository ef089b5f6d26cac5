package cm.reeyo.simulator;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulator is asked to do. {@code pace} compresses time: kitchen times and rides last {@code 1/pace} of
 * their realistic duration (riders move at {@code pace} times a realistic speed), so a short run still delivers.
 * {@code maxErrorRate} is the share of failed steps above which the run fails (0 = any error fails it).
 */
public record SimOptions(int customers, int vendors, int riders, double ratePerMinute, double minutes, long seed,
                         Endpoints endpoints, String fakesUrl, String adminEmail, String adminPassword, double pace,
                         int drainSeconds, double maxErrorRate, int escrowShards, boolean quiet) {

  static final String USAGE = """
    usage: scripts/simulate [--customers N] [--vendors N] [--riders N] [--rate orders/min] [--minutes M]
                            [--target URL-base] [--seed S] [--pace X] [--drain SECONDS] [--max-error-rate R]
                            [--fakes URL] [--admin-email E] [--admin-password P] [--ports U,V,R,B,A] [--quiet]
    """;

  /** The small city of {@code scripts/run --simulate}. */
  public static SimOptions defaults() {
    return new SimOptions(20, 5, 10, 6, 10, 1, Endpoints.of("http://127.0.0.1", 3001, 3002, 3003, 3004, 3005),
      "http://127.0.0.1:8089", "admin@reeyo.dev", "Reeyo#Admin2026", 10, 120, 0.0, 8, false);
  }

  public SimOptions withEndpoints(Endpoints e) {
    return new SimOptions(customers, vendors, riders, ratePerMinute, minutes, seed, e, fakesUrl, adminEmail,
      adminPassword, pace, drainSeconds, maxErrorRate, escrowShards, quiet);
  }

  /** Parses the command line over the defaults; throws IllegalArgumentException with the usage on bad input. */
  public static SimOptions parse(String[] args) {
    SimOptions o = defaults();
    String target = "http://127.0.0.1";
    int[] ports = {3001, 3002, 3003, 3004, 3005};
    int customers = o.customers, vendors = o.vendors, riders = o.riders, drain = o.drainSeconds;
    double rate = o.ratePerMinute, minutes = o.minutes, pace = o.pace, maxErrorRate = o.maxErrorRate;
    long seed = o.seed;
    String fakes = o.fakesUrl, email = o.adminEmail, password = o.adminPassword;
    boolean quiet = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--quiet")) {
        quiet = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + a + "\n" + USAGE);
      }
      String v = args[++i];
      switch (a) {
        case "--customers" -> customers = positive(a, Integer.parseInt(v));
        case "--vendors" -> vendors = positive(a, Integer.parseInt(v));
        case "--riders" -> riders = positive(a, Integer.parseInt(v));
        case "--rate" -> rate = Double.parseDouble(v);
        case "--minutes" -> minutes = Double.parseDouble(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--pace" -> pace = Double.parseDouble(v);
        case "--drain" -> drain = Integer.parseInt(v);
        case "--max-error-rate" -> maxErrorRate = Double.parseDouble(v);
        case "--target" -> target = v;
        case "--fakes" -> fakes = v;
        case "--admin-email" -> email = v;
        case "--admin-password" -> password = v;
        case "--ports" -> ports = ports(v);
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
    }
    if (rate <= 0 || minutes <= 0 || pace <= 0 || customers > 999 || vendors > 999 || riders > 999) {
      throw new IllegalArgumentException("rate, minutes and pace must be positive; at most 999 actors of a kind\n" + USAGE);
    }
    Endpoints endpoints = Endpoints.of(target, ports[0], ports[1], ports[2], ports[3], ports[4]);
    return new SimOptions(customers, vendors, riders, rate, minutes, seed, endpoints, fakes, email, password, pace,
      drain, maxErrorRate, o.escrowShards, quiet);
  }

  private static int positive(String name, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be at least 1");
    }
    return n;
  }

  private static int[] ports(String csv) {
    List<Integer> list = new ArrayList<>();
    for (String p : csv.split(",")) {
      list.add(Integer.parseInt(p.strip()));
    }
    if (list.size() != 5) {
      throw new IllegalArgumentException("--ports takes five ports: user,vendor,rider,bridge,admin");
    }
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Where each public interface listens: host plus one port per API. Only this host is ever contacted. */
  public record Endpoints(String host, int user, int vendor, int rider, int bridge, int admin) {

    static Endpoints of(String target, int user, int vendor, int rider, int bridge, int admin) {
      URI uri = URI.create(target);
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("--target must be a URL such as http://127.0.0.1");
      }
      return new Endpoints(uri.getHost(), user, vendor, rider, bridge, admin);
    }
  }
}
