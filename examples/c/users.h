/* users.h: the sample's user table, a text file loaded once at start-up and read-only afterwards (so worker
 * threads share it without locks). One user a line: `login_hint user_code state`, '#' starts a comment,
 * user_code "-" means the user has none, state is "active", "blocked" or "error" (the user store fails for this
 * user, to show the SERVER_ERROR path). */
#ifndef USERS_H
#define USERS_H

#include <stddef.h>

typedef enum user_state { USER_ACTIVE, USER_BLOCKED, USER_STORE_ERROR } user_state;

typedef struct user {
  char *login_hint;
  char *user_code; /* NULL when the user has no user code */
  user_state state;
} user;

typedef struct user_table {
  user *users;
  size_t count;
} user_table;

/* Loads `path` into *out. Returns 0, or -1 with a message in err (the table is then empty). */
int user_table_load(const char *path, user_table *out, char *err, size_t err_size);

/* The user with this login_hint, or NULL (also for a NULL login_hint). */
const user *user_table_find(const user_table *table, const char *login_hint);

/* Frees the table's contents; the table is empty afterwards. */
void user_table_free(user_table *table);

#endif
