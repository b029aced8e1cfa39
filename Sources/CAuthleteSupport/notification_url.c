#include "authlete_support.h"

#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

/* CIBA Core wants https for the client's notification endpoint; plain http is allowed to loopback hosts only, for
 * local tests. libcurl's own URL parser decides what the scheme and host are, so the check and the transfer agree. */
static int las_is_loopback(const char *host) {
  unsigned char address[16];
  if (strcasecmp(host, "localhost") == 0) return 1;
  if (inet_pton(AF_INET, host, address) == 1) return address[0] == 127;
  size_t length = strlen(host);
  if (length > 2 && host[0] == '[' && host[length - 1] == ']' && length - 2 < 64) {
    char inner[64];
    memcpy(inner, host + 1, length - 2);
    inner[length - 2] = '\0';
    static const unsigned char loopback6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    return inet_pton(AF_INET6, inner, address) == 1 && memcmp(address, loopback6, 16) == 0;
  }
  return 0;
}

las_url_verdict las_check_notification_url(const char *url) {
  CURLU *parsed = curl_url();
  if (parsed == NULL) return LAS_URL_NO_MEMORY;
  char *scheme = NULL, *host = NULL;
  las_url_verdict verdict = LAS_URL_MALFORMED;
  if (curl_url_set(parsed, CURLUPART_URL, url, 0) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
    if (strcasecmp(scheme, "https") == 0) verdict = LAS_URL_OK;
    else if (strcasecmp(scheme, "http") == 0) verdict = las_is_loopback(host) ? LAS_URL_OK : LAS_URL_INSECURE;
    else verdict = LAS_URL_MALFORMED;
  }
  curl_free(scheme);
  curl_free(host);
  curl_url_cleanup(parsed);
  return verdict;
}
