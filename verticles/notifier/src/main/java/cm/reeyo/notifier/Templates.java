package cm.reeyo.notifier;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message texts per template, channel and language (fr default, en), from {@code notifier/templates.json}.
 * Placeholders are {@code {name}}; amounts ({@link #MONEY_PARAMS}) render as XAF, {@code items} as lines
 * ({@code {itemsText}}, {@code {itemsHtml}}); values are HTML-escaped in HTML bodies.
 */
public final class Templates {

  public static final String RESOURCE = "notifier/templates.json";
  public static final Set<String> LANGUAGES = Set.of("fr", "en");
  public static final Set<String> MONEY_PARAMS = Set.of("amount", "total", "subtotal", "deliveryFee", "refundAmount",
    "balance", "revenue", "commission", "earnings");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

  private final JsonObject templates;

  public Templates(JsonObject templates) {
    this.templates = templates;
  }

  public static Templates load() {
    try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new Templates(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean has(String template, Channel channel) {
    JsonObject t = templates.getJsonObject(template);
    return t != null && t.containsKey(channel.templateKey());
  }

  public static String language(String requested) {
    return requested != null && LANGUAGES.contains(requested) ? requested : "fr";
  }

  /**
   * The rendered parts of one message: {@code text} for SMS; {@code subject, text, html} for e-mail;
   * {@code title, body} for push and inbox. Fails with IllegalArgumentException for an unknown template.
   */
  public JsonObject render(String template, Channel channel, String language, JsonObject params) {
    JsonObject section = templates.getJsonObject(template, new JsonObject()).getJsonObject(channel.templateKey());
    if (section == null) {
      throw new IllegalArgumentException("no " + channel.templateKey() + " template " + template);
    }
    Object localized = section.getValue(language(language));
    JsonObject values = values(params == null ? new JsonObject() : params);
    JsonObject out = new JsonObject();
    if (localized instanceof String text) {
      return out.put("text", fill(text, values, false));
    }
    ((JsonObject) localized).forEach(e -> out.put(e.getKey(), fill((String) e.getValue(), values, e.getKey().equals("html"))));
    return out;
  }

  static JsonObject values(JsonObject params) {
    JsonObject values = params.copy();
    for (String key : MONEY_PARAMS) {
      if (params.getValue(key) instanceof Number n) {
        values.put(key, Money.xaf(n.longValue()));
      }
    }
    if (params.getValue("items") instanceof JsonArray items) {
      StringBuilder text = new StringBuilder();
      StringBuilder html = new StringBuilder();
      for (Object o : items) {
        if (o instanceof JsonObject item) {
          long qty = item.getLong("quantity", 1L);
          String line = Money.xaf(item.getLong("price", 0L) * qty);
          text.append(qty).append(" × ").append(item.getString("name", "")).append(" — ").append(line).append('\n');
          html.append("<tr><td>").append(qty).append(" × ").append(escape(item.getString("name", "")))
            .append("</td><td>").append(line).append("</td></tr>");
        }
      }
      values.put("itemsText", text.toString().stripTrailing()).put("itemsHtml", html.toString()).remove("items");
    }
    return values;
  }

  private static String fill(String text, JsonObject values, boolean html) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object v = values.getValue(m.group(1));
      String s = v == null ? "" : v.toString();
      boolean raw = m.group(1).equals("itemsHtml");
      m.appendReplacement(out, Matcher.quoteReplacement(html && !raw ? escape(s) : s));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
