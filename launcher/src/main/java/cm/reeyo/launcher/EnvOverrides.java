package cm.reeyo.launcher;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies {@code REEYO_...} environment variables onto a configuration.
 *
 * <p>The variable name is the config path: {@code REEYO_} then the keys with {@code __} between levels,
 * e.g. {@code REEYO_JWT__SECRET}, {@code REEYO_REDIS__URL}, {@code REEYO_VERTICLES__USER_API__INSTANCES}.
 * A level matches an existing key ignoring case, {@code -} and {@code _} ({@code USER_API} → {@code user-api},
 * {@code ACCESS_TTL_SECONDS} → {@code accessTtlSeconds}). A new key is written in camelCase, or with
 * {@code -} directly under {@code verticles}. Values take the type of the value they replace: numbers,
 * booleans, {@code null}, and arrays (JSON, or comma-separated); a string stays a string. For a new key,
 * JSON literals are parsed and anything else is a string.
 */
public final class EnvOverrides {

  public static final String PREFIX = "REEYO_";
  static final String LEVEL_SEPARATOR = "__";

  private EnvOverrides() {
  }

  /** Applies every {@code REEYO_} variable of {@code env} onto {@code config} (in place), in name order. */
  public static JsonObject apply(JsonObject config, Map<String, String> env) {
    new TreeMap<>(env).forEach((name, value) -> {
      if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
        set(config, name.substring(PREFIX.length()).split(LEVEL_SEPARATOR), value);
      }
    });
    return config;
  }

  private static void set(JsonObject config, String[] path, String raw) {
    if (Arrays.stream(path).anyMatch(String::isEmpty)) {
      throw new ConfigException("malformed override " + PREFIX + String.join(LEVEL_SEPARATOR, path));
    }
    JsonObject node = config;
    String parent = null;
    for (int i = 0; ; i++) {
      String key = resolve(node, path[i], i == 1 && "verticles".equals(parent));
      if (i == path.length - 1) {
        node.put(key, convert(raw, node.getValue(key), node.containsKey(key)));
        return;
      }
      Object child = node.getValue(key);
      if (!(child instanceof JsonObject)) {
        child = new JsonObject();
        node.put(key, child);
      }
      node = (JsonObject) child;
      parent = key;
    }
  }

  private static String resolve(JsonObject node, String envLevel, boolean verticleName) {
    String wanted = normalize(envLevel);
    for (String key : node.fieldNames()) {
      if (normalize(key).equals(wanted)) {
        return key;
      }
    }
    String lower = envLevel.toLowerCase(Locale.ROOT);
    return verticleName ? lower.replace('_', '-') : camelCase(lower);
  }

  private static String normalize(String key) {
    return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  private static String camelCase(String lowerSnake) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : lowerSnake.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  static Object convert(String raw, Object current, boolean exists) {
    if (current instanceof String) {
      return raw;
    }
    if (current instanceof JsonArray) {
      String trimmed = raw.trim();
      if (trimmed.startsWith("[")) {
        return new JsonArray(trimmed);
      }
      JsonArray list = new JsonArray();
      Arrays.stream(trimmed.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(list::add);
      return list;
    }
    if (current instanceof Number) {
      try {
        return Json.decodeValue(raw.trim());
      } catch (DecodeException e) {
        throw new ConfigException("expected a number for an override, got '" + raw + "'");
      }
    }
    if (current instanceof Boolean) {
      return Boolean.parseBoolean(raw.trim());
    }
    if (!exists || current == null) {
      try {
        return Json.decodeValue(raw.trim());
      } catch (DecodeException notJson) {
        return raw;
      }
    }
    return raw;
  }
}
