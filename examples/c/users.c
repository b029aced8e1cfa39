/* users.c: loading and searching the user store (see users.h and users.txt for the format). */
#define _POSIX_C_SOURCE 200809L
#include "users.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ENTRIES 10000
#define MAX_WORDS 7

/* A copy of word, NULL for "-"; *failed is set when memory ran out. */
static char *optional(const char *word, int *failed) {
  if (strcmp(word, "-") == 0) return NULL;
  char *copy = strdup(word);
  if (copy == NULL) *failed = 1;
  return copy;
}

/* Grows an array of `size`-byte items by one; the new item is zeroed. NULL when out of memory or full. */
static void *append(void **items, size_t *count, size_t size) {
  if (*count == MAX_ENTRIES) return NULL;
  char *grown = realloc(*items, (*count + 1) * size);
  if (grown == NULL) return NULL;
  *items = grown;
  memset(grown + *count * size, 0, size);
  return grown + (*count)++ * size;
}

static int parse_state(const char *word, user_state *out) {
  if (strcmp(word, "active") == 0) *out = USER_ACTIVE;
  else if (strcmp(word, "blocked") == 0) *out = USER_BLOCKED;
  else if (strcmp(word, "error") == 0) *out = USER_STORE_ERROR;
  else return -1;
  return 0;
}

/* One entry from its words; -1 when malformed, -2 when out of memory or full. */
static int add_entry(user_store *s, char **w, size_t n) {
  int failed = 0;
  if (strcmp(w[0], "user") == 0) {
    user_state state;
    if (n != 6 || strcmp(w[1], "-") == 0 || parse_state(w[5], &state) != 0 || user_store_find_subject(s, w[1]))
      return -1;
    user *u = append((void **)&s->users, &s->user_count, sizeof *u);
    if (u == NULL) return -2;
    u->subject = optional(w[1], &failed);
    u->email = optional(w[2], &failed);
    u->phone = optional(w[3], &failed);
    u->user_code = optional(w[4], &failed);
    u->state = state;
  } else if (strcmp(w[0], "token") == 0) {
    char *end = NULL;
    long long expires = n == 4 ? strtoll(w[3], &end, 10) : 0;
    if (n != 4 || end == NULL || *end != '\0' || user_store_find_token(s, w[1])) return -1;
    hint_token *t = append((void **)&s->tokens, &s->token_count, sizeof *t);
    if (t == NULL) return -2;
    t->value = optional(w[1], &failed);
    t->subject = optional(w[2], &failed);
    t->expires = expires;
  } else if (strcmp(w[0], "deny-client") == 0 || strcmp(w[0], "resource") == 0) {
    int client = w[0][0] == 'd';
    if (n != 2) return -1;
    char **slot = client ? append((void **)&s->denied_clients, &s->denied_count, sizeof *slot)
                         : append((void **)&s->resources, &s->resource_count, sizeof *slot);
    if (slot == NULL) return -2;
    *slot = optional(w[1], &failed);
  } else {
    return -1;
  }
  return failed ? -2 : 0;
}

int user_store_load(const char *path, user_store *out, char *err, size_t err_size) {
  memset(out, 0, sizeof *out);
  FILE *file = fopen(path, "r");
  if (file == NULL) {
    snprintf(err, err_size, "%s: %s", path, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t capacity = 0;
  unsigned long number = 0;
  int result = 0;
  while (result == 0 && getline(&line, &capacity, file) != -1) {
    number++;
    char *comment = strchr(line, '#');
    if (comment != NULL) *comment = '\0';
    char *words[MAX_WORDS + 1], *save = NULL;
    size_t n = 0;
    for (char *w = strtok_r(line, " \t\r\n", &save); w && n <= MAX_WORDS; w = strtok_r(NULL, " \t\r\n", &save))
      words[n++] = w;
    if (n == 0) continue; /* blank or comment-only line */
    result = n > MAX_WORDS ? -1 : add_entry(out, words, n);
    if (result == -1)
      snprintf(err, err_size, "%s:%lu: expected `user SUBJECT EMAIL PHONE USER_CODE active|blocked|error` (unique), "
               "`token VALUE SUBJECT EXPIRES`, `deny-client ID` or `resource PREFIX`", path, number);
    else if (result == -2)
      snprintf(err, err_size, "%s:%lu: out of memory or over %d entries", path, number, MAX_ENTRIES);
  }
  free(line);
  fclose(file);
  if (result != 0) user_store_free(out);
  return result == 0 ? 0 : -1;
}

static int same(const char *a, const char *b) { return a != NULL && b != NULL && strcmp(a, b) == 0; }

const user *user_store_find(const user_store *store, const char *login_hint) {
  for (size_t i = 0; login_hint != NULL && i < store->user_count; i++) {
    const user *u = &store->users[i];
    if (same(u->subject, login_hint) || same(u->email, login_hint) || same(u->phone, login_hint)) return u;
  }
  return NULL;
}

const user *user_store_find_subject(const user_store *store, const char *subject) {
  for (size_t i = 0; subject != NULL && i < store->user_count; i++)
    if (same(store->users[i].subject, subject)) return &store->users[i];
  return NULL;
}

const hint_token *user_store_find_token(const user_store *store, const char *value) {
  for (size_t i = 0; value != NULL && i < store->token_count; i++)
    if (same(store->tokens[i].value, value)) return &store->tokens[i];
  return NULL;
}

int user_store_client_denied(const user_store *store, const char *client_id) {
  for (size_t i = 0; i < store->denied_count; i++)
    if (same(store->denied_clients[i], client_id)) return 1;
  return 0;
}

int user_store_resource_served(const user_store *store, const char *resource) {
  for (size_t i = 0; resource != NULL && i < store->resource_count; i++)
    if (strncmp(resource, store->resources[i], strlen(store->resources[i])) == 0) return 1;
  return 0;
}

void user_store_free(user_store *store) {
  for (size_t i = 0; i < store->user_count; i++) {
    user *u = &store->users[i];
    free(u->subject), free(u->email), free(u->phone), free(u->user_code);
  }
  for (size_t i = 0; i < store->token_count; i++) free(store->tokens[i].value), free(store->tokens[i].subject);
  for (size_t i = 0; i < store->denied_count; i++) free(store->denied_clients[i]);
  for (size_t i = 0; i < store->resource_count; i++) free(store->resources[i]);
  free(store->users), free(store->tokens), free(store->denied_clients), free(store->resources);
  memset(store, 0, sizeof *store);
}
