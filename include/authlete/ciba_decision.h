/*
 * authlete/ciba_decision.h: the end user's decision on an accepted request, reported to Authlete's
 * /backchannel/authentication/complete, and the notification that ping and push clients then get.
 * Compiles alone as C99 and C++.
 *
 *   authlete_ciba_complete_request *decision;
 *   authlete_ciba_complete_request_new(ticket, AUTHLETE_CIBA_COMPLETE_RESULT_AUTHORIZED, &decision);
 *   authlete_ciba_complete_request_set_string(decision, "subject", "john");
 *   authlete_ciba_complete_request_set_int64(decision, "authTime", (int64_t)time(NULL));
 *   authlete_ciba_complete_response *done; int notified;
 *   authlete_status s = authlete_client_ciba_decide(client, service_id, decision, &done, &notified, NULL);
 */
#ifndef AUTHLETE_CIBA_DECISION_H
#define AUTHLETE_CIBA_DECISION_H

#include "types.h"
#include "ciba_complete.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A /complete request made field by field. Used by one thread at a time. */
typedef struct authlete_ciba_complete_request authlete_ciba_complete_request;

/* A new request with its ticket (required, non-empty) and result (an authlete_ciba_complete_result value).
 * Release it with authlete_ciba_complete_request_free(). Errors: NULL_ARGUMENT (ticket, out), INVALID_ARGUMENT (a
 * result outside the enum, invalid UTF-8, an empty ticket or one over 16 KiB), NO_MEMORY. */
authlete_status authlete_ciba_complete_request_new(const char *ticket, int result,
                                                   authlete_ciba_complete_request **out);

/* Frees a request. NULL is a no-op. */
void authlete_ciba_complete_request_free(authlete_ciba_complete_request *request);

/* Sets a string field by its JSON key, replacing an earlier value: subject (the user's unique id, required for
 * AUTHORIZED), sub, acr, claims (a JSON object as text, e.g. "{\"given_name\":\"John\"}"), idtHeaderParams,
 * jwtAtClaims (JSON objects as text), accessToken, idTokenAudType ("array" or "string"), errorDescription,
 * errorUri (absolute URI; the last two for the results other than AUTHORIZED). Each string at most 16 KiB (64 KiB
 * for the JSON texts), the whole request at most 64 KiB. Errors leave the request as it was: NULL_ARGUMENT,
 * INVALID_ARGUMENT (an unknown key or one of another type, a value its rule refuses, invalid UTF-8). */
authlete_status authlete_ciba_complete_request_set_string(authlete_ciba_complete_request *request, const char *key,
                                                          const char *value);

/* Sets an integer field (authTime in seconds since the epoch, accessTokenDuration, refreshTokenDuration in seconds;
 * each 0 or more). Errors as for _set_string(). */
authlete_status authlete_ciba_complete_request_set_int64(authlete_ciba_complete_request *request, const char *key,
                                                         int64_t value);

/* Appends one string to an array field (scopes: replaces the requested scopes, keep "openid"; consentedClaims).
 * Errors as for _set_string(). */
authlete_status authlete_ciba_complete_request_add_string(authlete_ciba_complete_request *request, const char *key,
                                                          const char *value);

/* The request as the JSON authlete_client_ciba_complete() takes. On success *out_json is a new string: release it
 * with authlete_free(). Errors: NULL_ARGUMENT, INVALID_ARGUMENT (AUTHORIZED without subject), NO_MEMORY. */
authlete_status authlete_ciba_complete_request_json(const authlete_ciba_complete_request *request, char **out_json);

/* Reports the decision (/complete) and, when Authlete's action is NOTIFICATION (ping and push clients), sends the
 * notification as authlete_client_ciba_notify() does. On AUTHLETE_OK *out is /complete's answer (release it with
 * authlete_ciba_complete_response_free()); its action says what happened: NO_ACTION (poll: the client learns it at
 * the token endpoint), NOTIFICATION (sent: *out_notification_status is the endpoint's 200 or 204), SERVER_ERROR
 * (nothing reaches the client: log it). out_notification_status may be NULL; otherwise it is set to 0 unless a
 * notification was sent or tried. out_error_body: as for authlete_client_ciba_authentication_fields().
 * Errors: those of authlete_client_ciba_complete(); INVALID_ARGUMENT also for AUTHORIZED without subject.
 * AUTHLETE_ERR_NOTIFICATION (and PROTOCOL for a NOTIFICATION answer without endpoint, token or content) means the
 * decision was recorded but the client's endpoint was not notified: then, unlike other errors, *out is still
 * /complete's answer (to retry with authlete_client_ciba_notify() or to log) and *out_notification_status is the
 * endpoint's status (0 when it gave none). Never retried. Blocks for at most twice the client's timeoutMs.
 * Thread-safe for different requests. */
authlete_status authlete_client_ciba_decide(authlete_client *client, const char *service_id,
                                            const authlete_ciba_complete_request *request,
                                            authlete_ciba_complete_response **out, int *out_notification_status,
                                            char **out_error_body);

/* Sends the notification of a /complete answer whose action is NOTIFICATION: POST its content verbatim to its
 * client_notification_endpoint with `Authorization: Bearer <client_notification_token>` and `Content-Type:
 * application/json`. The endpoint must be https (TLS verified, the client's caFile applies), or plain http to a
 * loopback host (localhost, 127.0.0.0/8, [::1]); redirects are never followed; the client's timeoutMs and
 * connectTimeoutMs bound it; it is never retried. A host that sends notifications itself reads the same three
 * getters of the response and follows the same rules.
 * out_http_status may be NULL; otherwise it is the endpoint's HTTP status, 0 when it gave none.
 * Errors: NULL_ARGUMENT (client, response), INVALID_ARGUMENT (the action is not NOTIFICATION), PROTOCOL (endpoint,
 * token or content missing, or the token not visible ASCII), NOTIFICATION (any status but 200 and 204, a failed or
 * timed-out POST, a URL that is malformed or plain http off loopback), NO_MEMORY. Thread-safe. */
authlete_status authlete_client_ciba_notify(authlete_client *client, const authlete_ciba_complete_response *response,
                                            int *out_http_status);

#ifdef __cplusplus
}
#endif

#endif /* AUTHLETE_CIBA_DECISION_H */
