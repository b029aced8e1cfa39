/* backchannel-server: a CIBA backchannel authentication endpoint in C on libmicrohttpd, with a simulated
 * authentication device. The request handling is in endpoint.c; this file is the HTTP server around it.
 *
 *   POST /backchannel/authentication   the client's request (application/x-www-form-urlencoded, its Authorization
 *                                      header): libauthlete's flow object answers it (200 with auth_req_id, or the
 *                                      error Authlete or the user store's checks gave)
 *   POST /device/decide                the simulated device (form: auth_req_id, decision=approve|deny|fail):
 *                                      /complete, then the ping/push notification
 *
 * Worker threads share one authlete_client. Its configuration comes from the environment (AUTHLETE_BASE_URL,
 * AUTHLETE_BEARER, ...). */
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

#include "endpoint.h"
#include "form.h"

#define ENDPOINT "/backchannel/authentication"
#define DEVICE "/device/decide"
#define MAX_BODY (16 * 1024)

static const char USAGE[] =
    "usage: backchannel-server [--port N] [--users FILE] [--service-id ID] [--threads N]\n"
    "  Serves POST " ENDPOINT " and POST " DEVICE " on 127.0.0.1:N (default 8080; 0 picks a free port) and prints\n"
    "  {\"event\":\"listening\",\"host\":\"127.0.0.1\",\"port\":N} on stdout when ready. Stops on SIGINT or SIGTERM.\n"
    "  --users FILE       the user store (default users.txt)\n"
    "  --service-id ID    the Authlete service (default $AUTHLETE_SERVICE_APIKEY)\n"
    "  --threads N        worker threads (default 8)\n"
    "  The client is configured from the environment: AUTHLETE_BASE_URL, AUTHLETE_BEARER (or\n"
    "  AUTHLETE_SERVICE_ACCESSTOKEN), AUTHLETE_API_VERSION, AUTHLETE_SERVICE_APIKEY, AUTHLETE_SERVICE_APISECRET,\n"
    "  AUTHLETE_TIMEOUT_MS.\n";

/* One request's body as it arrives. */
typedef struct upload {
  char *data;
  size_t length;
  int too_large;
} upload;

/* Queues an answer: status, the headers given (name, value pairs) and body. */
static enum MHD_Result send_answer(struct MHD_Connection *connection, unsigned int status, const char *body,
                                   const char *const *headers, size_t header_count) {
  struct MHD_Response *response =
      MHD_create_response_from_buffer(strlen(body), (void *)(uintptr_t)body, MHD_RESPMEM_MUST_COPY);
  if (response == NULL) return MHD_NO;
  enum MHD_Result ok = MHD_YES;
  for (size_t i = 0; ok == MHD_YES && i < header_count; i++)
    ok = MHD_add_response_header(response, headers[2 * i], headers[2 * i + 1]);
  if (ok == MHD_YES) ok = MHD_queue_response(connection, status, response);
  MHD_destroy_response(response);
  return ok;
}

/* The sample's own answers carry the headers CIBA and Authlete require on every answer of the endpoint. */
static enum MHD_Result send_json(struct MHD_Connection *connection, unsigned int status, const char *body) {
  static const char *const headers[] = {"Content-Type", "application/json;charset=UTF-8", "Cache-Control", "no-store",
                                        "Pragma", "no-cache", "Allow", "POST"};
  return send_answer(connection, status, body, headers, status == MHD_HTTP_METHOD_NOT_ALLOWED ? 4 : 3);
}

/* Room for the flow's headers: it gives at most five (Content-Type, Cache-Control, Pragma, WWW-Authenticate,
 * OAuth-Client-Attestation-Challenge). */
#define MAX_FLOW_HEADERS 8

/* The flow's answer exactly as the library made it. */
static enum MHD_Result send_flow(struct MHD_Connection *connection, authlete_ciba_flow *flow) {
  if (flow == NULL) return send_json(connection, 500, "{\"error\":\"server_error\"}");
  const char *headers[2 * MAX_FLOW_HEADERS];
  size_t count = authlete_ciba_flow_header_count(flow);
  if (count > MAX_FLOW_HEADERS) count = MAX_FLOW_HEADERS;
  for (size_t i = 0; i < count; i++) {
    headers[2 * i] = authlete_ciba_flow_header_name(flow, i);
    headers[2 * i + 1] = authlete_ciba_flow_header_value(flow, i);
  }
  const char *body = authlete_ciba_flow_body(flow);
  enum MHD_Result ok = send_answer(connection, (unsigned int)authlete_ciba_flow_http_status(flow), body ? body : "",
                                   headers, count);
  authlete_ciba_flow_free(flow);
  return ok;
}

static int is_form(struct MHD_Connection *connection) {
  const char *type = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
  static const char form[] = "application/x-www-form-urlencoded";
  return type != NULL && strncasecmp(type, form, sizeof form - 1) == 0 &&
         (type[sizeof form - 1] == '\0' || type[sizeof form - 1] == ';' || type[sizeof form - 1] == ' ');
}

/* The device's form: auth_req_id and decision. */
static enum MHD_Result decide(server *s, struct MHD_Connection *connection, const char *data, size_t length) {
  char *id = NULL, *decision = NULL, body[256];
  int status = 400;
  snprintf(body, sizeof body, "{\"error\":\"invalid_request\"}");
  if (form_value(data, length, "auth_req_id", &id) >= 0 && form_value(data, length, "decision", &decision) >= 0)
    status = device_decide(s, id, decision, body, sizeof body);
  free(id), free(decision);
  return send_json(connection, (unsigned int)status, body);
}

/* Answers a complete request. */
static enum MHD_Result answer(server *s, struct MHD_Connection *connection, const char *url, const upload *body) {
  const char *data = body->data ? body->data : "";
  if (body->too_large) return send_json(connection, 413, "{\"error\":\"invalid_request\"}");
  /* A NUL inside the body would cut it short: refuse it rather than pass on part of it. */
  if (!is_form(connection) || strlen(data) != body->length)
    return send_json(connection, 400, "{\"error\":\"invalid_request\"}");
  if (strcmp(url, DEVICE) == 0) return decide(s, connection, data, body->length);
  const char *authorization = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
  return send_flow(connection, backchannel_request(s, data, authorization));
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **request_state) {
  (void)version;
  upload *body = *request_state;
  if (body == NULL) { /* first call: headers only */
    if (strcmp(url, ENDPOINT) != 0 && strcmp(url, DEVICE) != 0)
      return send_json(connection, 404, "{\"error\":\"not_found\"}");
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
  return answer(cls, connection, url, body);
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
  server s;
  memset(&s, 0, sizeof s);
  s.service_id = getenv("AUTHLETE_SERVICE_APIKEY");
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
  if (user_store_load(users_path, &s.users, error, sizeof error) != 0) {
    fprintf(stderr, "backchannel-server: %s\n", error);
    return 66;
  }
  if (pending_init(&s.device) != 0) {
    fprintf(stderr, "backchannel-server: out of memory\n");
    user_store_free(&s.users);
    return 71;
  }
  authlete_status status = authlete_client_new(NULL, &s.client);
  if (status != AUTHLETE_OK) {
    snprintf(error, sizeof error, "%s", authlete_last_error()); /* before any other libauthlete call */
    fprintf(stderr, "backchannel-server: configuring libauthlete: %s: %s\n", authlete_status_name((int)status), error);
    pending_destroy(&s.device);
    user_store_free(&s.users);
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
  pending_destroy(&s.device);
  user_store_free(&s.users);
  return exit_code;
}
