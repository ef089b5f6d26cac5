package cm.reeyo.contracts.bus;

import cm.reeyo.contracts.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/bus.md}, the reference of every bus address, from the contracts. Run with the path of the file
 * to write (default {@code docs/bus.md}); {@code BusReferenceTest} fails when the committed file differs.
 */
public final class BusReference {

  private BusReference() {
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/bus.md");
    Files.writeString(out, render(BusContracts.get()), StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  /** The whole reference as Markdown. */
  public static String render(BusContracts contracts) {
    StringBuilder md = new StringBuilder();
    md.append("# Bus reference\n\n")
      .append("Generated from `bus-contracts/src/main/resources/contracts/*.json` by `cm.reeyo.contracts.bus.BusReference`; ")
      .append("do not edit by hand (see the end of this file to regenerate).\n\n")
      .append("Bodies are JSON objects. The caller of a request travels in the headers `x-reeyo-actor-id` and ")
      .append("`x-reeyo-actor-role`, never in the body. **Callers**: roles whose principal may call; `service` means a ")
      .append("call without a principal (another service) is allowed. A missing principal where one is needed fails ")
      .append("UNAUTHORIZED, a role not listed FORBIDDEN, a body its schema refuses VALIDATION_FAILED; every address may ")
      .append("also fail INTERNAL, TIMEOUT or UNAVAILABLE. Failure codes are `ErrorCode` names; the bus carries their ")
      .append("numeric `busCode` as the failure code, the HTTP edges their status. **Timeout** is the caller's whole ")
      .append("deadline. **Idempotent**: `yes` (a read) or `with <field>` (a write the callee deduplicates by that field) ")
      .append("means the caller's `BusClient` sends the request once more, to another instance, when its target vanished ")
      .append("(a member left while it was in flight, or the message could not be written); a request no handler ever saw ")
      .append("(no handler, or dropped by a consumer going away) is sent again whatever its kind.\n\n");
    for (String domain : BusContracts.DOMAINS) {
      List<Contract> inDomain = contracts.all().stream().filter(c -> c.domain().equals(domain)).toList();
      md.append("## ").append(domain).append("\n\n").append(contracts.description(domain)).append("\n\n");
      md.append("| address | kind | callers | timeout | idempotent |\n|---|---|---|---|---|\n");
      inDomain.forEach(c -> md.append("| [`").append(c.address()).append("`](#").append(anchor(c.address())).append(") | ")
        .append(c.kind().wireName()).append(" | ").append(callers(c)).append(" | ")
        .append(c.timeoutMs() > 0 ? c.timeoutMs() + " ms" : "-").append(" | ")
        .append(c.kind() == Kind.REQUEST_REPLY ? c.idempotency().describe() : "-").append(" |\n"));
      md.append('\n');
      inDomain.forEach(c -> contract(md, c));
    }
    md.append("## Regenerate\n\n```\nmvn -B -q -o -pl bus-contracts test -Dtest=BusReferenceTest -Dreeyo.docs.write=true\n```\n");
    return md.toString();
  }

  private static void contract(StringBuilder md, Contract c) {
    md.append("### ").append(c.address()).append("\n\n").append(c.summary()).append("\n\n")
      .append("- kind: ").append(c.kind().wireName()).append('\n')
      .append("- callers: ").append(callers(c)).append('\n');
    if (c.kind() == Kind.REQUEST_REPLY) {
      md.append("- timeout: ").append(c.timeoutMs()).append(" ms\n")
        .append("- idempotent (retried on another instance when the target vanished): ")
        .append(c.idempotency().describe()).append('\n')
        .append("- failures: ").append(failures(c)).append('\n');
    }
    md.append('\n').append(c.kind() == Kind.REQUEST_REPLY ? "Request" : "Message").append(" schema:\n\n");
    schema(md, c.requestSchema());
    if (c.kind() == Kind.REQUEST_REPLY) {
      md.append("Reply schema:\n\n");
      schema(md, c.replySchema());
    }
    JsonObject example = c.example() != null ? c.example() : Examples.of(c);
    md.append("Example:\n\n```json\n").append(example.encodePrettily()).append("\n```\n\n");
  }

  private static void schema(StringBuilder md, JsonObject schema) {
    JsonObject shown = schema.copy();
    shown.remove("$defs");
    JsonObject defs = schema.getJsonObject("$defs");
    if (defs != null) {
      TreeSet<String> used = new TreeSet<>();
      collectRefs(shown, used, defs);
      if (!used.isEmpty()) {
        JsonObject kept = new JsonObject();
        used.forEach(name -> kept.put(name, defs.getValue(name)));
        shown.put("$defs", kept);
      }
    }
    md.append("```json\n").append(shown.encodePrettily()).append("\n```\n\n");
  }

  private static void collectRefs(Object node, TreeSet<String> used, JsonObject defs) {
    if (node instanceof JsonObject o) {
      if (o.getValue("$ref") instanceof String ref && ref.startsWith("#/$defs/") && used.add(ref.substring(8))) {
        collectRefs(defs.getValue(ref.substring(8)), used, defs);
      }
      o.forEach(e -> collectRefs(e.getValue(), used, defs));
    } else if (node instanceof JsonArray a) {
      a.forEach(v -> collectRefs(v, used, defs));
    }
  }

  private static String callers(Contract c) {
    return new TreeSet<>(c.callers()).stream().collect(Collectors.joining(", "));
  }

  private static String failures(Contract c) {
    return c.failures().isEmpty() ? "(plumbing codes only)"
      : c.failures().stream().map(ErrorCode::name).collect(Collectors.joining(", "));
  }

  static String anchor(String address) {
    return address.toLowerCase().replaceAll("[^a-z0-9 -]", "");
  }
}
