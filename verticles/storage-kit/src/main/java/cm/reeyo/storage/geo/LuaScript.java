package cm.reeyo.storage.geo;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A Lua script sent by its SHA-1 ({@code EVALSHA}); its text goes once, when Redis does not know it yet. */
public final class LuaScript {

  private final String text;
  private final String sha;

  public LuaScript(String text) {
    this.text = text;
    try {
      this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Future<Response> run(RedisAPI redis, List<String> keys, List<String> args) {
    return redis.evalsha(command(sha, keys, args)).recover(f -> f.getMessage() != null && f.getMessage().startsWith("NOSCRIPT")
      ? redis.eval(command(text, keys, args)) : Future.failedFuture(f));
  }

  private static List<String> command(String head, List<String> keys, List<String> args) {
    List<String> cmd = new ArrayList<>(keys.size() + args.size() + 2);
    cmd.add(head);
    cmd.add(String.valueOf(keys.size()));
    cmd.addAll(keys);
    cmd.addAll(args);
    return cmd;
  }
}
