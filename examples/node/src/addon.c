/* The N-API addon of the Node.js binding: a client handle, and the four CIBA calls as async work on libuv's thread
 * pool (the event loop never blocks on Authlete) resolving a Promise with a plain record, which index.js turns into
 * typed results and AuthleteError. Each call and its read of authlete_last_error() run on the same pool thread. */
#define NAPI_VERSION 8
#include <node_api.h>

#include <authlete.h>

#include <stdlib.h>
#include <string.h>

/* The client and its in-flight calls; touched only on the main thread. It is freed when closed (or collected)
 * and no call is running. */
typedef struct client_box {
  authlete_client *client;
  int inflight;
  int closed;
} client_box;

enum { CALL_FAIL = 0, CALL_AUTHENTICATION = 1, CALL_ISSUE = 2, CALL_COMPLETE = 3 };

typedef struct call_work {
  napi_async_work work;
  napi_deferred deferred;
  napi_ref box_ref; /* keeps the handle alive while the call runs */
  client_box *box;
  int endpoint;
  char *service_id, *request;
  int status;
  void *response; /* parsed, on success */
  char *body;     /* Authlete's body, on AUTHLETE_ERR_API */
  char *detail;   /* a copy of authlete_last_error(), on failure */
} call_work;

#define CHECK(env, call)                                                   \
  do {                                                                     \
    if ((call) != napi_ok) {                                               \
      napi_throw_error((env), "AUTHLETE_ERR_INTERNAL", "N-API call failed"); \
      return NULL;                                                         \
    }                                                                      \
  } while (0)

static void box_release(client_box *box) {
  if (box->closed && box->inflight == 0 && box->client != NULL) {
    authlete_client_free(box->client);
    box->client = NULL;
  }
}

static void box_finalize(napi_env env, void *data, void *hint) {
  (void)env, (void)hint;
  client_box *box = data;
  box->closed = 1;
  box_release(box); /* no call can be running: each holds a reference to the handle */
  free(box);
}

/* A JS string as a malloc'd UTF-8 C string; NULL (with a TypeError thrown) when it is not a string, NULL with
 * *has_nul set when it holds U+0000 (C would cut it there). */
static char *c_string(napi_env env, napi_value value, int *has_nul) {
  size_t length = 0;
  if (napi_get_value_string_utf8(env, value, NULL, 0, &length) != napi_ok) {
    napi_throw_type_error(env, NULL, "a string is required");
    return NULL;
  }
  char *text = malloc(length + 1);
  if (text == NULL) return NULL;
  napi_get_value_string_utf8(env, value, text, length + 1, &length);
  if (strlen(text) != length) {
    free(text);
    *has_nul = 1;
    return NULL;
  }
  return text;
}

/* A plain error record {status, name, detail, body}. */
static napi_value error_record(napi_env env, int status, const char *detail, const char *body) {
  napi_value record, value;
  napi_create_object(env, &record);
  napi_create_int32(env, status, &value);
  napi_set_named_property(env, record, "status", value);
  napi_create_string_utf8(env, authlete_status_name(status), NAPI_AUTO_LENGTH, &value);
  napi_set_named_property(env, record, "name", value);
  napi_create_string_utf8(env, detail ? detail : "", NAPI_AUTO_LENGTH, &value);
  napi_set_named_property(env, record, "detail", value);
  if (body != NULL) napi_create_string_utf8(env, body, NAPI_AUTO_LENGTH, &value);
  else napi_get_null(env, &value);
  napi_set_named_property(env, record, "body", value);
  return record;
}

/* {error: record} */
static napi_value wrap_error(napi_env env, napi_value record) {
  napi_value wrapped;
  napi_create_object(env, &wrapped);
  napi_set_named_property(env, wrapped, "error", record);
  return wrapped;
}

/* --- typed records of the responses ------------------------------------------------------------------------- */

static void put_string(napi_env env, napi_value o, const char *key, const char *s) {
  napi_value value;
  if (s != NULL) napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &value);
  else napi_get_null(env, &value);
  napi_set_named_property(env, o, key, value);
}

static void put_int(napi_env env, napi_value o, const char *key, int n) {
  napi_value value;
  napi_create_int32(env, n, &value);
  napi_set_named_property(env, o, key, value);
}

static void put_bool(napi_env env, napi_value o, const char *key, int b) {
  napi_value value;
  napi_get_boolean(env, b != 0, &value);
  napi_set_named_property(env, o, key, value);
}

/* int64 members as BigInt: exact over the whole range (a Number is exact only below 2^53). */
static void put_int64(napi_env env, napi_value o, const char *key, int64_t n) {
  napi_value value;
  napi_create_bigint_int64(env, n, &value);
  napi_set_named_property(env, o, key, value);
}

#define PUT_ARRAY(env, o, key, count, at, r)                             \
  do {                                                                    \
    napi_value array_, item_;                                             \
    size_t n_ = count(r);                                                 \
    napi_create_array_with_length(env, n_, &array_);                      \
    for (size_t i_ = 0; i_ < n_; i_++) {                                  \
      napi_create_string_utf8(env, at(r, i_), NAPI_AUTO_LENGTH, &item_); \
      napi_set_element(env, array_, (uint32_t)i_, item_);                 \
    }                                                                     \
    napi_set_named_property(env, o, key, array_);                         \
  } while (0)

static napi_value fail_record(napi_env env, const authlete_ciba_fail_response *r) {
  napi_value o;
  napi_create_object(env, &o);
  put_string(env, o, "action", authlete_ciba_fail_action_name(authlete_ciba_fail_response_action(r)));
  put_int(env, o, "httpStatus", authlete_ciba_fail_response_http_status(r));
  put_string(env, o, "responseContent", authlete_ciba_fail_response_content(r));
  put_string(env, o, "resultCode", authlete_ciba_fail_response_result_code(r));
  put_string(env, o, "resultMessage", authlete_ciba_fail_response_result_message(r));
  return o;
}

static napi_value authentication_record(napi_env env, const authlete_ciba_authentication_response *r) {
  napi_value o;
  napi_create_object(env, &o);
  put_string(env, o, "action",
             authlete_ciba_authentication_action_name(authlete_ciba_authentication_response_action(r)));
  put_int(env, o, "httpStatus", authlete_ciba_authentication_response_http_status(r));
  put_string(env, o, "responseContent", authlete_ciba_authentication_response_content(r));
  put_string(env, o, "resultCode", authlete_ciba_authentication_response_result_code(r));
  put_string(env, o, "resultMessage", authlete_ciba_authentication_response_result_message(r));
  put_string(env, o, "ticket", authlete_ciba_authentication_response_ticket(r));
  put_int64(env, o, "clientId", authlete_ciba_authentication_response_client_id(r));
  put_string(env, o, "clientIdAlias", authlete_ciba_authentication_response_client_id_alias(r));
  put_bool(env, o, "clientIdAliasUsed", authlete_ciba_authentication_response_client_id_alias_used(r));
  put_string(env, o, "clientName", authlete_ciba_authentication_response_client_name(r));
  put_string(env, o, "clientAuthMethod", authlete_ciba_authentication_response_client_auth_method(r));
  put_string(env, o, "deliveryMode",
             authlete_ciba_delivery_mode_name(authlete_ciba_authentication_response_delivery_mode(r)));
  PUT_ARRAY(env, o, "scopes", authlete_ciba_authentication_response_scope_count,
            authlete_ciba_authentication_response_scope, r);
  PUT_ARRAY(env, o, "claimNames", authlete_ciba_authentication_response_claim_name_count,
            authlete_ciba_authentication_response_claim_name, r);
  PUT_ARRAY(env, o, "acrs", authlete_ciba_authentication_response_acr_count, authlete_ciba_authentication_response_acr,
            r);
  put_string(env, o, "hintType", authlete_ciba_hint_type_name(authlete_ciba_authentication_response_hint_type(r)));
  put_string(env, o, "hint", authlete_ciba_authentication_response_hint(r));
  put_string(env, o, "sub", authlete_ciba_authentication_response_sub(r));
  put_string(env, o, "bindingMessage", authlete_ciba_authentication_response_binding_message(r));
  put_string(env, o, "userCode", authlete_ciba_authentication_response_user_code(r));
  put_bool(env, o, "userCodeRequired", authlete_ciba_authentication_response_user_code_required(r));
  put_string(env, o, "clientNotificationToken", authlete_ciba_authentication_response_client_notification_token(r));
  put_int(env, o, "requestedExpiry", authlete_ciba_authentication_response_requested_expiry(r));
  PUT_ARRAY(env, o, "resources", authlete_ciba_authentication_response_resource_count,
            authlete_ciba_authentication_response_resource, r);
  return o;
}

static napi_value issue_record(napi_env env, const authlete_ciba_issue_response *r) {
  napi_value o;
  napi_create_object(env, &o);
  put_string(env, o, "action", authlete_ciba_issue_action_name(authlete_ciba_issue_response_action(r)));
  put_int(env, o, "httpStatus", authlete_ciba_issue_response_http_status(r));
  put_string(env, o, "responseContent", authlete_ciba_issue_response_content(r));
  put_string(env, o, "resultCode", authlete_ciba_issue_response_result_code(r));
  put_string(env, o, "resultMessage", authlete_ciba_issue_response_result_message(r));
  put_string(env, o, "authReqId", authlete_ciba_issue_response_auth_req_id(r));
  put_int(env, o, "expiresIn", authlete_ciba_issue_response_expires_in(r));
  put_int(env, o, "interval", authlete_ciba_issue_response_interval(r));
  return o;
}

static napi_value complete_record(napi_env env, const authlete_ciba_complete_response *r) {
  napi_value o;
  napi_create_object(env, &o);
  put_string(env, o, "action", authlete_ciba_complete_action_name(authlete_ciba_complete_response_action(r)));
  put_string(env, o, "responseContent", authlete_ciba_complete_response_content(r));
  put_string(env, o, "resultCode", authlete_ciba_complete_response_result_code(r));
  put_string(env, o, "resultMessage", authlete_ciba_complete_response_result_message(r));
  put_int64(env, o, "clientId", authlete_ciba_complete_response_client_id(r));
  put_string(env, o, "clientName", authlete_ciba_complete_response_client_name(r));
  put_string(env, o, "deliveryMode",
             authlete_ciba_delivery_mode_name(authlete_ciba_complete_response_delivery_mode(r)));
  put_string(env, o, "clientNotificationEndpoint", authlete_ciba_complete_response_client_notification_endpoint(r));
  put_string(env, o, "clientNotificationToken", authlete_ciba_complete_response_client_notification_token(r));
  put_string(env, o, "authReqId", authlete_ciba_complete_response_auth_req_id(r));
  put_string(env, o, "accessToken", authlete_ciba_complete_response_access_token(r));
  put_string(env, o, "refreshToken", authlete_ciba_complete_response_refresh_token(r));
  put_string(env, o, "idToken", authlete_ciba_complete_response_id_token(r));
  put_int64(env, o, "accessTokenDuration", authlete_ciba_complete_response_access_token_duration(r));
  return o;
}

/* --- the calls ---------------------------------------------------------------------------------------------- */

/* On a pool thread: the call, the parse and, on failure, the copy of the detail, all on this one thread. */
static void call_execute(napi_env env, void *data) {
  (void)env;
  call_work *w = data;
  char *body = NULL;
  switch (w->endpoint) {
    case CALL_FAIL: w->status = authlete_client_ciba_fail(w->box->client, w->service_id, w->request, &body); break;
    case CALL_AUTHENTICATION:
      w->status = authlete_client_ciba_authentication(w->box->client, w->service_id, w->request, &body);
      break;
    case CALL_ISSUE: w->status = authlete_client_ciba_issue(w->box->client, w->service_id, w->request, &body); break;
    default: w->status = authlete_client_ciba_complete(w->box->client, w->service_id, w->request, &body); break;
  }
  if (w->status == AUTHLETE_OK) {
    switch (w->endpoint) {
      case CALL_FAIL: w->status = authlete_ciba_fail_response_parse(body, (authlete_ciba_fail_response **)&w->response); break;
      case CALL_AUTHENTICATION:
        w->status = authlete_ciba_authentication_response_parse(body, (authlete_ciba_authentication_response **)&w->response);
        break;
      case CALL_ISSUE: w->status = authlete_ciba_issue_response_parse(body, (authlete_ciba_issue_response **)&w->response); break;
      default: w->status = authlete_ciba_complete_response_parse(body, (authlete_ciba_complete_response **)&w->response); break;
    }
  }
  if (w->status != AUTHLETE_OK) w->detail = strdup(authlete_last_error());
  if (w->status == AUTHLETE_ERR_API) w->body = body;
  else authlete_free(body);
}

static void free_response(int endpoint, void *response) {
  switch (endpoint) {
    case CALL_FAIL: authlete_ciba_fail_response_free(response); break;
    case CALL_AUTHENTICATION: authlete_ciba_authentication_response_free(response); break;
    case CALL_ISSUE: authlete_ciba_issue_response_free(response); break;
    default: authlete_ciba_complete_response_free(response); break;
  }
}

/* On the main thread: resolve with {ok: record} or {error: record}; free everything the call was handed. */
static void call_complete(napi_env env, napi_status status, void *data) {
  call_work *w = data;
  napi_value result;
  if (status != napi_ok) {
    result = wrap_error(env, error_record(env, AUTHLETE_ERR_INTERNAL, "the async work was cancelled", NULL));
  } else if (w->status != AUTHLETE_OK) {
    result = wrap_error(env, error_record(env, w->status, w->detail, w->body));
  } else {
    napi_value record;
    switch (w->endpoint) {
      case CALL_FAIL: record = fail_record(env, w->response); break;
      case CALL_AUTHENTICATION: record = authentication_record(env, w->response); break;
      case CALL_ISSUE: record = issue_record(env, w->response); break;
      default: record = complete_record(env, w->response); break;
    }
    napi_create_object(env, &result);
    napi_set_named_property(env, result, "ok", record);
  }
  napi_resolve_deferred(env, w->deferred, result);
  if (w->response != NULL) free_response(w->endpoint, w->response);
  authlete_free(w->body);
  free(w->detail);
  free(w->service_id);
  free(w->request);
  w->box->inflight--;
  box_release(w->box);
  napi_delete_reference(env, w->box_ref);
  napi_delete_async_work(env, w->work);
  free(w);
}

/* call(handle, endpoint, serviceId, requestJson) -> Promise<{ok}|{error}> */
static napi_value js_call(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4], promise;
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  client_box *box = NULL;
  int32_t endpoint = -1;
  if (argc < 4 || napi_get_value_external(env, argv[0], (void **)&box) != napi_ok ||
      napi_get_value_int32(env, argv[1], &endpoint) != napi_ok || endpoint < CALL_FAIL || endpoint > CALL_COMPLETE) {
    napi_throw_type_error(env, NULL, "call(handle, endpoint, serviceId, requestJson)");
    return NULL;
  }
  call_work *w = calloc(1, sizeof *w);
  if (w == NULL) {
    napi_throw_error(env, "AUTHLETE_ERR_NO_MEMORY", "out of memory");
    return NULL;
  }
  int has_nul = 0;
  w->service_id = c_string(env, argv[2], &has_nul);
  w->request = w->service_id ? c_string(env, argv[3], &has_nul) : NULL;
  CHECK(env, napi_create_promise(env, &w->deferred, &promise));
  if (w->request == NULL || box->closed) {
    int refused = has_nul || box->closed;
    napi_value why = error_record(env, refused ? (box->closed ? AUTHLETE_ERR_CONFIG : AUTHLETE_ERR_INVALID_ARGUMENT)
                                               : AUTHLETE_ERR_NO_MEMORY,
                                  box->closed ? "the client is closed" : has_nul ? "a string contains U+0000" : "",
                                  NULL);
    napi_resolve_deferred(env, w->deferred, wrap_error(env, why));
    free(w->service_id);
    free(w->request);
    free(w);
    return promise;
  }
  w->box = box;
  w->endpoint = endpoint;
  napi_value name;
  napi_create_string_utf8(env, "authlete-call", NAPI_AUTO_LENGTH, &name);
  CHECK(env, napi_create_reference(env, argv[0], 1, &w->box_ref));
  CHECK(env, napi_create_async_work(env, NULL, name, call_execute, call_complete, w, &w->work));
  box->inflight++;
  CHECK(env, napi_queue_async_work(env, w->work));
  return promise;
}

/* newClient(configJson | null) -> {ok: handle} | {error: record} */
static napi_value js_new_client(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result, handle;
  napi_valuetype type = napi_null;
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc >= 1) napi_typeof(env, argv[0], &type);
  char *config = NULL;
  int has_nul = 0;
  if (type == napi_string && (config = c_string(env, argv[0], &has_nul)) == NULL)
    return wrap_error(env, error_record(env, has_nul ? AUTHLETE_ERR_INVALID_ARGUMENT : AUTHLETE_ERR_NO_MEMORY,
                                        has_nul ? "the configuration contains U+0000" : "", NULL));
  authlete_client *client = NULL;
  int status = authlete_client_new(config, &client);
  free(config);
  if (status != AUTHLETE_OK) return wrap_error(env, error_record(env, status, authlete_last_error(), NULL));
  client_box *box = calloc(1, sizeof *box);
  if (box == NULL) {
    authlete_client_free(client);
    return wrap_error(env, error_record(env, AUTHLETE_ERR_NO_MEMORY, "out of memory", NULL));
  }
  box->client = client;
  CHECK(env, napi_create_external(env, box, box_finalize, NULL, &handle));
  napi_create_object(env, &result);
  napi_set_named_property(env, result, "ok", handle);
  return result;
}

/* close(handle): frees the client now, or when its last running call ends. */
static napi_value js_close(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  client_box *box = NULL;
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || napi_get_value_external(env, argv[0], (void **)&box) != napi_ok) {
    napi_throw_type_error(env, NULL, "close(handle)");
    return NULL;
  }
  box->closed = 1;
  box_release(box);
  return NULL;
}

/* version() -> {version, number, header} */
static napi_value js_version(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value o, value;
  napi_create_object(env, &o);
  put_string(env, o, "version", authlete_version());
  napi_create_uint32(env, authlete_version_number(), &value);
  napi_set_named_property(env, o, "number", value);
  napi_create_uint32(env, AUTHLETE_VERSION_NUMBER, &value);
  napi_set_named_property(env, o, "header", value);
  return o;
}

/* heapInUse(): the C heap's bytes in use (glibc, all arenas), for the leak test. */
#include <malloc.h>
static napi_value js_heap_in_use(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value value;
  napi_create_double(env, (double)mallinfo2().uordblks, &value);
  return value;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor functions[] = {
      {"newClient", NULL, js_new_client, NULL, NULL, NULL, napi_default, NULL},
      {"call", NULL, js_call, NULL, NULL, NULL, napi_default, NULL},
      {"close", NULL, js_close, NULL, NULL, NULL, napi_default, NULL},
      {"version", NULL, js_version, NULL, NULL, NULL, napi_default, NULL},
      {"heapInUse", NULL, js_heap_in_use, NULL, NULL, NULL, napi_default, NULL},
  };
  CHECK(env, napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
