/* pending.c: the table of pending.h, a small array searched linearly (a sample: a few thousand entries at most). */
#include "pending.h"

#include <stdlib.h>
#include <string.h>

int pending_init(pending_table *table) {
  table->count = 0;
  table->items = calloc(PENDING_MAX, sizeof *table->items);
  if (table->items == NULL) return -1;
  return pthread_mutex_init(&table->lock, NULL) == 0 ? 0 : (free(table->items), -1);
}

void pending_destroy(pending_table *table) {
  pthread_mutex_destroy(&table->lock);
  free(table->items);
  table->items = NULL;
}

static int copy(char *to, size_t size, const char *from) {
  if (from == NULL || strlen(from) >= size) return -1;
  memcpy(to, from, strlen(from) + 1);
  return 0;
}

/* Removes item i by moving the last one into its place. Called with the lock held. */
static void remove_at(pending_table *table, size_t i) { table->items[i] = table->items[--table->count]; }

int pending_add(pending_table *table, const char *auth_req_id, const char *ticket, const char *subject,
                long long expires, long long now) {
  pending_request made;
  if (copy(made.auth_req_id, sizeof made.auth_req_id, auth_req_id) != 0 ||
      copy(made.ticket, sizeof made.ticket, ticket) != 0 || copy(made.subject, sizeof made.subject, subject) != 0)
    return -1;
  made.expires = expires;
  pthread_mutex_lock(&table->lock);
  for (size_t i = table->count; table->count == PENDING_MAX && i-- > 0;)
    if (table->items[i].expires < now) remove_at(table, i);
  int added = table->count < PENDING_MAX;
  if (added) table->items[table->count++] = made;
  pthread_mutex_unlock(&table->lock);
  return added ? 0 : -1;
}

int pending_take(pending_table *table, const char *auth_req_id, pending_request *out) {
  int found = 0;
  pthread_mutex_lock(&table->lock);
  for (size_t i = 0; auth_req_id != NULL && i < table->count && !found; i++) {
    if (strcmp(table->items[i].auth_req_id, auth_req_id) == 0) {
      *out = table->items[i];
      remove_at(table, i);
      found = 1;
    }
  }
  pthread_mutex_unlock(&table->lock);
  return found;
}
