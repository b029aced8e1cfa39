/*
 * libFuzzer target: the request validators of /backchannel/authentication, /issue and /complete (the request JSON
 * checks of authlete_client_ciba_authentication / _issue / _complete), the authentication request builder
 * (authlete_ciba_authentication_request_json: the client's form body, Authorization header and certificate) and
 * the one-step calls authlete_client_ciba_authentication_fields / _issue_fields / _complete_fields. Every call gets
 * a service id that is not a path segment, so none is ever sent: the request is checked first, then the service id
 * is refused (no_network.c aborts on any connect or name lookup).
 * Input: the whole input is tried as the request JSON of each of the three calls. Its first byte's low 2 bits pick
 * the one-step call (0, 3: authentication; 1: issue; 2: complete), its high 6 bits say which fields are given; the
 * rest is split on NUL bytes into those fields in the header's order.
 * Properties: no crash, no sanitizer report, out-parameters as the header says, never the token in an error;
 * - what the builder makes the validator accepts (only the service id is left to refuse), and the one-step call
 *   accepts and refuses exactly what the builder does;
 * - the builder's clientId/clientSecret are the Basic header read as the header file says (`^Basic *([^ ]+) *$`,
 *   any case, base64, split at the first ':'), and there are none for any other header;
 * - /issue and /complete: the one-step call and the call with the same fields as JSON (written by cJSON) agree;
 *   an empty ticket or a result that is not one of the three names is refused for the request.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "authlete.h"

static authlete_client *client(void) {
  static authlete_client *made;
  if (made == NULL &&
      authlete_client_new("{\"baseUrl\":\"http://127.0.0.1:1\",\"token\":\"tok-SECRET-fuzz\"}", &made) != AUTHLETE_OK) {
    abort();
  }
  return made;
}

static const char *const NOT_A_SEGMENT = "not/a/segment";

/* The service id's own error (a prefix: input quoted in a detail comes after the library's words). */
static int service_id_refused(const char *error) { return strncmp(error, "service id must be", 18) == 0; }

static void no_secret(void) {
  if (strstr(authlete_last_error(), "tok-SECRET-fuzz") != NULL) abort();
}

typedef authlete_status (*json_call)(authlete_client *, const char *, const char *, char **);

/* A JSON call that must refuse: INVALID (or NULL for a NULL request), *out NULL. Returns 1 when only the service
 * id was refused, i.e. the request passed validation. */
static int json_verdict(json_call call, const char *request) {
  char *out = (char *)0x1;
  int status = call(client(), NOT_A_SEGMENT, request, &out);
  if (status != AUTHLETE_ERR_INVALID_ARGUMENT || out != NULL || authlete_last_error()[0] == '\0') abort();
  no_secret();
  return service_id_refused(authlete_last_error());
}

/* The status of a one-step call and whether only the service id was refused; its out-parameters must be NULL. */
static int fields_verdict(int status, const void *out, const char *error_body) {
  if (out != NULL || error_body != NULL) abort();
  if (status != AUTHLETE_ERR_INVALID_ARGUMENT && status != AUTHLETE_ERR_NULL_ARGUMENT) abort();
  if (authlete_last_error()[0] == '\0') abort();
  no_secret();
  return status == AUTHLETE_ERR_INVALID_ARGUMENT && service_id_refused(authlete_last_error());
}

static int utf8_valid(const unsigned char *text, size_t length) {
  static const uint32_t least[] = {0, 0x80, 0x800, 0x10000};
  for (size_t i = 0; i < length;) {
    unsigned char c = text[i];
    size_t extra;
    uint32_t point;
    if (c < 0x80) {
      i++;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1, point = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, point = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, point = c & 0x07;
    } else {
      return 0;
    }
    if (length - i <= extra) return 0;
    for (size_t k = 1; k <= extra; k++) {
      if ((text[i + k] & 0xC0) != 0x80) return 0;
      point = point << 6 | (text[i + k] & 0x3F);
    }
    if (point < least[extra] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) return 0;
    i += extra + 1;
  }
  return 1;
}

static int sextet(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Canonical padded base64 only (length a multiple of 4, '=' only at the end): where decoders differ (no padding,
 * stray bits) nothing is asserted. Returns the decoded length, or -1. */
static long base64_strict(const char *text, size_t length, unsigned char *out) {
  if (length == 0 || length % 4 != 0) return -1;
  size_t padding = text[length - 1] == '=' ? (text[length - 2] == '=' ? 2 : 1) : 0;
  long written = 0;
  uint32_t group = 0;
  for (size_t i = 0; i < length - padding; i++) {
    int value = sextet((unsigned char)text[i]);
    if (value < 0) return -1;
    group = group << 6 | (uint32_t)value;
    if (i % 4 == 3) {
      out[written++] = (unsigned char)(group >> 16);
      out[written++] = (unsigned char)(group >> 8);
      out[written++] = (unsigned char)group;
      group = 0;
    }
  }
  if (padding == 1) {
    out[written++] = (unsigned char)(group >> 10);
    out[written++] = (unsigned char)(group >> 2);
  } else if (padding == 2) {
    out[written++] = (unsigned char)(group >> 4);
  }
  return written;
}

enum basic { NOT_BASIC, BASIC_UNSURE, BASIC };
/* The header read as the header file says. BASIC: *user and *secret (NULL without ':') are set (malloc'd). */
static enum basic read_basic(const char *header, char **user, char **secret) {
  if (header == NULL || strncasecmp(header, "basic", 5) != 0) return NOT_BASIC;
  const char *start = header + 5;
  while (*start == ' ') start++;
  size_t token = strcspn(start, " ");
  if (token == 0) return NOT_BASIC;
  for (const char *rest = start + token; *rest; rest++) {
    if (*rest != ' ') return NOT_BASIC;
  }
  unsigned char *decoded = malloc(token);
  long length = base64_strict(start, token, decoded);
  if (length < 0 || !utf8_valid(decoded, (size_t)length) || memchr(decoded, 0, (size_t)length) != NULL) {
    free(decoded);
    return BASIC_UNSURE;
  }
  unsigned char *colon = memchr(decoded, ':', (size_t)length);
  size_t user_length = colon ? (size_t)(colon - decoded) : (size_t)length;
  *user = strndup((const char *)decoded, user_length);
  *secret = colon ? strndup((const char *)colon + 1, (size_t)length - user_length - 1) : NULL;
  free(decoded);
  return BASIC;
}

static int string_member_is(const cJSON *root, const char *key, const char *want) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, key);
  if (want == NULL) return item == NULL;
  return cJSON_IsString(item) && strcmp(item->valuestring, want) == 0;
}

static void authentication(const char *parameters, const char *authorization, const char *certificate) {
  char *json = (char *)0x1;
  int status = authlete_ciba_authentication_request_json(parameters, authorization, certificate, &json);
  int built = status == AUTHLETE_OK;
  if (built) {
    if (json == NULL || json[0] != '{') abort();
    cJSON *root = cJSON_Parse(json);
    if (!cJSON_IsObject(root)) abort();
    if (!string_member_is(root, "parameters", parameters)) abort();
    if (certificate != NULL && !string_member_is(root, "clientCertificate", certificate)) abort();
    char *user = NULL, *secret = NULL;
    enum basic basic = read_basic(authorization, &user, &secret);
    if (basic == NOT_BASIC && (cJSON_GetObjectItem(root, "clientId") || cJSON_GetObjectItem(root, "clientSecret"))) {
      abort(); /* credentials from a header that is not Basic */
    }
    if (basic == BASIC && (!string_member_is(root, "clientId", user) || !string_member_is(root, "clientSecret", secret))) {
      abort();
    }
    free(user);
    free(secret);
    cJSON_Delete(root);
    if (!json_verdict(authlete_client_ciba_authentication, json)) abort(); /* built, so valid */
    authlete_free(json);
  } else {
    if (json != NULL || authlete_last_error()[0] == '\0') abort();
    if (status != (parameters == NULL ? AUTHLETE_ERR_NULL_ARGUMENT : AUTHLETE_ERR_INVALID_ARGUMENT)) abort();
    no_secret();
  }
  authlete_ciba_authentication_response *response = (authlete_ciba_authentication_response *)0x1;
  char *error_body = (char *)0x1;
  int fields = authlete_client_ciba_authentication_fields(client(), NOT_A_SEGMENT, parameters, authorization,
                                                          certificate, &response, &error_body);
  if (fields_verdict(fields, response, error_body) != built) abort();
  if (!built && fields != status) abort();
}

/* The same fields as a request JSON, written by cJSON (NULL fields left out). */
static char *as_json(const char *const *keys, const char *const *values, int count) {
  cJSON *root = cJSON_CreateObject();
  for (int i = 0; i < count; i++) {
    if (values[i] != NULL) cJSON_AddStringToObject(root, keys[i], values[i]);
  }
  char *text = cJSON_PrintUnformatted(root);
  cJSON_Delete(root);
  return text;
}

static void issue(const char *ticket) {
  authlete_ciba_issue_response *response = (authlete_ciba_issue_response *)0x1;
  char *error_body = (char *)0x1;
  int status = authlete_client_ciba_issue_fields(client(), NOT_A_SEGMENT, ticket, &response, &error_body);
  int valid = fields_verdict(status, response, error_body);
  if (ticket == NULL) {
    if (status != AUTHLETE_ERR_NULL_ARGUMENT) abort();
    return;
  }
  if (ticket[0] == '\0' && valid) abort(); /* required and non-empty */
  static const char *const keys[] = {"ticket"};
  char *json = as_json(keys, &ticket, 1);
  if (json != NULL && json_verdict(authlete_client_ciba_issue, json) != valid) abort();
  cJSON_free(json);
}

static void complete(const char *const fields[5]) {
  authlete_ciba_complete_response *response = (authlete_ciba_complete_response *)0x1;
  char *error_body = (char *)0x1;
  int status = authlete_client_ciba_complete_fields(client(), NOT_A_SEGMENT, fields[0], fields[1], fields[2],
                                                    fields[3], fields[4], &response, &error_body);
  int valid = fields_verdict(status, response, error_body);
  if (fields[0] == NULL || fields[1] == NULL) {
    if (status != AUTHLETE_ERR_NULL_ARGUMENT) abort();
    return;
  }
  int known = strcmp(fields[1], "AUTHORIZED") == 0 || strcmp(fields[1], "ACCESS_DENIED") == 0 ||
              strcmp(fields[1], "TRANSACTION_FAILED") == 0;
  if (valid && (fields[0][0] == '\0' || !known)) abort();
  if (valid && strcmp(fields[1], "AUTHORIZED") == 0 && fields[2] == NULL) abort(); /* subject required then */
  static const char *const keys[] = {"ticket", "result", "subject", "errorDescription", "errorUri"};
  char *json = as_json(keys, fields, 5);
  if (json != NULL && json_verdict(authlete_client_ciba_complete, json) != valid) abort();
  cJSON_free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (text == NULL) return 0;
  memcpy(text, data, size);
  text[size] = '\0';

  /* The whole input (after the first byte, cut at its first NUL as C sees it) as each call's request JSON. */
  if (size > 0) {
    json_verdict(authlete_client_ciba_authentication, text + 1);
    json_verdict(authlete_client_ciba_issue, text + 1);
    json_verdict(authlete_client_ciba_complete, text + 1);
  }

  const char *fields[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
  unsigned mask = size > 0 ? (unsigned)data[0] >> 2 : 0;
  size_t at = 1;
  for (int i = 0; i < 6 && at <= size; i++) {
    if (mask & (1u << i)) fields[i] = text + at;
    at += strlen(text + at) + 1;
  }
  switch (size > 0 ? data[0] & 3 : 0) {
  case 1: issue(fields[0]); break;
  case 2: complete(fields); break;
  default: authentication(fields[0], fields[1], fields[2]); break;
  }
  free(text);
  return 0;
}
