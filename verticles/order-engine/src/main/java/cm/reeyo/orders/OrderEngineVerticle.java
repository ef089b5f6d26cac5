package cm.reeyo.orders;

import cm.reeyo.contracts.OrderAddresses;
import cm.reeyo.contracts.bus.BusServer;
import cm.reeyo.storage.Dynamo;
import cm.reeyo.storage.FollowUps;
import cm.reeyo.storage.Lease;
import cm.reeyo.storage.RedisStore;
import cm.reeyo.storage.TableBootstrap;
import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.geo.VendorIndex;
import cm.reeyo.storage.geo.VendorIndexBuilder;
import cm.reeyo.storage.geo.VendorsNear;
import cm.reeyo.storage.search.SearchIndexBuilder;
import cm.reeyo.storage.search.VendorSearch;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The order engine: owns orders, their state machine, fees and dispatch, and the catalog (vendors' menus).
 * APIs call it by address ({@link OrderAddresses}) with the caller in the principal headers;
 * {@link BusServer} checks each request against its contract. Periodic work
 * (dispatch deadlines, stale riders, wallet retries) runs on every instance and claims items atomically in Redis.
 */
public class OrderEngineVerticle extends VerticleBase {

  public static final String CONF_SCAN_INTERVAL_MS = "dispatch.scanIntervalMs";
  public static final long DEFAULT_SCAN_INTERVAL_MS = 1000;
  public static final long DEFAULT_PRESENCE_SWEEP_MS = 15_000;

  private static final Logger LOG = LoggerFactory.getLogger(OrderEngineVerticle.class);

  private final List<Long> timers = new ArrayList<>();
  private Recovery recovery;
  private BusServer bus;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    Dynamo dynamo = Dynamo.acquire(vertx, config);
    RedisAPI redis = RedisStore.acquire(vertx, config).api();
    Cache cache = new Cache(redis);
    AccountReader accounts = new AccountReader(dynamo, cache);
    OrderStore store = new OrderStore(dynamo);
    Events events = new Events(vertx);
    WalletClient wallet = new WalletClient(vertx);
    FollowUps followUpStore = new FollowUps(dynamo, "orders");
    OrderFollowUps followUps = new OrderFollowUps(followUpStore, config);
    CashSettlements cash = new CashSettlements(dynamo, store, wallet, followUpStore);
    MoneyFollowUp money = new MoneyFollowUp(store, wallet, followUpStore, cash);
    VendorIndex vendorIndex = new VendorIndex(redis, dynamo);
    VendorsNear near = new VendorsNear(redis, new VendorIndexBuilder(vertx, redis, dynamo, vendorIndex),
      (card, at) -> BusinessHours.isOpen(card.getJsonObject("businessHours"), at),
      new SearchIndexBuilder(vertx, redis, dynamo, vendorIndex.search()));
    Reviews reviews = new Reviews(dynamo, store, accounts);
    Ratings ratings = new Ratings(dynamo, store, cache, vendorIndex, reviews);
    Transitions transitions = new Transitions(store, events, money, ratings, followUps);
    Dispatcher dispatcher = new Dispatcher(vertx, config, store, accounts, events, redis, wallet);
    transitions.dispatcher(dispatcher);
    recovery = new Recovery(config, store, followUpStore, money, dispatcher, redis,
      new Lease(dynamo, Recovery.LEASE, "order-engine-" + UUID.randomUUID(), Recovery.leaseMs(config)));
    Catalog catalog = new Catalog(dynamo, cache, accounts, near,
      new VendorSearch(redis, near, vendorIndex.search().keys()));
    VendorDesk desk = new VendorDesk(dynamo, cache, accounts, vendorIndex);
    Stock stock = new Stock(dynamo, cache, catalog);
    Promos promos = new Promos(dynamo);
    PromoRedemption redemption = new PromoRedemption(dynamo, promos);
    Holds holds = new Holds(vertx, dynamo, stock, redemption, followUps);
    recovery.holds(holds);
    transitions.holds(holds);
    Placement placement = new Placement(store, accounts, catalog, Pricing.fromConfig(config), wallet, transitions,
      Scheduling.fromConfig(config))
      .holding(redemption, holds);
    Favourites favourites = new Favourites(dynamo, catalog);
    Reorder reorder = new Reorder(store, catalog, Pricing.fromConfig(config));
    RiderDesk riders = new RiderDesk(config, dynamo, redis, store, accounts, dispatcher, events);
    OrderQueries queries = new OrderQueries(store);
    OrderStats stats = new OrderStats(store.counters(), redis);
    StatsRepair statsRepair = new StatsRepair(dynamo, store.counters());

    bus = BusServer.on(vertx);
    bus.serveAs(OrderAddresses.PLACE, placement::place);
    bus.serveAs(OrderAddresses.GET, queries::get);
    bus.serveAs(OrderAddresses.LIST, queries::list);
    bus.serveAs(OrderAddresses.TRANSITION, transitions::act);
    bus.serveAs(OrderAddresses.CANCEL, transitions::cancel);
    bus.serveAs(OrderAddresses.RATE, ratings::rate);
    bus.serveBody(OrderAddresses.REVIEWS, reviews::page);
    bus.serveAs(OrderAddresses.REVIEW_REPLY, reviews::reply);
    bus.serveAs(OrderAddresses.FAVOURITES, favourites::page);
    bus.serveAs(OrderAddresses.FAVOURITE_SET, favourites::set);
    bus.serveAs(OrderAddresses.REORDER, reorder::preview);
    bus.serveAs(OrderAddresses.TIP, new Tips(store, wallet, events)::tip);
    bus.serveAs(OrderAddresses.OFFERS, (p, b) -> dispatcher.offers(p));
    bus.serveAs(OrderAddresses.RIDER_ACCEPT, riders::accept);
    bus.serveAs(OrderAddresses.RIDER_STATUS, riders::setStatus);
    bus.serveAs(OrderAddresses.STATS, stats::day);
    bus.serveAs(OrderAddresses.STATS_REPAIR, statsRepair::run);
    bus.serveAs(OrderAddresses.RELEASE_BLOCKED, cash::release);
    bus.serveBody(OrderAddresses.ACTIVE_FOR_RIDER, riders::active);
    bus.serveBody(OrderAddresses.PARTY_CHECK, queries::partyCheck);
    bus.serveBody(OrderAddresses.PAYMENT_CONFIRMED, transitions::paymentConfirmed);
    bus.serveBody(OrderAddresses.PAYMENT_FAILED, b -> transitions.paymentFailed(Requests.requiredString(b, "orderId"),
      b.getString("reason", "The mobile money payment failed")));
    bus.serveBody(OrderAddresses.LEADERBOARD, ratings::leaderboard);
    bus.serveBody(OrderAddresses.CATALOG_NEARBY, catalog::nearby);
    bus.serveBody(OrderAddresses.CATALOG_SEARCH, catalog::search);
    bus.serveBody(OrderAddresses.CATALOG_VENDOR, b -> catalog.vendor(Requests.requiredString(b, "vendorId")));
    bus.serveBody(OrderAddresses.CATALOG_MENU, b -> catalog.menu(Requests.requiredString(b, "vendorId")));
    bus.serveAs(OrderAddresses.CATALOG_PROFILE, (p, b) -> desk.profile(VendorOnly.id(p)));
    bus.serveAs(OrderAddresses.CATALOG_PROFILE_UPDATE, (p, b) -> desk.updateProfile(VendorOnly.id(p), b.getJsonObject("fields", new JsonObject())));
    bus.serveAs(OrderAddresses.CATALOG_VENDOR_STATUS, (p, b) -> desk.setOnline(VendorOnly.id(p), Boolean.TRUE.equals(b.getValue("isOnline"))));
    bus.serveAs(OrderAddresses.CATALOG_MENU_WRITE, (p, b) -> VendorOnly.menuWrite(desk, catalog, stock, p, b));
    bus.serveAs(OrderAddresses.PROMO_CREATE, promos::create);
    bus.serveAs(OrderAddresses.PROMO_LIST, promos::page);
    bus.serveAs(OrderAddresses.PROMO_GET, promos::get);
    bus.serveAs(OrderAddresses.PROMO_UPDATE, promos::update);
    bus.serveAs(OrderAddresses.PROMO_PREVIEW, (p, b) -> redemption.preview(p, b, catalog));

    long scanMs = config.getJsonObject(Dispatcher.CONF, new JsonObject()).getLong("scanIntervalMs", DEFAULT_SCAN_INTERVAL_MS);
    timers.add(vertx.setPeriodic(scanMs, t -> dispatcher.scanDue()
      .onFailure(f -> LOG.warn("dispatch scan failed: {}", f.getMessage()))));
    timers.add(vertx.setPeriodic(Recovery.intervalMs(config), t -> recovery.tick()
      .onFailure(f -> LOG.warn("recovery sweep failed: {}", f.getMessage()))));
    long sweepMs = config.getJsonObject(RiderDesk.CONF_PRESENCE, new JsonObject()).getLong("sweepIntervalMs", DEFAULT_PRESENCE_SWEEP_MS);
    timers.add(vertx.setPeriodic(sweepMs, t -> riders.sweep().onFailure(f -> LOG.warn("presence sweep failed: {}", f.getMessage()))));

    Future<Void> tables = dynamo.createTablesOnStart()
      ? new TableBootstrap(dynamo).ensure(List.of(CoreTables.USERS_TABLE, CoreTables.VENDORS_TABLE, CoreTables.RIDERS_TABLE,
        CoreTables.ORDERS_TABLE, OrderTables.MENU_ITEMS_TABLE, OrderTables.ORDER_STATS_TABLE, OrderTables.REVIEWS_TABLE,
        OrderTables.FAVOURITES_TABLE, OrderTables.PROMOS_TABLE, OrderTables.PROMO_USES_TABLE, OrderTables.ORDER_HOLDS_TABLE,
        CoreTables.FOLLOWUPS_TABLE, CoreTables.LEASES_TABLE))
      : Future.succeededFuture();
    List<Future<?>> ready = new ArrayList<>();
    ready.add(tables);
    ready.add(bus.ready());
    return Future.all(ready);
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    Future<Void> drained = bus == null ? Future.succeededFuture() : bus.drain();
    Future<Void> released = drained.compose(v -> recovery == null ? Future.succeededFuture() : recovery.stop());
    return released.eventually(() -> {
      Dynamo.release(vertx);
      RedisStore.release(vertx);
      return Future.succeededFuture();
    });
  }

}
