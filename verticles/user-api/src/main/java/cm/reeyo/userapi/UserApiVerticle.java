package cm.reeyo.userapi;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.OrderQueryRoutes;
import cm.reeyo.apikit.NotificationRoutes;
import cm.reeyo.apikit.WalletRoutes;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.AuthHandler;
import cm.reeyo.identity.AccountKind;
import cm.reeyo.identity.Identity;
import cm.reeyo.identity.IdentityRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** User API: HTTP on {@code http.port}; routes call the domain verticles by bus address. */
public class UserApiVerticle extends VerticleBase {

  private ApiFoundation api;

  @Override
  public Future<?> start() {
    api = ApiFoundation.create(vertx, config(), "openapi/user-api.json");
    NotificationRoutes.mount(api, auth(), Role.USER);
    WalletRoutes.mount(api, auth(), Role.USER);
    TopupRoutes.mount(api, auth());
    CampayWebhookRoutes.mount(api);
    IdentityRoutes.mount(api, AccountKind.USER);
    new CatalogRoutes(api, auth()).mount();
    new SearchRoutes(api, auth()).mount();
    OrderQueryRoutes.mount(api, auth(), Role.USER);
    new OrderRoutes(api, auth()).mount();
    new EngagementRoutes(api, auth()).mount();
    new TipRoutes(api, auth()).mount();
    new PromoRoutes(api, auth()).mount();
    return api.listen();
  }

  /** The one authentication step of this API's routes: a valid access token of a live, unsuspended account. */
  private AuthHandler auth() {
    return Identity.of(api).auth();
  }

  @Override
  public Future<?> stop() {
    return api.close();
  }
}
