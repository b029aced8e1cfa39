/*
 * The few lines of C that Swift cannot write: libcurl's variadic setters, the share-lock callbacks, a bounded
 * response-body sink and the thread-local error buffer. Internal to libauthlete (prefix las_, never exported:
 * the library's version script keeps only authlete_*).
 */
#ifndef AUTHLETE_SUPPORT_H
#define AUTHLETE_SUPPORT_H

#include <curl/curl.h>
#include <stddef.h>

/* One reusable easy handle with its response-body buffer and error text. */
typedef struct las_handle {
  CURL *curl;
  char *body;            /* NUL-terminated bytes received so far (may be NULL before the first byte) */
  size_t body_length;
  size_t body_capacity;
  size_t body_limit;     /* more than this many bytes aborts the transfer and sets body_overflow */
  int body_overflow;
  char error[CURL_ERROR_SIZE];
  char *url;             /* the URL last given to libcurl (a copy), so that an unchanged one is not set again */
} las_handle;

/* Runs curl_global_init once; returns its result (thread-safe on libcurl >= 7.84). */
CURLcode las_global_init(void);

/* A handle wired to its own body sink and error buffer, with signals off; NULL when out of memory. */
las_handle *las_handle_new(size_t body_limit);
void las_handle_free(las_handle *handle);
/* Clears the body and error before a transfer; keeps the buffer for reuse. */
void las_handle_reset_response(las_handle *handle);

CURLcode las_setopt_long(las_handle *handle, CURLoption option, long value);
CURLcode las_setopt_pointer(las_handle *handle, CURLoption option, const void *value);
CURLcode las_setopt_offset(las_handle *handle, CURLoption option, curl_off_t value);
/* CURLOPT_URL, skipped when it is the one already set (libcurl would copy it again on every call). */
CURLcode las_setopt_url(las_handle *handle, const char *url);
CURLcode las_getinfo_long(las_handle *handle, CURLINFO info, long *value);
CURLcode las_getinfo_offset(las_handle *handle, CURLINFO info, curl_off_t *value);
/* The Authorization of every request: a bearer token, or HTTP Basic user and password (copied by libcurl). */
CURLcode las_setopt_bearer(las_handle *handle, const char *token);
CURLcode las_setopt_basic(las_handle *handle, const char *user, const char *password);
/* The first value of a response header, or NULL. Borrowed until the next transfer on the handle. */
const char *las_response_header(las_handle *handle, const char *name);

/* Whether a client's notification endpoint may be POSTed to: https, or plain http to a loopback host only. */
typedef enum { LAS_URL_OK = 0, LAS_URL_MALFORMED = 1, LAS_URL_INSECURE = 2, LAS_URL_NO_MEMORY = 3 } las_url_verdict;
las_url_verdict las_check_notification_url(const char *url);

/* A share object (DNS cache, TLS sessions) with its own mutexes; NULL when out of memory. */
typedef struct las_share las_share;
las_share *las_share_new(void);
void las_share_free(las_share *share);
CURLcode las_handle_use_share(las_handle *handle, las_share *share);

/* Tells a fork child from the process that made the guard, without a system call per check (wipe-on-fork page,
 * else getpid()). new: NULL when out of memory. forked: non-zero in a child until rearm. */
typedef struct las_fork_guard las_fork_guard;
las_fork_guard *las_fork_guard_new(void);
int las_fork_guard_forked(las_fork_guard *guard);
void las_fork_guard_rearm(las_fork_guard *guard);
void las_fork_guard_free(las_fork_guard *guard);

/* The calling thread's error text buffer and its size. */
char *las_last_error_buffer(void);
size_t las_last_error_capacity(void);

#endif
