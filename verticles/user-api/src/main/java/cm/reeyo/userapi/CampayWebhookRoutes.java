package cm.reeyo.userapi;

import cm.reeyo.contracts.bus.BusClient;
import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.contracts.WalletAddresses;
import cm.reeyo.edge.Responses;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * {@code POST|GET /api/v1/payments/campay/webhook}: Campay's callback, public (no JWT). The fields come as JSON, a
 * form or query parameters; the wallet engine verifies the signature and applies the payment at most once.
 */
final class CampayWebhookRoutes {

  static final String OPENAPI = "openapi/user-api/campay-webhook.json";
  static final String PATH = "/api/v1/payments/campay/webhook";
  static final List<String> FIELDS = List.of("status", "reference", "amount", "currency", "operator", "code",
    "operator_reference", "signature", "external_reference", "endpoint", "phone_number");

  private final ApiFoundation api;

  private CampayWebhookRoutes(ApiFoundation api) {
    this.api = api;
  }

  static void mount(ApiFoundation api) {
    CampayWebhookRoutes routes = new CampayWebhookRoutes(api);
    api.router().post(PATH).handler(routes::receive);
    api.router().get(PATH).handler(routes::receive);
    api.openApi().fragment(OPENAPI);
  }

  private void receive(RoutingContext ctx) {
    BusClient.of(api.vertx()).request(WalletAddresses.CAMPAY_WEBHOOK, fields(ctx))
      .compose(reply -> Responses.ok(ctx, reply))
      .onFailure(ctx::fail);
  }

  /** Only Campay's known fields, each a short string, from the query, a form or a JSON object body. */
  static JsonObject fields(RoutingContext ctx) {
    JsonObject out = new JsonObject();
    JsonObject json = null;
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && type.toLowerCase().startsWith("application/json") && ctx.body().length() > 0) {
      try {
        json = ctx.body().asJsonObject();
      } catch (RuntimeException e) {
        json = null;
      }
    }
    MultiMap params = ctx.request().params();
    for (String field : FIELDS) {
      Object value = json != null && json.getValue(field) != null ? json.getValue(field) : params.get(field);
      if (value != null && value.toString().length() <= 4096) {
        out.put(field, value.toString());
      }
    }
    return out;
  }
}
