/*
 * The four endpoints of the CIBA family as the hardening hosts call them, with what the emulator answers a plain
 * request of each (actions and HTTP statuses from include/authlete/ciba_*.h and the facts tables), so that the fault
 * matrix and the thread legs run the same rows against every endpoint.
 */
#include "support.h"

#include <stddef.h>

const char hard_poll_client_basic[] = "Basic OTAwNzE5OTI1NDc0MDk5Mzpwb2xsLXNlY3JldA==";

const hard_endpoint hard_endpoints[HARD_ENDPOINTS] = {
  [HARD_FAIL] = {"fail", authlete_client_ciba_fail, "{\"ticket\":\"t\",\"reason\":\"ACCESS_DENIED\"}", "FORBIDDEN", 403,
                 "INTERNAL_SERVER_ERROR"},
  /* Every service has the emulator's default clients: the poll client with client_secret_basic. */
  [HARD_AUTHENTICATION] = {"authentication", authlete_client_ciba_authentication,
                           "{\"parameters\":\"login_hint=john&scope=openid\",\"clientId\":\"9007199254740993\","
                           "\"clientSecret\":\"poll-secret\"}",
                           "USER_IDENTIFICATION", 0, "INTERNAL_SERVER_ERROR"},
  [HARD_ISSUE] = {"issue", authlete_client_ciba_issue, "{\"ticket\":\"no-such-ticket\"}", "INVALID_TICKET", 500,
                  "INTERNAL_SERVER_ERROR"},
  [HARD_COMPLETE] = {"complete", authlete_client_ciba_complete, "{\"ticket\":\"no-such-ticket\",\"result\":\"ACCESS_DENIED\"}",
                     "SERVER_ERROR", -1, "SERVER_ERROR"},
};

const char *hard_body_action(const hard_endpoint *endpoint, const char *body, int *http_status) {
  const char *name = NULL;
  int http = 0;
  if (body == NULL) return NULL;
  if (endpoint == &hard_endpoints[HARD_FAIL]) {
    authlete_ciba_fail_response *response = NULL;
    if (authlete_ciba_fail_response_parse(body, &response) == AUTHLETE_OK) {
      name = authlete_ciba_fail_action_name(authlete_ciba_fail_response_action(response));
      http = authlete_ciba_fail_response_http_status(response);
    }
    authlete_ciba_fail_response_free(response);
  } else if (endpoint == &hard_endpoints[HARD_AUTHENTICATION]) {
    authlete_ciba_authentication_response *response = NULL;
    if (authlete_ciba_authentication_response_parse(body, &response) == AUTHLETE_OK) {
      name = authlete_ciba_authentication_action_name(authlete_ciba_authentication_response_action(response));
      http = authlete_ciba_authentication_response_http_status(response);
    }
    authlete_ciba_authentication_response_free(response);
  } else if (endpoint == &hard_endpoints[HARD_ISSUE]) {
    authlete_ciba_issue_response *response = NULL;
    if (authlete_ciba_issue_response_parse(body, &response) == AUTHLETE_OK) {
      name = authlete_ciba_issue_action_name(authlete_ciba_issue_response_action(response));
      http = authlete_ciba_issue_response_http_status(response);
    }
    authlete_ciba_issue_response_free(response);
  } else {
    authlete_ciba_complete_response *response = NULL;
    if (authlete_ciba_complete_response_parse(body, &response) == AUTHLETE_OK) {
      name = authlete_ciba_complete_action_name(authlete_ciba_complete_response_action(response));
      http = -1;
    }
    authlete_ciba_complete_response_free(response);
  }
  if (http_status != NULL) *http_status = http;
  return name; /* static names: they outlive the response */
}
