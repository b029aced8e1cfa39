/* pending.h: the accepted requests the simulated authentication device has not decided yet, shared by the worker
 * threads (a mutex guards them). Bounded: entries past their auth_req_id's lifetime are dropped to make room. */
#ifndef PENDING_H
#define PENDING_H

#include <pthread.h>
#include <stddef.h>

#define PENDING_MAX 4096

typedef struct pending_request {
  char auth_req_id[128];
  char ticket[512];
  char subject[128];
  long long expires; /* Unix time */
} pending_request;

typedef struct pending_table {
  pthread_mutex_t lock;
  pending_request *items;
  size_t count;
} pending_table;

int pending_init(pending_table *table);
void pending_destroy(pending_table *table);

/* Records an accepted request. Returns 0, or -1 when a value is too long or the table is full of live entries. */
int pending_add(pending_table *table, const char *auth_req_id, const char *ticket, const char *subject,
                long long expires, long long now);

/* Moves the request with this auth_req_id into *out (each request is decided once).
 * Returns 1 when found, else 0. */
int pending_take(pending_table *table, const char *auth_req_id, pending_request *out);

#endif
