/*
 * authlete/ciba.h: the enums the CIBA calls share. Compiles alone as C99 and C++.
 */
#ifndef AUTHLETE_CIBA_H
#define AUTHLETE_CIBA_H

#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How the client receives the outcome (its registered backchannel_token_delivery_mode). */
typedef enum authlete_ciba_delivery_mode {
  AUTHLETE_CIBA_DELIVERY_MODE_POLL = 1,
  AUTHLETE_CIBA_DELIVERY_MODE_PING = 2,
  AUTHLETE_CIBA_DELIVERY_MODE_PUSH = 3
} authlete_ciba_delivery_mode;

/* Which hint the request identifies the user by. */
typedef enum authlete_ciba_hint_type {
  AUTHLETE_CIBA_HINT_TYPE_LOGIN_HINT = 1,
  AUTHLETE_CIBA_HINT_TYPE_LOGIN_HINT_TOKEN = 2,
  AUTHLETE_CIBA_HINT_TYPE_ID_TOKEN_HINT = 3
} authlete_ciba_hint_type;

/* "POLL", "PING", "PUSH"; NULL for a value outside the enum. Static. Thread-safe. */
const char *authlete_ciba_delivery_mode_name(int mode);

/* "LOGIN_HINT", "LOGIN_HINT_TOKEN", "ID_TOKEN_HINT"; NULL for a value outside the enum. Static. Thread-safe. */
const char *authlete_ciba_hint_type_name(int type);

#ifdef __cplusplus
}
#endif

#endif /* AUTHLETE_CIBA_H */
