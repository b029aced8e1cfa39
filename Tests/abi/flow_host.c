/* flow_host: runs whole CIBA flows through the flow object and the decision call, for valgrind.
 *
 *   flow_host BASE_URL TOKEN SERVICE_ID NOTIFY_CLIENT_ID NOTIFY_SECRET FLOWS
 *
 * Per flow: a rejected request (UNKNOWN_USER_ID), an unauthorized one, and an accepted one decided AUTHORIZED for
 * the poll client and for the given ping client (whose endpoint the test serves). Prints one line per outcome
 * count; exits 1 when an answer is not the expected one. */
#include <authlete.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

static void expect(int condition, const char *what) {
  if (!condition) {
    fprintf(stderr, "flow_host: %s (%s)\n", what, authlete_last_error());
    failures++;
  }
}

static char *run_flow(authlete_client *client, const char *service_id, const char *body, const char *authorization,
                      int reject, int expected_status) {
  authlete_ciba_flow *flow = NULL;
  expect(authlete_ciba_flow_new(&flow) == AUTHLETE_OK, "flow_new");
  expect(authlete_ciba_flow_start(flow, client, service_id, body, authorization, NULL) == AUTHLETE_OK, "start");
  char *ticket = NULL;
  if (authlete_ciba_flow_current_stage(flow) == AUTHLETE_CIBA_FLOW_STAGE_IDENTIFY_USER) {
    const char *t = authlete_ciba_authentication_response_ticket(authlete_ciba_flow_request(flow));
    ticket = t ? strdup(t) : NULL;
    expect((reject ? authlete_ciba_flow_reject(flow, AUTHLETE_CIBA_FAIL_REASON_UNKNOWN_USER_ID, "who?", NULL)
                   : authlete_ciba_flow_accept(flow)) == AUTHLETE_OK, "reject or accept");
  }
  expect(authlete_ciba_flow_http_status(flow) == expected_status, "the answer's status");
  expect(authlete_ciba_flow_header_count(flow) >= 3 && authlete_ciba_flow_body(flow) != NULL, "the answer");
  authlete_ciba_flow_free(flow);
  return ticket;
}

static void decide(authlete_client *client, const char *service_id, const char *ticket, int expected_action) {
  authlete_ciba_complete_request *request = NULL;
  expect(authlete_ciba_complete_request_new(ticket, AUTHLETE_CIBA_COMPLETE_RESULT_AUTHORIZED, &request) == AUTHLETE_OK,
         "request_new");
  expect(authlete_ciba_complete_request_set_string(request, "subject", "john") == AUTHLETE_OK, "subject");
  expect(authlete_ciba_complete_request_set_int64(request, "authTime", 1767225600) == AUTHLETE_OK, "authTime");
  authlete_ciba_complete_response *done = NULL;
  int notified = -1;
  expect(authlete_client_ciba_decide(client, service_id, request, &done, &notified, NULL) == AUTHLETE_OK, "decide");
  expect(authlete_ciba_complete_response_action(done) == expected_action, "the decision's action");
  authlete_ciba_complete_response_free(done);
  authlete_ciba_complete_request_free(request);
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fputs("usage: flow_host BASE_URL TOKEN SERVICE_ID NOTIFY_CLIENT_ID NOTIFY_SECRET FLOWS\n", stderr);
    return 64;
  }
  char config[1024];
  snprintf(config, sizeof config, "{\"baseUrl\":\"%s\",\"token\":\"%s\",\"timeoutMs\":10000}", argv[1], argv[2]);
  authlete_client *client = NULL;
  if (authlete_client_new(config, &client) != AUTHLETE_OK) return 2;
  const char *service = argv[3];
  /* base64("9007199254740993:poll-secret") and base64 of the ping client's id:secret, made here */
  const char *poll = "Basic OTAwNzE5OTI1NDc0MDk5Mzpwb2xsLXNlY3JldA==";
  char credentials[256], ping[400];
  snprintf(credentials, sizeof credentials, "%s:%s", argv[4], argv[5]);
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t n = strlen(credentials), o = (size_t)snprintf(ping, sizeof ping, "Basic ");
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = (unsigned char)credentials[i] << 16 | (i + 1 < n ? (unsigned char)credentials[i + 1] << 8 : 0) |
                 (i + 2 < n ? (unsigned char)credentials[i + 2] : 0);
    ping[o++] = alphabet[v >> 18 & 63];
    ping[o++] = alphabet[v >> 12 & 63];
    ping[o++] = i + 1 < n ? alphabet[v >> 6 & 63] : '=';
    ping[o++] = i + 2 < n ? alphabet[v & 63] : '=';
  }
  ping[o] = '\0';
  long flows = strtol(argv[6], NULL, 10);
  for (long i = 0; i < flows; i++) {
    free(run_flow(client, service, "login_hint=nobody&scope=openid", poll, 1, 400));
    free(run_flow(client, service, "login_hint=john&scope=openid", "Basic d3Jvbmc6d3Jvbmc=", 0, 401));
    char *ticket = run_flow(client, service, "login_hint=john&scope=openid", poll, 0, 200);
    if (ticket) decide(client, service, ticket, AUTHLETE_CIBA_COMPLETE_ACTION_NO_ACTION);
    free(ticket);
    ticket = run_flow(client, service, "login_hint=john&scope=openid&client_notification_token=tok", ping, 0, 200);
    if (ticket) decide(client, service, ticket, AUTHLETE_CIBA_COMPLETE_ACTION_NOTIFICATION);
    free(ticket);
  }
  authlete_client_free(client);
  printf("flows %ld failures %d\n", flows, failures);
  return failures ? 1 : 0;
}
