package cm.reeyo.edge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Text a client may store: no NUL or other control characters (tab, line feed and carriage return excepted), no
 * unpaired UTF-16 surrogates. Such text breaks logs, SMS and e-mail templates, CSV exports and other clients'
 * JSON parsers, and no name, address or note needs it.
 */
public final class TextSafety {

  private TextSafety() {
  }

  /** The path of the first field name or string value of {@code json} that is not safe text, or null. */
  public static String firstUnsafe(JsonObject json) {
    return walk(json, "");
  }

  /** Whether every character of {@code text} may be stored. */
  public static boolean isSafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c) || isControl(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
  }

  private static String walk(Object value, String path) {
    if (value instanceof JsonObject o) {
      for (String name : o.fieldNames()) {
        String at = path.isEmpty() ? name : path + "." + name;
        String found = isSafe(name) ? walk(o.getValue(name), at) : path.isEmpty() ? "(field name)" : path;
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        String found = walk(a.getValue(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof String s && !isSafe(s)) {
      return path;
    }
    return null;
  }
}
