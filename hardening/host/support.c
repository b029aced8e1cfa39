#define _GNU_SOURCE
#include "support.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const hard_reason_row hard_reasons[9] = {
  {"ACCESS_DENIED", AUTHLETE_CIBA_FAIL_REASON_ACCESS_DENIED, "access_denied", AUTHLETE_CIBA_FAIL_ACTION_FORBIDDEN, 403},
  {"EXPIRED_LOGIN_HINT_TOKEN", AUTHLETE_CIBA_FAIL_REASON_EXPIRED_LOGIN_HINT_TOKEN, "expired_login_hint_token",
   AUTHLETE_CIBA_FAIL_ACTION_BAD_REQUEST, 400},
  {"INVALID_BINDING_MESSAGE", AUTHLETE_CIBA_FAIL_REASON_INVALID_BINDING_MESSAGE, "invalid_binding_message",
   AUTHLETE_CIBA_FAIL_ACTION_BAD_REQUEST, 400},
  {"INVALID_TARGET", AUTHLETE_CIBA_FAIL_REASON_INVALID_TARGET, "invalid_target", AUTHLETE_CIBA_FAIL_ACTION_BAD_REQUEST, 400},
  {"INVALID_USER_CODE", AUTHLETE_CIBA_FAIL_REASON_INVALID_USER_CODE, "invalid_user_code",
   AUTHLETE_CIBA_FAIL_ACTION_BAD_REQUEST, 400},
  {"MISSING_USER_CODE", AUTHLETE_CIBA_FAIL_REASON_MISSING_USER_CODE, "missing_user_code",
   AUTHLETE_CIBA_FAIL_ACTION_BAD_REQUEST, 400},
  {"SERVER_ERROR", AUTHLETE_CIBA_FAIL_REASON_SERVER_ERROR, "server_error",
   AUTHLETE_CIBA_FAIL_ACTION_INTERNAL_SERVER_ERROR, 500},
  {"UNAUTHORIZED_CLIENT", AUTHLETE_CIBA_FAIL_REASON_UNAUTHORIZED_CLIENT, "unauthorized_client",
   AUTHLETE_CIBA_FAIL_ACTION_BAD_REQUEST, 400},
  {"UNKNOWN_USER_ID", AUTHLETE_CIBA_FAIL_REASON_UNKNOWN_USER_ID, "unknown_user_id", AUTHLETE_CIBA_FAIL_ACTION_BAD_REQUEST, 400},
};

/* ---- report ---------------------------------------------------------------------------------------------- */
static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;
static int failures;

static void report_line(const char *prefix, const char *format, va_list arguments) {
  const char *path = getenv("HARD_REPORT");
  pthread_mutex_lock(&report_lock);
  FILE *out = path ? fopen(path, "a") : stderr;
  if (out != NULL) {
    fputs(prefix, out);
    vfprintf(out, format, arguments);
    fputc('\n', out);
    if (out != stderr) fclose(out);
  }
  pthread_mutex_unlock(&report_lock);
}

void hard_fail(const char *file, int line, const char *format, ...) {
  char prefix[256];
  snprintf(prefix, sizeof prefix, "FAIL %s:%d [pid %d]: ", file, line, (int)getpid());
  va_list arguments;
  va_start(arguments, format);
  report_line(prefix, format, arguments);
  va_end(arguments);
  pthread_mutex_lock(&report_lock);
  failures++;
  pthread_mutex_unlock(&report_lock);
}

int hard_failures(void) {
  pthread_mutex_lock(&report_lock);
  int count = failures;
  pthread_mutex_unlock(&report_lock);
  return count;
}

void hard_note(const char *format, ...) {
  if (getenv("HARD_REPORT") == NULL) return;
  va_list arguments;
  va_start(arguments, format);
  report_line("NOTE ", format, arguments);
  va_end(arguments);
}

/* ---- time ------------------------------------------------------------------------------------------------- */
double hard_now_ms(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec * 1000.0 + (double)now.tv_nsec / 1e6;
}

double hard_margin_ms(void) {
  const char *text = getenv("HARD_MARGIN_MS");
  return text ? atof(text) : 1500.0;
}

/* ---- secrets ---------------------------------------------------------------------------------------------- */
enum { MAX_SECRETS = 4096 }; /* every service of a host run registers two */
static char *secrets[MAX_SECRETS];
static int secret_count;

void hard_secret(const char *secret) {
  pthread_mutex_lock(&report_lock);
  if (secret_count < MAX_SECRETS) secrets[secret_count++] = strdup(secret);
  pthread_mutex_unlock(&report_lock);
}

void hard_check_last_error(const char *what) {
  const char *text = authlete_last_error();
  if (text == NULL) {
    FAIL("%s: authlete_last_error() is NULL", what);
    return;
  }
  pthread_mutex_lock(&report_lock);
  int count = secret_count;
  pthread_mutex_unlock(&report_lock);
  for (int i = 0; i < count; i++) {
    if (secrets[i] != NULL && strstr(text, secrets[i]) != NULL) FAIL("%s: a credential is in authlete_last_error()", what);
  }
}

/* ---- emulator admin --------------------------------------------------------------------------------------- */
static char emulator_url[128];
static int service_counter;

void hard_emulator_init(const char *base_url) {
  snprintf(emulator_url, sizeof emulator_url, "%s", base_url);
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

const char *hard_emulator_url(void) { return emulator_url; }

typedef struct buffer {
  char data[4096];
  size_t length;
} buffer;

static size_t buffer_write(char *data, size_t size, size_t count, void *context) {
  buffer *out = context;
  size_t bytes = size * count;
  size_t room = sizeof out->data - 1 - out->length;
  size_t copied = bytes < room ? bytes : room;
  memcpy(out->data + out->length, data, copied);
  out->length += copied;
  out->data[out->length] = '\0';
  return bytes;
}

/* An admin request; the HTTP status, or -1. */
static long admin(const char *method, const char *path, const char *body, buffer *out) {
  CURL *curl = curl_easy_init();
  if (curl == NULL) return -1;
  char url[512];
  snprintf(url, sizeof url, "%s%s", emulator_url, path);
  struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
  out->length = 0;
  out->data[0] = '\0';
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, buffer_write);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
  if (body != NULL) curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
  long status = -1;
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return status;
}

int hard_new_service(const char *fault, hard_service *out) { return hard_new_service_token(fault, NULL, out); }

int hard_new_service_token(const char *fault, const char *token, hard_service *out) {
  pthread_mutex_lock(&report_lock);
  int n = ++service_counter;
  pthread_mutex_unlock(&report_lock);
  snprintf(out->id, sizeof out->id, "hard-%d-%d", (int)getpid(), n);
  if (token != NULL) {
    snprintf(out->token, sizeof out->token, "%s", token);
  } else {
    snprintf(out->token, sizeof out->token, "tok-SECRET-%s", out->id);
  }
  snprintf(out->secret, sizeof out->secret, "sec-SECRET-%s", out->id);
  hard_secret(out->token);
  hard_secret(out->secret);
  char body[512];
  snprintf(body, sizeof body, "{\"serviceId\":\"%s\",\"tokens\":[\"%s\"],\"apiSecret\":\"%s\"%s%s%s}", out->id,
           out->token, out->secret, fault ? ",\"fault\":\"" : "", fault ? fault : "", fault ? "\"" : "");
  buffer reply;
  long status = admin("POST", "/_emulator/services", body, &reply);
  if (status != 201) {
    FAIL("creating service %s (fault %s): HTTP %ld %s", out->id, fault ? fault : "none", status, reply.data);
    return -1;
  }
  return 0;
}

int hard_new_ticket(const char *service_id, char *out, size_t size) {
  char body[256];
  snprintf(body, sizeof body, "{\"serviceId\":\"%s\"}", service_id);
  buffer reply;
  long status = admin("POST", "/_emulator/tickets", body, &reply);
  const char *start = strstr(reply.data, "\"ticket\":\"");
  if (status != 201 || start == NULL) {
    FAIL("creating a ticket: HTTP %ld %s", status, reply.data);
    return -1;
  }
  start += strlen("\"ticket\":\"");
  const char *end = strchr(start, '"');
  if (end == NULL || (size_t)(end - start) >= size) return -1;
  memcpy(out, start, (size_t)(end - start));
  out[end - start] = '\0';
  return 0;
}

int hard_ticket_exists(const char *ticket) {
  char path[256];
  snprintf(path, sizeof path, "/_emulator/tickets/%s", ticket); /* tickets are base64url: no encoding needed */
  buffer reply;
  long status = admin("GET", path, NULL, &reply);
  if (status == 200) return 1;
  if (status == 404) return 0;
  return -1;
}

long hard_stat(const char *name) {
  buffer reply;
  if (admin("GET", "/_emulator/stats", NULL, &reply) != 200) return -1;
  char key[64];
  snprintf(key, sizeof key, "\"%s\":", name);
  const char *found = strstr(reply.data, key);
  return found ? strtol(found + strlen(key), NULL, 10) : -1;
}

/* ---- library calls ---------------------------------------------------------------------------------------- */
authlete_client *hard_client(const hard_service *service, const char *extra) {
  char config[1024];
  snprintf(config, sizeof config, "{\"baseUrl\":\"%s\",\"token\":\"%s\"%s%s}", emulator_url, service->token,
           extra && *extra ? "," : "", extra ? extra : "");
  authlete_client *client = NULL;
  int status = authlete_client_new(config, &client);
  CHECK_STATUS(status, AUTHLETE_OK, "authlete_client_new");
  hard_check_last_error("authlete_client_new");
  return status == AUTHLETE_OK ? client : NULL;
}

void hard_call(authlete_client *client, const char *service_id, const char *request, hard_result *result) {
  hard_call_endpoint(&hard_endpoints[HARD_FAIL], client, service_id, request, result);
}

void hard_call_endpoint(const hard_endpoint *endpoint, authlete_client *client, const char *service_id,
                        const char *request, hard_result *result) {
  char *out = (char *)0x1; /* must be overwritten */
  double started = hard_now_ms();
  result->status = endpoint->call(client, service_id, request, &out);
  result->ms = hard_now_ms() - started;
  const char *error = authlete_last_error();
  if (result->status == AUTHLETE_OK || result->status == AUTHLETE_ERR_API) {
    CHECK(out != NULL && out != (char *)0x1, "%s: no body handed out", authlete_status_name(result->status));
  } else {
    CHECK(out == NULL, "%s: *out_json is not NULL", authlete_status_name(result->status));
    if (out == (char *)0x1) out = NULL;
  }
  if (result->status == AUTHLETE_OK) {
    CHECK(error != NULL && error[0] == '\0', "last_error not empty after a success: %s", error ? error : "(null)");
  } else {
    CHECK(error != NULL && error[0] != '\0', "last_error empty after %s", authlete_status_name(result->status));
  }
  hard_check_last_error(endpoint->name);
  result->body = out;
}

int hard_call_fields(authlete_client *client, const char *service_id, const char *ticket, const char *reason,
                     const char *description, const char *uri, authlete_ciba_fail_response **response) {
  authlete_ciba_fail_response *out = (authlete_ciba_fail_response *)0x1; /* must be overwritten */
  char *error_body = (char *)0x1;                                         /* likewise */
  int status = authlete_client_ciba_fail_fields(client, service_id, ticket, reason, description, uri, &out, &error_body);
  const char *error = authlete_last_error();
  if (status == AUTHLETE_ERR_API) {
    CHECK(error_body != NULL && error_body != (char *)0x1, "fields: no error body on AUTHLETE_ERR_API");
  } else {
    CHECK(error_body == NULL, "fields %s: *out_error_body is not NULL", authlete_status_name(status));
  }
  if (error_body != (char *)0x1) authlete_free(error_body);
  if (status == AUTHLETE_OK) {
    CHECK(out != NULL && out != (authlete_ciba_fail_response *)0x1, "fields: no response handed out");
    CHECK(error != NULL && error[0] == '\0', "fields: last_error not empty after a success: %s", error ? error : "(null)");
  } else {
    CHECK(out == NULL, "fields %s: *out is not NULL", authlete_status_name(status));
    CHECK(error != NULL && error[0] != '\0', "fields: last_error empty after %s", authlete_status_name(status));
    if (out == (authlete_ciba_fail_response *)0x1) out = NULL;
  }
  hard_check_last_error("authlete_client_ciba_fail_fields");
  if (response != NULL) {
    *response = out;
  } else {
    authlete_ciba_fail_response_free(out);
  }
  return status;
}

void hard_result_clear(hard_result *result) {
  authlete_free(result->body);
  result->body = NULL;
}

int hard_body_http_status(const char *body, char *error, size_t error_size) {
  authlete_ciba_fail_response *response = NULL;
  if (body == NULL || authlete_ciba_fail_response_parse(body, &response) != AUTHLETE_OK) return 0;
  int status = authlete_ciba_fail_response_http_status(response);
  if (error != NULL && error_size > 0) {
    error[0] = '\0';
    const char *content = authlete_ciba_fail_response_content(response);
    const char *start = content ? strstr(content, "\"error\":\"") : NULL;
    if (start != NULL) {
      start += strlen("\"error\":\"");
      const char *end = strchr(start, '"');
      size_t length = end ? (size_t)(end - start) : 0;
      if (length >= error_size) length = error_size - 1;
      memcpy(error, start, length);
      error[length] = '\0';
    }
  }
  authlete_ciba_fail_response_free(response);
  return status;
}
