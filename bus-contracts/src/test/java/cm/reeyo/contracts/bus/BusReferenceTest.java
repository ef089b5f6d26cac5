package cm.reeyo.contracts.bus;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("docs/bus.md")
class BusReferenceTest {

  private static final Path DOC = Path.of("..", "docs", "bus.md");

  @Test
  @DisplayName("regenerated from the contracts, equals the committed file")
  void committedReferenceIsCurrent() throws IOException {
    String fresh = BusReference.render(BusContracts.get());
    if (Boolean.getBoolean("reeyo.docs.write")) {
      Files.writeString(DOC, fresh, StandardCharsets.UTF_8);
    }
    String committed = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
    assertThat(committed)
      .as("docs/bus.md is stale; regenerate it: mvn -B -q -o -pl bus-contracts test -Dtest=BusReferenceTest -Dreeyo.docs.write=true")
      .isEqualTo(fresh);
  }
}
