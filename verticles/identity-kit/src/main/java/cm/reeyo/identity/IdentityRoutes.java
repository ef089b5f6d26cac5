package cm.reeyo.identity;

import cm.reeyo.apikit.ApiFoundation;

/**
 * Mounts the identity routes of one API on its router, with their OpenAPI fragments: for customers, vendors and
 * riders registration and phone verification, the token lifecycle, password reset and {@code /api/v1/me}; for
 * admins (never self-registered) the same without registration. One line in the API verticle's {@code start()}.
 */
public final class IdentityRoutes {

  private IdentityRoutes() {
  }

  public static Identity mount(ApiFoundation api, AccountKind kind) {
    Identity identity = Identity.of(api);
    if (kind != AccountKind.ADMIN) {
      new RegistrationRoutes(identity, kind).mount(api.router());
      api.openApi().fragment("openapi/identity/registration-" + kind.idPrefix() + ".json");
    }
    new SessionRoutes(identity, kind).mount(api.router());
    new MeRoutes(identity, kind).mount(api.router());
    new PasswordResetRoutes(identity, kind).mount(api.router());
    api.openApi().fragment("openapi/identity/password-reset.json");
    api.openApi().fragment("openapi/identity/sessions.json");
    api.openApi().fragment("openapi/identity/me-" + kind.idPrefix() + ".json");
    return identity;
  }
}
