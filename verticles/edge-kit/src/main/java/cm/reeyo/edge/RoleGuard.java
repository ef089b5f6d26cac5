package cm.reeyo.edge;

import cm.reeyo.contracts.ErrorCode;
import cm.reeyo.contracts.Role;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.Set;

/** Lets a request through only when the authenticated caller has one of the given roles; 403 otherwise. */
public final class RoleGuard implements Handler<RoutingContext> {

  private final Set<Role> allowed;

  private RoleGuard(Set<Role> allowed) {
    this.allowed = allowed;
  }

  public static RoleGuard only(Role first, Role... more) {
    return new RoleGuard(EnumSet.of(first, more));
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (allowed.contains(AuthHandler.principal(ctx).role())) {
      ctx.next();
    } else {
      ctx.fail(new ApiError(ErrorCode.FORBIDDEN, "This route is not open to your role"));
    }
  }
}
