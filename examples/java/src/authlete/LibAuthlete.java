package authlete;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The C functions of libauthlete used by this binding, mapped by JNA. Strings go in as NUL-terminated UTF-8
 * {@code byte[]} (JNA would otherwise encode with the platform charset, ASCII under a C locale on JDK 17) and come
 * out as {@link Pointer}s read as UTF-8. {@code int64_t} is {@code long}; {@code size_t} is {@code long} (64-bit
 * platforms only, checked at load).
 *
 * <p>Found by the system property {@code authlete.library} or the environment variable {@code AUTHLETE_LIBRARY}
 * (an explicit path), else as {@code authlete} on {@code jna.library.path} and the system's library path.
 */
interface LibAuthlete extends Library {
  LibAuthlete LIB = load();

  private static LibAuthlete load() {
    if (Native.SIZE_T_SIZE != 8) throw new UnsatisfiedLinkError("this binding maps size_t to a 64-bit long");
    String path = System.getProperty("authlete.library", System.getenv("AUTHLETE_LIBRARY"));
    return Native.load(path != null && !path.isEmpty() ? path : "authlete", LibAuthlete.class);
  }

  Pointer authlete_version();
  int authlete_version_number();
  Pointer authlete_status_name(int status);
  Pointer authlete_last_error();
  void authlete_free(Pointer p);

  int authlete_client_new(byte[] config, PointerByReference out);
  void authlete_client_free(Pointer client);

  int authlete_client_ciba_fail(Pointer client, byte[] serviceId, byte[] request, PointerByReference out);
  int authlete_ciba_fail_response_parse(Pointer json, PointerByReference out);
  int authlete_ciba_fail_response_action(Pointer r);
  Pointer authlete_ciba_fail_action_name(int action);
  int authlete_ciba_fail_response_http_status(Pointer r);
  Pointer authlete_ciba_fail_response_content(Pointer r);
  Pointer authlete_ciba_fail_response_result_code(Pointer r);
  Pointer authlete_ciba_fail_response_result_message(Pointer r);
  void authlete_ciba_fail_response_free(Pointer r);

  Pointer authlete_ciba_delivery_mode_name(int mode);
  Pointer authlete_ciba_hint_type_name(int type);

  int authlete_client_ciba_authentication(Pointer client, byte[] serviceId, byte[] request, PointerByReference out);
  int authlete_ciba_authentication_response_parse(Pointer json, PointerByReference out);
  int authlete_ciba_authentication_response_action(Pointer r);
  Pointer authlete_ciba_authentication_action_name(int action);
  int authlete_ciba_authentication_response_http_status(Pointer r);
  Pointer authlete_ciba_authentication_response_content(Pointer r);
  Pointer authlete_ciba_authentication_response_result_code(Pointer r);
  Pointer authlete_ciba_authentication_response_result_message(Pointer r);
  Pointer authlete_ciba_authentication_response_ticket(Pointer r);
  long authlete_ciba_authentication_response_client_id(Pointer r);
  Pointer authlete_ciba_authentication_response_client_id_alias(Pointer r);
  int authlete_ciba_authentication_response_client_id_alias_used(Pointer r);
  Pointer authlete_ciba_authentication_response_client_name(Pointer r);
  Pointer authlete_ciba_authentication_response_client_auth_method(Pointer r);
  int authlete_ciba_authentication_response_delivery_mode(Pointer r);
  long authlete_ciba_authentication_response_scope_count(Pointer r);
  Pointer authlete_ciba_authentication_response_scope(Pointer r, long i);
  long authlete_ciba_authentication_response_claim_name_count(Pointer r);
  Pointer authlete_ciba_authentication_response_claim_name(Pointer r, long i);
  long authlete_ciba_authentication_response_acr_count(Pointer r);
  Pointer authlete_ciba_authentication_response_acr(Pointer r, long i);
  int authlete_ciba_authentication_response_hint_type(Pointer r);
  Pointer authlete_ciba_authentication_response_hint(Pointer r);
  Pointer authlete_ciba_authentication_response_sub(Pointer r);
  Pointer authlete_ciba_authentication_response_binding_message(Pointer r);
  Pointer authlete_ciba_authentication_response_user_code(Pointer r);
  int authlete_ciba_authentication_response_user_code_required(Pointer r);
  Pointer authlete_ciba_authentication_response_client_notification_token(Pointer r);
  int authlete_ciba_authentication_response_requested_expiry(Pointer r);
  long authlete_ciba_authentication_response_resource_count(Pointer r);
  Pointer authlete_ciba_authentication_response_resource(Pointer r, long i);
  void authlete_ciba_authentication_response_free(Pointer r);

  int authlete_client_ciba_issue(Pointer client, byte[] serviceId, byte[] request, PointerByReference out);
  int authlete_ciba_issue_response_parse(Pointer json, PointerByReference out);
  int authlete_ciba_issue_response_action(Pointer r);
  Pointer authlete_ciba_issue_action_name(int action);
  int authlete_ciba_issue_response_http_status(Pointer r);
  Pointer authlete_ciba_issue_response_content(Pointer r);
  Pointer authlete_ciba_issue_response_result_code(Pointer r);
  Pointer authlete_ciba_issue_response_result_message(Pointer r);
  Pointer authlete_ciba_issue_response_auth_req_id(Pointer r);
  int authlete_ciba_issue_response_expires_in(Pointer r);
  int authlete_ciba_issue_response_interval(Pointer r);
  void authlete_ciba_issue_response_free(Pointer r);

  int authlete_client_ciba_complete(Pointer client, byte[] serviceId, byte[] request, PointerByReference out);
  int authlete_ciba_complete_response_parse(Pointer json, PointerByReference out);
  int authlete_ciba_complete_response_action(Pointer r);
  Pointer authlete_ciba_complete_action_name(int action);
  Pointer authlete_ciba_complete_response_content(Pointer r);
  Pointer authlete_ciba_complete_response_result_code(Pointer r);
  Pointer authlete_ciba_complete_response_result_message(Pointer r);
  long authlete_ciba_complete_response_client_id(Pointer r);
  Pointer authlete_ciba_complete_response_client_name(Pointer r);
  int authlete_ciba_complete_response_delivery_mode(Pointer r);
  Pointer authlete_ciba_complete_response_client_notification_endpoint(Pointer r);
  Pointer authlete_ciba_complete_response_client_notification_token(Pointer r);
  Pointer authlete_ciba_complete_response_auth_req_id(Pointer r);
  Pointer authlete_ciba_complete_response_access_token(Pointer r);
  Pointer authlete_ciba_complete_response_refresh_token(Pointer r);
  Pointer authlete_ciba_complete_response_id_token(Pointer r);
  long authlete_ciba_complete_response_access_token_duration(Pointer r);
  void authlete_ciba_complete_response_free(Pointer r);
}
