/*
 * libFuzzer target: the response parser (authlete_ciba_fail_response_parse) and its getters.
 * Properties: no crash, no sanitizer report; on success the action is one of the three and the HTTP status is the
 * action's (403, 400, 500); on failure the status is PROTOCOL or INVALID_ARGUMENT and *out is NULL.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "authlete.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (text == NULL) return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  authlete_ciba_fail_response *response = (authlete_ciba_fail_response *)0x1;
  int status = authlete_ciba_fail_response_parse(text, &response);
  if (status == AUTHLETE_OK) {
    int action = authlete_ciba_fail_response_action(response);
    int http = authlete_ciba_fail_response_http_status(response);
    if (action < 1 || action > 3 || http != authlete_ciba_fail_action_http_status(action)) abort();
    const char *strings[3] = {authlete_ciba_fail_response_content(response),
                              authlete_ciba_fail_response_result_code(response),
                              authlete_ciba_fail_response_result_message(response)};
    volatile size_t total = 0;
    for (int i = 0; i < 3; i++) total += strings[i] ? strlen(strings[i]) : 0; /* every byte readable */
    authlete_ciba_fail_response_free(response);
  } else if ((status != AUTHLETE_ERR_PROTOCOL && status != AUTHLETE_ERR_INVALID_ARGUMENT) || response != NULL) {
    abort();
  }
  free(text);
  return 0;
}
