package cm.reeyo.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dev mode runs on secrets committed to the repository (JWT secret, admin password): it may only ever serve this
 * machine. The launcher refuses dev mode (exit 2) when any server would listen on, or the cluster would reach, a
 * non-loopback address, or when DynamoDB, Redis or the third-party fakes would be reached anywhere but on loopback
 * (an unset DynamoDB endpoint means the real AWS; an unset fakes URL means the local default 127.0.0.1:8089). Every key named {@code host},
 * {@code url}, {@code endpoint} or ending in {@code Url}/{@code Host}/{@code Endpoint} is checked, wherever it is.
 */
public final class DevModeGuard {

  /** Where an HTTP verticle listens when its config names no host (as the edge's default). */
  static final String HTTP_DEFAULT_HOST = "0.0.0.0";

  private DevModeGuard() {
  }

  /** Throws {@link ConfigException} naming every problem when {@code config} is dev mode and not loopback-only. */
  public static void check(JsonObject config) {
    if (!LauncherConfig.isDev(config)) {
      return;
    }
    List<String> problems = new ArrayList<>();
    requireSet(config, "dynamodb", "endpoint", problems);
    requireLoopback("http.host", config.getJsonObject("http", new JsonObject()).getString("host", HTTP_DEFAULT_HOST),
      problems);
    JsonObject verticles = config.getJsonObject("verticles", new JsonObject());
    for (String name : verticles.fieldNames()) {
      JsonObject http = NodeDeployer.sliceFor(config, name).getJsonObject("http");
      if (http != null && http.getValue("port") != null) {
        requireLoopback("verticles." + name + ".http.host", http.getString("host", HTTP_DEFAULT_HOST), problems);
      }
    }
    JsonArray members = config.getJsonObject("cluster", new JsonObject()).getJsonArray("members", new JsonArray());
    for (int i = 0; i < members.size(); i++) {
      String member = String.valueOf(members.getValue(i));
      requireLoopback("cluster.members[" + i + "]", member.substring(0, Math.max(0, member.lastIndexOf(':'))), problems);
    }
    walk(config, "", problems);
    if (!problems.isEmpty()) {
      throw new ConfigException("dev mode uses committed secrets and only runs on loopback; "
        + String.join("; ", problems.stream().distinct().toList()));
    }
  }

  private static void walk(JsonObject object, String path, List<String> problems) {
    for (String key : object.fieldNames()) {
      Object value = object.getValue(key);
      String at = path.isEmpty() ? key : path + "." + key;
      if (value instanceof JsonObject nested) {
        walk(nested, at, problems);
      } else if (value instanceof String text && isAddressKey(key)) {
        requireLoopback(at, text, problems);
      }
    }
  }

  private static boolean isAddressKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.equals("host") || k.endsWith("host") || k.equals("url") || k.endsWith("url") || k.endsWith("endpoint");
  }

  private static void requireSet(JsonObject config, String section, String key, List<String> problems) {
    String value = config.getJsonObject(section, new JsonObject()).getString(key);
    if (value == null || value.isBlank()) {
      problems.add(section + "." + key + " is not set (the real service would be used)");
    }
  }

  private static void requireLoopback(String where, String address, List<String> problems) {
    if (address == null || address.isBlank()) {
      return;
    }
    String host = hostOf(address.trim());
    if (!isLoopback(host)) {
      problems.add(where + " is " + address + ", not a loopback address");
    }
  }

  static String hostOf(String address) {
    if (address.contains("://")) {
      try {
        String host = URI.create(address).getHost();
        return host == null ? "" : host;
      } catch (IllegalArgumentException e) {
        return "";
      }
    }
    return address;
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
  }
}
