/* backchannel-server: the rejection path of a CIBA backchannel authentication endpoint, in C on libmicrohttpd.
 *
 *   POST /backchannel/authentication   (application/x-www-form-urlencoded)
 *     login_hint, user_code, binding_message: checked against the user table (users.txt)
 *     ticket: the ticket Authlete's /backchannel/authentication issued for this request
 *
 * A request that fails a check is rejected through libauthlete (Authlete deletes the ticket) and answered with
 * Authlete's responseContent and the action's HTTP status. Worker threads share one authlete_client.
 * Configuration of the client comes from the environment (AUTHLETE_BASE_URL, AUTHLETE_BEARER, ...). */
#define _POSIX_C_SOURCE 200809L
#include <authlete.h>
#include <microhttpd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "form.h"
#include "policy.h"
#include "reject.h"
#include "users.h"

#define ENDPOINT "/backchannel/authentication"
#define MAX_BODY (16 * 1024)

static const char USAGE[] =
    "usage: backchannel-server [--port N] [--users FILE] [--service-id ID] [--threads N]\n"
    "  Serves POST " ENDPOINT " on 127.0.0.1:N (default 8080; 0 picks a free port) and prints\n"
    "  {\"event\":\"listening\",\"host\":\"127.0.0.1\",\"port\":N} on stdout when ready. Stops on SIGINT or SIGTERM.\n"
    "  --users FILE       the user table (default users.txt)\n"
    "  --service-id ID    the Authlete service (default $AUTHLETE_SERVICE_APIKEY)\n"
    "  --threads N        worker threads (default 8)\n"
    "  The client is configured from the environment: AUTHLETE_BASE_URL, AUTHLETE_BEARER (or\n"
    "  AUTHLETE_SERVICE_ACCESSTOKEN), AUTHLETE_API_VERSION, AUTHLETE_SERVICE_APIKEY, AUTHLETE_SERVICE_APISECRET,\n"
    "  AUTHLETE_TIMEOUT_MS.\n";

typedef struct server {
  authlete_client *client; /* shared by every worker thread: the library makes this safe */
  const char *service_id;
  user_table users;
} server;

/* One request's body as it arrives. */
typedef struct upload {
  char *data;
  size_t length;
  int too_large;
} upload;

static enum MHD_Result send_json(struct MHD_Connection *connection, unsigned int status, const char *body) {
  struct MHD_Response *response =
      MHD_create_response_from_buffer(strlen(body), (void *)(uintptr_t)body, MHD_RESPMEM_MUST_COPY);
  if (response == NULL) return MHD_NO;
  /* The headers CIBA and Authlete require on every answer of this endpoint. */
  enum MHD_Result ok = MHD_add_response_header(response, "Content-Type", "application/json;charset=UTF-8");
  if (ok == MHD_YES) ok = MHD_add_response_header(response, "Cache-Control", "no-store");
  if (ok == MHD_YES) ok = MHD_add_response_header(response, "Pragma", "no-cache");
  if (ok == MHD_YES && status == MHD_HTTP_METHOD_NOT_ALLOWED) ok = MHD_add_response_header(response, "Allow", "POST");
  if (ok == MHD_YES) ok = MHD_queue_response(connection, status, response);
  MHD_destroy_response(response);
  return ok;
}

static int is_form(struct MHD_Connection *connection) {
  const char *type = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
  static const char form[] = "application/x-www-form-urlencoded";
  return type != NULL && strncasecmp(type, form, sizeof form - 1) == 0 &&
         (type[sizeof form - 1] == '\0' || type[sizeof form - 1] == ';' || type[sizeof form - 1] == ' ');
}

/* Decides and answers a complete request. */
static enum MHD_Result answer(server *s, struct MHD_Connection *connection, const upload *body) {
  if (body->too_large) return send_json(connection, 413, "{\"error\":\"invalid_request\"}");
  if (!is_form(connection)) return send_json(connection, 400, "{\"error\":\"invalid_request\"}");
  static const char *const names[] = {"login_hint", "user_code", "binding_message", "ticket"};
  char *values[4] = {NULL, NULL, NULL, NULL};
  int malformed = 0;
  for (size_t i = 0; i < 4; i++)
    if (form_value(body->data ? body->data : "", body->length, names[i], &values[i]) < 0) malformed = 1;
  enum MHD_Result result;
  if (malformed) {
    result = send_json(connection, 400, "{\"error\":\"invalid_request\"}");
  } else {
    verdict v = policy_decide(&s->users, values[0], values[1], values[2]);
    if (v.reject) {
      reply r;
      reject_request(s->client, s->service_id, values[3], v.reason, v.description, &r);
      result = send_json(connection, r.http_status, r.body);
      reply_free(&r);
    } else {
      /* Accepting means calling /backchannel/authentication/issue, which this sample does not cover. */
      result = send_json(connection, 501,
                         "{\"error\":\"not_implemented\",\"error_description\":\"this sample only rejects\"}");
    }
  }
  for (size_t i = 0; i < 4; i++) free(values[i]);
  return result;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **request_state) {
  (void)version;
  upload *body = *request_state;
  if (body == NULL) { /* first call: headers only */
    if (strcmp(url, ENDPOINT) != 0) return send_json(connection, 404, "{\"error\":\"not_found\"}");
    if (strcmp(method, "POST") != 0) return send_json(connection, 405, "{\"error\":\"method_not_allowed\"}");
    body = calloc(1, sizeof *body);
    if (body == NULL) return MHD_NO;
    *request_state = body;
    return MHD_YES;
  }
  if (*upload_data_size != 0) { /* a piece of the body: keep it, or just count it once over the limit */
    size_t piece = *upload_data_size;
    *upload_data_size = 0;
    if (body->too_large || body->length + piece > MAX_BODY) {
      body->too_large = 1;
      return MHD_YES;
    }
    char *grown = realloc(body->data, body->length + piece + 1);
    if (grown == NULL) return MHD_NO;
    memcpy(grown + body->length, upload_data, piece);
    body->data = grown;
    body->length += piece;
    body->data[body->length] = '\0';
    return MHD_YES;
  }
  return answer(cls, connection, body);
}

static void on_completed(void *cls, struct MHD_Connection *connection, void **request_state,
                         enum MHD_RequestTerminationCode code) {
  (void)cls, (void)connection, (void)code;
  upload *body = *request_state;
  if (body != NULL) free(body->data);
  free(body);
  *request_state = NULL;
}

/* Parses a whole number in [min, max]; -1 when it is not one. */
static long parse_number(const char *text, long min, long max) {
  char *end = NULL;
  long value = text && *text ? strtol(text, &end, 10) : -1;
  return (end && *end == '\0' && value >= min && value <= max) ? value : -1;
}

int main(int argc, char **argv) {
  long port = 8080, threads = 8;
  const char *users_path = "users.txt";
  server s = {NULL, getenv("AUTHLETE_SERVICE_APIKEY"), {NULL, 0}};
  for (int i = 1; i < argc; i++) {
    const char *value = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(USAGE, stdout);
      return 0;
    } else if (strcmp(argv[i], "--port") == 0 && value && (port = parse_number(value, 0, 65535)) >= 0) {
      i++;
    } else if (strcmp(argv[i], "--threads") == 0 && value && (threads = parse_number(value, 1, 256)) >= 1) {
      i++;
    } else if (strcmp(argv[i], "--users") == 0 && value) {
      users_path = argv[++i];
    } else if (strcmp(argv[i], "--service-id") == 0 && value) {
      s.service_id = argv[++i];
    } else {
      fprintf(stderr, "backchannel-server: bad argument '%s'\n%s", argv[i], USAGE);
      return 64;
    }
  }
  if (s.service_id == NULL) {
    fprintf(stderr, "backchannel-server: give --service-id or set AUTHLETE_SERVICE_APIKEY\n");
    return 64;
  }

  char error[512];
  if (user_table_load(users_path, &s.users, error, sizeof error) != 0) {
    fprintf(stderr, "backchannel-server: %s\n", error);
    return 66;
  }
  authlete_status status = authlete_client_new(NULL, &s.client);
  if (status != AUTHLETE_OK) {
    snprintf(error, sizeof error, "%s", authlete_last_error()); /* before any other libauthlete call */
    fprintf(stderr, "backchannel-server: configuring libauthlete: %s: %s\n", authlete_status_name((int)status), error);
    user_table_free(&s.users);
    return 78;
  }

  /* Signals are taken by sigwait() in this thread only: block them before MHD starts its threads. */
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  signal(SIGPIPE, SIG_IGN);

  struct sockaddr_in address;
  memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_port = htons((uint16_t)port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* a sample: never reachable from other hosts */
  struct MHD_Daemon *daemon = MHD_start_daemon(
      MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, &s,
      MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&address, MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)threads,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
      MHD_OPTION_END);
  int exit_code = 0;
  if (daemon == NULL) {
    fprintf(stderr, "backchannel-server: cannot listen on 127.0.0.1:%ld\n", port);
    exit_code = 69;
  } else {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    printf("{\"event\":\"listening\",\"host\":\"127.0.0.1\",\"port\":%u}\n", info ? (unsigned)info->port : 0u);
    fflush(stdout);
    int signal_number = 0;
    sigwait(&stop, &signal_number);
    fprintf(stderr, "backchannel-server: stopping (signal %d)\n", signal_number);
    MHD_stop_daemon(daemon); /* waits for the workers: nothing uses the client after this */
  }
  authlete_client_free(s.client);
  user_table_free(&s.users);
  return exit_code;
}
