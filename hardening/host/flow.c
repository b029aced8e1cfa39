/*
 * The CIBA calls beside fail: the whole flow /backchannel/authentication -> /issue -> /complete against the
 * emulator (by request JSON and by the one-step calls), each answer checked against the facts tables and the
 * emulator's documented defaults (README: clients and CIBA settings), the error actions, argument errors and the
 * response parsers. `hardhost paths` runs ciba_paths() (ASan/UBSan, valgrind); the thread leg runs hard_flow().
 */
#define _GNU_SOURCE
#include "modes.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int64_t POLL_CLIENT = 9007199254740993LL; /* 2^53 + 1: exact only without a double */

static int same(const char *got, const char *want) { return got != NULL && want != NULL && strcmp(got, want) == 0; }
#define CHECK_STR(got, want, what) \
  CHECK(same((got), (want)), "%s: %s, expected %s", (what), (got) ? (got) : "(null)", (want))

/* The conventions of a one-step call (as hard_call_fields for fail): *out on OK only, Authlete's body on API only,
 * last_error "" after OK and credential-free. */
static int fields_checked(int status, const void *out, char *error_body, const char *what) {
  const char *error = authlete_last_error();
  if (status == AUTHLETE_ERR_API) {
    CHECK(error_body != NULL && error_body != (char *)0x1, "%s: no error body on API", what);
  } else {
    CHECK(error_body == NULL, "%s %s: *out_error_body is not NULL", what, authlete_status_name(status));
  }
  if (error_body != (char *)0x1) authlete_free(error_body);
  if (status == AUTHLETE_OK) {
    CHECK(out != NULL && out != (void *)0x1, "%s: no response", what);
    CHECK(error != NULL && error[0] == '\0', "%s: last_error after a success: %s", what, error ? error : "(null)");
  } else {
    CHECK(out == NULL, "%s %s: *out is not NULL", what, authlete_status_name(status));
    CHECK(error != NULL && error[0] != '\0', "%s: last_error empty after %s", what, authlete_status_name(status));
  }
  hard_check_last_error(what);
  return status;
}

/* ---- the three calls, each by request JSON or in one step ------------------------------------------------- */
static authlete_ciba_authentication_response *authenticate(authlete_client *client, const char *service_id,
                                                           int one_step, const char *parameters,
                                                           const char *authorization, int *status) {
  authlete_ciba_authentication_response *response = (authlete_ciba_authentication_response *)0x1;
  if (one_step) {
    char *error_body = (char *)0x1;
    *status = authlete_client_ciba_authentication_fields(client, service_id, parameters, authorization, NULL,
                                                         &response, &error_body);
    fields_checked(*status, response, error_body, "authentication_fields");
    return *status == AUTHLETE_OK ? response : NULL;
  }
  char *request = NULL;
  CHECK_STATUS(authlete_ciba_authentication_request_json(parameters, authorization, NULL, &request), AUTHLETE_OK,
               "authentication_request_json");
  hard_result result;
  hard_call_endpoint(&hard_endpoints[HARD_AUTHENTICATION], client, service_id, request, &result);
  authlete_free(request);
  *status = result.status;
  response = NULL;
  if (result.status == AUTHLETE_OK) {
    CHECK_STATUS(authlete_ciba_authentication_response_parse(result.body, &response), AUTHLETE_OK, "authentication parse");
  }
  hard_result_clear(&result);
  return response;
}

static authlete_ciba_issue_response *issue(authlete_client *client, const char *service_id, int one_step,
                                           const char *ticket, int *status) {
  authlete_ciba_issue_response *response = (authlete_ciba_issue_response *)0x1;
  if (one_step) {
    char *error_body = (char *)0x1;
    *status = authlete_client_ciba_issue_fields(client, service_id, ticket, &response, &error_body);
    fields_checked(*status, response, error_body, "issue_fields");
    return *status == AUTHLETE_OK ? response : NULL;
  }
  char request[256];
  snprintf(request, sizeof request, "{\"ticket\":\"%s\"}", ticket); /* tickets are base64url */
  hard_result result;
  hard_call_endpoint(&hard_endpoints[HARD_ISSUE], client, service_id, request, &result);
  *status = result.status;
  response = NULL;
  if (result.status == AUTHLETE_OK) {
    CHECK_STATUS(authlete_ciba_issue_response_parse(result.body, &response), AUTHLETE_OK, "issue parse");
  }
  hard_result_clear(&result);
  return response;
}

static authlete_ciba_complete_response *complete(authlete_client *client, const char *service_id, int one_step,
                                                 const char *ticket, const char *result_name, const char *subject,
                                                 int *status) {
  authlete_ciba_complete_response *response = (authlete_ciba_complete_response *)0x1;
  if (one_step) {
    char *error_body = (char *)0x1;
    *status = authlete_client_ciba_complete_fields(client, service_id, ticket, result_name, subject, NULL, NULL,
                                                   &response, &error_body);
    fields_checked(*status, response, error_body, "complete_fields");
    return *status == AUTHLETE_OK ? response : NULL;
  }
  char request[512];
  snprintf(request, sizeof request, "{\"ticket\":\"%s\",\"result\":\"%s\"%s%s%s}", ticket, result_name,
           subject ? ",\"subject\":\"" : "", subject ? subject : "", subject ? "\"" : "");
  hard_result result;
  hard_call_endpoint(&hard_endpoints[HARD_COMPLETE], client, service_id, request, &result);
  *status = result.status;
  response = NULL;
  if (result.status == AUTHLETE_OK) {
    CHECK_STATUS(authlete_ciba_complete_response_parse(result.body, &response), AUTHLETE_OK, "complete parse");
  }
  hard_result_clear(&result);
  return response;
}

/* ---- the poll flow, exact at each step --------------------------------------------------------------------- */
int hard_flow(authlete_client *client, const char *service_id, int one_step, const char *user) {
  int failures = hard_failures(), status = 0;
  char parameters[256], ticket[128] = "", auth_req_id[128] = "";
  snprintf(parameters, sizeof parameters, "login_hint=%s&scope=openid", user);
  authlete_ciba_authentication_response *found = authenticate(client, service_id, one_step, parameters,
                                                              hard_poll_client_basic, &status);
  CHECK_STATUS(status, AUTHLETE_OK, "flow: authentication");
  if (found == NULL) return 0;
  CHECK(authlete_ciba_authentication_response_action(found) == AUTHLETE_CIBA_AUTHENTICATION_ACTION_USER_IDENTIFICATION,
        "flow: action %d", authlete_ciba_authentication_response_action(found));
  CHECK(authlete_ciba_authentication_response_http_status(found) == 0, "flow: USER_IDENTIFICATION has no HTTP status");
  CHECK_STR(authlete_ciba_authentication_response_result_code(found), "A179001", "flow: resultCode");
  CHECK(authlete_ciba_authentication_response_client_id(found) == POLL_CLIENT, "flow: clientId %lld",
        (long long)authlete_ciba_authentication_response_client_id(found));
  CHECK(authlete_ciba_authentication_response_delivery_mode(found) == AUTHLETE_CIBA_DELIVERY_MODE_POLL, "flow: mode");
  CHECK(authlete_ciba_authentication_response_hint_type(found) == AUTHLETE_CIBA_HINT_TYPE_LOGIN_HINT, "flow: hint type");
  CHECK_STR(authlete_ciba_authentication_response_hint(found), user, "flow: hint");
  CHECK(authlete_ciba_authentication_response_scope_count(found) == 1, "flow: scopes");
  CHECK_STR(authlete_ciba_authentication_response_scope(found, 0), "openid", "flow: scope 0");
  CHECK(authlete_ciba_authentication_response_scope(found, 1) == NULL, "flow: scope past the end");
  const char *got = authlete_ciba_authentication_response_ticket(found);
  CHECK(got != NULL && got[0] != '\0' && strlen(got) < sizeof ticket, "flow: ticket");
  if (got != NULL && strlen(got) < sizeof ticket) strcpy(ticket, got);
  authlete_ciba_authentication_response_free(found);

  authlete_ciba_issue_response *issued = issue(client, service_id, one_step, ticket, &status);
  CHECK_STATUS(status, AUTHLETE_OK, "flow: issue");
  if (issued == NULL) return 0;
  CHECK(authlete_ciba_issue_response_action(issued) == AUTHLETE_CIBA_ISSUE_ACTION_OK, "flow: issue action %d",
        authlete_ciba_issue_response_action(issued));
  CHECK(authlete_ciba_issue_response_http_status(issued) == 200, "flow: issue HTTP");
  CHECK_STR(authlete_ciba_issue_response_result_code(issued), "A183001", "flow: issue resultCode");
  CHECK(authlete_ciba_issue_response_expires_in(issued) == 600, "flow: expiresIn %d", authlete_ciba_issue_response_expires_in(issued));
  CHECK(authlete_ciba_issue_response_interval(issued) == 5, "flow: interval %d", authlete_ciba_issue_response_interval(issued));
  got = authlete_ciba_issue_response_auth_req_id(issued);
  CHECK(got != NULL && strlen(got) == 43, "flow: authReqId %s", got ? got : "(null)");
  if (got != NULL && strlen(got) < sizeof auth_req_id) strcpy(auth_req_id, got);
  authlete_ciba_issue_response_free(issued);

  authlete_ciba_complete_response *done = complete(client, service_id, one_step, ticket, "AUTHORIZED", user, &status);
  CHECK_STATUS(status, AUTHLETE_OK, "flow: complete");
  if (done == NULL) return 0;
  CHECK(authlete_ciba_complete_response_action(done) == AUTHLETE_CIBA_COMPLETE_ACTION_NO_ACTION, "flow: complete action %d",
        authlete_ciba_complete_response_action(done));
  CHECK_STR(authlete_ciba_complete_response_result_message(done),
            "[A198001] Successfully updated the database so that the token endpoint can generate tokens (mode = poll, "
            "result = AUTHORIZED).", "flow: complete resultMessage");
  CHECK(authlete_ciba_complete_response_client_id(done) == POLL_CLIENT, "flow: complete clientId");
  CHECK_STR(authlete_ciba_complete_response_auth_req_id(done), auth_req_id, "flow: complete authReqId");
  CHECK(authlete_ciba_complete_response_access_token_duration(done) == 0, "flow: poll has no token duration");
  authlete_ciba_complete_response_free(done);
  return hard_failures() == failures;
}

/* ---- names ------------------------------------------------------------------------------------------------- */
static void names(void) {
  static const char *const authentication[] = {"INTERNAL_SERVER_ERROR", "BAD_REQUEST", "UNAUTHORIZED", "USER_IDENTIFICATION"};
  static const int authentication_http[] = {500, 400, 401, 0};
  static const char *const issue_names[] = {"INTERNAL_SERVER_ERROR", "INVALID_TICKET", "OK"};
  static const int issue_http[] = {500, 500, 200};
  static const char *const complete_names[] = {"SERVER_ERROR", "NO_ACTION", "NOTIFICATION"};
  static const char *const modes[] = {"POLL", "PING", "PUSH"};
  static const char *const hints[] = {"LOGIN_HINT", "LOGIN_HINT_TOKEN", "ID_TOKEN_HINT"};
  static const char *const results[] = {"AUTHORIZED", "ACCESS_DENIED", "TRANSACTION_FAILED"};
  for (int i = 0; i < 4; i++) {
    CHECK_STR(authlete_ciba_authentication_action_name(i + 1), authentication[i], "authentication action name");
    CHECK(authlete_ciba_authentication_action_http_status(i + 1) == authentication_http[i], "authentication HTTP %d", i + 1);
  }
  for (int i = 0; i < 3; i++) {
    CHECK_STR(authlete_ciba_issue_action_name(i + 1), issue_names[i], "issue action name");
    CHECK(authlete_ciba_issue_action_http_status(i + 1) == issue_http[i], "issue HTTP %d", i + 1);
    CHECK_STR(authlete_ciba_complete_action_name(i + 1), complete_names[i], "complete action name");
    CHECK_STR(authlete_ciba_delivery_mode_name(i + 1), modes[i], "delivery mode name");
    CHECK_STR(authlete_ciba_hint_type_name(i + 1), hints[i], "hint type name");
    CHECK_STR(authlete_ciba_complete_result_name(i + 1), results[i], "complete result name");
  }
  const int odd[] = {0, -1, 5, 1000, -2147483647 - 1, 2147483647};
  for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
    CHECK(authlete_ciba_authentication_action_name(odd[i]) == NULL && authlete_ciba_authentication_action_http_status(odd[i]) == 0 &&
              authlete_ciba_issue_action_name(odd[i] == 5 ? 4 : odd[i]) == NULL &&
              authlete_ciba_issue_action_http_status(odd[i] == 5 ? 4 : odd[i]) == 0 &&
              authlete_ciba_complete_action_name(odd[i] == 5 ? 4 : odd[i]) == NULL &&
              authlete_ciba_delivery_mode_name(odd[i] == 5 ? 4 : odd[i]) == NULL &&
              authlete_ciba_hint_type_name(odd[i] == 5 ? 4 : odd[i]) == NULL &&
              authlete_ciba_complete_result_name(odd[i] == 5 ? 4 : odd[i]) == NULL,
          "a name or status for %d", odd[i]);
  }
}

/* ---- parsers ----------------------------------------------------------------------------------------------- */
static void parsers(void) {
  /* The facts table's members, one of each kind. */
  const char *authentication_json =
    "{\"resultCode\":\"A179001\",\"resultMessage\":\"[A179001] The backchannel authentication request was processed "
    "successfully.\",\"action\":\"USER_IDENTIFICATION\",\"ticket\":\"NFIHGx_btVrWmtAD093D-87JxvT4DAtuijEkLVHbS4Q\","
    "\"clientId\":26862190133482,\"clientIdAliasUsed\":true,\"deliveryMode\":\"PING\",\"scopes\":[{\"name\":\"openid\","
    "\"defaultEntry\":false,\"description\":null},{\"name\":\"email\"}],\"claimNames\":[\"email\",\"email_verified\"],"
    "\"acrs\":[],\"hintType\":\"ID_TOKEN_HINT\",\"hint\":\"eyJ.e30.\",\"sub\":\"john\",\"requestedExpiry\":120,"
    "\"authorizationDetails\":{\"elements\":[{\"type\":\"x\"}]},\"unknownMember\":[1,{\"a\":null}]}";
  authlete_ciba_authentication_response *a = NULL;
  CHECK_STATUS(authlete_ciba_authentication_response_parse(authentication_json, &a), AUTHLETE_OK, "authentication example");
  if (a != NULL) {
    CHECK(authlete_ciba_authentication_response_client_id(a) == 26862190133482LL, "example clientId");
    CHECK(authlete_ciba_authentication_response_client_id_alias_used(a) == 1, "example alias used");
    CHECK(authlete_ciba_authentication_response_delivery_mode(a) == AUTHLETE_CIBA_DELIVERY_MODE_PING, "example mode");
    CHECK(authlete_ciba_authentication_response_hint_type(a) == AUTHLETE_CIBA_HINT_TYPE_ID_TOKEN_HINT, "example hint");
    CHECK_STR(authlete_ciba_authentication_response_sub(a), "john", "example sub");
    CHECK(authlete_ciba_authentication_response_scope_count(a) == 2, "example scopes");
    CHECK_STR(authlete_ciba_authentication_response_scope(a, 1), "email", "example scope 1");
    CHECK(authlete_ciba_authentication_response_scope(a, 2) == NULL && authlete_ciba_authentication_response_scope(a, SIZE_MAX) == NULL,
          "example scope past the end");
    CHECK_STR(authlete_ciba_authentication_response_claim_name(a, 1), "email_verified", "example claim 1");
    CHECK(authlete_ciba_authentication_response_acr_count(a) == 0 && authlete_ciba_authentication_response_acr(a, 0) == NULL,
          "example acrs");
    CHECK(authlete_ciba_authentication_response_requested_expiry(a) == 120, "example requestedExpiry");
    CHECK_STR(authlete_ciba_authentication_response_authorization_details(a), "{\"elements\":[{\"type\":\"x\"}]}",
              "example authorizationDetails");
    CHECK(authlete_ciba_authentication_response_user_code(a) == NULL && authlete_ciba_authentication_response_grant(a) == NULL,
          "example absent members");
  }
  authlete_ciba_authentication_response_free(a);
  /* int64 at both ends exact; one past, a fraction, a string: protocol errors. */
  authlete_ciba_complete_response *c = NULL;
  CHECK_STATUS(authlete_ciba_complete_response_parse(
                 "{\"action\":\"NO_ACTION\",\"clientId\":-9223372036854775808,\"accessTokenDuration\":9223372036854775807}", &c),
               AUTHLETE_OK, "int64 ends");
  CHECK(c && authlete_ciba_complete_response_client_id(c) == INT64_MIN &&
            authlete_ciba_complete_response_access_token_duration(c) == INT64_MAX, "int64 ends exact");
  authlete_ciba_complete_response_free(c);
  const char *protocol[] = {"", "null", "[]", "{}", "{\"action\":\"TEAPOT\"}", "{\"action\":3}", "{\"action\":\"OK\"}x",
                            "{\"action\":\"NO_ACTION\",\"clientId\":9223372036854775808}",
                            "{\"action\":\"NO_ACTION\",\"clientId\":1.5}", "{\"action\":\"NO_ACTION\",\"clientId\":\"1\"}",
                            "{\"action\":\"NO_ACTION\",\"resources\":\"x\"}", "{\"action\":\"NO_ACTION\",\"action\":\"NO_ACTION\"}"};
  for (size_t i = 0; i < sizeof protocol / sizeof protocol[0]; i++) {
    c = (authlete_ciba_complete_response *)0x1;
    CHECK_STATUS(authlete_ciba_complete_response_parse(protocol[i], &c), AUTHLETE_ERR_PROTOCOL, protocol[i]);
    CHECK(c == NULL, "%s: *out", protocol[i]);
  }
  authlete_ciba_issue_response *i = (authlete_ciba_issue_response *)0x1;
  CHECK_STATUS(authlete_ciba_issue_response_parse("{\"action\":\"OK\",\"authReqId\":\"\xff\"}", &i),
               AUTHLETE_ERR_INVALID_ARGUMENT, "invalid UTF-8");
  CHECK(i == NULL, "invalid UTF-8: *out");
  CHECK_STATUS(authlete_ciba_issue_response_parse(NULL, &i), AUTHLETE_ERR_NULL_ARGUMENT, "NULL json");
  CHECK_STATUS(authlete_ciba_issue_response_parse("{}", NULL), AUTHLETE_ERR_NULL_ARGUMENT, "NULL out");
  /* A NULL response: every getter answers NULL or 0; the frees are no-ops. */
  CHECK(authlete_ciba_issue_response_action(NULL) == 0 && authlete_ciba_issue_response_auth_req_id(NULL) == NULL &&
            authlete_ciba_authentication_response_scope_count(NULL) == 0 &&
            authlete_ciba_authentication_response_scope(NULL, 0) == NULL &&
            authlete_ciba_complete_response_client_id(NULL) == 0, "NULL response getters");
  authlete_ciba_authentication_response_free(NULL);
  authlete_ciba_issue_response_free(NULL);
  authlete_ciba_complete_response_free(NULL);
}

/* ---- calls against the emulator ---------------------------------------------------------------------------- */
static void push_flow(authlete_client *client, const char *service_id) {
  int status = 0;
  char ticket[128] = "";
  /* The push client authenticates with client_secret_post: its credentials stay in the body. */
  authlete_ciba_authentication_response *found = authenticate(
    client, service_id, 1,
    "login_hint=john&scope=openid%20email&client_id=1003&client_secret=push-secret&client_notification_token=nt-1",
    NULL, &status);
  CHECK_STATUS(status, AUTHLETE_OK, "push: authentication");
  if (found == NULL) return;
  CHECK(authlete_ciba_authentication_response_delivery_mode(found) == AUTHLETE_CIBA_DELIVERY_MODE_PUSH, "push: mode");
  CHECK_STR(authlete_ciba_authentication_response_client_auth_method(found), "CLIENT_SECRET_POST", "push: method");
  CHECK_STR(authlete_ciba_authentication_response_client_notification_token(found), "nt-1", "push: token");
  CHECK(authlete_ciba_authentication_response_claim_name_count(found) == 2, "push: email claims");
  CHECK_STR(authlete_ciba_authentication_response_claim_name(found, 0), "email", "push: claim 0");
  CHECK_STR(authlete_ciba_authentication_response_claim_name(found, 1), "email_verified", "push: claim 1");
  CHECK(authlete_ciba_authentication_response_claim_name(found, 2) == NULL, "push: claim past the end");
  const char *got = authlete_ciba_authentication_response_ticket(found);
  if (got != NULL && strlen(got) < sizeof ticket) strcpy(ticket, got);
  authlete_ciba_authentication_response_free(found);
  authlete_ciba_issue_response_free(issue(client, service_id, 0, ticket, &status));
  CHECK_STATUS(status, AUTHLETE_OK, "push: issue");
  /* Issued once only. */
  authlete_ciba_issue_response *again = issue(client, service_id, 1, ticket, &status);
  CHECK(again && authlete_ciba_issue_response_action(again) == AUTHLETE_CIBA_ISSUE_ACTION_INVALID_TICKET &&
            authlete_ciba_issue_response_http_status(again) == 500, "push: a second issue is INVALID_TICKET");
  authlete_ciba_issue_response_free(again);
  authlete_ciba_complete_response *done = complete(client, service_id, 0, ticket, "AUTHORIZED", "john", &status);
  CHECK_STATUS(status, AUTHLETE_OK, "push: complete");
  if (done == NULL) return;
  CHECK(authlete_ciba_complete_response_action(done) == AUTHLETE_CIBA_COMPLETE_ACTION_NOTIFICATION, "push: action");
  CHECK_STR(authlete_ciba_complete_response_client_notification_endpoint(done), "http://127.0.0.1:9/ciba/push", "push: endpoint");
  CHECK_STR(authlete_ciba_complete_response_client_notification_token(done), "nt-1", "push: notification token");
  CHECK(authlete_ciba_complete_response_access_token(done) && authlete_ciba_complete_response_refresh_token(done) &&
            authlete_ciba_complete_response_id_token(done), "push: tokens");
  CHECK(authlete_ciba_complete_response_access_token_duration(done) == 3600 &&
            authlete_ciba_complete_response_refresh_token_duration(done) == 86400 &&
            authlete_ciba_complete_response_id_token_duration(done) == 3600, "push: durations");
  const char *content = authlete_ciba_complete_response_content(done);
  CHECK(content && strstr(content, "\"token_type\":\"Bearer\""), "push: notification body %s", content ? content : "(null)");
  authlete_ciba_complete_response_free(done);
  /* Completed: a second complete is SERVER_ERROR. */
  done = complete(client, service_id, 1, ticket, "ACCESS_DENIED", NULL, &status);
  CHECK(done && authlete_ciba_complete_response_action(done) == AUTHLETE_CIBA_COMPLETE_ACTION_SERVER_ERROR,
        "push: a second complete is SERVER_ERROR");
  authlete_ciba_complete_response_free(done);
}

static void error_actions(authlete_client *client, const char *service_id) {
  int status = 0;
  struct { const char *parameters, *authorization; int action, http; const char *error; } rows[] = {
    {"login_hint=john&scope=openid", "Basic OTAwNzE5OTI1NDc0MDk5Mzp3cm9uZw==" /* the poll client, secret "wrong" */,
     AUTHLETE_CIBA_AUTHENTICATION_ACTION_UNAUTHORIZED, 401, "invalid_client"},
    {"login_hint=john&scope=openid", "Bearer x", AUTHLETE_CIBA_AUTHENTICATION_ACTION_UNAUTHORIZED, 401, "invalid_client"},
    {"login_hint=john&scope=email", hard_poll_client_basic, AUTHLETE_CIBA_AUTHENTICATION_ACTION_BAD_REQUEST, 400, "invalid_scope"},
    {"scope=openid", hard_poll_client_basic, AUTHLETE_CIBA_AUTHENTICATION_ACTION_BAD_REQUEST, 400, "invalid_request"},
    {"", NULL, AUTHLETE_CIBA_AUTHENTICATION_ACTION_UNAUTHORIZED, 401, "invalid_client"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    for (int one_step = 0; one_step < 2; one_step++) {
      authlete_ciba_authentication_response *r = authenticate(client, service_id, one_step, rows[i].parameters,
                                                              rows[i].authorization, &status);
      CHECK_STATUS(status, AUTHLETE_OK, rows[i].parameters);
      const char *content = r ? authlete_ciba_authentication_response_content(r) : NULL;
      char error[64];
      snprintf(error, sizeof error, "\"error\":\"%s\"", rows[i].error);
      CHECK(r && authlete_ciba_authentication_response_action(r) == rows[i].action &&
                authlete_ciba_authentication_response_http_status(r) == rows[i].http && content && strstr(content, error),
            "authentication %s / %s: action %d, content %s", rows[i].parameters, rows[i].authorization ? rows[i].authorization : "-",
            r ? authlete_ciba_authentication_response_action(r) : -1, content ? content : "(null)");
      authlete_ciba_authentication_response_free(r);
    }
  }
  /* A ticket the admin API made (created, not issued): /complete refuses it, /issue accepts it. */
  char ticket[128];
  if (hard_new_ticket(service_id, ticket, sizeof ticket) != 0) return;
  authlete_ciba_complete_response *refused = complete(client, service_id, 1, ticket, "AUTHORIZED", "john", &status);
  CHECK(refused && authlete_ciba_complete_response_action(refused) == AUTHLETE_CIBA_COMPLETE_ACTION_SERVER_ERROR,
        "complete before issue: SERVER_ERROR");
  authlete_ciba_complete_response_free(refused);
  authlete_ciba_issue_response *issued = issue(client, service_id, 1, ticket, &status);
  CHECK(issued && authlete_ciba_issue_response_action(issued) == AUTHLETE_CIBA_ISSUE_ACTION_OK, "admin ticket issued");
  authlete_ciba_issue_response_free(issued);
}

static void argument_errors(authlete_client *client, authlete_client *form, const hard_service *service) {
  const char *id = service->id;
  char *out = (char *)0x1, *error_body = (char *)0x1;
  for (int e = HARD_AUTHENTICATION; e <= HARD_COMPLETE; e++) {
    const hard_endpoint *endpoint = &hard_endpoints[e];
    out = (char *)0x1;
    CHECK_STATUS(endpoint->call(NULL, id, endpoint->request, &out), AUTHLETE_ERR_NULL_ARGUMENT, "NULL client");
    CHECK(out == NULL, "NULL client: out");
    CHECK_STATUS(endpoint->call(client, id, endpoint->request, NULL), AUTHLETE_ERR_NULL_ARGUMENT, "NULL out");
    hard_result result;
    hard_call_endpoint(endpoint, client, NULL, endpoint->request, &result);
    CHECK_STATUS(result.status, AUTHLETE_ERR_NULL_ARGUMENT, "NULL service id");
    hard_call_endpoint(endpoint, client, id, NULL, &result);
    CHECK_STATUS(result.status, AUTHLETE_ERR_NULL_ARGUMENT, "NULL request");
    hard_call_endpoint(endpoint, client, "a/b", endpoint->request, &result);
    CHECK_STATUS(result.status, AUTHLETE_ERR_INVALID_ARGUMENT, "service id a/b");
    /* Authlete's own error: an unknown service is 403 A458203, the body handed out. */
    hard_call_endpoint(endpoint, client, "no-such-service", endpoint->request, &result);
    CHECK_STATUS(result.status, AUTHLETE_ERR_API, endpoint->name);
    CHECK(result.body && strstr(result.body, "A458203"), "%s: unknown service body %s", endpoint->name,
          result.body ? result.body : "(null)");
    hard_result_clear(&result);
    const char *common[] = {"", "[]", "{", "{\"ticket\":\"t\"}x", "{\"x\":1}", "{\"ticket\":\"\xff\"}",
                            "{\"ticket\":\"a\\u0000b\"}"};
    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++) {
      hard_call_endpoint(endpoint, client, id, common[i], &result);
      CHECK_STATUS(result.status, AUTHLETE_ERR_INVALID_ARGUMENT, common[i]);
    }
  }
  struct { int endpoint; const char *request; } bad[] = {
    {HARD_AUTHENTICATION, "{}"}, /* parameters is required */
    {HARD_AUTHENTICATION, "{\"parameters\":1}"},
    {HARD_AUTHENTICATION, "{\"parameters\":\"x\",\"clientCertificatePath\":\"pem\"}"},
    {HARD_ISSUE, "{}"},
    {HARD_ISSUE, "{\"ticket\":\"\"}"},
    {HARD_COMPLETE, "{\"ticket\":\"t\"}"},
    {HARD_COMPLETE, "{\"ticket\":\"t\",\"result\":\"DENIED\"}"},
    {HARD_COMPLETE, "{\"ticket\":\"t\",\"result\":\"AUTHORIZED\"}"}, /* no subject */
    {HARD_COMPLETE, "{\"ticket\":\"t\",\"result\":\"ACCESS_DENIED\",\"errorUri\":\"/relative\"}"},
    {HARD_COMPLETE, "{\"ticket\":\"t\",\"result\":\"ACCESS_DENIED\",\"authTime\":-1}"},
    {HARD_COMPLETE, "{\"ticket\":\"t\",\"result\":\"ACCESS_DENIED\",\"claims\":\"[1]\"}"},
    {HARD_COMPLETE, "{\"ticket\":\"t\",\"result\":\"ACCESS_DENIED\",\"idTokenAudType\":\"set\"}"},
    {HARD_COMPLETE, "{\"ticket\":\"t\",\"result\":\"ACCESS_DENIED\",\"scopes\":[1]}"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    hard_result result;
    hard_call_endpoint(&hard_endpoints[bad[i].endpoint], client, id, bad[i].request, &result);
    CHECK_STATUS(result.status, AUTHLETE_ERR_INVALID_ARGUMENT, bad[i].request);
  }
  /* properties cannot be form-encoded (the facts' decision). */
  hard_result result;
  hard_call_endpoint(&hard_endpoints[HARD_COMPLETE], form, id,
                     "{\"ticket\":\"t\",\"result\":\"ACCESS_DENIED\",\"properties\":[{\"key\":\"k\",\"value\":\"v\"}]}", &result);
  CHECK_STATUS(result.status, AUTHLETE_ERR_INVALID_ARGUMENT, "properties in a form body");
  /* One-step calls: NULL and invalid fields. */
  authlete_ciba_authentication_response *a = (authlete_ciba_authentication_response *)0x1;
  error_body = (char *)0x1;
  /* The status first: the arguments of fields_checked() are read in no set order. */
  int status = authlete_client_ciba_authentication_fields(client, id, NULL, NULL, NULL, &a, &error_body);
  CHECK_STATUS(fields_checked(status, a, error_body, "authentication_fields"), AUTHLETE_ERR_NULL_ARGUMENT,
               "authentication_fields NULL parameters");
  CHECK_STATUS(authlete_client_ciba_authentication_fields(client, id, "x", NULL, NULL, NULL, NULL),
               AUTHLETE_ERR_NULL_ARGUMENT, "authentication_fields NULL out");
  CHECK_STATUS(authlete_ciba_authentication_request_json(NULL, NULL, NULL, &out), AUTHLETE_ERR_NULL_ARGUMENT, "request_json NULL");
  CHECK_STATUS(authlete_ciba_authentication_request_json("x", "Basic \xff", NULL, &out), AUTHLETE_ERR_INVALID_ARGUMENT,
               "request_json invalid UTF-8");
  authlete_ciba_issue_response *i = (authlete_ciba_issue_response *)0x1;
  error_body = (char *)0x1;
  status = authlete_client_ciba_issue_fields(client, id, NULL, &i, &error_body);
  CHECK_STATUS(fields_checked(status, i, error_body, "issue_fields"), AUTHLETE_ERR_NULL_ARGUMENT, "issue_fields NULL ticket");
  i = (authlete_ciba_issue_response *)0x1;
  error_body = (char *)0x1;
  status = authlete_client_ciba_issue_fields(client, id, "", &i, &error_body);
  CHECK_STATUS(fields_checked(status, i, error_body, "issue_fields"), AUTHLETE_ERR_INVALID_ARGUMENT, "issue_fields empty ticket");
  const char *complete_bad[][3] = {{"t", "DENIED", "john"}, {"t", "AUTHORIZED", NULL}, {"", "ACCESS_DENIED", NULL}};
  for (size_t k = 0; k < 3; k++) {
    authlete_ciba_complete_response *c = (authlete_ciba_complete_response *)0x1;
    error_body = (char *)0x1;
    status = authlete_client_ciba_complete_fields(client, id, complete_bad[k][0], complete_bad[k][1],
                                                      complete_bad[k][2], NULL, NULL, &c, &error_body);
    CHECK_STATUS(fields_checked(status, c, error_body, "complete_fields"), AUTHLETE_ERR_INVALID_ARGUMENT, complete_bad[k][1]);
  }
  authlete_ciba_complete_response *c = (authlete_ciba_complete_response *)0x1;
  error_body = (char *)0x1;
  status = authlete_client_ciba_complete_fields(client, id, "t", "ACCESS_DENIED", NULL, "d", "relative", &c, &error_body);
  CHECK_STATUS(fields_checked(status, c, error_body, "complete_fields"), AUTHLETE_ERR_INVALID_ARGUMENT, "relative errorUri");
  /* API through a one-step call: Authlete's body in *out_error_body. */
  c = (authlete_ciba_complete_response *)0x1;
  error_body = (char *)0x1;
  status = authlete_client_ciba_complete_fields(client, "no-such-service", "t", "ACCESS_DENIED", NULL, NULL, NULL, &c,
                                                &error_body);
  CHECK_STATUS(status, AUTHLETE_ERR_API, "complete_fields unknown service");
  CHECK(error_body != NULL && error_body != (char *)0x1 && strstr(error_body, "A458203"), "complete_fields: error body");
  fields_checked(status, c, error_body, "complete_fields unknown service");
}

void ciba_paths(void) {
  names();
  parsers();
  hard_service service;
  if (hard_new_service(NULL, &service) != 0) return;
  authlete_client *client = hard_client(&service, NULL);
  authlete_client *form = hard_client(&service, "\"requestEncoding\":\"form\"");
  char config[512];
  snprintf(config, sizeof config, "{\"apiVersion\":2,\"baseUrl\":\"%s\",\"apiKey\":\"%s\",\"apiSecret\":\"%s\"}",
           hard_emulator_url(), service.id, service.secret);
  authlete_client *v2 = NULL;
  CHECK_STATUS(authlete_client_new(config, &v2), AUTHLETE_OK, "v2 client");
  if (client == NULL || form == NULL || v2 == NULL) return;
  authlete_client *clients[] = {client, form, v2};
  const char *kinds[] = {"v3 json", "v3 form", "v2"};
  for (int k = 0; k < 3; k++) {
    for (int one_step = 0; one_step < 2; one_step++) {
      CHECK(hard_flow(clients[k], service.id, one_step, "john"), "the poll flow (%s, %s)", kinds[k],
            one_step ? "one step" : "request JSON");
    }
  }
  push_flow(client, service.id);
  error_actions(client, service.id);
  argument_errors(client, form, &service);
  authlete_client_free(client);
  authlete_client_free(form);
  authlete_client_free(v2);
}
