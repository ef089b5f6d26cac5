package cm.reeyo.authz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redocly CLI ({@code tools/openapi}, installed by {@code npm ci} from {@code scripts/test} or
 * {@code scripts/openapi-lint}) over the documents in {@code target/openapi/}: every error and warning, one line each.
 * When the tool is not installed the lint is skipped, unless {@value #REQUIRED} is {@code true} (CI sets it).
 */
final class RedoclyLint {

  static final String REQUIRED = "reeyo.openapi.lint";

  private RedoclyLint() {
  }

  static List<String> run() throws IOException, InterruptedException {
    Path root = Root.find();
    Path cli = root.resolve("tools/openapi/node_modules/.bin/redocly");
    List<String> out = new ArrayList<>();
    if (!Files.isExecutable(cli)) {
      if (Boolean.getBoolean(REQUIRED)) {
        out.add("redocly lint: " + cli + " is not installed (npm ci --prefix tools/openapi)");
      }
      return out;
    }
    List<Path> documents;
    try (var files = Files.list(Path.of("target", "openapi"))) {
      documents = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    for (Path document : documents) { // one run per document: the JSON report covers one file
      out.addAll(lint(cli, root.resolve("redocly.yaml"), document.toAbsolutePath()));
    }
    return out;
  }

  private static List<String> lint(Path cli, Path config, Path document) throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    Path report = Files.createTempFile("redocly", ".json");
    Process process = new ProcessBuilder(cli.toString(), "lint", "--config", config.toString(), "--format=json",
      document.toString()).redirectOutput(report.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      out.add("redocly lint " + document.getFileName() + ": no answer in 120 s");
      return out;
    }
    String text = Files.readString(report, StandardCharsets.UTF_8);
    Files.deleteIfExists(report);
    int start = text.indexOf('{');
    if (start < 0) {
      out.add("redocly lint " + document.getFileName() + ": no report (exit " + process.exitValue() + ")");
      return out;
    }
    JsonObject json = new JsonObject(text.substring(start));
    for (Object p : json.getJsonArray("problems", new JsonArray())) {
      JsonObject problem = (JsonObject) p;
      JsonObject at = problem.getJsonArray("location", new JsonArray()).getJsonObject(0);
      out.add("redocly " + problem.getString("severity") + " " + problem.getString("ruleId") + " "
        + document.getFileName() + " " + at.getString("pointer") + ": " + problem.getString("message"));
    }
    return out;
  }

  /** The repository root, found from the module's working directory upwards. */
  static final class Root {
    private Root() {
    }

    static Path find() {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        if (Files.exists(dir.resolve("redocly.yaml")) && Files.exists(dir.resolve("scripts/test"))) {
          return dir;
        }
      }
      throw new AssertionError("no repository root above " + Path.of("").toAbsolutePath());
    }
  }
}
