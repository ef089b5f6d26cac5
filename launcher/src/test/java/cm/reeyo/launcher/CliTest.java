package cm.reeyo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CliTest {

  @Test
  @DisplayName("parses every option and defaults to the all-in-one profile")
  void parses() {
    assertThat(Cli.parse()).isEqualTo(new Cli("all-in-one", Path.of("conf"), false, false, null));
    assertThat(Cli.parse("--profile", "edge", "--conf-dir", "/etc/reeyo", "--init-tables", "--demo",
      "--port-offset", "100")).isEqualTo(new Cli("edge", Path.of("/etc/reeyo"), true, true, 100));
  }

  @Test
  @DisplayName("the override file comes from --override, else from REEYO_OVERRIDE_FILE")
  void overrideFile() {
    Map<String, String> env = Map.of(Cli.OVERRIDE_FILE_ENV, "/etc/reeyo/override.json");
    assertThat(Cli.parse(env).overrideFile()).isEqualTo(Path.of("/etc/reeyo/override.json"));
    assertThat(Cli.parse(env, "--override", ".dev/override.json").overrideFile()).isEqualTo(Path.of(".dev/override.json"));
    assertThat(Cli.parse().overrideFile()).isNull();
  }

  @Test
  @DisplayName("unknown options and missing values are refused with the usage")
  void refuses() {
    assertThatThrownBy(() -> Cli.parse("--nope")).hasMessageContaining("usage:");
    assertThatThrownBy(() -> Cli.parse("--profile")).hasMessageContaining("missing value for --profile");
    assertThatThrownBy(() -> Cli.parse("--port-offset", "x")).hasMessageContaining("not a number");
  }
}
