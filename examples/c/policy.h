/* policy.h: the authorization server's checks of a valid backchannel request (what Authlete's
 * /backchannel/authentication handed over) against the user store, with no I/O, so that they can be read and
 * tested apart from HTTP and Authlete. */
#ifndef POLICY_H
#define POLICY_H

#include <authlete.h>

#include "users.h"

typedef struct verdict {
  int reject;                       /* 1: reject with `reason`; 0: accept for `user` */
  authlete_ciba_fail_reason reason; /* valid when reject is 1 */
  const char *description;          /* static; sent as error_description */
  const user *user;                 /* the identified user when reject is 0 */
} verdict;

/* Longest binding_message accepted, in bytes: it must fit on the screens of both devices. */
#define POLICY_MAX_BINDING_MESSAGE 64

/* The first failing check, in the CIBA flow's order: no user for the hint (UNKNOWN_USER_ID; a failing store entry:
 * SERVER_ERROR), an expired login_hint_token, a missing or wrong user code (checked when the user has one or the
 * client requires one), an unacceptable binding message, then this server's policy: a denied client
 * (UNAUTHORIZED_CLIENT), a resource not served here (INVALID_TARGET), a blocked user (ACCESS_DENIED).
 * now: Unix time. */
verdict policy_check(const user_store *store, const authlete_ciba_authentication_response *request, long long now);

#endif
