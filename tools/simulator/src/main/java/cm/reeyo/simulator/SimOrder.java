package cm.reeyo.simulator;

/** One order the city placed, as the simulator saw it go: enough to check the money at the end. */
final class SimOrder {

  final String orderId;
  final Customer customer;
  final Vendor vendor;
  final String method;
  final long total;
  final String code;
  final long placedAt;
  String status;
  boolean paid;
  Rider rider;
  long finishedAt;
  boolean tracked;
  final java.util.Set<String> offeredTo = new java.util.HashSet<>();
  boolean handledByVendor;

  SimOrder(String orderId, Customer customer, Vendor vendor, String method, long total, String code, String status) {
    this.orderId = orderId;
    this.customer = customer;
    this.vendor = vendor;
    this.method = method;
    this.total = total;
    this.code = code;
    this.status = finishedStatus(status) ? "PENDING" : status;
    this.placedAt = System.currentTimeMillis();
    this.paid = "WALLET".equals(method);
  }

  private static boolean finishedStatus(String status) {
    return switch (status) {
      case "DELIVERED", "CANCELLED", "REJECTED", "PAYMENT_FAILED" -> true;
      default -> false;
    };
  }

  boolean finished() {
    return switch (status) {
      case "DELIVERED", "CANCELLED", "REJECTED", "PAYMENT_FAILED" -> true;
      default -> false;
    };
  }
}
