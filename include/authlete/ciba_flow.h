/*
 * authlete/ciba_flow.h: a whole backchannel authentication request, from the client's HTTP request to the HTTP
 * answer it gets, with the Authlete calls made in the CIBA flow's order. Compiles alone as C99 and C++.
 *
 *   authlete_ciba_flow *flow;
 *   authlete_ciba_flow_new(&flow);
 *   authlete_ciba_flow_start(flow, client, service_id, form_body, authorization_header, client_certificate_pem);
 *   if (authlete_ciba_flow_current_stage(flow) == AUTHLETE_CIBA_FLOW_STAGE_IDENTIFY_USER) {
 *     const authlete_ciba_authentication_response *request = authlete_ciba_flow_request(flow);
 *     ... look the user up by authlete_ciba_authentication_response_hint(request), check the user code, ...
 *     if (unknown) authlete_ciba_flow_reject(flow, AUTHLETE_CIBA_FAIL_REASON_UNKNOWN_USER_ID, NULL, NULL);
 *     else authlete_ciba_flow_accept(flow);   (then ask the user: see authlete/ciba_decision.h)
 *   }
 *   send authlete_ciba_flow_http_status(flow), each header, authlete_ciba_flow_body(flow); authlete_ciba_flow_free(flow);
 *
 * The answer is always complete once started: status, every header (Content-Type, Cache-Control: no-store,
 * Pragma: no-cache, WWW-Authenticate for 401, OAuth-Client-Attestation-Challenge where Authlete gave one) and body.
 * Whenever the library or Authlete fails (network, timeout, an Authlete error status, a malformed answer, a NULL
 * argument to start), the answer is 500 {"error":"server_error"}: the detail is only in authlete_last_error() and
 * the function's status, never in what the client gets.
 *
 * A flow is used by one thread at a time (different flows on different threads share one client freely). It keeps
 * its client alive until authlete_ciba_flow_free(), even past authlete_client_free().
 */
#ifndef AUTHLETE_CIBA_FLOW_H
#define AUTHLETE_CIBA_FLOW_H

#include "types.h"
#include "ciba_authentication.h"
#include "ciba_issue.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct authlete_ciba_flow authlete_ciba_flow;

/* Where a flow is. */
typedef enum authlete_ciba_flow_stage {
  /* Made, not started. */
  AUTHLETE_CIBA_FLOW_STAGE_NEW = 0,
  /* /backchannel/authentication found the request valid (USER_IDENTIFICATION): identify the user, then call
   * authlete_ciba_flow_reject() or authlete_ciba_flow_accept(). */
  AUTHLETE_CIBA_FLOW_STAGE_IDENTIFY_USER = 1,
  /* The answer is final: send it. */
  AUTHLETE_CIBA_FLOW_STAGE_ANSWERED = 2
} authlete_ciba_flow_stage;

/* A new flow in stage NEW. Release it with authlete_ciba_flow_free(). Errors: NULL_ARGUMENT, NO_MEMORY. */
authlete_status authlete_ciba_flow_new(authlete_ciba_flow **out);

/* Frees a flow and every string and response it handed out. NULL is a no-op. */
void authlete_ciba_flow_free(authlete_ciba_flow *flow);

/* Calls /backchannel/authentication with what the client sent: its form body verbatim (parameters, required), its
 * `Authorization` header (NULL when none) and the PEM of its TLS client certificate (NULL without mutual TLS), read
 * as authlete_client_ciba_authentication_fields() reads them. Afterwards the stage is IDENTIFY_USER (the request is
 * valid) or ANSWERED: BAD_REQUEST 400, UNAUTHORIZED 401 (with WWW-Authenticate: Basic
 * realm="backchannel/authentication"), INTERNAL_SERVER_ERROR 500, each with Authlete's responseContent.
 * Returns AUTHLETE_OK when Authlete answered with an action (whichever); otherwise the failure's status (those of
 * authlete_client_ciba_authentication()) and the answer is 500 {"error":"server_error"}.
 * Errors without an answer: NULL_ARGUMENT (flow is NULL), INVALID_ARGUMENT (the flow was already started). Blocks
 * for at most the client's timeoutMs. */
authlete_status authlete_ciba_flow_start(authlete_ciba_flow *flow, authlete_client *client, const char *service_id,
                                         const char *parameters, const char *authorization,
                                         const char *client_certificate);

/* The flow's stage (an authlete_ciba_flow_stage value); 0 for NULL. */
int authlete_ciba_flow_current_stage(const authlete_ciba_flow *flow);

/* /backchannel/authentication's answer, once Authlete gave one (from stage IDENTIFY_USER on, and with the error
 * actions): the user's hint, hint type, sub, user code, binding message, scopes, claim names, delivery mode,
 * ticket, ... through the authlete_ciba_authentication_response_* getters. Borrowed: valid until the flow is freed;
 * never free it. NULL before Authlete answered or for a NULL flow. */
const authlete_ciba_authentication_response *authlete_ciba_flow_request(const authlete_ciba_flow *flow);

/* Rejects the request (stage IDENTIFY_USER): /fail with reason (an authlete_ciba_fail_reason value) and the optional
 * error_description and error_uri (absolute), as authlete_client_ciba_fail_fields() sends them. The answer is /fail's:
 * e.g. UNKNOWN_USER_ID 400 {"error":"unknown_user_id"}, ACCESS_DENIED 403. Returns AUTHLETE_OK when Authlete
 * answered; otherwise the failure's status and the answer is 500 {"error":"server_error"}.
 * Errors that leave the flow waiting (fix the call and call again): NULL_ARGUMENT (flow), INVALID_ARGUMENT (a reason
 * outside the enum, invalid UTF-8, a relative URI, a string over 16 KiB, or the flow is not in IDENTIFY_USER). */
authlete_status authlete_ciba_flow_reject(authlete_ciba_flow *flow, int reason, const char *error_description,
                                          const char *error_uri);

/* Accepts the request (stage IDENTIFY_USER): /issue with its ticket. OK: 200 with responseContent, which holds
 * auth_req_id, expires_in and interval; now ask the user and report the decision with authlete_client_ciba_decide().
 * INVALID_TICKET or INTERNAL_SERVER_ERROR: 500 with responseContent. Returns AUTHLETE_OK when Authlete answered;
 * otherwise the failure's status and the answer is 500 {"error":"server_error"}.
 * Errors that leave the flow waiting: NULL_ARGUMENT (flow), INVALID_ARGUMENT (the flow is not in IDENTIFY_USER). */
authlete_status authlete_ciba_flow_accept(authlete_ciba_flow *flow);

/* /issue's answer after authlete_ciba_flow_accept() (auth_req_id, expires_in, interval). Borrowed: valid until the
 * flow is freed. NULL otherwise. */
const authlete_ciba_issue_response *authlete_ciba_flow_issue_response(const authlete_ciba_flow *flow);

/* Authlete's bodies of /backchannel/authentication and /issue verbatim (for logs, and for bindings that read an
 * answer whole, e.g. with authlete_ciba_*_response_parse()). Borrowed from the flow; NULL until Authlete answered. */
const char *authlete_ciba_flow_request_body(const authlete_ciba_flow *flow);
const char *authlete_ciba_flow_issue_body(const authlete_ciba_flow *flow);

/* The answer's HTTP status (200, 400, 401, 403 or 500); 0 before stage ANSWERED or for NULL. */
int authlete_ciba_flow_http_status(const authlete_ciba_flow *flow);

/* The answer's headers: count, and each name and value (NULL when i >= count). Borrowed from the flow. */
size_t authlete_ciba_flow_header_count(const authlete_ciba_flow *flow);
const char *authlete_ciba_flow_header_name(const authlete_ciba_flow *flow, size_t i);
const char *authlete_ciba_flow_header_value(const authlete_ciba_flow *flow, size_t i);

/* The answer's body (JSON), to send verbatim. Borrowed from the flow; NULL before stage ANSWERED or for NULL. */
const char *authlete_ciba_flow_body(const authlete_ciba_flow *flow);

#ifdef __cplusplus
}
#endif

#endif /* AUTHLETE_CIBA_FLOW_H */
