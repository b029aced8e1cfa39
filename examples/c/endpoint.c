/* endpoint.c: the request handling of the sample (endpoint.h). */
#include "endpoint.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "policy.h"

/* authlete_last_error() describes the last failed call on this thread: log it, never send it to the client. */
static void logged(const char *step, authlete_status status) {
  if (status != AUTHLETE_OK)
    fprintf(stderr, "backchannel-server: %s: %s: %s\n", step, authlete_status_name((int)status), authlete_last_error());
}

authlete_ciba_flow *backchannel_request(server *s, const char *form_body, const char *authorization) {
  authlete_ciba_flow *flow = NULL;
  if (authlete_ciba_flow_new(&flow) != AUTHLETE_OK) return NULL;
  logged("/backchannel/authentication",
         authlete_ciba_flow_start(flow, s->client, s->service_id, form_body, authorization, NULL));
  if (authlete_ciba_flow_current_stage(flow) != AUTHLETE_CIBA_FLOW_STAGE_IDENTIFY_USER) return flow; /* 400/401/500 */
  const authlete_ciba_authentication_response *request = authlete_ciba_flow_request(flow);
  verdict v = policy_check(&s->users, request, (long long)time(NULL));
  if (v.reject) {
    logged("/fail", authlete_ciba_flow_reject(flow, (int)v.reason, v.description, NULL));
    return flow;
  }
  logged("/issue", authlete_ciba_flow_accept(flow));
  const authlete_ciba_issue_response *issued = authlete_ciba_flow_issue_response(flow);
  if (authlete_ciba_flow_http_status(flow) == 200 && issued != NULL && /* the device asks the user from now on */
      pending_add(&s->device, authlete_ciba_issue_response_auth_req_id(issued),
                  authlete_ciba_authentication_response_ticket(request), v.user->subject,
                  (long long)time(NULL) + authlete_ciba_issue_response_expires_in(issued), (long long)time(NULL)) != 0)
    fprintf(stderr, "backchannel-server: the device table is full: the request will expire undecided\n");
  return flow;
}

int device_decide(server *s, const char *auth_req_id, const char *decision, char *body, size_t size) {
  static const char *const names[] = {"approve", "deny", "fail"};
  static const int results[] = {AUTHLETE_CIBA_COMPLETE_RESULT_AUTHORIZED, AUTHLETE_CIBA_COMPLETE_RESULT_ACCESS_DENIED,
                                AUTHLETE_CIBA_COMPLETE_RESULT_TRANSACTION_FAILED};
  int result = 0;
  for (int i = 0; i < 3; i++) result = decision && strcmp(decision, names[i]) == 0 ? results[i] : result;
  pending_request p;
  if (result == 0) return snprintf(body, size, "{\"error\":\"invalid_request\"}"), 400;
  if (!pending_take(&s->device, auth_req_id, &p)) return snprintf(body, size, "{\"error\":\"not_found\"}"), 404;
  authlete_ciba_complete_request *complete = NULL;
  authlete_ciba_complete_response *done = NULL;
  int notified = 0;
  authlete_status status = authlete_ciba_complete_request_new(p.ticket, result, &complete);
  if (status == AUTHLETE_OK) status = authlete_ciba_complete_request_set_string(complete, "subject", p.subject);
  if (status == AUTHLETE_OK && result == AUTHLETE_CIBA_COMPLETE_RESULT_AUTHORIZED)
    status = authlete_ciba_complete_request_set_int64(complete, "authTime", (int64_t)time(NULL));
  if (status == AUTHLETE_OK)
    status = authlete_client_ciba_decide(s->client, s->service_id, complete, &done, &notified, NULL);
  logged("/complete", status); /* AUTHLETE_ERR_NOTIFICATION: recorded, but the client was not notified */
  const char *action = authlete_ciba_complete_action_name(done ? authlete_ciba_complete_response_action(done) : 0);
  snprintf(body, size, "{\"status\":\"%s\",\"action\":\"%s\",\"notification_status\":%d}",
           authlete_status_name((int)status), action ? action : "none", notified);
  authlete_ciba_complete_response_free(done);
  authlete_ciba_complete_request_free(complete);
  return status == AUTHLETE_OK ? 200 : 502;
}
