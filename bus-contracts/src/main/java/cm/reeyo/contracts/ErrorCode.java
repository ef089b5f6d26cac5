package cm.reeyo.contracts;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stable error codes shared by every verticle. A bus failure carries {@link #busCode()} as the
 * {@link ReplyException#failureCode()}; the HTTP edges map it back to the code name and {@link #httpStatus()}.
 */
public enum ErrorCode {
  VALIDATION_FAILED(400, 4000),
  MALFORMED_JSON(400, 4001),
  UNAUTHORIZED(401, 4010),
  TOKEN_EXPIRED(401, 4011),
  INVALID_CREDENTIALS(401, 4012),
  FORBIDDEN(403, 4030),
  PHONE_NOT_VERIFIED(403, 4031),
  ACCOUNT_SUSPENDED(403, 4032),
  NOT_APPROVED(403, 4033),
  NOT_FOUND(404, 4040),
  METHOD_NOT_ALLOWED(405, 4050),
  CONFLICT(409, 4090),
  ALREADY_EXISTS(409, 4091),
  ORDER_STATE_CONFLICT(409, 4092),
  IDEMPOTENCY_KEY_REUSED(409, 4093),
  ALREADY_SETTLED(409, 4094),
  OFFER_TAKEN(409, 4095),
  /** An upload confirmed before its bytes reached storage. */
  UPLOAD_MISSING(409, 4096),
  /** An upload confirmed after its presigned URL expired. */
  UPLOAD_EXPIRED(409, 4097),
  /** A rider approved before every required document is approved. */
  DOCUMENTS_INCOMPLETE(409, 4098),
  PAYLOAD_TOO_LARGE(413, 4130),
  URI_TOO_LONG(414, 4140),
  UNSUPPORTED_MEDIA_TYPE(415, 4150),
  UNPROCESSABLE(422, 4220),
  INSUFFICIENT_FUNDS(422, 4221),
  OUT_OF_RANGE(422, 4222),
  VENDOR_CLOSED(422, 4223),
  ITEM_UNAVAILABLE(422, 4224),
  BELOW_MINIMUM(422, 4225),
  /** Uploaded bytes that are not the declared type (magic bytes) or not the declared size. */
  FILE_REJECTED(422, 4226),
  /** A promo code that does not apply to this order: unknown, inactive, out of its window, another vendor's, below its minimum, used up. */
  PROMO_NOT_APPLICABLE(422, 4229),
  ACCOUNT_LOCKED(423, 4230),
  RATE_LIMITED(429, 4290),
  HEADERS_TOO_LARGE(431, 4310),
  INTERNAL(500, 5000),
  UPSTREAM_FAILED(502, 5020),
  UNAVAILABLE(503, 5030),
  TIMEOUT(504, 5040);

  private static final Map<Integer, ErrorCode> BY_BUS_CODE =
    Arrays.stream(values()).collect(Collectors.toMap(ErrorCode::busCode, Function.identity()));

  private final int httpStatus;
  private final int busCode;

  ErrorCode(int httpStatus, int busCode) {
    this.httpStatus = httpStatus;
    this.busCode = busCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int busCode() {
    return busCode;
  }

  /** A failure to reply with on the bus, or to fail a future with. */
  public ReplyException exception(String message) {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, busCode, message);
  }

  /** The code a failure stands for: a coded bus failure, a bus timeout or missing handler, else INTERNAL. */
  public static ErrorCode of(Throwable failure) {
    if (failure instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case TIMEOUT -> TIMEOUT;
        case NO_HANDLERS -> UNAVAILABLE;
        default -> BY_BUS_CODE.getOrDefault(reply.failureCode(), INTERNAL);
      };
    }
    return INTERNAL;
  }

  /** True when {@code failure} is a bus failure carrying this code. */
  public boolean matches(Throwable failure) {
    return of(failure) == this;
  }
}
