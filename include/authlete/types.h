/*
 * authlete/types.h: what every libauthlete header shares: the status codes and the client handle. Included by
 * authlete.h and by each header under authlete/; compiles alone as C99 and C++.
 */
#ifndef AUTHLETE_TYPES_H
#define AUTHLETE_TYPES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------------------------
 * Status codes. Values are never renumbered or removed; new ones are added last.
 * ------------------------------------------------------------------------------------------------------------- */
typedef enum authlete_status {
  AUTHLETE_OK = 0,
  /* A required pointer argument was NULL. */
  AUTHLETE_ERR_NULL_ARGUMENT = 1,
  /* An argument is malformed: request JSON that is not an object, has a wrong-typed, unknown or repeated field or
   * an unknown reason; invalid UTF-8; a string over its size limit; an error URI that is not absolute; a service id
   * that is empty, longer than 128 bytes or not made of URI-unreserved characters (A-Z a-z 0-9 - . _ ~). */
  AUTHLETE_ERR_INVALID_ARGUMENT = 2,
  /* The configuration is malformed or incomplete: not a JSON object, an unknown key, a wrong-typed or out-of-range
   * value, a base URL that is not http(s) or ends in "/api", missing credentials, an unreadable caFile. */
  AUTHLETE_ERR_CONFIG = 3,
  /* Authlete could not be reached: DNS, connect, TLS (including certificate verification), reset connection. */
  AUTHLETE_ERR_NETWORK = 4,
  /* The call did not finish within timeoutMs (or the connection within connectTimeoutMs). */
  AUTHLETE_ERR_TIMEOUT = 5,
  /* Authlete answered with a non-2xx HTTP status (for example 400, 401, 403, 500, or a redirect, which is never
   * followed). authlete_client_ciba_fail still hands out Authlete's body so that the caller can log it. */
  AUTHLETE_ERR_API = 6,
  /* Authlete answered 2xx with a body that is not JSON, has no action or an unknown action, or any answer larger
   * than the response size cap (1 MiB). */
  AUTHLETE_ERR_PROTOCOL = 7,
  /* An allocation failed. */
  AUTHLETE_ERR_NO_MEMORY = 8,
  /* A bug in libauthlete or its dependencies; please report it with authlete_last_error(). */
  AUTHLETE_ERR_INTERNAL = 9,
  /* (0.2) The client application's notification endpoint could not be used: it answered other than 200 or 204
   * (redirects included, never followed), could not be reached or timed out, or its URL is malformed or plain http
   * to a host that is not loopback. authlete_last_error() says which. */
  AUTHLETE_ERR_NOTIFICATION = 10
} authlete_status;

/* A connection to Authlete: configuration, credentials and a pool of reusable HTTP connections. One client is safe
 * to use from many threads at once; share it (connections, DNS results and TLS sessions are reused across calls and
 * threads). After fork(), a child process that uses a client made by its parent opens fresh connections and leaves
 * the parent's alone. */
typedef struct authlete_client authlete_client;

#ifdef __cplusplus
}
#endif

#endif /* AUTHLETE_TYPES_H */
