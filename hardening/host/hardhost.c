/*
 * hardhost: the C test host of the hardening legs (ASan+UBSan, TSan, valgrind, fault matrix, soak, fork).
 * It prints nothing on stdout or stderr (failures and figures go to $HARD_REPORT), so that a test can assert that
 * anything printed came from the library.
 *
 *   hardhost paths   EMULATOR_URL            every path once (names, requests, responses, config, calls, faults)
 *   hardhost faults  EMULATOR_URL            the fault matrix, sequential then 8 threads on one client
 *   hardhost threads EMULATOR_URL [CALLS]    8 threads x CALLS calls on one client, then the concurrent matrix
 *   hardhost soak    EMULATOR_URL CALLS      CALLS calls in one process, resident memory flat after warm-up
 *   hardhost fork    EMULATOR_URL            prefork: calls in the parent and in two children
 *   hardhost call    CONFIG SERVICE REQUEST  one call; exit status = the authlete_status (TLS tests)
 * Exit status: 0 when every check held, 1 otherwise, 2 on bad usage.
 */
#define _GNU_SOURCE
#include "modes.h"

#include <stdlib.h>
#include <string.h>

static int call_once(const char *config, const char *service_id, const char *request) {
  const char *secrets = getenv("HARD_SECRETS"); /* comma-separated */
  if (secrets != NULL) {
    char *copy = strdup(secrets), *state = NULL;
    for (char *item = strtok_r(copy, ",", &state); item; item = strtok_r(NULL, ",", &state)) hard_secret(item);
    free(copy);
  }
  authlete_client *client = NULL;
  int status = authlete_client_new(config, &client);
  hard_check_last_error("call: client_new");
  if (status != AUTHLETE_OK) {
    hard_note("call status=%s last_error=%s", authlete_status_name(status), authlete_last_error());
    return hard_failures() ? 100 : status;
  }
  hard_result result;
  hard_call(client, service_id, request, &result);
  hard_note("call status=%s last_error=%s", authlete_status_name(result.status), authlete_last_error());
  hard_result_clear(&result);
  authlete_client_free(client);
  return hard_failures() ? 100 : result.status;
}

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  const char *mode = argv[1];
  if (strcmp(mode, "call") == 0) return argc == 5 ? call_once(argv[2], argv[3], argv[4]) : 2;
  hard_emulator_init(argv[2]);
  if (strcmp(mode, "paths") == 0) return mode_paths();
  if (strcmp(mode, "faults") == 0) return mode_faults();
  if (strcmp(mode, "threads") == 0) return mode_threads(argc > 3 ? atoi(argv[3]) : 200);
  if (strcmp(mode, "soak") == 0 && argc > 3) return mode_soak(atol(argv[3]));
  if (strcmp(mode, "fork") == 0) return mode_fork();
  return 2;
}
