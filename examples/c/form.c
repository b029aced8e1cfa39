/* form.c: application/x-www-form-urlencoded decoding. Unlike browsers, a bad %-escape is an error, not kept. */
#include "form.h"

#include <stdlib.h>
#include <string.h>

static int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decodes text[0..length) into a new string; NULL when malformed or out of memory. */
static char *decode(const char *text, size_t length) {
  char *out = malloc(length + 1);
  if (out == NULL) return NULL;
  size_t n = 0;
  for (size_t i = 0; i < length; i++) {
    char c = text[i];
    if (c == '+') {
      c = ' ';
    } else if (c == '%') {
      int high = i + 2 < length ? hex(text[i + 1]) : -1;
      int low = i + 2 < length ? hex(text[i + 2]) : -1;
      if (high < 0 || low < 0 || (high == 0 && low == 0)) {
        free(out);
        return NULL;
      }
      c = (char)(high * 16 + low);
      i += 2;
    }
    out[n++] = c;
  }
  out[n] = '\0';
  return out;
}

int form_value(const char *body, size_t length, const char *name, char **out) {
  *out = NULL;
  size_t start = 0;
  while (start < length) {
    const char *pair = body + start;
    const char *amp = memchr(pair, '&', length - start);
    size_t pair_length = amp ? (size_t)(amp - pair) : length - start;
    start += pair_length + 1;
    if (pair_length == 0) continue;
    const char *eq = memchr(pair, '=', pair_length);
    size_t key_length = eq ? (size_t)(eq - pair) : pair_length;
    char *key = decode(pair, key_length);
    if (key == NULL) return -1;
    int match = strcmp(key, name) == 0;
    free(key);
    if (!match) continue;
    *out = eq ? decode(eq + 1, pair_length - key_length - 1) : decode("", 0);
    return *out ? 1 : -1;
  }
  return 0;
}
