package cm.reeyo.wallet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Settlement arithmetic in whole XAF")
class MoneyTest {

  @Test
  @DisplayName("commission rounds half up and the vendor's share makes the parts add up exactly")
  void commission() {
    BigDecimal rate = new BigDecimal("0.15");
    assertThat(Money.commission(15_000, rate)).isEqualTo(2_250);
    assertThat(Money.commission(15_010, rate)).isEqualTo(2_252);
    assertThat(Money.commission(15_003, rate)).isEqualTo(2_250);
    assertThat(Money.commission(1, rate)).isZero();
    assertThat(Money.commission(10, rate)).isEqualTo(2);
    assertThat(Money.percent(rate)).isEqualTo("15%");
    assertThat(Money.percent(new BigDecimal("0.125"))).isEqualTo("12.5%");
  }
}
