/* endpoint.h: the sample's request handling, without the HTTP server and the user store: the backchannel
 * authentication endpoint on libauthlete's flow object, and the simulated authentication device's decision. */
#ifndef ENDPOINT_H
#define ENDPOINT_H

#include <authlete.h>
#include <stddef.h>

#include "pending.h"
#include "users.h"

typedef struct server {
  authlete_client *client; /* shared by every worker thread: the library makes this safe */
  const char *service_id;
  user_store users;     /* read-only after start-up */
  pending_table device; /* the accepted requests the device has not decided yet */
} server;

/* Handles POST /backchannel/authentication: the client's form body and Authorization header (NULL when none).
 * Returns the answered flow: send its status, headers and body, then authlete_ciba_flow_free() it. NULL only when
 * memory ran out (answer 500 {"error":"server_error"}). Safe from many threads at once. */
authlete_ciba_flow *backchannel_request(server *s, const char *form_body, const char *authorization);

/* Handles POST /device/decide: the user's decision ("approve", "deny" or "fail") on the pending request with this
 * auth_req_id: /complete, then the ping/push notification. Writes a JSON body into body[size]
 * and returns the HTTP status: 200 (Authlete answered; the body names its action and the notification's status),
 * 400 (bad decision), 404 (no such pending request), 502 (the library call failed, e.g. the notification). */
int device_decide(server *s, const char *auth_req_id, const char *decision, char *body, size_t size);

#endif
