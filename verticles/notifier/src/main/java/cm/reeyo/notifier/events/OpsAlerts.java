package cm.reeyo.notifier.events;

import cm.reeyo.contracts.OpsAddresses;
import cm.reeyo.contracts.bus.PrincipalHeaders;
import cm.reeyo.notifier.Money;
import cm.reeyo.notifier.Outbound;
import cm.reeyo.storage.BusinessMetrics;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * Operational alerts ({@link OpsAddresses#ALERT}) published by services on the TCP bridge, e.g. the anomaly watcher:
 * each one is logged, counted ({@code reeyo_ops_alerts_total{kind}}, per notifier instance) and e-mailed in English
 * to every address of {@code notifier.opsAlertEmails} (template {@code ops_alert}; once per alert and address
 * however many notifiers hear it). Only alerts sent as a service account count: anything else is dropped.
 */
public final class OpsAlerts {

  public static final String CONF_EMAILS = "opsAlertEmails";
  public static final String TEMPLATE = "ops_alert";
  static final Set<String> KINDS = Set.of("large-transaction", "burst");
  private static final Logger LOG = LoggerFactory.getLogger(OpsAlerts.class);

  private final Outbound outbound;
  private final List<String> emails;

  public OpsAlerts(Outbound outbound, List<String> emails) {
    this.outbound = outbound;
    this.emails = List.copyOf(emails);
  }

  /** The e-mail recipients of {@code notifier.opsAlertEmails} in the node config. */
  public static List<String> emailsFrom(JsonObject config) {
    JsonArray list = config.getJsonObject("notifier", new JsonObject()).getJsonArray(CONF_EMAILS, new JsonArray());
    return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
  }

  public MessageConsumer<JsonObject> register(EventBus bus) {
    return bus.consumer(OpsAddresses.ALERT, this::onAlert);
  }

  void onAlert(Message<JsonObject> message) {
    String service = PrincipalHeaders.service(message.headers()).orElse(null);
    if (service == null || message.body() == null) {
      LOG.warn("ops alert dropped: not sent by a service account");
      return;
    }
    JsonObject alert = message.body();
    String kind = KINDS.contains(alert.getString("kind")) ? alert.getString("kind") : "other";
    BusinessMetrics.opsAlert(kind);
    LOG.warn("ops alert {} from {}: wallet {} transfer {} amount {}", kind, service, alert.getString("walletId"),
      alert.getString("transferId"), alert.getValue("amount"));
    JsonObject params = params(kind, service, alert);
    String key = kind + "|" + alert.getString("transferId") + "|" + alert.getString("walletId") + "|" + alert.getValue("at");
    emails.forEach(to -> outbound.email("alert-" + Outbound.shortHash(key + "|" + to), to, TEMPLATE, params, "en", "ops")
      .onFailure(e -> LOG.warn("ops alert e-mail to {} not queued: {}", to, e.getMessage())));
  }

  private static JsonObject params(String kind, String service, JsonObject alert) {
    long threshold = alert.getLong("threshold", 0L);
    String rule = "burst".equals(kind)
      ? alert.getValue("count") + " movements within " + alert.getValue("windowSeconds") + " s (limit " + threshold + ")"
      : "threshold " + Money.xaf(threshold);
    return new JsonObject().put("kind", kind).put("service", service).put("rule", rule)
      .put("walletId", alert.getString("walletId", "-")).put("ownerType", alert.getString("ownerType", "-"))
      .put("transferId", alert.getString("transferId", "-")).put("transferType", alert.getString("transferType", "-"))
      .put("amount", alert.getLong("amount", 0L)).put("at", alert.getString("at", "-"));
  }
}
