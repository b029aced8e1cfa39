#include "authlete_support.h"

#include <pthread.h>
#include <stdlib.h>

/* libcurl leaves locking to the application: one mutex per kind of shared data. */
struct las_share {
  CURLSH *curl_share;
  pthread_mutex_t locks[CURL_LOCK_DATA_LAST];
};

static void las_share_lock(CURL *curl, curl_lock_data data, curl_lock_access access, void *context) {
  (void)curl;
  (void)access;
  las_share *share = context;
  if (data < CURL_LOCK_DATA_LAST) pthread_mutex_lock(&share->locks[data]);
}

static void las_share_unlock(CURL *curl, curl_lock_data data, void *context) {
  (void)curl;
  las_share *share = context;
  if (data < CURL_LOCK_DATA_LAST) pthread_mutex_unlock(&share->locks[data]);
}

las_share *las_share_new(void) {
  las_share *share = calloc(1, sizeof *share);
  if (share == NULL) return NULL;
  share->curl_share = curl_share_init();
  if (share->curl_share == NULL) {
    free(share);
    return NULL;
  }
  for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_init(&share->locks[i], NULL);
  curl_share_setopt(share->curl_share, CURLSHOPT_LOCKFUNC, las_share_lock);
  curl_share_setopt(share->curl_share, CURLSHOPT_UNLOCKFUNC, las_share_unlock);
  curl_share_setopt(share->curl_share, CURLSHOPT_USERDATA, share);
  curl_share_setopt(share->curl_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(share->curl_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  return share;
}

void las_share_free(las_share *share) {
  if (share == NULL) return;
  curl_share_cleanup(share->curl_share);
  for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_destroy(&share->locks[i]);
  free(share);
}

CURLcode las_handle_use_share(las_handle *handle, las_share *share) {
  return curl_easy_setopt(handle->curl, CURLOPT_SHARE, share->curl_share);
}
