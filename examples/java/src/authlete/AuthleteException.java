package authlete;

/**
 * A failed libauthlete call: {@link #status()} is the authlete_status value, {@link #statusName()} its constant
 * name (e.g. {@code AUTHLETE_ERR_TIMEOUT}), {@link #detail()} the library's authlete_last_error() text (never a
 * credential) and {@link #body()} Authlete's body for {@code AUTHLETE_ERR_API} (else null). Log them; never send
 * them to your own client.
 */
public final class AuthleteException extends Exception {
  public static final int INVALID_ARGUMENT = 2, CONFIG = 3, NETWORK = 4, TIMEOUT = 5, API = 6, PROTOCOL = 7;
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String statusName;
  private final String detail;
  private final String body;

  AuthleteException(int status, String detail, String body) {
    super(Native.string(LibAuthlete.LIB.authlete_status_name(status)) + (detail.isEmpty() ? "" : ": " + detail));
    this.status = status;
    this.statusName = Native.string(LibAuthlete.LIB.authlete_status_name(status));
    this.detail = detail;
    this.body = body;
  }

  public int status() { return status; }
  public String statusName() { return statusName; }
  public String detail() { return detail; }
  public String body() { return body; }

  /** Authlete's resultCode read from the body, or null. */
  public String resultCode() {
    if (body == null) return null;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"resultCode\"\\s*:\\s*\"([^\"\\\\]*)\"").matcher(body);
    return m.find() ? m.group(1) : null;
  }
}
