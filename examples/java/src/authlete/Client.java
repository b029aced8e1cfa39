package authlete;

import static authlete.LibAuthlete.LIB;
import static authlete.Native.string;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongFunction;

/**
 * A connection to Authlete through libauthlete. Safe for many threads at once (connections are reused); close it
 * when done (a {@link Cleaner} frees a forgotten one). Each call blocks its thread for at most {@code timeoutMs}.
 *
 * <pre>{@code
 * try (Client client = new Client(new Client.Config().baseUrl(url).token(token))) {
 *   FailResponse answer = client.cibaFail("1000", ticket, FailReason.ACCESS_DENIED, null, null);
 * }
 * }</pre>
 */
public final class Client implements AutoCloseable {
  /** AUTHLETE_VERSION_NUMBER of include/authlete.h at build time (HeaderVersion.java is generated from it). */
  public static final int HEADER_VERSION_NUMBER = HeaderVersion.NUMBER;
  private static final Cleaner CLEANER = Cleaner.create();

  /** The keys of authlete_client_new's configuration; unset keys keep the library's defaults. */
  public static final class Config {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Config baseUrl(String v) { return set("baseUrl", v); }
    public Config token(String v) { return set("token", v); }
    public Config apiVersion(int v) { return set("apiVersion", v); }
    public Config apiKey(String v) { return set("apiKey", v); }
    public Config apiSecret(String v) { return set("apiSecret", v); }
    public Config timeoutMs(int v) { return set("timeoutMs", v); }
    public Config connectTimeoutMs(int v) { return set("connectTimeoutMs", v); }
    public Config maxRetries(int v) { return set("maxRetries", v); }
    public Config set(String key, Object value) {
      values.put(key, value);
      return this;
    }
  }

  /** Frees the native client; run by close() or, for a forgotten client, by the Cleaner. */
  private static final class Handle implements Runnable {
    private Pointer client;

    Handle(Pointer client) { this.client = client; }

    @Override public synchronized void run() {
      if (client != null) LIB.authlete_client_free(client);
      client = null;
    }
  }

  /** Native objects handed out by the library and not yet freed by this binding (see liveNativeObjects). */
  private static final AtomicLong LIVE = new AtomicLong();

  /** How many strings and responses the library handed to this binding are not freed yet: 0 between calls. For
   * leak tests (the JVM's own malloc traffic hides the C heap's figures). */
  public static long liveNativeObjects() { return LIVE.get(); }

  private static Pointer owned(Pointer p) {
    if (p != null) LIVE.incrementAndGet();
    return p;
  }

  private static void free(Pointer p, java.util.function.Consumer<Pointer> release) {
    if (p != null) LIVE.decrementAndGet();
    release.accept(p);
  }

  private final ReadWriteLock lock = new ReentrantReadWriteLock(); // calls share it; close takes it alone
  private final Handle handle;
  private final Cleaner.Cleanable cleanable;

  /** A client from the configuration. */
  public Client(Config config) throws AuthleteException {
    this(Native.bytes(Json.write(config.values), "the configuration"));
  }

  /** A client from the environment (AUTHLETE_BASE_URL, AUTHLETE_BEARER, ...). */
  public static Client fromEnvironment() throws AuthleteException {
    return new Client((byte[]) null);
  }

  private Client(byte[] config) throws AuthleteException {
    checkVersion();
    PointerByReference out = new PointerByReference();
    int status = LIB.authlete_client_new(config, out);
    if (status != 0) throw new AuthleteException(status, string(LIB.authlete_last_error()), null);
    handle = new Handle(out.getValue());
    cleanable = CLEANER.register(this, handle);
  }

  /** The loaded library's version, e.g. "0.2.0". */
  public static String libraryVersion() { return string(LIB.authlete_version()); }

  /** The loaded library's MAJOR*10000 + MINOR*100 + PATCH. */
  public static int libraryVersionNumber() { return LIB.authlete_version_number(); }

  /** The rule: a library of the header's series, the same major and minor version, any patch. */
  public static boolean acceptsVersion(int number) { return number / 100 == HEADER_VERSION_NUMBER / 100; }

  private static void checkVersion() throws AuthleteException {
    if (!acceptsVersion(libraryVersionNumber())) {
      throw new AuthleteException(AuthleteException.CONFIG, "libauthlete " + libraryVersion()
          + " is loaded; this binding needs " + HEADER_VERSION_NUMBER / 10000 + "." + HEADER_VERSION_NUMBER / 100 % 100 + ".x", null);
    }
  }

  @Override public void close() {
    lock.writeLock().lock();
    try {
      cleanable.clean();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The parse function of one endpoint. */
  private interface Parse { int parse(Pointer json, PointerByReference out); }

  /** The request function of one endpoint. */
  private interface Send { int send(Pointer client, byte[] serviceId, byte[] request, PointerByReference out); }

  /** Sends the request and parses the answer; the detail is read on the same thread right after a failure. */
  private Pointer call(Send send, Parse parse, String serviceId, Map<String, Object> request) throws AuthleteException {
    byte[] sid = Native.bytes(serviceId, "the service id");
    byte[] body = Native.bytes(Json.write(request), "the request");
    lock.readLock().lock();
    try {
      synchronized (handle) {
        if (handle.client == null) throw new AuthleteException(AuthleteException.CONFIG, "the client is closed", null);
      }
      PointerByReference out = new PointerByReference();
      int status = send.send(handle.client, sid, body, out);
      Pointer answer = owned(out.getValue());
      if (status != 0) {
        String detail = string(LIB.authlete_last_error());
        String authleteBody = status == AuthleteException.API ? string(answer) : null;
        free(answer, LIB::authlete_free);
        throw new AuthleteException(status, detail, authleteBody);
      }
      PointerByReference parsed = new PointerByReference();
      status = parse.parse(answer, parsed);
      String detail = status != 0 ? string(LIB.authlete_last_error()) : null;
      free(answer, LIB::authlete_free);
      if (status != 0) throw new AuthleteException(status, detail, null);
      return owned(parsed.getValue());
    } finally {
      lock.readLock().unlock();
      Reference.reachabilityFence(this);
    }
  }

  private static Map<String, Object> fields(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static List<String> strings(long count, LongFunction<Pointer> at) {
    List<String> values = new ArrayList<>();
    for (long i = 0; i < count; i++) values.add(string(at.apply(i)));
    return List.copyOf(values);
  }

  /** Rejects a backchannel authentication request (Authlete deletes its ticket). Each argument but serviceId may
   * be null; without a reason Authlete uses SERVER_ERROR. */
  public FailResponse cibaFail(String serviceId, String ticket, String reason, String errorDescription,
                               String errorUri) throws AuthleteException {
    Pointer r = call(LIB::authlete_client_ciba_fail, LIB::authlete_ciba_fail_response_parse, serviceId,
        fields("ticket", ticket, "reason", reason, "errorDescription", errorDescription, "errorUri", errorUri));
    try {
      return new FailResponse(string(LIB.authlete_ciba_fail_action_name(LIB.authlete_ciba_fail_response_action(r))),
          LIB.authlete_ciba_fail_response_http_status(r), string(LIB.authlete_ciba_fail_response_content(r)),
          string(LIB.authlete_ciba_fail_response_result_code(r)),
          string(LIB.authlete_ciba_fail_response_result_message(r)));
    } finally {
      free(r, LIB::authlete_ciba_fail_response_free);
    }
  }

  public FailResponse cibaFail(String serviceId, String ticket, FailReason reason, String errorDescription,
                               String errorUri) throws AuthleteException {
    return cibaFail(serviceId, ticket, reason == null ? null : reason.name(), errorDescription, errorUri);
  }

  /** Authlete checks a backchannel authentication request: parameters is the client's form body verbatim;
   * clientId and clientSecret the halves of its Basic header (or null). */
  public AuthenticationResponse cibaAuthentication(String serviceId, String parameters, String clientId,
                                                   String clientSecret) throws AuthleteException {
    Pointer r = call(LIB::authlete_client_ciba_authentication, LIB::authlete_ciba_authentication_response_parse,
        serviceId, fields("parameters", parameters, "clientId", clientId, "clientSecret", clientSecret));
    try {
      return new AuthenticationResponse(
          string(LIB.authlete_ciba_authentication_action_name(LIB.authlete_ciba_authentication_response_action(r))),
          LIB.authlete_ciba_authentication_response_http_status(r),
          string(LIB.authlete_ciba_authentication_response_content(r)),
          string(LIB.authlete_ciba_authentication_response_result_code(r)),
          string(LIB.authlete_ciba_authentication_response_result_message(r)),
          string(LIB.authlete_ciba_authentication_response_ticket(r)),
          LIB.authlete_ciba_authentication_response_client_id(r),
          string(LIB.authlete_ciba_authentication_response_client_id_alias(r)),
          LIB.authlete_ciba_authentication_response_client_id_alias_used(r) != 0,
          string(LIB.authlete_ciba_authentication_response_client_name(r)),
          string(LIB.authlete_ciba_authentication_response_client_auth_method(r)),
          string(LIB.authlete_ciba_delivery_mode_name(LIB.authlete_ciba_authentication_response_delivery_mode(r))),
          strings(LIB.authlete_ciba_authentication_response_scope_count(r),
              i -> LIB.authlete_ciba_authentication_response_scope(r, i)),
          strings(LIB.authlete_ciba_authentication_response_claim_name_count(r),
              i -> LIB.authlete_ciba_authentication_response_claim_name(r, i)),
          strings(LIB.authlete_ciba_authentication_response_acr_count(r),
              i -> LIB.authlete_ciba_authentication_response_acr(r, i)),
          string(LIB.authlete_ciba_hint_type_name(LIB.authlete_ciba_authentication_response_hint_type(r))),
          string(LIB.authlete_ciba_authentication_response_hint(r)),
          string(LIB.authlete_ciba_authentication_response_sub(r)),
          string(LIB.authlete_ciba_authentication_response_binding_message(r)),
          string(LIB.authlete_ciba_authentication_response_user_code(r)),
          LIB.authlete_ciba_authentication_response_user_code_required(r) != 0,
          string(LIB.authlete_ciba_authentication_response_client_notification_token(r)),
          LIB.authlete_ciba_authentication_response_requested_expiry(r),
          strings(LIB.authlete_ciba_authentication_response_resource_count(r),
              i -> LIB.authlete_ciba_authentication_response_resource(r, i)));
    } finally {
      free(r, LIB::authlete_ciba_authentication_response_free);
    }
  }

  /** Turns the ticket of an accepted request into an auth_req_id. */
  public IssueResponse cibaIssue(String serviceId, String ticket) throws AuthleteException {
    Pointer r = call(LIB::authlete_client_ciba_issue, LIB::authlete_ciba_issue_response_parse, serviceId,
        fields("ticket", ticket));
    try {
      return new IssueResponse(string(LIB.authlete_ciba_issue_action_name(LIB.authlete_ciba_issue_response_action(r))),
          LIB.authlete_ciba_issue_response_http_status(r), string(LIB.authlete_ciba_issue_response_content(r)),
          string(LIB.authlete_ciba_issue_response_result_code(r)),
          string(LIB.authlete_ciba_issue_response_result_message(r)),
          string(LIB.authlete_ciba_issue_response_auth_req_id(r)), LIB.authlete_ciba_issue_response_expires_in(r),
          LIB.authlete_ciba_issue_response_interval(r));
    } finally {
      free(r, LIB::authlete_ciba_issue_response_free);
    }
  }

  /** Records the user's decision. subject is required for AUTHORIZED; claims is the text of a JSON object of extra
   * ID token claims; the others may be null. */
  public CompleteResponse cibaComplete(String serviceId, String ticket, String result, String subject, String claims,
                                       String errorDescription, String errorUri) throws AuthleteException {
    Pointer r = call(LIB::authlete_client_ciba_complete, LIB::authlete_ciba_complete_response_parse, serviceId,
        fields("ticket", ticket, "result", result, "subject", subject, "claims", claims,
            "errorDescription", errorDescription, "errorUri", errorUri));
    try {
      return new CompleteResponse(
          string(LIB.authlete_ciba_complete_action_name(LIB.authlete_ciba_complete_response_action(r))),
          string(LIB.authlete_ciba_complete_response_content(r)),
          string(LIB.authlete_ciba_complete_response_result_code(r)),
          string(LIB.authlete_ciba_complete_response_result_message(r)),
          LIB.authlete_ciba_complete_response_client_id(r),
          string(LIB.authlete_ciba_complete_response_client_name(r)),
          string(LIB.authlete_ciba_delivery_mode_name(LIB.authlete_ciba_complete_response_delivery_mode(r))),
          string(LIB.authlete_ciba_complete_response_client_notification_endpoint(r)),
          string(LIB.authlete_ciba_complete_response_client_notification_token(r)),
          string(LIB.authlete_ciba_complete_response_auth_req_id(r)),
          string(LIB.authlete_ciba_complete_response_access_token(r)),
          string(LIB.authlete_ciba_complete_response_refresh_token(r)),
          string(LIB.authlete_ciba_complete_response_id_token(r)),
          LIB.authlete_ciba_complete_response_access_token_duration(r));
    } finally {
      free(r, LIB::authlete_ciba_complete_response_free);
    }
  }

  public CompleteResponse cibaComplete(String serviceId, String ticket, CompleteResult result, String subject)
      throws AuthleteException {
    return cibaComplete(serviceId, ticket, result.name(), subject, null, null, null);
  }
}
