/* Benchmark client on libcurl + cJSON directly: the practical lower bound for libauthlete. One reused easy handle
 * per thread, set up once (URL, headers, the same options the library sets); per call: build the body with cJSON,
 * POST it, parse the answer with cJSON and map the action. */
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
  int n1 = snprintf(url, sizeof url, "%s/api/%s/backchannel/authentication/fail", args->url, args->service);
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

static int raw_call(void *shared, void *state, const bench_args *args) {
  (void)shared;
  raw_thread *t = state;
  cJSON *request = cJSON_CreateObject();
  if (request == NULL || cJSON_AddStringToObject(request, "ticket", args->ticket) == NULL ||
      cJSON_AddStringToObject(request, "reason", "ACCESS_DENIED") == NULL) {
    cJSON_Delete(request);
    return 1;
  }
  char *body = cJSON_PrintUnformatted(request);
  cJSON_Delete(request);
  if (body == NULL) return 1;
  t->length = 0;
  curl_easy_setopt(t->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
  curl_easy_setopt(t->curl, CURLOPT_POSTFIELDS, body);
  CURLcode code = curl_easy_perform(t->curl);
  free(body);
  long http = 0;
  curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &http);
  if (code != CURLE_OK || http != 200 || t->body == NULL) {
    fprintf(stderr, "raw: %s (HTTP %ld)\n", curl_easy_strerror(code), http);
    return 1;
  }
  cJSON *answer = cJSON_ParseWithLength(t->body, t->length);
  const cJSON *action = cJSON_GetObjectItemCaseSensitive(answer, "action");
  const cJSON *content = cJSON_GetObjectItemCaseSensitive(answer, "responseContent");
  int result = cJSON_IsString(action) && cJSON_IsString(content) && strcmp(action->valuestring, "FORBIDDEN") == 0
                   ? 0
                   : 1;
  cJSON_Delete(answer);
  return result;
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
