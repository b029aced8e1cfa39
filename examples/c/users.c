/* users.c: loading and searching the user table (see users.h for the file format). */
#define _POSIX_C_SOURCE 200809L
#include "users.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_USERS 10000

static int parse_state(const char *word, user_state *out) {
  if (strcmp(word, "active") == 0) *out = USER_ACTIVE;
  else if (strcmp(word, "blocked") == 0) *out = USER_BLOCKED;
  else if (strcmp(word, "error") == 0) *out = USER_STORE_ERROR;
  else return -1;
  return 0;
}

/* Adds one user; the words are copied. */
static int add_user(user_table *t, const char *hint, const char *code, user_state state) {
  if (t->count == MAX_USERS) return -1;
  user *grown = realloc(t->users, (t->count + 1) * sizeof *grown);
  if (grown == NULL) return -1;
  t->users = grown;
  user *u = &t->users[t->count];
  u->login_hint = strdup(hint);
  u->user_code = strcmp(code, "-") == 0 ? NULL : strdup(code);
  u->state = state;
  if (u->login_hint == NULL || (u->user_code == NULL && strcmp(code, "-") != 0)) {
    free(u->login_hint);
    free(u->user_code);
    return -1;
  }
  t->count++;
  return 0;
}

int user_table_load(const char *path, user_table *out, char *err, size_t err_size) {
  out->users = NULL;
  out->count = 0;
  FILE *file = fopen(path, "r");
  if (file == NULL) {
    snprintf(err, err_size, "%s: %s", path, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t capacity = 0;
  unsigned long number = 0;
  int result = 0;
  while (getline(&line, &capacity, file) != -1) {
    number++;
    char *comment = strchr(line, '#');
    if (comment != NULL) *comment = '\0';
    char *save = NULL;
    char *hint = strtok_r(line, " \t\r\n", &save);
    if (hint == NULL) continue; /* blank or comment-only line */
    char *code = strtok_r(NULL, " \t\r\n", &save);
    char *state_word = strtok_r(NULL, " \t\r\n", &save);
    user_state state;
    if (code == NULL || state_word == NULL || strtok_r(NULL, " \t\r\n", &save) != NULL ||
        parse_state(state_word, &state) != 0 || user_table_find(out, hint) != NULL) {
      snprintf(err, err_size, "%s:%lu: expected `login_hint user_code active|blocked|error` (unique)", path, number);
      result = -1;
      break;
    }
    if (add_user(out, hint, code, state) != 0) {
      snprintf(err, err_size, "%s:%lu: out of memory or over %d users", path, number, MAX_USERS);
      result = -1;
      break;
    }
  }
  free(line);
  fclose(file);
  if (result != 0) user_table_free(out);
  return result;
}

const user *user_table_find(const user_table *table, const char *login_hint) {
  if (login_hint == NULL) return NULL;
  for (size_t i = 0; i < table->count; i++)
    if (strcmp(table->users[i].login_hint, login_hint) == 0) return &table->users[i];
  return NULL;
}

void user_table_free(user_table *table) {
  for (size_t i = 0; i < table->count; i++) {
    free(table->users[i].login_hint);
    free(table->users[i].user_code);
  }
  free(table->users);
  table->users = NULL;
  table->count = 0;
}
