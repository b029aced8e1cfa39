/* The whole CIBA flow of an authorization server through an installed libauthlete, against the emulator's default
 * service 1000: the poll client's request (authentication), accepted (issue), the user's decision (complete), and a
 * second request rejected (fail). Prints one line per call; exits 0 only when every call succeeded.
 * usage: flow BASE_URL */
#include <authlete.h>
#include <stdio.h>

static int report(const char *step, authlete_status status, char *error_body) {
  if (status == AUTHLETE_OK) return 0;
  fprintf(stderr, "%s: %s: %s %s\n", step, authlete_status_name(status), authlete_last_error(),
          error_body ? error_body : "");
  authlete_free(error_body);
  return 1;
}

static const char *ticket_of(authlete_client *client, authlete_ciba_authentication_response **out) {
  /* Basic poll-client:poll-secret, the emulator's default poll client. */
  char *error_body = NULL;
  authlete_status status = authlete_client_ciba_authentication_fields(
      client, "1000", "scope=openid&login_hint=john", "Basic cG9sbC1jbGllbnQ6cG9sbC1zZWNyZXQ=", NULL, out,
      &error_body);
  if (report("authentication", status, error_body)) return NULL;
  printf("authentication %s %s\n",
         authlete_ciba_authentication_action_name(authlete_ciba_authentication_response_action(*out)),
         authlete_ciba_authentication_response_result_code(*out));
  return authlete_ciba_authentication_response_ticket(*out);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s BASE_URL\n", argv[0]);
    return 2;
  }
  char config[512];
  snprintf(config, sizeof config, "{\"baseUrl\":\"%s\",\"token\":\"emulator-token\"}", argv[1]);
  authlete_client *client = NULL;
  char *error_body = NULL;
  if (report("client", authlete_client_new(config, &client), NULL)) return 1;
  printf("version %s %u\n", authlete_version(), authlete_version_number());

  authlete_ciba_authentication_response *authentication = NULL;
  const char *ticket = ticket_of(client, &authentication);
  if (!ticket) return 1;

  authlete_ciba_issue_response *issue = NULL;
  if (report("issue", authlete_client_ciba_issue_fields(client, "1000", ticket, &issue, &error_body), error_body))
    return 1;
  printf("issue %s %d %s expires_in=%d interval=%d auth_req_id=%s\n",
         authlete_ciba_issue_action_name(authlete_ciba_issue_response_action(issue)),
         authlete_ciba_issue_response_http_status(issue), authlete_ciba_issue_response_result_code(issue),
         authlete_ciba_issue_response_expires_in(issue), authlete_ciba_issue_response_interval(issue),
         authlete_ciba_issue_response_auth_req_id(issue)[0] ? "set" : "empty");

  authlete_ciba_complete_response *complete = NULL;
  if (report("complete", authlete_client_ciba_complete_fields(client, "1000", ticket, "AUTHORIZED", "john", NULL, NULL,
                                                              &complete, &error_body), error_body))
    return 1;
  printf("complete %s %s\n", authlete_ciba_complete_action_name(authlete_ciba_complete_response_action(complete)),
         authlete_ciba_complete_response_result_code(complete));
  authlete_ciba_complete_response_free(complete);
  authlete_ciba_issue_response_free(issue);
  authlete_ciba_authentication_response_free(authentication);

  ticket = ticket_of(client, &authentication);
  if (!ticket) return 1;
  authlete_ciba_fail_response *fail = NULL;
  if (report("fail", authlete_client_ciba_fail_fields(client, "1000", ticket, "ACCESS_DENIED", NULL, NULL, &fail,
                                                      &error_body), error_body))
    return 1;
  printf("fail %s %d %s\n", authlete_ciba_fail_action_name(authlete_ciba_fail_response_action(fail)),
         authlete_ciba_fail_response_http_status(fail), authlete_ciba_fail_response_content(fail));
  authlete_ciba_fail_response_free(fail);
  authlete_ciba_authentication_response_free(authentication);
  authlete_client_free(client);
  return 0;
}
