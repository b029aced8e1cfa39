#include "authlete_support.h"

/* authlete_last_error() is per thread, like libgit2's git_error_last(). */
enum { LAS_LAST_ERROR_CAPACITY = 1024 };
static _Thread_local char las_last_error[LAS_LAST_ERROR_CAPACITY];

char *las_last_error_buffer(void) { return las_last_error; }
size_t las_last_error_capacity(void) { return LAS_LAST_ERROR_CAPACITY; }
