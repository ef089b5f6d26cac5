package cm.reeyo.orderflow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("The order engine's events and the notifier agree: a delivered order sends its receipt")
class NotificationFlowTest {

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a 17,000 XAF WALLET order delivered through the APIs makes the real notifier e-mail the customer one receipt (SendGrid fake) with total 17 000 FCFA")
  void deliveredOrderSendsReceipt(Vertx vertx, VertxTestContext ctx) {
    String email = "awa." + UUID.randomUUID().toString().substring(0, 8) + "@example.cm";
    JsonObject s = new JsonObject();
    Platform.start(vertx, new JsonObject()).compose(Platform::withNotifier).compose(p -> Future.all(
        p.customer(true, 50_000, new JsonObject().put("email", email)), p.vendor(OrderFlowTest.MENU),
        p.rider("Mike", 4.0601, 9.7679))
      .compose(all -> {
        JsonObject user = all.resultAt(0);
        JsonObject vendor = all.resultAt(1);
        JsonObject ids = vendor.getJsonObject("items");
        return p.call(HttpMethod.POST, p.userPort, "/api/v1/orders", user.getString("token"),
            Platform.placeBody(vendor.getString("vendorId"), Platform.lines(ids.getString("Ndolé"), 1,
              ids.getString("Poulet DG"), 1, ids.getString("Plantains frits"), 1, ids.getString("Jus de foléré"), 1), "WALLET"))
          .compose(placed -> {
            JsonObject order = placed.bodyAsJsonObject();
            s.put("orderId", order.getString("orderId"));
            ctx.verify(() -> assertThat(order.getLong("total")).as(placed.bodyAsString()).isEqualTo(17_000));
            return p.runToDelivery(order.getString("orderId"), vendor, all.resultAt(2), order.getString("deliveryCode"));
          });
      }))
      .compose(delivered -> {
        ctx.verify(() -> assertThat(delivered.bodyAsJsonObject().getString("status")).as(delivered.bodyAsString())
          .isEqualTo("DELIVERED"));
        return eventually(vertx, () -> Fakes.emailsTo(email));
      })
      .compose(first -> pause(vertx, 300).compose(v -> vertx.executeBlocking(() -> Fakes.emailsTo(email))))
      .onComplete(ctx.succeeding(mails -> ctx.verify(() -> {
        assertThat(mails).as("one receipt, sent once").hasSize(1);
        JsonObject mail = mails.get(0);
        String ref = "#" + s.getString("orderId").substring(s.getString("orderId").length() - 6).toUpperCase();
        String text = mail.getJsonArray("content").getJsonObject(0).getString("value");
        String html = mail.getJsonArray("content").getJsonObject(1).getString("value");
        assertThat(mail.getString("subject")).isEqualTo("Votre reçu Reeyo — commande " + ref);
        assertThat(text).contains("Bonjour John").contains("1 × Poulet DG — 7 500 FCFA").contains("1 × Ndolé — 5 000 FCFA")
          .contains("Sous-total : 15 000 FCFA").contains("Frais de livraison : 2 000 FCFA").contains("Total : 17 000 FCFA");
        assertThat(html).contains("<b>17 000 FCFA</b>");
        ctx.completeNow();
      })));
  }

  /** Polls {@code read} (off the event loop) every 100 ms until it answers something, for at most 10 s. */
  static <T> Future<List<T>> eventually(Vertx vertx, Supplier<List<T>> read) {
    Promise<List<T>> found = Promise.promise();
    long deadline = System.currentTimeMillis() + 10_000;
    vertx.setPeriodic(100, id -> vertx.executeBlocking(read::get).onSuccess(items -> {
      if (!items.isEmpty()) {
        vertx.cancelTimer(id);
        found.tryComplete(items);
      } else if (System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(id);
        found.tryFail("nothing arrived within 10 s");
      }
    }));
    return found.future();
  }

  static Future<Void> pause(Vertx vertx, long ms) {
    Promise<Void> later = Promise.promise();
    vertx.setTimer(ms, t -> later.complete());
    return later.future();
  }
}
