/* users.h: the sample's user store (format: users.txt), loaded once at start-up and read-only afterwards, so
 * worker threads share it without locks. */
#ifndef USERS_H
#define USERS_H

#include <stddef.h>

typedef enum user_state { USER_ACTIVE, USER_BLOCKED, USER_STORE_ERROR } user_state;

typedef struct user {
  char *subject;   /* the unique id sent to Authlete as `subject` */
  char *email;     /* NULL when none */
  char *phone;     /* NULL when none */
  char *user_code; /* NULL when the user has none */
  user_state state;
} user;

typedef struct hint_token {
  char *value;
  char *subject;
  long long expires; /* Unix time */
} hint_token;

typedef struct user_store {
  user *users;
  size_t user_count;
  hint_token *tokens;
  size_t token_count;
  char **denied_clients; /* client ids as decimal text */
  size_t denied_count;
  char **resources; /* prefixes of the resources served */
  size_t resource_count;
} user_store;

/* Loads `path` into *out. Returns 0, or -1 with a message in err (the store is then empty). */
int user_store_load(const char *path, user_store *out, char *err, size_t err_size);

/* The user whose subject, email or phone is login_hint; NULL when none (also for NULL). */
const user *user_store_find(const user_store *store, const char *login_hint);

/* The user with this subject; NULL when none (also for NULL). */
const user *user_store_find_subject(const user_store *store, const char *subject);

/* The login_hint_token with this value; NULL when none (also for NULL). */
const hint_token *user_store_find_token(const user_store *store, const char *value);

/* 1 when the client (its id as decimal text) may not use CIBA here, else 0. */
int user_store_client_denied(const user_store *store, const char *client_id);

/* 1 when the resource starts with one of the served prefixes, else 0. */
int user_store_resource_served(const user_store *store, const char *resource);

/* Frees the store's contents; the store is empty afterwards. */
void user_store_free(user_store *store);

#endif
