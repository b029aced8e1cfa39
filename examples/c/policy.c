/* policy.c: which CIBA fail reason applies, in the order of the CIBA flow's checks. A blocked user is reported
 * last, once the user code has been proven: a caller learns nothing it could not already know. */
#include "policy.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Compares in time independent of where the strings differ, so the user code cannot be guessed byte by byte. */
static int same_secret(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  unsigned char diff = (unsigned char)(la != lb);
  for (size_t i = 0; i < la; i++) diff |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
  return diff == 0;
}

/* Shown on both devices: short, no control characters, no link (a binding message is not a place for one). */
static int binding_message_ok(const char *message) {
  size_t length = strlen(message);
  if (length > POLICY_MAX_BINDING_MESSAGE || strstr(message, "://") != NULL) return 0;
  for (size_t i = 0; i < length; i++) {
    unsigned char c = (unsigned char)message[i];
    if (c < 0x20 || c == 0x7f) return 0;
  }
  return 1;
}

static verdict reject(authlete_ciba_fail_reason reason, const char *description) {
  verdict v = {1, reason, description, NULL};
  return v;
}

/* The user the hint names: by login_hint (subject, email or phone), login_hint_token or id_token_hint's sub. */
static const user *identify(const user_store *store, const authlete_ciba_authentication_response *request,
                            const hint_token **token) {
  const char *hint = authlete_ciba_authentication_response_hint(request);
  *token = NULL;
  switch (authlete_ciba_authentication_response_hint_type(request)) {
  case AUTHLETE_CIBA_HINT_TYPE_LOGIN_HINT: return user_store_find(store, hint);
  case AUTHLETE_CIBA_HINT_TYPE_LOGIN_HINT_TOKEN:
    *token = user_store_find_token(store, hint);
    return *token ? user_store_find_subject(store, (*token)->subject) : NULL;
  case AUTHLETE_CIBA_HINT_TYPE_ID_TOKEN_HINT:
    return user_store_find_subject(store, authlete_ciba_authentication_response_sub(request));
  default: return NULL;
  }
}

verdict policy_check(const user_store *store, const authlete_ciba_authentication_response *request, long long now) {
  const hint_token *token;
  const user *u = identify(store, request, &token);
  if (u == NULL || u->subject[0] == '\0')
    return reject(AUTHLETE_CIBA_FAIL_REASON_UNKNOWN_USER_ID, "no user matches the hint");
  if (u->state == USER_STORE_ERROR)
    return reject(AUTHLETE_CIBA_FAIL_REASON_SERVER_ERROR, "the user could not be looked up");
  if (token != NULL && token->expires <= now)
    return reject(AUTHLETE_CIBA_FAIL_REASON_EXPIRED_LOGIN_HINT_TOKEN, "login_hint_token has expired");
  const char *code = authlete_ciba_authentication_response_user_code(request);
  if (u->user_code != NULL || authlete_ciba_authentication_response_user_code_required(request)) {
    if (code == NULL || code[0] == '\0')
      return reject(AUTHLETE_CIBA_FAIL_REASON_MISSING_USER_CODE, "user_code is required");
    if (u->user_code == NULL || !same_secret(code, u->user_code))
      return reject(AUTHLETE_CIBA_FAIL_REASON_INVALID_USER_CODE, "user_code is wrong");
  }
  const char *message = authlete_ciba_authentication_response_binding_message(request);
  if (message != NULL && message[0] != '\0' && !binding_message_ok(message))
    return reject(AUTHLETE_CIBA_FAIL_REASON_INVALID_BINDING_MESSAGE,
                  "binding_message must be at most 64 printable bytes, without a link");
  char client_id[24];
  snprintf(client_id, sizeof client_id, "%" PRId64, authlete_ciba_authentication_response_client_id(request));
  if (user_store_client_denied(store, client_id))
    return reject(AUTHLETE_CIBA_FAIL_REASON_UNAUTHORIZED_CLIENT, "this client may not use CIBA here");
  for (size_t i = 0; i < authlete_ciba_authentication_response_resource_count(request); i++)
    if (!user_store_resource_served(store, authlete_ciba_authentication_response_resource(request, i)))
      return reject(AUTHLETE_CIBA_FAIL_REASON_INVALID_TARGET, "resource is not served here");
  if (u->state == USER_BLOCKED)
    return reject(AUTHLETE_CIBA_FAIL_REASON_ACCESS_DENIED, "access is denied for this user");
  verdict accept = {0, AUTHLETE_CIBA_FAIL_REASON_SERVER_ERROR, NULL, u};
  return accept;
}
