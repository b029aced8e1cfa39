/*
 * statehost: libauthlete must not change process-wide state. Before the library is even loaded (dlopen, so that
 * the Swift runtime's, libcurl's and OpenSSL's initialisers run inside the measured window) it records every
 * signal's disposition (sigaction), the signal mask, the alternate signal stack, setlocale(LC_ALL, NULL), the umask
 * and the open descriptors; it then makes calls that succeed and calls that fail with every status a call can give
 * (from several threads too), frees everything, and compares. SIGPIPE stays at its default action throughout, so a
 * write to a closed connection that raised it would kill the host. Prints nothing; failures go to $HARD_REPORT.
 *
 *   statehost LIBRARY EMULATOR_URL
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <dlfcn.h>
#include <locale.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "authlete.h"

static int failures;
static void fail(const char *format, ...) {
  const char *path = getenv("HARD_REPORT");
  FILE *out = path ? fopen(path, "a") : stderr;
  if (out != NULL) {
    va_list arguments;
    va_start(arguments, format);
    fputs("FAIL statehost: ", out);
    vfprintf(out, format, arguments);
    fputc('\n', out);
    va_end(arguments);
    if (out != stderr) fclose(out);
  }
  failures++;
}

/* ---- the state ---------------------------------------------------------------------------------------------- */
typedef struct state {
  struct sigaction actions[NSIG];
  int action_results[NSIG];
  sigset_t mask;
  stack_t alternate_stack;
  char locale[512];
  mode_t umask;
  int descriptors;
} state;

static int count_descriptors(void) {
  DIR *directory = opendir("/proc/self/fd");
  int count = 0;
  if (directory == NULL) return -1;
  while (readdir(directory) != NULL) count++;
  closedir(directory);
  return count;
}

static void record(state *s) {
  memset(s, 0, sizeof *s);
  for (int sig = 1; sig < NSIG; sig++) s->action_results[sig] = sigaction(sig, NULL, &s->actions[sig]);
  pthread_sigmask(SIG_SETMASK, NULL, &s->mask);
  sigaltstack(NULL, &s->alternate_stack);
  const char *locale = setlocale(LC_ALL, NULL);
  snprintf(s->locale, sizeof s->locale, "%s", locale ? locale : "(null)");
  s->umask = umask(022);
  umask(s->umask);
  s->descriptors = count_descriptors();
}

/* Member by member: glibc fills only the kernel's part of a sigset_t. */
static int same_set(const sigset_t *a, const sigset_t *b) {
  for (int sig = 1; sig < NSIG; sig++) {
    if (sigismember(a, sig) != sigismember(b, sig)) return 0;
  }
  return 1;
}

static void compare(const state *before, const state *after, int check_descriptors) {
  for (int sig = 1; sig < NSIG; sig++) {
    const struct sigaction *a = &before->actions[sig], *b = &after->actions[sig];
    if (before->action_results[sig] != after->action_results[sig] || a->sa_handler != b->sa_handler ||
        a->sa_flags != b->sa_flags || !same_set(&a->sa_mask, &b->sa_mask)) {
      fail("the disposition of signal %d (%s) changed: result %d -> %d, handler %p -> %p, flags %#x -> %#x", sig,
           strsignal(sig), before->action_results[sig], after->action_results[sig], (void *)(uintptr_t)a->sa_handler,
           (void *)(uintptr_t)b->sa_handler, (unsigned)a->sa_flags, (unsigned)b->sa_flags);
    }
  }
  if (!same_set(&before->mask, &after->mask)) fail("the signal mask changed");
  if (before->alternate_stack.ss_sp != after->alternate_stack.ss_sp ||
      before->alternate_stack.ss_flags != after->alternate_stack.ss_flags) {
    fail("the alternate signal stack changed");
  }
  if (strcmp(before->locale, after->locale) != 0) fail("the locale changed: %s -> %s", before->locale, after->locale);
  if (before->umask != after->umask) fail("the umask changed");
  if (check_descriptors && before->descriptors != after->descriptors) {
    fail("open descriptors: %d before, %d after every client was freed", before->descriptors, after->descriptors);
  }
}

/* ---- the library, through dlopen ------------------------------------------------------------------------------ */
static struct {
  const char *(*version)(void);
  const char *(*last_error)(void);
  void (*free)(void *);
  authlete_status (*request_json)(const char *, const char *, const char *, const char *, char **);
  authlete_status (*client_new)(const char *, authlete_client **);
  void (*client_free)(authlete_client *);
  authlete_status (*client_ciba_fail)(authlete_client *, const char *, const char *, char **);
  authlete_status (*ciba_fail)(const char *, const char *, char **);
  authlete_status (*response_parse)(const char *, authlete_ciba_fail_response **);
  void (*response_free)(authlete_ciba_fail_response *);
} lib;

static int load(const char *path) {
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) {
    fail("dlopen %s: %s", path, dlerror());
    return -1;
  }
#define SYMBOL(field, name) if ((*(void **)&lib.field = dlsym(handle, name)) == NULL) { fail("no %s", name); return -1; }
  SYMBOL(version, "authlete_version");
  SYMBOL(last_error, "authlete_last_error");
  SYMBOL(free, "authlete_free");
  SYMBOL(request_json, "authlete_ciba_fail_request_json");
  SYMBOL(client_new, "authlete_client_new");
  SYMBOL(client_free, "authlete_client_free");
  SYMBOL(client_ciba_fail, "authlete_client_ciba_fail");
  SYMBOL(ciba_fail, "authlete_ciba_fail");
  SYMBOL(response_parse, "authlete_ciba_fail_response_parse");
  SYMBOL(response_free, "authlete_ciba_fail_response_free");
#undef SYMBOL
  return 0;
}

/* ---- the emulator's admin endpoint, over a plain socket (no libcurl before the library loads it) ---------- */
static int port;

static int admin_post(const char *path, const char *body) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
    if (fd >= 0) close(fd);
    return -1;
  }
  char request[1024];
  int length = snprintf(request, sizeof request,
                        "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        "Content-Length: %zu\r\nConnection: close\r\n\r\n%s", path, strlen(body), body);
  int status = -1;
  if (send(fd, request, (size_t)length, MSG_NOSIGNAL) == length) {
    char reply[256] = {0};
    if (recv(fd, reply, sizeof reply - 1, 0) > 12) status = atoi(reply + 9);
  }
  close(fd);
  return status;
}

static const char *service_with(const char *fault, char *id, size_t size) {
  snprintf(id, size, "state-%d-%s", (int)getpid(), fault ? fault : "none");
  for (char *c = id; *c; c++) if (*c == '=' || *c == ',') *c = '_';
  char body[512];
  snprintf(body, sizeof body, "{\"serviceId\":\"%s\",\"tokens\":[\"tok-SECRET-state\"]%s%s%s}", id,
           fault ? ",\"fault\":\"" : "", fault ? fault : "", fault ? "\"" : "");
  if (admin_post("/_emulator/services", body) != 201) fail("creating service %s", id);
  return id;
}

/* ---- calls ---------------------------------------------------------------------------------------------------- */
static char base_url[128];

static void expect(authlete_client *client, const char *service_id, int expected, const char *what) {
  char *out = NULL;
  int status = lib.client_ciba_fail(client, service_id, "{\"ticket\":\"t\",\"reason\":\"ACCESS_DENIED\"}", &out);
  if (status != expected) fail("%s: status %d, expected %d (%s)", what, status, expected, lib.last_error());
  if (strstr(lib.last_error(), "tok-SECRET-state") != NULL) fail("%s: the token is in last_error", what);
  lib.free(out);
}

typedef struct job { authlete_client *client; const char *ok, *protocol; } job;

static void *worker(void *context) {
  job *self = context;
  for (int i = 0; i < 20; i++) {
    expect(self->client, self->ok, AUTHLETE_OK, "thread: ok");
    expect(self->client, self->protocol, AUTHLETE_ERR_PROTOCOL, "thread: non-json");
  }
  return NULL;
}

static void exercise(void) {
  char ok[64], delay[64], non_json[64], close_mid[64], close_early[64], redirect[64], config[512];
  service_with(NULL, ok, sizeof ok);
  service_with("delay=2000", delay, sizeof delay);
  service_with("non-json", non_json, sizeof non_json);
  service_with("close-mid", close_mid, sizeof close_mid);
  service_with("close", close_early, sizeof close_early);
  service_with("redirect", redirect, sizeof redirect);

  (void)lib.version();
  char *json = NULL;
  if (lib.request_json("t", "ACCESS_DENIED", "d", NULL, &json) != AUTHLETE_OK) fail("request_json");
  lib.free(json);
  if (lib.request_json("t", "NOPE", NULL, NULL, &json) != AUTHLETE_ERR_INVALID_ARGUMENT) fail("request_json NOPE");
  authlete_client *client = NULL;
  if (lib.client_new("{\"nope\":1}", &client) != AUTHLETE_ERR_CONFIG) fail("bad config");
  snprintf(config, sizeof config, "{\"baseUrl\":\"%s\",\"token\":\"tok-SECRET-state\",\"timeoutMs\":400,"
           "\"maxRetries\":1}", base_url);
  if (lib.client_new(config, &client) != AUTHLETE_OK) {
    fail("client_new: %s", lib.last_error());
    return;
  }
  expect(client, ok, AUTHLETE_OK, "ok");
  expect(client, "no-such-service", AUTHLETE_ERR_API, "unknown service");
  expect(client, "a/b", AUTHLETE_ERR_INVALID_ARGUMENT, "bad service id");
  expect(client, delay, AUTHLETE_ERR_TIMEOUT, "delay");
  expect(client, non_json, AUTHLETE_ERR_PROTOCOL, "non-json");
  expect(client, close_mid, AUTHLETE_ERR_NETWORK, "close-mid");
  expect(client, close_early, AUTHLETE_ERR_NETWORK, "close");
  expect(client, redirect, AUTHLETE_ERR_API, "redirect");
  expect(client, ok, AUTHLETE_OK, "ok again");
  pthread_t threads[4];
  job jobs[4];
  for (int i = 0; i < 4; i++) {
    jobs[i] = (job){client, ok, non_json};
    pthread_create(&threads[i], NULL, worker, &jobs[i]);
  }
  for (int i = 0; i < 4; i++) pthread_join(threads[i], NULL);
  authlete_client *refused = NULL;
  if (lib.client_new("{\"baseUrl\":\"http://127.0.0.1:1\",\"token\":\"tok-SECRET-state\"}", &refused) == AUTHLETE_OK) {
    expect(refused, "1000", AUTHLETE_ERR_NETWORK, "refused");
    lib.client_free(refused);
  }
  authlete_ciba_fail_response *response = NULL;
  if (lib.response_parse("{\"action\":\"FORBIDDEN\"}", &response) != AUTHLETE_OK) fail("response_parse");
  lib.response_free(response);
  if (lib.response_parse("nope", &response) != AUTHLETE_ERR_PROTOCOL) fail("response_parse nope");
  lib.client_free(client);
}

int main(int argc, char **argv) {
  if (argc != 3) return 2;
  const char *colon = strrchr(argv[2], ':');
  port = colon ? atoi(colon + 1) : 0;
  snprintf(base_url, sizeof base_url, "%s", argv[2]);

  /* A host with state of its own, which the library must leave alone. */
  setlocale(LC_ALL, "C.UTF-8");
  sigset_t blocked;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &blocked, NULL);
  struct sigaction usr1 = {.sa_handler = SIG_IGN};
  sigaction(SIGUSR1, &usr1, NULL);
  umask(027);

  state before, loaded, after;
  record(&before);
  if (load(argv[1]) != 0) return 1;
  record(&loaded);
  compare(&before, &loaded, 0);
  exercise();
  record(&after);
  compare(&before, &after, 0);
  compare(&loaded, &after, 1);
  /* The process-wide client (lives until exit, so descriptors are not compared after it). */
  setenv("AUTHLETE_BASE_URL", base_url, 1);
  setenv("AUTHLETE_BEARER", "tok-SECRET-state", 1);
  char ok[64], *out = NULL;
  service_with(NULL, ok, sizeof ok);
  if (lib.ciba_fail(ok, "{\"reason\":\"SERVER_ERROR\"}", &out) != AUTHLETE_OK) fail("authlete_ciba_fail: %s", lib.last_error());
  lib.free(out);
  record(&after);
  compare(&before, &after, 0);
  return failures ? 1 : 0;
}
