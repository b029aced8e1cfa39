#include "authlete_support.h"

#include <stdlib.h>
#include <string.h>

CURLcode las_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }

/* Appends to the handle's buffer; returning less than asked makes libcurl abort with CURLE_WRITE_ERROR. */
static size_t las_body_write(char *data, size_t size, size_t count, void *context) {
  las_handle *handle = context;
  size_t bytes = size * count;
  if (bytes > handle->body_limit - handle->body_length) {
    handle->body_overflow = 1;
    return 0;
  }
  size_t needed = handle->body_length + bytes + 1;
  if (needed > handle->body_capacity) {
    size_t capacity = handle->body_capacity ? handle->body_capacity : 1024;
    while (capacity < needed) capacity *= 2;
    char *grown = realloc(handle->body, capacity);
    if (grown == NULL) return 0;
    handle->body = grown;
    handle->body_capacity = capacity;
  }
  memcpy(handle->body + handle->body_length, data, bytes);
  handle->body_length += bytes;
  handle->body[handle->body_length] = '\0';
  return bytes;
}

las_handle *las_handle_new(size_t body_limit) {
  las_handle *handle = calloc(1, sizeof *handle);
  if (handle == NULL) return NULL;
  handle->curl = curl_easy_init();
  if (handle->curl == NULL) {
    free(handle);
    return NULL;
  }
  handle->body_limit = body_limit;
  curl_easy_setopt(handle->curl, CURLOPT_WRITEFUNCTION, las_body_write);
  curl_easy_setopt(handle->curl, CURLOPT_WRITEDATA, handle);
  curl_easy_setopt(handle->curl, CURLOPT_ERRORBUFFER, handle->error);
  /* Required for use from many threads; also keeps libcurl away from the host's signal handlers. */
  curl_easy_setopt(handle->curl, CURLOPT_NOSIGNAL, 1L);
  return handle;
}

void las_handle_free(las_handle *handle) {
  if (handle == NULL) return;
  curl_easy_cleanup(handle->curl);
  free(handle->body);
  free(handle->url);
  free(handle);
}

void las_handle_reset_response(las_handle *handle) {
  handle->body_length = 0;
  handle->body_overflow = 0;
  if (handle->body != NULL) handle->body[0] = '\0';
  handle->error[0] = '\0';
}

CURLcode las_setopt_long(las_handle *handle, CURLoption option, long value) {
  return curl_easy_setopt(handle->curl, option, value);
}

CURLcode las_setopt_pointer(las_handle *handle, CURLoption option, const void *value) {
  return curl_easy_setopt(handle->curl, option, value);
}

CURLcode las_setopt_url(las_handle *handle, const char *url) {
  if (handle->url != NULL && strcmp(handle->url, url) == 0) return CURLE_OK;
  char *copy = strdup(url);
  if (copy == NULL) return CURLE_OUT_OF_MEMORY;
  CURLcode code = curl_easy_setopt(handle->curl, CURLOPT_URL, url);
  if (code != CURLE_OK) {
    free(copy);
    return code;
  }
  free(handle->url);
  handle->url = copy;
  return CURLE_OK;
}

CURLcode las_setopt_offset(las_handle *handle, CURLoption option, curl_off_t value) {
  return curl_easy_setopt(handle->curl, option, value);
}

CURLcode las_getinfo_long(las_handle *handle, CURLINFO info, long *value) {
  return curl_easy_getinfo(handle->curl, info, value);
}

CURLcode las_getinfo_offset(las_handle *handle, CURLINFO info, curl_off_t *value) {
  return curl_easy_getinfo(handle->curl, info, value);
}

const char *las_response_header(las_handle *handle, const char *name) {
  struct curl_header *header = NULL;
  if (curl_easy_header(handle->curl, name, 0, CURLH_HEADER, -1, &header) != CURLHE_OK) return NULL;
  return header->value;
}

/* CURLAUTH_* are casts that Swift cannot import. One method only: libcurl then sends it on the first request. */
CURLcode las_setopt_bearer(las_handle *handle, const char *token) {
  CURLcode code = curl_easy_setopt(handle->curl, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
  return code != CURLE_OK ? code : curl_easy_setopt(handle->curl, CURLOPT_XOAUTH2_BEARER, token);
}

CURLcode las_setopt_basic(las_handle *handle, const char *user, const char *password) {
  CURLcode code = curl_easy_setopt(handle->curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
  if (code == CURLE_OK) code = curl_easy_setopt(handle->curl, CURLOPT_USERNAME, user);
  return code != CURLE_OK ? code : curl_easy_setopt(handle->curl, CURLOPT_PASSWORD, password);
}
