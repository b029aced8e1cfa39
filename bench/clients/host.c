/* Benchmark client on libauthlete: one authlete_client shared by every thread. Per call (--call, see driver.h): build
 * the request, POST it, parse the answer and read it, with the library's one-step calls or the three-call path. */
#include <authlete.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

static void *host_shared_new(const bench_args *args, int *ok) {
  /* The configuration is JSON; the bench's URL, token and CA path need no escaping (checked here). */
  const char *ca = args->ca_file;
  if (strpbrk(args->url, "\"\\") != NULL || strpbrk(args->token, "\"\\") != NULL ||
      (ca != NULL && strpbrk(ca, "\"\\") != NULL)) {
    *ok = 0;
    return NULL;
  }
  char config[2048];
  int length = snprintf(config, sizeof config, "{\"baseUrl\":\"%s\",\"token\":\"%s\"%s%s%s}", args->url, args->token,
                        ca ? ",\"caFile\":\"" : "", ca ? ca : "", ca ? "\"" : "");
  authlete_client *client = NULL;
  if (length < 0 || (size_t)length >= sizeof config || authlete_client_new(config, &client) != AUTHLETE_OK) {
    fprintf(stderr, "host: authlete_client_new: %s\n", authlete_last_error());
    *ok = 0;
    return NULL;
  }
  *ok = 1;
  return client;
}

static void host_shared_free(void *shared) { authlete_client_free(shared); }

/* No per-thread state: the client is shared. A non-NULL token marks success. */
static void *host_thread_new(void *shared, const bench_args *args) {
  (void)args;
  return shared;
}

static void host_thread_free(void *state) { (void)state; }

static int host_failed(authlete_status status) {
  fprintf(stderr, "host: %s: %s\n", authlete_status_name(status), authlete_last_error());
  return 1;
}

/* /fail: the one-step call (fields in, parsed answer out), or the three-call path (request JSON, POST, parse) for
 * callers that keep Authlete's body. */
static int host_fail(authlete_client *client, const bench_args *args) {
  authlete_ciba_fail_response *response = NULL;
  authlete_status status;
  if (args->call == BENCH_CALL_FAIL_JSON) {
    char *request = NULL, *answer = NULL;
    status = authlete_ciba_fail_request_json(args->ticket, "ACCESS_DENIED", NULL, NULL, &request);
    if (status == AUTHLETE_OK) status = authlete_client_ciba_fail(client, args->service, request, &answer);
    if (status == AUTHLETE_OK) status = authlete_ciba_fail_response_parse(answer, &response);
    authlete_free(answer);
    authlete_free(request);
  } else {
    status = authlete_client_ciba_fail_fields(client, args->service, args->ticket, "ACCESS_DENIED", NULL, NULL,
                                              &response, NULL);
  }
  if (status != AUTHLETE_OK) return host_failed(status);
  int result = authlete_ciba_fail_response_action(response) == AUTHLETE_CIBA_FAIL_ACTION_FORBIDDEN ? 0 : 1;
  authlete_ciba_fail_response_free(response);
  return result;
}

/* Every element of a string array is present. */
static int host_all_present(const authlete_ciba_authentication_response *r, size_t count,
                            const char *(*element)(const authlete_ciba_authentication_response *, size_t)) {
  for (size_t i = 0; i < count; i++)
    if (element(r, i) == NULL) return 0;
  return count > 0;
}

/* /backchannel/authentication in one step, then what an endpoint reads to identify the user. */
static int host_authentication(authlete_client *client, const bench_args *args) {
  authlete_ciba_authentication_response *r = NULL;
  authlete_status status = authlete_client_ciba_authentication_fields(client, args->service, BENCH_PARAMETERS,
                                                                      BENCH_AUTHORIZATION, NULL, &r, NULL);
  if (status != AUTHLETE_OK) return host_failed(status);
  int ok = authlete_ciba_authentication_response_action(r) == AUTHLETE_CIBA_AUTHENTICATION_ACTION_USER_IDENTIFICATION &&
           authlete_ciba_authentication_response_ticket(r) != NULL &&
           authlete_ciba_authentication_response_client_id(r) == BENCH_CLIENT_ID &&
           authlete_ciba_authentication_response_client_name(r) != NULL &&
           authlete_ciba_authentication_response_delivery_mode(r) == AUTHLETE_CIBA_DELIVERY_MODE_POLL &&
           host_all_present(r, authlete_ciba_authentication_response_scope_count(r),
                            authlete_ciba_authentication_response_scope) &&
           host_all_present(r, authlete_ciba_authentication_response_claim_name_count(r),
                            authlete_ciba_authentication_response_claim_name) &&
           host_all_present(r, authlete_ciba_authentication_response_acr_count(r),
                            authlete_ciba_authentication_response_acr) &&
           authlete_ciba_authentication_response_hint_type(r) == AUTHLETE_CIBA_HINT_TYPE_LOGIN_HINT &&
           authlete_ciba_authentication_response_hint(r) != NULL &&
           authlete_ciba_authentication_response_binding_message(r) != NULL &&
           authlete_ciba_authentication_response_user_code(r) != NULL &&
           authlete_ciba_authentication_response_user_code_required(r) == 1 &&
           authlete_ciba_authentication_response_requested_expiry(r) == 300;
  authlete_ciba_authentication_response_free(r);
  return ok ? 0 : 1;
}

static int host_call(void *shared, void *state, const bench_args *args) {
  (void)state;
  return args->call == BENCH_CALL_AUTHENTICATION ? host_authentication(shared, args) : host_fail(shared, args);
}

int main(int argc, char **argv) {
  static const bench_ops ops = {.name = "c-libauthlete",
                                .shared_new = host_shared_new,
                                .shared_free = host_shared_free,
                                .thread_new = host_thread_new,
                                .thread_free = host_thread_free,
                                .call = host_call};
  return bench_main(argc, argv, &ops);
}
