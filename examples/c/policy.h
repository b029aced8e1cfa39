/* policy.h: the authorization server's decision on a backchannel authentication request, from the user table
 * alone (no I/O), so that it can be read and tested apart from HTTP and Authlete. */
#ifndef POLICY_H
#define POLICY_H

#include <authlete.h>

#include "users.h"

typedef struct verdict {
  int reject;                       /* 1: reject with `reason`; 0: the request may proceed */
  authlete_ciba_fail_reason reason; /* valid when reject is 1 */
  const char *description;          /* static; sent as errorDescription */
} verdict;

/* Longest binding_message accepted, in bytes: it must fit on the screens of both devices. */
#define POLICY_MAX_BINDING_MESSAGE 64

/* Any argument may be NULL (parameter absent). */
verdict policy_decide(const user_table *users, const char *login_hint, const char *user_code,
                      const char *binding_message);

#endif
