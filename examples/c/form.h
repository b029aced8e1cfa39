/* form.h: reading one field of an application/x-www-form-urlencoded body. */
#ifndef FORM_H
#define FORM_H

#include <stddef.h>

/* Finds the first field called `name` in body[0..length) and decodes its value ('+' is a space, %XX a byte).
 * Returns 1 with *out a new NUL-terminated string (free() it), 0 when the field is absent (*out NULL), or -1 when
 * the body is malformed (a bad %-escape, an encoded NUL) or memory ran out (*out NULL). */
int form_value(const char *body, size_t length, const char *name, char **out);

#endif
