package cm.reeyo.notifier;

import cm.reeyo.notifier.events.EventRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Templates: every event rule has French and English texts; amounts read as XAF")
class TemplatesTest {

  private final Templates templates = Templates.load();

  @Test
  @DisplayName("XAF amounts are grouped by thousands with FCFA")
  void money() {
    assertThat(Money.xaf(17000)).isEqualTo("17 000 FCFA");
    assertThat(Money.xaf(1234567)).isEqualTo("1 234 567 FCFA");
    assertThat(Money.xaf(500)).isEqualTo("500 FCFA");
    assertThat(Money.xaf(0)).isEqualTo("0 FCFA");
    assertThat(Money.xaf(-2500)).isEqualTo("-2 500 FCFA");
  }

  @Test
  @DisplayName("every (template, channel) the event rules use renders in fr and en without a leftover placeholder")
  void everyRuleHasTexts() {
    JsonObject params = new JsonObject().put("orderRef", "#ABC123").put("total", 17000).put("subtotal", 15500)
      .put("deliveryFee", 1500).put("refundAmount", 17000).put("amount", 5000).put("firstName", "Awa")
      .put("riderName", "Jean").put("reason", "test").put("payoutId", "p1").put("code", "123456")
      .put("items", new JsonArray().add(new JsonObject().put("name", "Ndolé").put("quantity", 2).put("price", 6000)));
    for (Map.Entry<String, Channel> use : EventRules.templatesUsed()) {
      for (String lang : Templates.LANGUAGES) {
        JsonObject out = templates.render(use.getKey(), use.getValue(), lang, params);
        assertThat(out.isEmpty()).as(use + " " + lang).isFalse();
        out.forEach(e -> assertThat((String) e.getValue()).as(use + " " + lang).doesNotContainPattern("\\{[A-Za-z]+}"));
      }
    }
  }

  @Test
  @DisplayName("the user's language picks the text; anything else falls back to French")
  void languages() {
    JsonObject params = new JsonObject().put("code", "998877");
    assertThat(templates.render("otp", Channel.SMS, "en", params).getString("text")).startsWith("Reeyo: your verification code is 998877");
    assertThat(templates.render("otp", Channel.SMS, "de", params).getString("text")).startsWith("Reeyo : votre code");
    assertThat(templates.render("otp", Channel.SMS, null, params).getString("text")).contains("998877");
    assertThatThrownBy(() -> templates.render("otp", Channel.EMAIL, "fr", params)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("without credentials the providers point at the local fakes; production refuses to start without them")
  void configDefaults() {
    JsonObject node = new JsonObject().put("fakes", new JsonObject().put("baseUrl", "http://127.0.0.1:9999"));
    NotifierConfig dev = NotifierConfig.from(node, Map.of());
    assertThat(dev.twilio().baseUrl()).isEqualTo("http://127.0.0.1:9999");
    assertThat(dev.sendgrid().baseUrl()).isEqualTo("http://127.0.0.1:9999");
    assertThat(dev.sns().endpoint()).isEqualTo("http://127.0.0.1:9999");
    NotifierConfig real = NotifierConfig.from(node, Map.of("TWILIO_ACCOUNT_SID", "AC1", "TWILIO_AUTH_TOKEN", "t",
      "SENDGRID_API_KEY", "SG.k", "SNS_IOS_ARN", "arn:ios", "SNS_ANDROID_ARN", "arn:android"));
    assertThat(real.twilio().baseUrl()).isNull();
    assertThat(real.sendgrid().baseUrl()).isNull();
    assertThat(real.sns().endpoint()).isNull();
    assertThatThrownBy(() -> NotifierConfig.from(node.copy().put("mode", "production"), Map.of()))
      .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> NotifierConfig.from(node.copy().put("mode", "prod"), Map.of()))
      .as("the launcher's production mode").isInstanceOf(IllegalStateException.class);
  }
}
