/*
 * `hardhost fork URL`: a prefork server's life. The parent makes a client and a call (one connection), then forks
 * two children; each child makes its calls on the inherited client (the library sees the new pid and opens fresh
 * connections, leaving the parent's alone) while the parent keeps calling on its own connection. All calls must
 * succeed, and the emulator must have accepted exactly 3 connections: the parent's and one per child.
 */
#define _GNU_SOURCE
#include "modes.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { CHILDREN = 2, CALLS = 20 };

static void calls(authlete_client *client, const hard_service *service, const char *who) {
  for (int i = 0; i < CALLS; i++) {
    const hard_reason_row *row = &hard_reasons[(i + (int)getpid()) % 9];
    char request[128];
    snprintf(request, sizeof request, "{\"ticket\":\"fork-%d\",\"reason\":\"%s\"}", i, row->name);
    hard_result result;
    hard_call(client, service->id, request, &result);
    CHECK_STATUS(result.status, AUTHLETE_OK, who);
    CHECK(hard_body_http_status(result.body, NULL, 0) == row->http_status, "%s: %s", who, row->name);
    hard_result_clear(&result);
  }
}

int mode_fork(void) {
  hard_service service;
  if (hard_new_service(NULL, &service) != 0) return 1;
  long before = hard_stat("connections"); /* this query's own connection is counted in it */
  authlete_client *client = hard_client(&service, "\"timeoutMs\":10000");
  if (client == NULL) return 1;
  hard_result result;
  hard_call(client, service.id, "{\"ticket\":\"before-fork\",\"reason\":\"ACCESS_DENIED\"}", &result);
  CHECK_STATUS(result.status, AUTHLETE_OK, "parent before fork");
  hard_result_clear(&result);

  pid_t children[CHILDREN];
  for (int c = 0; c < CHILDREN; c++) {
    children[c] = fork();
    if (children[c] < 0) {
      FAIL("fork");
      return 1;
    }
    if (children[c] == 0) {
      calls(client, &service, "child");
      authlete_client_free(client);
      _exit(hard_failures() ? 1 : 0);
    }
  }
  calls(client, &service, "parent after fork");

  double deadline = hard_now_ms() + 60000;
  for (int c = 0; c < CHILDREN; c++) {
    int status = 0;
    pid_t done = 0;
    while ((done = waitpid(children[c], &status, WNOHANG)) == 0 && hard_now_ms() < deadline) {
      struct timespec pause = {0, 10 * 1000 * 1000};
      nanosleep(&pause, NULL);
    }
    if (done == 0) {
      kill(children[c], SIGKILL);
      waitpid(children[c], &status, 0);
      FAIL("child %d did not finish within 60 s", (int)children[c]);
    } else {
      CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d failed (status %d)", (int)children[c], status);
    }
  }
  calls(client, &service, "parent after the children");
  long opened = hard_stat("connections") - before - 1; /* minus the second query's own connection */
  hard_note("fork children=%d calls_per_process=%d connections=%ld", CHILDREN, CALLS, opened);
  CHECK(opened == 1 + CHILDREN, "the emulator accepted %ld connections, expected %d (parent + one per child)",
        opened, 1 + CHILDREN);
  authlete_client_free(client);
  return hard_failures() ? 1 : 0;
}
