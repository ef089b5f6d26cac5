package cm.reeyo.orderflow;

import cm.reeyo.apikit.ApiFoundation;
import cm.reeyo.apikit.OrderQueryRoutes;
import cm.reeyo.contracts.Role;
import cm.reeyo.edge.OpenApiDoc;
import cm.reeyo.edge.SessionCheck;
import cm.reeyo.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Every catalog, order and dispatch route is in its API's OpenAPI document")
class OpenApiCoverageTest {

  @Test
  @DisplayName("user, vendor, rider and admin route groups are fully documented")
  void documented(Vertx vertx, VertxTestContext ctx) {
    Future.all(List.of(
        check(vertx, "openapi/user-api.json", (api, auth) -> {
          new cm.reeyo.userapi.CatalogRoutes(api, auth).mount();
          OrderQueryRoutes.mount(api, auth, Role.USER);
          new cm.reeyo.userapi.OrderRoutes(api, auth).mount();
        }),
        check(vertx, "openapi/vendor-api.json", (api, auth) -> {
          new cm.reeyo.vendorapi.CatalogRoutes(api, auth, cm.reeyo.files.Files.create(api)).mount();
          OrderQueryRoutes.mount(api, auth, Role.VENDOR);
          new cm.reeyo.vendorapi.OrderRoutes(api, auth).mount();
        }),
        check(vertx, "openapi/rider-api.json", (api, auth) -> new cm.reeyo.riderapi.DispatchRoutes(api, auth).mount()),
        check(vertx, "openapi/admin-api.json", (api, auth) -> {
          OrderQueryRoutes.mount(api, auth, Role.ADMIN);
          new cm.reeyo.adminapi.OrderRoutes(api, auth).mount();
        })))
      .onComplete(ctx.succeedingThenComplete());
  }

  private Future<Void> check(Vertx vertx, String doc, BiConsumer<ApiFoundation, cm.reeyo.edge.AuthHandler> mount) {
    ApiFoundation api = ApiFoundation.create(vertx, TestConfig.fresh(), doc);
    mount.accept(api, api.auth(SessionCheck.none()));
    return api.openApi().load(vertx).map(d -> {
      assertThat(OpenApiDoc.undocumented(api.router(), d)).as(doc).isEmpty();
      assertThat(d.getJsonObject("paths").size()).isGreaterThan(3);
      return (Void) null;
    }).eventually(api::close);
  }
}
