/*
 * Shared by the hardening hosts: a failure report that never goes to stdout/stderr (the tests assert that a host
 * prints nothing, so that anything printed came from the library), monotonic time, the emulator's admin
 * endpoints through libcurl, and a call wrapper that checks libauthlete's conventions after every call
 * (out-parameter rules, last_error never holding a credential).
 */
#ifndef HARD_SUPPORT_H
#define HARD_SUPPORT_H

#include <stddef.h>

#include "authlete.h"

/* Failures go to $HARD_REPORT (appended), else to stderr. The host's exit status is 1 when any failure was noted. */
void hard_fail(const char *file, int line, const char *format, ...) __attribute__((format(printf, 3, 4)));
#define FAIL(...) hard_fail(__FILE__, __LINE__, __VA_ARGS__)
#define CHECK(cond, ...) do { if (!(cond)) FAIL(__VA_ARGS__); } while (0)
#define CHECK_STATUS(got, want, what) \
  CHECK((int)(got) == (int)(want), "%s: status %s, expected %s (last_error: %s)", (what), \
        authlete_status_name((int)(got)), authlete_status_name((int)(want)), authlete_last_error())
int hard_failures(void);
/* A line of figures for the driver ("key=value ..."), to $HARD_REPORT only. */
void hard_note(const char *format, ...) __attribute__((format(printf, 1, 2)));

double hard_now_ms(void);
/* Extra time a bounded call may take beyond its limit: $HARD_MARGIN_MS, default 1500 (valgrind runs give more). */
double hard_margin_ms(void);

/* Credentials registered here are searched for in authlete_last_error() after every hard_call(). */
void hard_secret(const char *secret);
void hard_check_last_error(const char *what);

/* The emulator: base URL "http://127.0.0.1:PORT" and its admin endpoints. */
void hard_emulator_init(const char *base_url);
const char *hard_emulator_url(void);
typedef struct hard_service {
  char id[64];
  char token[96];
  char secret[96];
} hard_service;
/* A fresh service with its own token and API secret (both registered as secrets), optionally with a fault. */
int hard_new_service(const char *fault, hard_service *out);
/* The same with a given token (several services may share one). */
int hard_new_service_token(const char *fault, const char *token, hard_service *out);
/* A new ticket of the service, written to out (at least 64 bytes); 0 on success. */
int hard_new_ticket(const char *service_id, char *out, size_t size);
/* 1 when the ticket still exists, 0 when not, -1 on error. */
int hard_ticket_exists(const char *ticket);
/* The emulator's stats counters; -1 on error. */
long hard_stat(const char *name);

/* A client on the emulator for the service (v3 token) with extra JSON members (e.g. "\"timeoutMs\":500"), or NULL
 * after a noted failure. */
authlete_client *hard_client(const hard_service *service, const char *extra);

/* One authlete_client_ciba_fail call, timed, with the conventions checked: on OK and API *out_json is a string,
 * on any other status it is NULL; last_error is "" after OK and holds no registered secret. */
typedef struct hard_result {
  int status;
  char *body;        /* owned: release with hard_result_clear */
  double ms;
} hard_result;
void hard_call(authlete_client *client, const char *service_id, const char *request, hard_result *result);
void hard_result_clear(hard_result *result);
/* One authlete_client_ciba_fail_fields call, with the same checks; *response is set on OK only (caller frees). */
int hard_call_fields(authlete_client *client, const char *service_id, const char *ticket, const char *reason,
                     const char *description, const char *uri, authlete_ciba_fail_response **response);
/* The four endpoints of the family as the hosts call them with a request JSON (host/endpoints.c). */
typedef authlete_status (*hard_json_call)(authlete_client *, const char *, const char *, char **);
typedef struct hard_endpoint {
  const char *name;                /* as the emulator's on= and stats name it */
  hard_json_call call;
  /* A request the emulator answers on any fresh service with `action` (the default poll client for
   * /backchannel/authentication, an unknown ticket for /issue and /complete) and the HTTP status for the client
   * (-1: the endpoint has none), and the endpoint's server-error action (what `oversized` answers with). */
  const char *request;
  const char *action;
  int http_status;
  const char *server_error_action;
} hard_endpoint;
enum { HARD_FAIL, HARD_AUTHENTICATION, HARD_ISSUE, HARD_COMPLETE, HARD_ENDPOINTS };
extern const hard_endpoint hard_endpoints[HARD_ENDPOINTS];
/* hard_call for any endpoint. */
void hard_call_endpoint(const hard_endpoint *endpoint, authlete_client *client, const char *service_id,
                        const char *request, hard_result *result);
/* An OK body parsed by the endpoint's parser: the action's name (NULL when it does not parse) and the HTTP status
 * for the client (-1 for /complete). */
const char *hard_body_action(const hard_endpoint *endpoint, const char *body, int *http_status);
/* The Basic header of the emulator's default poll client (9007199254740993:poll-secret). */
extern const char hard_poll_client_basic[];

/* The action's HTTP status parsed from an OK body (0 when it does not parse), and responseContent's "error". */
int hard_body_http_status(const char *body, char *error, size_t error_size);

/* The facts table: reason name -> error -> HTTP status the AS answers (../shared/authlete-ciba-fail.md). */
typedef struct hard_reason_row {
  const char *name;
  authlete_ciba_fail_reason value;
  const char *error;
  authlete_ciba_fail_action action;
  int http_status;
} hard_reason_row;
extern const hard_reason_row hard_reasons[9];

#endif
