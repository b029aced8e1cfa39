/* reject.h: rejecting a backchannel authentication request through libauthlete, as one call that always yields
 * the HTTP answer for the client. */
#ifndef REJECT_H
#define REJECT_H

#include <authlete.h>

typedef struct reply {
  unsigned int http_status;
  const char *body; /* responseContent verbatim, or the generic server_error body */
  char *owned;      /* what reply_free() releases (NULL when body is static) */
} reply;

/* The body sent when the library call fails: Authlete's own message is logged, never shown to the client. */
#define REPLY_SERVER_ERROR "{\"error\":\"server_error\"}"

/* Asks Authlete (through the shared, thread-safe client) for the error response of `reason`, deleting `ticket`.
 * ticket and description may be NULL. On any libauthlete failure it logs the status, authlete_last_error() and
 * Authlete's body to stderr and yields 500 REPLY_SERVER_ERROR. Safe from many threads at once. */
void reject_request(authlete_client *client, const char *service_id, const char *ticket,
                    authlete_ciba_fail_reason reason, const char *description, reply *out);

void reply_free(reply *r);

#endif
