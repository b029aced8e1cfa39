/* Benchmark client on libcurl + cJSON directly: the practical lower bound for libauthlete. One reused easy handle
 * per thread, set up once (URL, headers, the same options the library sets); per call (--call, see driver.h): build
 * the body with cJSON, POST it, parse the answer with cJSON and read what the libauthlete client reads. */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

enum { MAX_BODY = 1 << 20 };

typedef struct raw_thread {
  CURL *curl;
  struct curl_slist *headers;
  char *body;
  size_t length, capacity;
} raw_thread;

static size_t raw_write(char *data, size_t size, size_t count, void *user) {
  raw_thread *t = user;
  size_t n = size * count;
  if (t->length + n + 1 > t->capacity) {
    size_t capacity = t->capacity ? t->capacity : 1024;
    while (capacity < t->length + n + 1) capacity *= 2;
    if (capacity > MAX_BODY + 1) return 0;
    char *grown = realloc(t->body, capacity);
    if (grown == NULL) return 0;
    t->body = grown;
    t->capacity = capacity;
  }
  memcpy(t->body + t->length, data, n);
  t->length += n;
  t->body[t->length] = '\0';
  return n;
}

static void *raw_shared_new(const bench_args *args, int *ok) {
  (void)args;
  *ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return NULL;
}

static void raw_shared_free(void *shared) {
  (void)shared;
  curl_global_cleanup();
}

static void raw_thread_free(void *state) {
  raw_thread *t = state;
  if (t == NULL) return;
  curl_easy_cleanup(t->curl);
  curl_slist_free_all(t->headers);
  free(t->body);
  free(t);
}

static void *raw_thread_new(void *shared, const bench_args *args) {
  (void)shared;
  raw_thread *t = calloc(1, sizeof *t);
  if (t == NULL) return NULL;
  char url[1024], authorization[1024];
  int n1 = snprintf(url, sizeof url, "%s/api/%s/backchannel/authentication%s", args->url, args->service,
                    args->call == BENCH_CALL_AUTHENTICATION ? "" : "/fail");
  int n2 = snprintf(authorization, sizeof authorization, "Authorization: Bearer %s", args->token);
  t->curl = curl_easy_init();
  struct curl_slist *list = NULL;
  const char *lines[] = {authorization, "Content-Type: application/json", "Accept: application/json"};
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    struct curl_slist *next = curl_slist_append(list, lines[i]);
    if (next == NULL) {
      curl_slist_free_all(list);
      list = NULL;
      break;
    }
    list = next;
  }
  t->headers = list;
  if (n1 < 0 || (size_t)n1 >= sizeof url || n2 < 0 || (size_t)n2 >= sizeof authorization || t->curl == NULL ||
      t->headers == NULL) {
    raw_thread_free(t);
    return NULL;
  }
  CURL *c = t->curl;
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, t->headers);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE, (long)MAX_BODY);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_USERAGENT, "raw-libcurl-bench/1");
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 30000L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, raw_write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
  if (args->ca_file != NULL) curl_easy_setopt(c, CURLOPT_CAINFO, args->ca_file);
  return t;
}

/* Prints request (deleted here), POSTs it and parses the 200 answer; NULL on any failure (built is 0 when building
 * the request failed). */
static cJSON *raw_exchange(raw_thread *t, cJSON *request, int built) {
  char *body = built && request != NULL ? cJSON_PrintUnformatted(request) : NULL;
  cJSON_Delete(request);
  if (body == NULL) return NULL;
  t->length = 0;
  curl_easy_setopt(t->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
  curl_easy_setopt(t->curl, CURLOPT_POSTFIELDS, body);
  CURLcode code = curl_easy_perform(t->curl);
  free(body);
  long http = 0;
  curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &http);
  if (code != CURLE_OK || http != 200 || t->body == NULL) {
    fprintf(stderr, "raw: %s (HTTP %ld)\n", curl_easy_strerror(code), http);
    return NULL;
  }
  return cJSON_ParseWithLength(t->body, t->length);
}

static int raw_fail(raw_thread *t, const bench_args *args) {
  cJSON *request = cJSON_CreateObject();
  int built = cJSON_AddStringToObject(request, "ticket", args->ticket) != NULL &&
              cJSON_AddStringToObject(request, "reason", "ACCESS_DENIED") != NULL;
  cJSON *answer = raw_exchange(t, request, built);
  const cJSON *action = cJSON_GetObjectItemCaseSensitive(answer, "action");
  const cJSON *content = cJSON_GetObjectItemCaseSensitive(answer, "responseContent");
  int result = cJSON_IsString(action) && cJSON_IsString(content) && strcmp(action->valuestring, "FORBIDDEN") == 0
                   ? 0
                   : 1;
  cJSON_Delete(answer);
  return result;
}

/* Standard base64 (RFC 4648 section 4) into out (NUL-terminated); the decoded length, or -1. */
static long raw_base64_decode(const char *in, char *out, size_t capacity) {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  unsigned long bits = 0;
  int held = 0;
  size_t n = 0;
  for (const char *p = in; *p != '\0' && *p != '='; p++) {
    const char *at = strchr(alphabet, *p);
    if (at == NULL) return -1;
    bits = (bits << 6 | (unsigned long)(at - alphabet)) & 0xFFFFFF;
    held += 6;
    if (held >= 8) {
      held -= 8;
      if (n + 1 >= capacity) return -1;
      out[n++] = (char)(bits >> held & 0xFF);
    }
  }
  out[n] = '\0';
  return (long)n;
}

/* Every element of the array is a string (or, with key, an object whose key is a string). */
static int raw_all_strings(const cJSON *array, const char *key) {
  if (!cJSON_IsArray(array) || cJSON_GetArraySize(array) == 0) return 0;
  const cJSON *element;
  cJSON_ArrayForEach(element, array) {
    if (!cJSON_IsString(key ? cJSON_GetObjectItemCaseSensitive(element, key) : element)) return 0;
  }
  return 1;
}

static int raw_is(const cJSON *answer, const char *key, const char *value) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(answer, key);
  return cJSON_IsString(item) && (value == NULL || strcmp(item->valuestring, value) == 0);
}

static int raw_number(const cJSON *answer, const char *key, double value) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(answer, key);
  return cJSON_IsNumber(item) && item->valuedouble == value;
}

/* The request as the library builds it: the form body verbatim, the Basic header split at the first ':'. */
static int raw_authentication(raw_thread *t) {
  const char *encoded = BENCH_AUTHORIZATION + strlen("Basic ");
  char credentials[256];
  long length = raw_base64_decode(encoded, credentials, sizeof credentials);
  char *colon = length > 0 ? memchr(credentials, ':', (size_t)length) : NULL;
  if (colon == NULL) return 1;
  *colon = '\0';
  cJSON *request = cJSON_CreateObject();
  int built = cJSON_AddStringToObject(request, "parameters", BENCH_PARAMETERS) != NULL &&
              cJSON_AddStringToObject(request, "clientId", credentials) != NULL &&
              cJSON_AddStringToObject(request, "clientSecret", colon + 1) != NULL;
  cJSON *answer = raw_exchange(t, request, built);
  const cJSON *required = cJSON_GetObjectItemCaseSensitive(answer, "userCodeRequired");
  int ok = raw_is(answer, "action", "USER_IDENTIFICATION") && raw_is(answer, "ticket", NULL) &&
           raw_number(answer, "clientId", (double)BENCH_CLIENT_ID) && raw_is(answer, "clientName", NULL) &&
           raw_is(answer, "deliveryMode", "POLL") &&
           raw_all_strings(cJSON_GetObjectItemCaseSensitive(answer, "scopes"), "name") &&
           raw_all_strings(cJSON_GetObjectItemCaseSensitive(answer, "claimNames"), NULL) &&
           raw_all_strings(cJSON_GetObjectItemCaseSensitive(answer, "acrs"), NULL) &&
           raw_is(answer, "hintType", "LOGIN_HINT") && raw_is(answer, "hint", NULL) &&
           raw_is(answer, "bindingMessage", NULL) && raw_is(answer, "userCode", NULL) && cJSON_IsTrue(required) &&
           raw_number(answer, "requestedExpiry", 300);
  cJSON_Delete(answer);
  return ok ? 0 : 1;
}

static int raw_call(void *shared, void *state, const bench_args *args) {
  (void)shared;
  return args->call == BENCH_CALL_AUTHENTICATION ? raw_authentication(state) : raw_fail(state, args);
}

int main(int argc, char **argv) {
  static const bench_ops ops = {.name = "c-raw-libcurl",
                                .shared_new = raw_shared_new,
                                .shared_free = raw_shared_free,
                                .thread_new = raw_thread_new,
                                .thread_free = raw_thread_free,
                                .call = raw_call};
  return bench_main(argc, argv, &ops);
}
