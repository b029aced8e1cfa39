/*
 * libFuzzer target: the configuration parser (authlete_client_new with a JSON text). Configuration only: the
 * harness's connect() and getaddrinfo() abort, so a client that resolved or connected while being made would be a
 * crash. Properties: no crash, no sanitizer report; OK gives a client with a base URL, CONFIG or INVALID_ARGUMENT
 * leave *out NULL; the error detail never holds the input's token or API secret (the credential-like string values
 * of "token" and "apiSecret", read here with cJSON; inputs with a repeated key are refused before any value is known, and their
 * detail names only the repeated key; INVALID_ARGUMENT, invalid UTF-8 or over 64 KiB, never reads a value).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "authlete.h"

/* A value that could be a real credential: 12 bytes or more with a digit, an upper- and a lower-case letter.
 * Shorter or plainer values can coincide with the library's own wording ("t" is in "must", "configuration" in
 * every configuration error), which is not a leak. */
static int credential_like(const char *value) {
  int digit = 0, upper = 0, lower = 0;
  for (const char *c = value; *c; c++) {
    digit |= *c >= '0' && *c <= '9';
    upper |= *c >= 'A' && *c <= 'Z';
    lower |= *c >= 'a' && *c <= 'z';
  }
  return strlen(value) >= 12 && digit && upper && lower;
}

static void check_secrets(const char *text, const char *error) {
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithOpts(text, &end, 0);
  if (root == NULL) return;
  /* As strict as the library: only JSON white space after the value (cJSON would skip any byte up to 0x20). */
  if (end == NULL || end[strspn(end, " \t\r\n")] != '\0') goto done;
  for (const cJSON *a = root->child; a != NULL; a = a->next) {
    for (const cJSON *b = a->next; b != NULL; b = b->next) {
      if (a->string && b->string && strcmp(a->string, b->string) == 0) goto done;
    }
  }
  const char *keys[] = {"token", "apiSecret"};
  for (int i = 0; i < 2; i++) {
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(root, keys[i]);
    if (cJSON_IsString(value) && credential_like(value->valuestring) && strstr(error, value->valuestring) != NULL) abort();
  }
done:
  cJSON_Delete(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (text == NULL) return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  authlete_client *client = (authlete_client *)0x1;
  int status = authlete_client_new(text, &client);
  if (status == AUTHLETE_OK) {
    const char *base = authlete_client_base_url(client);
    /* Schemes are case-insensitive (RFC 3986). */
    if (base == NULL || (strncasecmp(base, "http://", 7) != 0 && strncasecmp(base, "https://", 8) != 0)) abort();
    authlete_client_free(client);
  } else if ((status != AUTHLETE_ERR_CONFIG && status != AUTHLETE_ERR_INVALID_ARGUMENT) || client != NULL) {
    abort();
  } else if (status == AUTHLETE_ERR_CONFIG) {
    check_secrets(text, authlete_last_error());
  }
  free(text);
  return 0;
}
