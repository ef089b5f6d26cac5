package cm.reeyo.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * Command line: {@code java -jar reeyo.jar [--profile all-in-one|edge|core] [--conf-dir conf] [--init-tables]
 * [--demo] [--port-offset N] [--override FILE]}. Without {@code --override}, {@code REEYO_OVERRIDE_FILE} names
 * the operator's override file (see {@link LauncherConfig}).
 */
public record Cli(String profile, Path confDir, boolean initTables, boolean demo, Integer portOffset,
                  Path overrideFile) {

  public static final String OVERRIDE_FILE_ENV = "REEYO_OVERRIDE_FILE";
  public static final String USAGE = "usage: java -jar reeyo.jar [--profile all-in-one|edge|core] [--conf-dir conf]"
    + " [--init-tables] [--demo] [--port-offset N] [--override FILE]";

  public Cli(String profile, Path confDir, boolean initTables, boolean demo, Integer portOffset) {
    this(profile, confDir, initTables, demo, portOffset, null);
  }

  /** Parses {@code args}; throws {@link ConfigException} with the usage on a bad argument. */
  public static Cli parse(String... args) {
    return parse(Map.of(), args);
  }

  /** Parses {@code args}, taking the override file from {@code env} when the command line names none. */
  public static Cli parse(Map<String, String> env, String... args) {
    String profile = "all-in-one";
    Path confDir = Path.of("conf");
    boolean initTables = false;
    boolean demo = false;
    Integer portOffset = null;
    String override = env.get(OVERRIDE_FILE_ENV);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--profile" -> profile = value(args, ++i);
        case "--conf-dir" -> confDir = Path.of(value(args, ++i));
        case "--init-tables" -> initTables = true;
        case "--demo" -> demo = true;
        case "--port-offset" -> portOffset = integer(value(args, ++i));
        case "--override" -> override = value(args, ++i);
        default -> throw new ConfigException("unknown argument " + args[i] + "\n" + USAGE);
      }
    }
    Path overrideFile = override == null || override.isBlank() ? null : Path.of(override);
    return new Cli(profile, confDir, initTables, demo, portOffset, overrideFile);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new ConfigException("missing value for " + args[i - 1] + "\n" + USAGE);
    }
    return args[i];
  }

  private static int integer(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new ConfigException("not a number: " + text + "\n" + USAGE);
    }
  }
}
