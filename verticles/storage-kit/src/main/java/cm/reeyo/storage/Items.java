package cm.reeyo.storage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON objects to DynamoDB items and back. Whole numbers come back as {@code long}, others as {@code double}. */
public final class Items {

  private Items() {
  }

  public static Map<String, AttributeValue> toItem(JsonObject json) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    json.forEach(e -> {
      if (e.getValue() != null) {
        item.put(e.getKey(), value(e.getValue()));
      }
    });
    return item;
  }

  public static AttributeValue value(Object v) {
    if (v == null) {
      return AttributeValue.fromNul(true);
    }
    if (v instanceof String s) {
      return AttributeValue.fromS(s);
    }
    if (v instanceof Number n) {
      return AttributeValue.fromN(n instanceof Double || n instanceof Float
        ? BigDecimal.valueOf(n.doubleValue()).toPlainString() : n.toString());
    }
    if (v instanceof Boolean b) {
      return AttributeValue.fromBool(b);
    }
    if (v instanceof JsonObject o) {
      return AttributeValue.fromM(toItem(o));
    }
    if (v instanceof Map<?, ?> m) {
      return AttributeValue.fromM(toItem(new JsonObject(castMap(m))));
    }
    if (v instanceof JsonArray a) {
      List<AttributeValue> list = new ArrayList<>();
      a.forEach(x -> list.add(value(x)));
      return AttributeValue.fromL(list);
    }
    if (v instanceof List<?> l) {
      return value(new JsonArray(new ArrayList<>(l)));
    }
    return AttributeValue.fromS(v.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  public static JsonObject toJson(Map<String, AttributeValue> item) {
    JsonObject json = new JsonObject();
    if (item != null) {
      item.forEach((k, v) -> json.put(k, plain(v)));
    }
    return json;
  }

  public static Object plain(AttributeValue v) {
    if (v.s() != null) {
      return v.s();
    }
    if (v.n() != null) {
      BigDecimal d = new BigDecimal(v.n());
      return d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValueExact() : d.doubleValue();
    }
    if (v.bool() != null) {
      return v.bool();
    }
    if (Boolean.TRUE.equals(v.nul())) {
      return null;
    }
    if (v.hasM()) {
      return toJson(v.m());
    }
    if (v.hasL()) {
      JsonArray a = new JsonArray();
      v.l().forEach(x -> a.add(plain(x)));
      return a;
    }
    if (v.hasSs()) {
      return new JsonArray(new ArrayList<>(v.ss()));
    }
    if (v.hasNs()) {
      JsonArray a = new JsonArray();
      v.ns().forEach(n -> a.add(plain(AttributeValue.fromN(n))));
      return a;
    }
    SdkBytes b = v.b();
    return b == null ? null : b.asByteArray();
  }

  public static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  public static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  public static Map<String, AttributeValue> key(String name, String value) {
    return Map.of(name, s(value));
  }
}
