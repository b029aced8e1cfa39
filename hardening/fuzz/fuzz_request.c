/*
 * libFuzzer target: the request builder (authlete_ciba_fail_request_json), the request validator (the request
 * JSON checks of authlete_client_ciba_fail) and the fields of authlete_client_ciba_fail_fields, both reached with a
 * service id that is not a path segment, so that no call is ever made: the request is checked first, then the
 * service id is refused.
 * Input: the first byte's low 4 bits say which of the 4 fields are given; the rest is split on NUL bytes into
 * ticket, reason, error_description, error_uri. The whole input is also tried as a request JSON.
 * Properties: no crash, no sanitizer report; out-parameters as the header says; whatever the builder accepts, the
 * validator accepts too (the only error left is the service id); authlete_client_ciba_fail_fields, given the same
 * fields, accepts and refuses exactly what the builder does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "authlete.h"

static authlete_client *client(void) {
  static authlete_client *made;
  if (made == NULL &&
      authlete_client_new("{\"baseUrl\":\"http://127.0.0.1:1\",\"token\":\"tok-SECRET-fuzz\"}", &made) != AUTHLETE_OK) {
    abort();
  }
  return made;
}

/* The service id's own error (a prefix: an unknown reason is quoted after its own words, so input cannot fake it). */
static int service_id_refused(const char *error) { return strncmp(error, "service id must be", 18) == 0; }

static void check_refused(const char *request, int built) {
  char *out = (char *)0x1;
  int status = authlete_client_ciba_fail(client(), "not/a/segment", request, &out);
  if (status != AUTHLETE_ERR_INVALID_ARGUMENT || out != NULL) abort();
  const char *error = authlete_last_error();
  if (strstr(error, "tok-SECRET-fuzz") != NULL) abort();
  /* A request the builder made must pass validation: only the service id is wrong. */
  if (built && !service_id_refused(error)) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (text == NULL) return 0;
  memcpy(text, data, size);
  text[size] = '\0';

  /* The whole input as a request JSON (cut at its first NUL, as C sees it). */
  if (size > 0) check_refused(text + 1, 0);

  const char *fields[4] = {NULL, NULL, NULL, NULL};
  unsigned mask = size > 0 ? (unsigned)data[0] : 0;
  size_t at = 1;
  for (int i = 0; i < 4; i++) {
    if (at > size) break;
    const char *field = text + at;
    if (mask & (1u << i)) fields[i] = field;
    at += strlen(field) + 1;
  }
  char *json = (char *)0x1;
  int status = authlete_ciba_fail_request_json(fields[0], fields[1], fields[2], fields[3], &json);
  if (status == AUTHLETE_OK) {
    if (json == NULL || json[0] != '{') abort();
    check_refused(json, 1);
    authlete_free(json);
  } else if (status != AUTHLETE_ERR_INVALID_ARGUMENT || json != NULL || authlete_last_error()[0] == '\0') {
    abort();
  }
  /* The one-step call validates the same fields the same way: what the builder refused, it refuses for the request;
   * what the builder accepted, it refuses only for the service id. Never a response, never the token. */
  authlete_ciba_fail_response *response = (authlete_ciba_fail_response *)0x1;
  char *error_body = (char *)0x1;
  int fields_status = authlete_client_ciba_fail_fields(client(), "not/a/segment", fields[0], fields[1], fields[2],
                                                       fields[3], &response, &error_body);
  const char *error = authlete_last_error();
  if (fields_status != AUTHLETE_ERR_INVALID_ARGUMENT || response != NULL || error_body != NULL) abort();
  if (service_id_refused(error) != (status == AUTHLETE_OK)) abort();
  if (strstr(error, "tok-SECRET-fuzz") != NULL) abort();
  free(text);
  return 0;
}
