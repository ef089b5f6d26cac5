package cm.reeyo.testkit;

import cm.reeyo.contracts.bus.ContractCheck;
import cm.reeyo.contracts.bus.Violations;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails the test during which the bus carried a message its contract does not allow (see {@link ContractCheck}), or an
 * HTTP API answered what its OpenAPI document does not allow (edge-kit {@code ResponseCheck}).
 * Registered for every test of every module that has the testkit on its test classpath, through JUnit's extension
 * auto-detection (META-INF/services, enabled by the parent POM's surefire configuration); no test opts in.
 * Violations of {@code @BeforeAll}/{@code @AfterAll} work fail the class.
 */
public final class ContractCheckExtension implements AfterEachCallback, AfterAllCallback {

  @Override
  public void afterEach(ExtensionContext context) {
    failOnViolations();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    failOnViolations();
  }

  /** Throws an {@link AssertionError} listing the violations seen since the last check, if any. */
  public static void failOnViolations() {
    List<String> seen = Violations.drain();
    if (!seen.isEmpty()) {
      throw new AssertionError("contract violations (bus: bus-contracts/src/main/resources/contracts; HTTP: the API's "
        + "OpenAPI fragments under verticles/*/src/main/resources/openapi):\n  "
        + String.join("\n  ", seen));
    }
  }
}
