/*
 * authlete.h: the C interface of libauthlete.
 *
 * libauthlete lets an authorization server written in any language with a C FFI reject a CIBA backchannel
 * authentication request through Authlete's API:
 *
 *   POST {baseUrl}/api/{serviceId}/backchannel/authentication/fail   (API v3, Bearer token)
 *   POST {baseUrl}/api/backchannel/authentication/fail               (API v2, HTTP Basic apiKey:apiSecret)
 *
 * Authlete deletes the request's ticket and answers with an action and the exact responseContent the server must
 * send back to its client, with the HTTP status of the action (FORBIDDEN 403, BAD_REQUEST 400,
 * INTERNAL_SERVER_ERROR 500) and the headers `Content-Type: application/json;charset=UTF-8`,
 * `Cache-Control: no-store`, `Pragma: no-cache`.
 *
 * This header is the specification: the Swift implementation is checked against it by the compiler
 * (`@c @implementation`), and a test checks that the library exports exactly the functions declared here.
 *
 * Conventions that hold for every function below
 * - Every fallible function returns an authlete_status. Out-parameters come last and are written only on success;
 *   on failure a non-NULL `*out` is set to NULL (one exception: AUTHLETE_ERR_API also hands out Authlete's body, see
 *   authlete_client_ciba_fail).
 * - A NULL where a value is required gives AUTHLETE_ERR_NULL_ARGUMENT; no input crashes the host process.
 * - Strings passed in are NUL-terminated UTF-8; invalid UTF-8 gives AUTHLETE_ERR_INVALID_ARGUMENT.
 * - Every `char *` the library hands out is allocated by the library and must be released with authlete_free().
 *   Every `const char *` it returns is borrowed: static, or owned by the object it came from.
 * - authlete_last_error() holds a human-readable detail of the last failing call on the calling thread. It never
 *   contains a token or an API secret.
 * - The library installs no signal handler, prints nothing to stdout or stderr, and changes no process-wide state.
 */
#ifndef AUTHLETE_H
#define AUTHLETE_H

#include "authlete/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------------------------
 * Versions. Compare AUTHLETE_VERSION_NUMBER (the header you compiled against) with authlete_version_number() (the
 * library loaded at run time) to detect a mismatch.
 * ------------------------------------------------------------------------------------------------------------- */
#define AUTHLETE_VERSION_MAJOR 0
#define AUTHLETE_VERSION_MINOR 2
#define AUTHLETE_VERSION_PATCH 0
#define AUTHLETE_VERSION_STRING "0.2.0"
#define AUTHLETE_VERSION_NUMBER 200 /* MAJOR * 10000 + MINOR * 100 + PATCH */

/* The library's version, "MAJOR.MINOR.PATCH" (AUTHLETE_VERSION_STRING of the build). Static, never NULL. */
const char *authlete_version(void);

/* The library's version as MAJOR * 10000 + MINOR * 100 + PATCH (AUTHLETE_VERSION_NUMBER of the build). */
unsigned int authlete_version_number(void);

/* The status's constant name, e.g. "AUTHLETE_ERR_TIMEOUT"; "AUTHLETE_ERR_UNKNOWN" for any other value.
 * Static, never NULL. Thread-safe. */
const char *authlete_status_name(int status);

/* Detail of the last failing call made on the calling thread (e.g. "HTTP 401 A458101: ..."); "" after a call that
 * succeeded or before any call. The string is owned by the library and stays valid until the next libauthlete call
 * on the same thread. Never NULL; never contains a token or an API secret. */
const char *authlete_last_error(void);

/* Frees a `char *` handed out by the library. NULL is a no-op. Do not pass memory from any other allocator. */
void authlete_free(void *ptr);

/* ---------------------------------------------------------------------------------------------------------------
 * Reasons and actions of the CIBA fail API.
 * ------------------------------------------------------------------------------------------------------------- */

/* Why the authorization server rejects the backchannel authentication request. The name of each constant without
 * the prefix is the `reason` value sent to Authlete; the error code in responseContent and the action follow. */
typedef enum authlete_ciba_fail_reason {
  AUTHLETE_CIBA_FAIL_REASON_ACCESS_DENIED = 1,            /* access_denied, FORBIDDEN 403 */
  AUTHLETE_CIBA_FAIL_REASON_EXPIRED_LOGIN_HINT_TOKEN = 2, /* expired_login_hint_token, BAD_REQUEST 400 */
  AUTHLETE_CIBA_FAIL_REASON_INVALID_BINDING_MESSAGE = 3,  /* invalid_binding_message, BAD_REQUEST 400 */
  AUTHLETE_CIBA_FAIL_REASON_INVALID_TARGET = 4,           /* invalid_target, BAD_REQUEST 400 */
  AUTHLETE_CIBA_FAIL_REASON_INVALID_USER_CODE = 5,        /* invalid_user_code, BAD_REQUEST 400 */
  AUTHLETE_CIBA_FAIL_REASON_MISSING_USER_CODE = 6,        /* missing_user_code, BAD_REQUEST 400 */
  AUTHLETE_CIBA_FAIL_REASON_SERVER_ERROR = 7,             /* server_error, INTERNAL_SERVER_ERROR 500 */
  AUTHLETE_CIBA_FAIL_REASON_UNAUTHORIZED_CLIENT = 8,      /* unauthorized_client, BAD_REQUEST 400 */
  AUTHLETE_CIBA_FAIL_REASON_UNKNOWN_USER_ID = 9           /* unknown_user_id, BAD_REQUEST 400 */
} authlete_ciba_fail_reason;

/* What the authorization server must do with Authlete's answer. */
typedef enum authlete_ciba_fail_action {
  AUTHLETE_CIBA_FAIL_ACTION_INTERNAL_SERVER_ERROR = 1, /* answer 500 with responseContent */
  AUTHLETE_CIBA_FAIL_ACTION_BAD_REQUEST = 2,           /* answer 400 with responseContent */
  AUTHLETE_CIBA_FAIL_ACTION_FORBIDDEN = 3              /* answer 403 with responseContent */
} authlete_ciba_fail_action;

/* The reason's name as Authlete spells it ("ACCESS_DENIED", ...); NULL for a value outside the enum. Static. */
const char *authlete_ciba_fail_reason_name(int reason);

/* Looks a reason up by its exact, case-sensitive name ("ACCESS_DENIED", ...).
 * Errors: NULL_ARGUMENT (name or out is NULL), INVALID_ARGUMENT (not one of the nine names). */
authlete_status authlete_ciba_fail_reason_from_name(const char *name, authlete_ciba_fail_reason *out);

/* The action's name as Authlete spells it ("INTERNAL_SERVER_ERROR", "BAD_REQUEST", "FORBIDDEN"); NULL for a value
 * outside the enum. Static. */
const char *authlete_ciba_fail_action_name(int action);

/* The HTTP status the authorization server returns for the action: 500, 400, 403; 0 for a value outside the enum. */
int authlete_ciba_fail_action_http_status(int action);

/* ---------------------------------------------------------------------------------------------------------------
 * Building a request.
 * ------------------------------------------------------------------------------------------------------------- */

/* Builds the JSON body of a fail request, e.g. {"ticket":"t","reason":"ACCESS_DENIED"}.
 * Each of the four may be NULL, and the field is then omitted (without a reason Authlete uses SERVER_ERROR).
 * - ticket: the ticket issued by /backchannel/authentication; always give it when known (Authlete deletes it).
 * - reason: one of the nine reason names.
 * - error_description: free text copied to error_description of responseContent.
 * - error_uri: an absolute URI ("scheme:..."), copied to error_uri of responseContent.
 * Each string is at most 16 KiB. On success *out_json is a new string: release it with authlete_free().
 * Errors: NULL_ARGUMENT (out_json is NULL), INVALID_ARGUMENT (unknown reason, an empty ticket, a relative URI,
 * invalid UTF-8, a string over its limit), NO_MEMORY. Thread-safe. */
authlete_status authlete_ciba_fail_request_json(const char *ticket, const char *reason, const char *error_description,
                                                const char *error_uri, char **out_json);

/* ---------------------------------------------------------------------------------------------------------------
 * The client.
 * ------------------------------------------------------------------------------------------------------------- */


/* Authlete's parsed answer to a fail call (see "Reading Authlete's answer" below). Immutable: its getters are safe
 * from many threads. */
typedef struct authlete_ciba_fail_response authlete_ciba_fail_response;

/* Creates a client.
 * config_json: a JSON object (at most 64 KiB) with any of these keys; any other key is an error, so that a typo
 * never drops a setting silently:
 *   "baseUrl"          string, "http://..." or "https://..." without a trailing "/api"; default by apiVersion and
 *                      region: v3 "https://us.authlete.com" (or jp/eu/br), v2 "https://api.authlete.com".
 *                      Exclusive with "region".
 *   "region"           "us" (default), "jp", "eu" or "br" (API v3 servers).
 *   "apiVersion"       3 (default) or 2.
 *   "token"            v3: the Service Access Token or Organization Token (sent as Authorization: Bearer).
 *   "apiKey"           v2: the service's API key (equal to its service id).
 *   "apiSecret"        v2: the service's API secret (sent with apiKey as HTTP Basic).
 *   "timeoutMs"        whole call including retries, 1..3600000, default 30000.
 *   "connectTimeoutMs" each connection attempt, 1..3600000, default 10000.
 *   "maxRetries"       0 (default) .. 10. Only calls that Authlete cannot have processed are retried: connection
 *                      failures and HTTP 429, 502, 503, 504, with exponential backoff and jitter, honouring
 *                      Retry-After up to 10 s, never beyond timeoutMs.
 *   "userAgent"        replaces the default User-Agent "libauthlete/VERSION".
 *   "caFile"           a PEM file of CA certificates trusted in addition to the system's. TLS verification is always
 *                      on; nothing turns it off. Redirects are never followed.
 *   "requestEncoding"  "json" (default) or "form" (application/x-www-form-urlencoded, same field names).
 * config_json NULL reads the environment instead: AUTHLETE_BASE_URL, AUTHLETE_API_VERSION ("2", "3", "V2", "V3"),
 * AUTHLETE_BEARER or else AUTHLETE_SERVICE_ACCESSTOKEN (v3), AUTHLETE_SERVICE_APIKEY and AUTHLETE_SERVICE_APISECRET
 * (v2), AUTHLETE_TIMEOUT_MS.
 * On success *out is a new client: release it with authlete_client_free().
 * Errors: NULL_ARGUMENT (out is NULL), INVALID_ARGUMENT (config over 64 KiB or invalid UTF-8), CONFIG, NO_MEMORY,
 * INTERNAL (libcurl could not be initialised). Thread-safe. */
authlete_status authlete_client_new(const char *config_json, authlete_client **out);

/* Frees a client and closes its connections. NULL is a no-op. No call on the client may be running or follow. */
void authlete_client_free(authlete_client *client);

/* The base URL the client sends requests to, without a trailing "/" (e.g. "https://jp.authlete.com"); NULL for a
 * NULL client. Borrowed from the client. Thread-safe. */
const char *authlete_client_base_url(const authlete_client *client);

/* Rejects a backchannel authentication request: validates request_json, POSTs it to Authlete's
 * /backchannel/authentication/fail for the service and hands out Authlete's body.
 * - service_id: the service's API key, a single path segment (see AUTHLETE_ERR_INVALID_ARGUMENT); with API v2 it
 *   must equal the client's apiKey.
 * - request_json: a JSON object with only the keys "ticket", "reason", "errorDescription", "errorUri", each a string
 *   or null (null means absent; or use authlete_ciba_fail_request_json); at most 64 KiB. The rules of
 *   authlete_ciba_fail_request_json apply to each value; a key given twice is refused.
 * On success (HTTP 2xx with a known action) *out_json is Authlete's body, to read with
 * authlete_ciba_fail_response_parse() and release with authlete_free().
 * On AUTHLETE_ERR_API *out_json is Authlete's body too (possibly ""), to log, never to send to the client; release
 * it with authlete_free(). On any other error *out_json is NULL.
 * Errors: NULL_ARGUMENT, INVALID_ARGUMENT, NETWORK, TIMEOUT, API, PROTOCOL, NO_MEMORY, INTERNAL. Blocks for at most
 * the client's timeoutMs. Thread-safe: many threads may call it on one client at once. */
authlete_status authlete_client_ciba_fail(authlete_client *client, const char *service_id, const char *request_json,
                                          char **out_json);

/* The same call in one step, for the common case: the request from its four fields (as
 * authlete_ciba_fail_request_json takes them: each may be NULL) and Authlete's answer already parsed. No JSON crosses
 * the boundary, so it costs less than building, sending and parsing in three calls.
 * On success *out is a new response: read it with the getters and release it with authlete_ciba_fail_response_free().
 * On any error *out is NULL. out_error_body may be NULL; when it is not, it is set to NULL except on
 * AUTHLETE_ERR_API, where *out_error_body is Authlete's body (possibly ""), to log, never to send to the client;
 * release it with authlete_free(). On AUTHLETE_ERR_API authlete_last_error() also names the HTTP status, resultCode
 * and resultMessage.
 * Errors: those of authlete_ciba_fail_request_json and of authlete_client_ciba_fail. Thread-safe as the latter. */
authlete_status authlete_client_ciba_fail_fields(authlete_client *client, const char *service_id, const char *ticket,
                                                 const char *reason, const char *error_description,
                                                 const char *error_uri, authlete_ciba_fail_response **out,
                                                 char **out_error_body);

/* The same as authlete_client_ciba_fail() on a process-wide client created from the environment on first use
 * (creation is thread-safe; a failed creation is retried on the next call). The client lives until the process
 * exits. Errors: those of authlete_client_new(NULL, ...) and of authlete_client_ciba_fail(). */
authlete_status authlete_ciba_fail(const char *service_id, const char *request_json, char **out_json);

/* ---------------------------------------------------------------------------------------------------------------
 * Reading Authlete's answer.
 * ------------------------------------------------------------------------------------------------------------- */

/* authlete_ciba_fail_response (declared above with the client): Authlete's parsed answer. */

/* Parses Authlete's 2xx body, e.g.
 * {"resultCode":"A185001","resultMessage":"...","action":"FORBIDDEN","responseContent":"{\"error\":\"access_denied\"}"}
 * On success *out is a new response: release it with authlete_ciba_fail_response_free().
 * Errors: NULL_ARGUMENT, INVALID_ARGUMENT (over 1 MiB or invalid UTF-8), PROTOCOL (not a JSON object, a missing or
 * unknown action, a field of the wrong type), NO_MEMORY. Thread-safe. */
authlete_status authlete_ciba_fail_response_parse(const char *json, authlete_ciba_fail_response **out);

/* The action (an authlete_ciba_fail_action value); 0 for a NULL response. */
int authlete_ciba_fail_response_action(const authlete_ciba_fail_response *response);

/* The HTTP status to answer the client with (500, 400 or 403); 0 for a NULL response. */
int authlete_ciba_fail_response_http_status(const authlete_ciba_fail_response *response);

/* responseContent verbatim: the JSON body to send to the client. NULL when absent or for a NULL response.
 * Borrowed from the response. */
const char *authlete_ciba_fail_response_content(const authlete_ciba_fail_response *response);

/* resultCode (e.g. "A185001"); NULL when absent or for a NULL response. Borrowed from the response. */
const char *authlete_ciba_fail_response_result_code(const authlete_ciba_fail_response *response);

/* resultMessage; NULL when absent or for a NULL response. Borrowed from the response. For logs only. */
const char *authlete_ciba_fail_response_result_message(const authlete_ciba_fail_response *response);

/* Frees a response and the strings its getters returned. NULL is a no-op. */
void authlete_ciba_fail_response_free(authlete_ciba_fail_response *response);

#ifdef __cplusplus
}
#endif

/* The rest of the CIBA family (0.2): one header per object, each usable alone. */
#include "authlete/ciba.h"
#include "authlete/ciba_authentication.h"
#include "authlete/ciba_issue.h"
#include "authlete/ciba_complete.h"
#include "authlete/ciba_flow.h"
#include "authlete/ciba_decision.h"

#endif /* AUTHLETE_H */
