/* policy.c: which CIBA fail reason applies. The checks run in an order that tells a caller nothing it could not
 * already know: a blocked user is only reported once the user code has been proven. */
#include "policy.h"

#include <string.h>

/* Compares in time independent of where the strings differ, so the user code cannot be guessed byte by byte. */
static int same_secret(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  unsigned char diff = (unsigned char)(la != lb);
  for (size_t i = 0; i < la; i++) diff |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
  return diff == 0;
}

/* Displayable on a device: not empty, short, no control characters. */
static int binding_message_ok(const char *message) {
  size_t length = strlen(message);
  if (length == 0 || length > POLICY_MAX_BINDING_MESSAGE) return 0;
  for (size_t i = 0; i < length; i++) {
    unsigned char c = (unsigned char)message[i];
    if (c < 0x20 || c == 0x7f) return 0;
  }
  return 1;
}

static verdict reject(authlete_ciba_fail_reason reason, const char *description) {
  verdict v = {1, reason, description};
  return v;
}

verdict policy_decide(const user_table *users, const char *login_hint, const char *user_code,
                      const char *binding_message) {
  const user *u = user_table_find(users, login_hint);
  if (u == NULL) return reject(AUTHLETE_CIBA_FAIL_REASON_UNKNOWN_USER_ID, "login_hint does not identify a user");
  if (u->state == USER_STORE_ERROR)
    return reject(AUTHLETE_CIBA_FAIL_REASON_SERVER_ERROR, "the user could not be looked up");
  if (u->user_code != NULL) {
    if (user_code == NULL || user_code[0] == '\0')
      return reject(AUTHLETE_CIBA_FAIL_REASON_MISSING_USER_CODE, "user_code is required");
    if (!same_secret(user_code, u->user_code))
      return reject(AUTHLETE_CIBA_FAIL_REASON_INVALID_USER_CODE, "user_code is wrong");
  }
  if (binding_message != NULL && !binding_message_ok(binding_message))
    return reject(AUTHLETE_CIBA_FAIL_REASON_INVALID_BINDING_MESSAGE,
                  "binding_message must be 1 to 64 printable bytes");
  if (u->state == USER_BLOCKED) return reject(AUTHLETE_CIBA_FAIL_REASON_ACCESS_DENIED, "access is denied for this user");
  verdict proceed = {0, AUTHLETE_CIBA_FAIL_REASON_SERVER_ERROR, NULL};
  return proceed;
}
