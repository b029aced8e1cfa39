/* Benchmark client on libauthlete: one authlete_client shared by every thread. Per call: build the request, POST it,
 * parse the answer and read the action, with authlete_client_ciba_fail_fields (or the three-call JSON path). */
#include <authlete.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

/* Set once before the threads start (HOST_PATH=json selects the three-call path). */
static int host_json_path;

static void *host_shared_new(const bench_args *args, int *ok) {
  const char *path = getenv("HOST_PATH");
  host_json_path = path != NULL && strcmp(path, "json") == 0;
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

/* The three-call path: request JSON, POST, parse (for callers that keep Authlete's body). */
static int host_call_json(void *shared, const bench_args *args, authlete_ciba_fail_response **response) {
  char *request = NULL, *answer = NULL;
  authlete_status status = authlete_ciba_fail_request_json(args->ticket, "ACCESS_DENIED", NULL, NULL, &request);
  if (status == AUTHLETE_OK) status = authlete_client_ciba_fail(shared, args->service, request, &answer);
  if (status == AUTHLETE_OK) status = authlete_ciba_fail_response_parse(answer, response);
  authlete_free(answer);
  authlete_free(request);
  return (int)status;
}

/* Per call: the one-step call by default (fields in, parsed answer out); HOST_PATH=json in the environment measures
 * the three-call path instead. */
static int host_call(void *shared, void *state, const bench_args *args) {
  (void)state;
  authlete_ciba_fail_response *response = NULL;
  int result = 1;
  authlete_status status =
      host_json_path ? (authlete_status)host_call_json(shared, args, &response)
                : authlete_client_ciba_fail_fields(shared, args->service, args->ticket, "ACCESS_DENIED", NULL, NULL,
                                                   &response, NULL);
  if (status == AUTHLETE_OK)
    result = authlete_ciba_fail_response_action(response) == AUTHLETE_CIBA_FAIL_ACTION_FORBIDDEN ? 0 : 1;
  else
    fprintf(stderr, "host: %s: %s\n", authlete_status_name(status), authlete_last_error());
  authlete_ciba_fail_response_free(response);
  return result;
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
