package cm.reeyo.edge;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per answered request: method, path without query (tokens may sit there), status, time, request id;
 * request id, status and duration also as key-value pairs (fields of the JSON log line).
 */
public final class AccessLog implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger("reeyo.access");

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addBodyEndHandler(done -> {
      if (LOG.isInfoEnabled()) {
        long ms = (System.nanoTime() - started) / 1_000_000;
        LOG.atInfo().addKeyValue("requestId", RequestId.of(ctx)).addKeyValue("status", ctx.response().getStatusCode())
          .addKeyValue("durationMs", ms)
          .log("{} {} {} {}ms rid={}", ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode(), ms,
            RequestId.of(ctx));
      }
    });
    ctx.next();
  }
}
