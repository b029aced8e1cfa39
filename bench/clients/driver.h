/* The benchmark driver shared by the C clients: arguments, the cold call, the timed loop on N threads, the
 * figures (calls/s, latency percentiles, CPU per call, peak RSS, cold start) printed as one JSON line.
 *
 * A client supplies the work of one call (build the request, POST it, parse the answer) through bench_ops. */
#ifndef BENCH_DRIVER_H
#define BENCH_DRIVER_H

#include <stddef.h>

/* The work of one call (--call):
 *   fail            /fail from a ticket and a reason; the action read (libauthlete: the one-step call)
 *   fail-json       the same through libauthlete's three-call JSON path (request JSON, POST, parse); raw: as fail
 *   authentication  /backchannel/authentication from the client's form body and its Basic header; from the ~1.5 KB
 *                   answer, the members an endpoint reads to identify the user (host.c and raw.c read the same) */
typedef enum bench_call { BENCH_CALL_FAIL, BENCH_CALL_FAIL_JSON, BENCH_CALL_AUTHENTICATION } bench_call;

/* What the client of the authorization server sent: its form body and its Authorization header, whose
 * credentials are "26862190133482:bench-secret". */
#define BENCH_PARAMETERS                                                                                          \
  "login_hint=john&scope=openid%20profile%20email&binding_message=W4SCT&user_code=my-user-code"                 \
  "&requested_expiry=300&acr_values=urn%3Amace%3Aincommon%3Aiap%3Asilver"
#define BENCH_AUTHORIZATION "Basic MjY4NjIxOTAxMzM0ODI6YmVuY2gtc2VjcmV0"
#define BENCH_CLIENT_ID 26862190133482LL

typedef struct bench_args {
  const char *url;     /* base URL, e.g. http://127.0.0.1:8080 (no trailing slash) */
  const char *token;   /* v3 bearer token */
  const char *ca_file; /* CA certificates trusted for an https URL (NULL: the system's) */
  const char *service; /* service id */
  const char *ticket;  /* ticket sent in every call */
  int threads;         /* threads in the timed loop */
  double seconds;      /* the timed loop ends after this long ... */
  long max_calls;      /* ... or after this many calls per thread, whichever comes first */
  long long t0_ns;     /* CLOCK_MONOTONIC when the harness started this process (0: unknown) */
  bench_call call;     /* which work one call does */
} bench_args;

typedef struct bench_ops {
  const char *name;
  /* State shared by every thread (e.g. one library client); may return NULL when there is none. Sets *ok. */
  void *(*shared_new)(const bench_args *args, int *ok);
  void (*shared_free)(void *shared);
  /* Per-thread state (e.g. one reused curl easy handle); NULL means failure. */
  void *(*thread_new)(void *shared, const bench_args *args);
  void (*thread_free)(void *state);
  /* One call; 0 when Authlete's answer parsed and its action was FORBIDDEN, else non-zero. */
  int (*call)(void *shared, void *state, const bench_args *args);
} bench_ops;

/* Parses argv, runs one cold call then the timed loop, prints the JSON line; returns the exit status. */
int bench_main(int argc, char **argv, const bench_ops *ops);

#endif
