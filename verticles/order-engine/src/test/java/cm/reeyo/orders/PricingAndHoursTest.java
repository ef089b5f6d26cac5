package cm.reeyo.orders;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Fees by Haversine distance and opening hours in Douala time")
class PricingAndHoursTest {

  final Pricing pricing = Pricing.fromConfig(new JsonObject());

  @Test
  @DisplayName("the demo delivery (≈ 7.5 km) costs 2,000 XAF; short trips pay the minimum; beyond 15 km is OUT_OF_RANGE")
  void fees() {
    double km = Pricing.distanceKm(DemoCatalog.VENDOR_LAT, DemoCatalog.VENDOR_LNG, DemoCatalog.DEMO_CUSTOMER_LAT,
      DemoCatalog.DEMO_CUSTOMER_LNG);
    assertThat(km).isBetween(7.25, 7.75);
    assertThat(pricing.deliveryFee(km)).isEqualTo(2_000);
    assertThat(pricing.deliveryFee(0.5)).isEqualTo(1_000);
    assertThat(pricing.deliveryFee(15)).isEqualTo(3_500);
    assertThatThrownBy(() -> pricing.deliveryFee(15.01)).isInstanceOf(ReplyException.class)
      .satisfies(e -> assertThat(ErrorCode.of(e)).isEqualTo(ErrorCode.OUT_OF_RANGE));
  }

  @Test
  @DisplayName("open within a slot, closed outside it or on a day without hours, overnight slots carry past midnight")
  void hours() {
    JsonObject hours = new JsonObject()
      .put("mon", new JsonArray().add(new JsonObject().put("open", "08:00").put("close", "22:00")))
      .put("fri", new JsonArray().add(new JsonObject().put("open", "18:00").put("close", "02:00")));
    assertThat(BusinessHours.isOpen(hours, at("2026-11-23T09:00"))).isTrue();
    assertThat(BusinessHours.isOpen(hours, at("2026-11-23T22:00"))).isFalse();
    assertThat(BusinessHours.isOpen(hours, at("2026-11-24T12:00"))).as("tuesday has no hours").isFalse();
    assertThat(BusinessHours.isOpen(hours, at("2026-11-28T01:30"))).as("friday night, after midnight").isTrue();
    assertThat(BusinessHours.isOpen(null, at("2026-11-24T03:00"))).as("no hours: always open").isTrue();
    assertThat(BusinessHours.valid(hours)).isTrue();
    assertThat(BusinessHours.valid(new JsonObject().put("mon", new JsonArray().add(new JsonObject().put("open", "8h"))))).isFalse();
  }

  static java.time.Instant at(String local) {
    return ZonedDateTime.parse(local + ":00+01:00[Africa/Douala]").toInstant();
  }
}
