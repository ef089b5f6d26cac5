package cm.reeyo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import cm.reeyo.testkit.LocalDynamo;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shipped Prometheus alert rules ({@code conf/alerts}) are valid and behave as their unit tests say: each alert
 * fires in a troubled platform and stays quiet in a healthy one ({@code promtool}, from Debian's {@code prometheus}
 * package, which {@code scripts/test} installs).
 */
class AlertRulesTest {

  static final Path ALERTS = LocalDynamo.repoRoot().resolve("conf/alerts");

  @Test
  @Timeout(60)
  @DisplayName("promtool accepts the alert rules")
  void rulesAreValid() throws Exception {
    assertThat(promtool(ALERTS, "check", "rules", "reeyo-alerts.yml")).contains("SUCCESS: 11 rules found");
  }

  @Test
  @Timeout(60)
  @DisplayName("promtool's unit tests pass: every alert has a firing and a quiet case")
  void unitTestsPass() throws Exception {
    String rules = Files.readString(ALERTS.resolve("reeyo-alerts.yml"));
    String tests = Files.readString(ALERTS.resolve("tests/reeyo-alerts-test.yml"));
    List<String> alerts = Pattern.compile("- alert: (\\w+)").matcher(rules).results()
      .map(m -> m.group(1)).toList();
    assertThat(alerts).hasSize(11);
    for (String alert : alerts) {
      assertThat(count(tests, "alertname: " + alert + "\n")).as("firing case of %s", alert).isGreaterThanOrEqualTo(1);
      assertThat(count(tests, "alertname: " + alert + ", exp_alerts: []")).as("quiet case of %s", alert).isEqualTo(1);
    }
    assertThat(promtool(ALERTS.resolve("tests"), "test", "rules", "reeyo-alerts-test.yml")).contains("SUCCESS");
  }

  @Test
  @Timeout(60)
  @DisplayName("every query of the Grafana dashboard is valid PromQL")
  void dashboardQueriesAreValid() throws Exception {
    JsonObject dashboard = new JsonObject(Files.readString(MetricsTest.GRAFANA));
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int n = 0;
    for (Object panel : dashboard.getJsonArray("panels")) {
      for (Object target : ((JsonObject) panel).getJsonArray("targets")) {
        String expr = ((JsonObject) target).getString("expr");
        rules.append("      - record: dashboard:q").append(n++).append("\n        expr: '")
          .append(expr.replace("'", "''")).append("'\n");
      }
    }
    Path dir = Files.createTempDirectory("dashboard-rules");
    Files.writeString(dir.resolve("dashboard.yml"), rules);
    assertThat(n).isGreaterThanOrEqualTo(18);
    assertThat(promtool(dir, "check", "rules", "dashboard.yml")).contains("SUCCESS: " + n + " rules found");
  }

  private static int count(String text, String needle) {
    return text.split(Pattern.quote(needle), -1).length - 1;
  }

  private static String promtool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("promtool is missing: install Debian's prometheus package (scripts/test does)", e);
    }
    assertThat(process.waitFor(50, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
