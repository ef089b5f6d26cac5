package cm.reeyo.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.contracts.Role;
import cm.reeyo.identity.AccountKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Search over the real APIs. Four vendors around a point in Yaoundé, created and given their menus through the
 * vendor API: Chez Mama (100 m, online: Ndolé aux crevettes, Poulet DG, Jus de bissap), Grill House (1.1 km, online:
 * Grilled chicken, Fish and chips), Le Braisé (550 m, offline: Poisson braisé, Poulet braisé) and Far Poulet (22 km,
 * outside the 10 km radius).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
@DisplayName("Search finds vendors and dishes by text near a point: accents, French and English, open first, exact paging, after a flush")
class SearchTest {

  static final double LAT = 3.8480;
  static final double LNG = 11.5021;

  Platform p;
  String user;
  JsonObject mama;
  JsonObject grill;
  JsonObject braise;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Platform.start(vertx, new JsonObject())
      .compose(platform -> {
        p = platform;
        return p.customer(true, 0);
      })
      .compose(u -> {
        user = u.getString("token");
        return vendor("Chez Mama", "Camerounaise", LAT + 0.0009, true, List.of(dish("Ndolé aux crevettes", "Plats"),
          dish("Poulet DG", "Plats"), dish("Jus de bissap", "Boissons")));
      })
      .compose(v -> {
        mama = v;
        return vendor("Grill House", "Grill", LAT + 0.01, true, List.of(dish("Grilled chicken", "Mains"),
          dish("Fish and chips", "Mains")));
      })
      .compose(v -> {
        grill = v;
        return vendor("Le Braisé", "Braisé", LAT + 0.005, false, List.of(dish("Poisson braisé", "Plats"),
          dish("Poulet braisé", "Plats")));
      })
      .compose(v -> {
        braise = v;
        return vendor("Far Poulet", "Camerounaise", LAT + 0.2, true, List.of(dish("Poulet DG", "Plats")));
      })
      .onComplete(ctx.succeeding(v -> ctx.completeNow()));
  }

  @Test
  @DisplayName("a dish is found by its accented or unaccented, upper or lower case word, in French or in English; open and near vendors first, offline last, far ones never")
  void accentsLanguagesAndOrder(VertxTestContext ctx) {
    Checkpoint unaccented = ctx.checkpoint();
    Checkpoint accentedUpper = ctx.checkpoint();
    Checkpoint english = ctx.checkpoint();
    Checkpoint french = ctx.checkpoint();
    Checkpoint twoWords = ctx.checkpoint();
    Checkpoint prefixAndCuisine = ctx.checkpoint();
    search("ndole", 20, null)
      .compose(page -> {
        ctx.verify(() -> {
          assertThat(ids(page.getJsonArray("vendors"))).containsExactly(id(mama));
          assertThat(names(page.getJsonArray("items"))).containsExactly("Ndolé aux crevettes");
        });
        unaccented.flag();
        return search("NDOLÉ", 20, null);
      })
      .compose(page -> {
        ctx.verify(() -> assertThat(names(page.getJsonArray("items"))).containsExactly("Ndolé aux crevettes"));
        accentedUpper.flag();
        return search("chicken", 20, null);
      })
      .compose(page -> {
        ctx.verify(() -> {
          assertThat(ids(page.getJsonArray("vendors"))).containsExactly(id(mama), id(grill), id(braise));
          assertThat(page.getJsonArray("vendors").getJsonObject(2).getBoolean("isOnline")).isFalse();
          assertThat(names(page.getJsonArray("items"))).containsExactly("Poulet DG", "Grilled chicken", "Poulet braisé");
          assertThat(page.getValue("nextCursor")).isNull();
        });
        english.flag();
        return search("Poulet", 20, null);
      })
      .compose(page -> {
        ctx.verify(() -> {
          assertThat(ids(page.getJsonArray("vendors"))).containsExactly(id(mama), id(grill), id(braise));
          assertThat(names(page.getJsonArray("items"))).containsExactly("Poulet DG", "Grilled chicken", "Poulet braisé");
        });
        french.flag();
        return search("poissons braises", 20, null);
      })
      .compose(page -> {
        ctx.verify(() -> {
          assertThat(ids(page.getJsonArray("vendors"))).containsExactly(id(braise));
          assertThat(names(page.getJsonArray("items"))).containsExactly("Poisson braisé");
        });
        twoWords.flag();
        return search("camer", 20, null);
      })
      .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
        assertThat(ids(page.getJsonArray("vendors"))).containsExactly(id(mama));
        assertThat(page.getJsonArray("items")).isEmpty();
        prefixAndCuisine.flag();
      })));
  }

  @Test
  @DisplayName("paging is exact (each vendor once, in order, then no cursor); a forged or foreign cursor → 400; after FLUSHALL the same answer")
  void pagingCursorsAndFlush(VertxTestContext ctx) {
    Checkpoint exact = ctx.checkpoint();
    Checkpoint forged = ctx.checkpoint();
    Checkpoint foreign = ctx.checkpoint();
    Checkpoint afterFlush = ctx.checkpoint();
    List<String> walked = new ArrayList<>();
    JsonObject s = new JsonObject();
    search("chicken", 20, null)
      .compose(whole -> {
        s.put("whole", whole);
        return walk("chicken", null, walked);
      })
      .compose(v -> {
        ctx.verify(() -> assertThat(walked).containsExactly(id(mama), id(grill), id(braise)));
        exact.flag();
        return search("chicken", 1, null);
      })
      .compose(first -> {
        String cursor = first.getString("nextCursor");
        s.put("cursor", cursor);
        JsonObject decoded = new JsonObject(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(decoded.put("d", 0.0).put("q", "x")
          .encode().getBytes(StandardCharsets.UTF_8));
        return raw("chicken", 1, tampered);
      })
      .compose(r -> {
        ctx.verify(() -> badRequest(r));
        forged.flag();
        return raw("poulet", 1, s.getString("cursor"));
      })
      .compose(r -> {
        ctx.verify(() -> badRequest(r));
        foreign.flag();
        return p.redis.flushall(List.of());
      })
      .compose(v -> search("chicken", 20, null))
      .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
        assertThat(after).isEqualTo(s.getJsonObject("whole"));
        afterFlush.flag();
      })));
  }

  @Test
  @DisplayName("menu edits show at once (a new dish is found, a deleted one is gone); bad input → 400 in the error shape")
  void followsMenuAndRefusesBadInput(VertxTestContext ctx) {
    Checkpoint added = ctx.checkpoint();
    Checkpoint deleted = ctx.checkpoint();
    Checkpoint refused = ctx.checkpoint();
    String token = grill.getString("token");
    JsonObject s = new JsonObject();
    search("ndole", 20, null)
      .compose(before -> p.call(HttpMethod.POST, p.vendorPort, "/api/v1/menu", token, dish("Ndolé royal", "Mains")))
      .compose(r -> {
        s.put("itemId", r.bodyAsJsonObject().getString("itemId"));
        return search("ndolé", 20, null);
      })
      .compose(page -> {
        ctx.verify(() -> {
          assertThat(ids(page.getJsonArray("vendors"))).containsExactly(id(mama), id(grill));
          assertThat(names(page.getJsonArray("items"))).containsExactly("Ndolé aux crevettes", "Ndolé royal");
        });
        added.flag();
        return p.call(HttpMethod.DELETE, p.vendorPort, "/api/v1/menu/" + s.getString("itemId"), token, null);
      })
      .compose(r -> search("ndole", 20, null))
      .compose(page -> {
        ctx.verify(() -> assertThat(ids(page.getJsonArray("vendors"))).containsExactly(id(mama)));
        deleted.flag();
        return Future.all(List.of(get("/api/v1/search?lat=" + LAT + "&lng=" + LNG),
          get("/api/v1/search?q=&lat=" + LAT + "&lng=" + LNG), get("/api/v1/search?q=le%20de%20the&lat=" + LAT + "&lng=" + LNG),
          get("/api/v1/search?q=ndole&lng=" + LNG), get("/api/v1/search?q=ndole&lat=91&lng=" + LNG),
          get("/api/v1/search?q=ndole&lat=" + LAT + "&lng=" + LNG + "&limit=0"),
          get("/api/v1/search?q=" + "x".repeat(101) + "&lat=" + LAT + "&lng=" + LNG)));
      })
      .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        for (int i = 0; i < all.size(); i++) {
          badRequest(all.resultAt(i));
        }
        refused.flag();
      })));
  }

  private Future<Void> walk(String q, String cursor, List<String> into) {
    return search(q, 1, cursor).compose(page -> {
      ids(page.getJsonArray("vendors")).forEach(into::add);
      String next = page.getString("nextCursor");
      return next == null || into.size() > 10 ? Future.succeededFuture() : walk(q, next, into);
    });
  }

  private static void badRequest(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("VALIDATION_FAILED");
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message")).isNotBlank();
  }

  private Future<JsonObject> search(String q, int limit, String cursor) {
    return raw(q, limit, cursor).compose(r -> r.statusCode() == 200 ? Future.succeededFuture(r.bodyAsJsonObject())
      : Future.failedFuture("search answered " + r.statusCode() + ": " + r.bodyAsString()));
  }

  private Future<HttpResponse<Buffer>> raw(String q, int limit, String cursor) {
    return get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&lat=" + LAT + "&lng=" + LNG
      + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
  }

  private Future<HttpResponse<Buffer>> get(String path) {
    return p.call(HttpMethod.GET, p.userPort, path, user, null);
  }

  /** An approved vendor at (lat, LNG), online or not, with its dishes created through the vendor API. */
  private Future<JsonObject> vendor(String name, String cuisine, double lat, boolean online, List<JsonObject> dishes) {
    return p.accounts.create(AccountKind.VENDOR, new JsonObject().put("businessName", name).put("cuisine", cuisine)
        .put("approvalStatus", "APPROVED").put("location", new JsonObject().put("lat", lat).put("lng", LNG)))
      .compose(v -> {
        String token = p.token(v.getString("vendorId"), Role.VENDOR);
        Future<?> chain = p.call(HttpMethod.PUT, p.vendorPort, "/api/v1/status", token, new JsonObject().put("isOnline", online));
        for (JsonObject d : dishes) {
          chain = chain.compose(x -> p.call(HttpMethod.POST, p.vendorPort, "/api/v1/menu", token, d)
            .compose(r -> r.statusCode() == 201 || r.statusCode() == 200 ? Future.succeededFuture()
              : Future.failedFuture("menu item refused: " + r.bodyAsString())));
        }
        return chain.map(x -> new JsonObject().put("vendorId", v.getString("vendorId")).put("token", token));
      });
  }

  private static JsonObject dish(String name, String category) {
    return new JsonObject().put("name", name).put("category", category).put("price", 2500).put("available", true);
  }

  private static String id(JsonObject vendor) {
    return vendor.getString("vendorId");
  }

  private static List<String> ids(JsonArray vendors) {
    return vendors.stream().map(o -> ((JsonObject) o).getString("vendorId")).toList();
  }

  private static List<String> names(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getString("name")).toList();
  }
}
