/*
 * `hardhost soak URL CALLS`: CALLS calls in one process on one client, with every 50th call a failure (unknown
 * service: API; a bad request: INVALID_ARGUMENT) and every answer parsed; resident memory is sampled from
 * /proc/self/statm after a warm-up (a tenth of the calls, at least 2,000) and 20 times after it. Growth from the
 * warm-up sample to the largest later sample must stay under 2 MiB.
 */
#define _GNU_SOURCE
#include "modes.h"

#include <stdio.h>
#include <unistd.h>

static long resident_kib(void) {
  FILE *statm = fopen("/proc/self/statm", "r");
  long size = 0, resident = 0;
  if (statm == NULL) return -1;
  if (fscanf(statm, "%ld %ld", &size, &resident) != 2) resident = -1;
  fclose(statm);
  return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

int mode_soak(long calls) {
  hard_service service;
  if (hard_new_service(NULL, &service) != 0) return 1;
  authlete_client *client = hard_client(&service, "\"timeoutMs\":5000");
  if (client == NULL) return 1;
  long warm_up = calls / 10 > 2000 ? calls / 10 : 2000;
  long sample_every = (calls - warm_up) / 20 > 0 ? (calls - warm_up) / 20 : 1;
  long warm_kib = -1, max_kib = -1, end_kib = -1, ok = 0, failed = 0;
  double started = hard_now_ms();
  for (long i = 0; i < calls && hard_failures() < 20; i++) {
    const hard_reason_row *row = &hard_reasons[i % 9];
    char request[160];
    snprintf(request, sizeof request, "{\"ticket\":\"soak-%ld\",\"reason\":\"%s\",\"errorDescription\":\"call %ld\"}",
             i, row->name, i);
    hard_result result;
    if (i % 100 == 49) {
      hard_call(client, "no-such-service", request, &result);
      CHECK_STATUS(result.status, AUTHLETE_ERR_API, "soak: unknown service");
      failed++;
    } else if (i % 100 == 99) {
      hard_call(client, service.id, "{\"reason\":\"NOPE\"}", &result);
      CHECK_STATUS(result.status, AUTHLETE_ERR_INVALID_ARGUMENT, "soak: bad request");
      failed++;
    } else {
      hard_call(client, service.id, request, &result);
      CHECK_STATUS(result.status, AUTHLETE_OK, "soak");
      CHECK(hard_body_http_status(result.body, NULL, 0) == row->http_status, "soak: %s", row->name);
      ok++;
    }
    hard_result_clear(&result);
    long done = i + 1;
    if (done == warm_up) warm_kib = max_kib = resident_kib();
    if (done > warm_up && ((done - warm_up) % sample_every == 0 || done == calls)) {
      end_kib = resident_kib();
      if (end_kib > max_kib) max_kib = end_kib;
    }
  }
  double seconds = (hard_now_ms() - started) / 1000.0;
  long growth = max_kib - warm_kib;
  hard_note("soak calls=%ld ok=%ld failures=%ld seconds=%.1f calls_per_s=%.0f rss_warm_kib=%ld rss_end_kib=%ld "
            "rss_max_kib=%ld growth_kib=%ld", ok + failed, ok, failed, seconds, (double)(ok + failed) / seconds,
            warm_kib, end_kib, max_kib, growth);
  CHECK(ok + failed == calls, "soak: %ld of %ld calls made", ok + failed, calls);
  CHECK(warm_kib > 0 && end_kib > 0, "soak: no RSS samples");
  CHECK(growth < 2048, "soak: RSS grew %ld KiB after warm-up (%ld -> max %ld)", growth, warm_kib, max_kib);
  authlete_client_free(client);
  return hard_failures() ? 1 : 0;
}
