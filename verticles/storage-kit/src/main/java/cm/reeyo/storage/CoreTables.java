package cm.reeyo.storage;

import java.util.List;

/** The spec's tables and GSIs, plus the audit and idempotency tables every module writes. */
public final class CoreTables implements TableProvider {

  public static final String USERS = "users";
  public static final String VENDORS = "vendors";
  public static final String RIDERS = "riders";
  public static final String ORDERS = "orders";
  public static final String WALLETS = "wallets";
  public static final String TRANSACTIONS = "transactions";
  public static final String AUDIT = "audit";
  public static final String IDEMPOTENCY = "idempotency";
  public static final String FOLLOWUPS = "followups";
  public static final String LEASES = "leases";

  public static final TableSpec USERS_TABLE = TableSpec.of(USERS, "userId")
    .index("phone-index", "phone", null)
    .index("email-index", "email", null);
  public static final TableSpec VENDORS_TABLE = TableSpec.of(VENDORS, "vendorId")
    .index("phone-index", "phone", null)
    .index("email-index", "email", null)
    .index("approval-status-index", "approvalStatus", "createdAt");
  public static final TableSpec RIDERS_TABLE = TableSpec.of(RIDERS, "riderId")
    .index("phone-index", "phone", null)
    .index("email-index", "email", null)
    .index("approval-status-index", "approvalStatus", "createdAt")
    .index("online-status-index", "onlineStatus", "riderId");
  public static final TableSpec ORDERS_TABLE = TableSpec.of(ORDERS, "orderId")
    .index("userId-index", "userId", "createdAt")
    .index("vendorId-index", "vendorId", "createdAt")
    .index("riderId-index", "riderId", "createdAt")
    .index("status-index", "status", "createdAt")
    .index("createdAt-index", "createdDay", "createdAt");
  public static final TableSpec WALLETS_TABLE = TableSpec.of(WALLETS, "walletId")
    .index("owner-index", "ownerId", null);
  public static final TableSpec TRANSACTIONS_TABLE = TableSpec.of(TRANSACTIONS, "transactionId")
    .index("walletId-index", "walletId", "createdAt")
    .index("createdAt-index", "createdDay", "createdAt");
  public static final TableSpec AUDIT_TABLE = TableSpec.of(AUDIT, "auditId")
    .index("day-index", "day", "createdAt")
    .index("actor-index", "actorId", "createdAt")
    .ttl("expiresAt");
  public static final TableSpec IDEMPOTENCY_TABLE = TableSpec.of(IDEMPOTENCY, "key").ttl("expiresAt");
  /** Work that must follow a written step (settle, refund, dispatch, ...), by shard and due time: see {@link FollowUps}. */
  public static final TableSpec FOLLOWUPS_TABLE = TableSpec.of(FOLLOWUPS, "followUpId")
    .index(FollowUps.DUE_INDEX, TableSpec.Key.s("shard"), TableSpec.Key.n("due"));
  /** Cluster-wide leases (one holder at a time): see {@link Lease}. */
  public static final TableSpec LEASES_TABLE = TableSpec.of(LEASES, "name");

  @Override
  public List<TableSpec> tables() {
    return List.of(USERS_TABLE, VENDORS_TABLE, RIDERS_TABLE, ORDERS_TABLE, WALLETS_TABLE, TRANSACTIONS_TABLE,
      AUDIT_TABLE, IDEMPOTENCY_TABLE, FOLLOWUPS_TABLE, LEASES_TABLE);
  }
}
