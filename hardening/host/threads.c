/*
 * `hardhost threads URL [CALLS]`: 8 threads share one client, each making CALLS successful fail calls (every reason,
 * alternately through authlete_client_ciba_fail and authlete_client_ciba_fail_fields) and checking every answer;
 * then 8 threads share another client, each making CALLS / 2 whole flows (/backchannel/authentication, /issue,
 * /complete: CALLS / 2 calls of each endpoint per thread, alternately by request JSON and in one step), every
 * answer exact; each over at most 8 connections; then the concurrent fault matrix of every endpoint. The
 * ThreadSanitizer leg runs this.
 */
#define _GNU_SOURCE
#include "modes.h"

#include <pthread.h>
#include <stdio.h>

enum { THREADS = 8 };

typedef struct job {
  authlete_client *client;
  const hard_service *service;
  int index, calls, ok;
} job;

static void *worker(void *context) {
  job *self = context;
  for (int i = 0; i < self->calls; i++) {
    const hard_reason_row *row = &hard_reasons[(i + self->index) % 9];
    char request[160];
    snprintf(request, sizeof request, "{\"ticket\":\"thr-%d-%d\",\"reason\":\"%s\"}", self->index, i, row->name);
    if (i % 2 == 1) { /* every other call through authlete_client_ciba_fail_fields */
      authlete_ciba_fail_response *response = NULL;
      CHECK_STATUS(hard_call_fields(self->client, self->service->id, "thr", row->name, NULL, NULL, &response),
                   AUTHLETE_OK, "threads: fields");
      if (response != NULL && authlete_ciba_fail_response_http_status(response) == row->http_status) self->ok++;
      authlete_ciba_fail_response_free(response);
      continue;
    }
    hard_result result;
    hard_call(self->client, self->service->id, request, &result);
    CHECK_STATUS(result.status, AUTHLETE_OK, "threads");
    if (result.status == AUTHLETE_OK && hard_body_http_status(result.body, NULL, 0) == row->http_status) self->ok++;
    hard_result_clear(&result);
  }
  return NULL;
}

static void *flow_worker(void *context) {
  job *self = context;
  for (int i = 0; i < self->calls; i++) {
    char user[32];
    snprintf(user, sizeof user, "user-%d-%d", self->index, i);
    self->ok += hard_flow(self->client, self->service->id, (i + self->index) % 2, user);
  }
  return NULL;
}

/* 8 threads x `flows` whole flows on one client, every answer exact, at most 8 connections. */
static void flows_on_one_client(int flows) {
  hard_service service;
  if (hard_new_service(NULL, &service) != 0) return;
  authlete_client *client = hard_client(&service, "\"timeoutMs\":10000");
  if (client == NULL) return;
  long before = hard_stat("connections");
  pthread_t threads[THREADS];
  job jobs[THREADS];
  for (int i = 0; i < THREADS; i++) {
    jobs[i] = (job){client, &service, i, flows, 0};
    if (pthread_create(&threads[i], NULL, flow_worker, &jobs[i]) != 0) FAIL("pthread_create");
  }
  int ok = 0;
  for (int i = 0; i < THREADS; i++) {
    pthread_join(threads[i], NULL);
    ok += jobs[i].ok;
  }
  long opened = hard_stat("connections") - before - 1;
  hard_note("flow-threads threads=%d flows=%d ok=%d calls=%d connections=%ld", THREADS, THREADS * flows, ok,
            3 * THREADS * flows, opened);
  CHECK(ok == THREADS * flows, "flow threads: %d of %d flows answered as expected", ok, THREADS * flows);
  CHECK(opened >= 1 && opened <= THREADS, "flow threads: %ld connections for %d threads", opened, THREADS);
  authlete_client_free(client);
}

int mode_threads(int calls_per_thread) {
  hard_service service;
  if (hard_new_service(NULL, &service) != 0) return 1;
  authlete_client *client = hard_client(&service, "\"timeoutMs\":10000");
  if (client == NULL) return 1;
  long before = hard_stat("connections");
  pthread_t threads[THREADS];
  job jobs[THREADS];
  for (int i = 0; i < THREADS; i++) {
    jobs[i] = (job){client, &service, i, calls_per_thread, 0};
    if (pthread_create(&threads[i], NULL, worker, &jobs[i]) != 0) FAIL("pthread_create");
  }
  int ok = 0;
  for (int i = 0; i < THREADS; i++) {
    pthread_join(threads[i], NULL);
    ok += jobs[i].ok;
  }
  long opened = hard_stat("connections") - before - 1;
  hard_note("threads threads=%d calls=%d ok=%d connections=%ld", THREADS, THREADS * calls_per_thread, ok, opened);
  CHECK(ok == THREADS * calls_per_thread, "threads: %d of %d calls answered as expected", ok, THREADS * calls_per_thread);
  CHECK(opened >= 1 && opened <= THREADS, "threads: %ld connections for %d threads", opened, THREADS);
  authlete_client_free(client);
  flows_on_one_client(calls_per_thread / 2);
  fault_matrix_concurrent();
  return hard_failures() ? 1 : 0;
}
