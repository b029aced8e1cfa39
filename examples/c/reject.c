/* reject.c: the three libauthlete steps of a rejection (build the request, call Authlete, read the answer) and
 * the one place where their failures turn into a logged 500. */
#define _POSIX_C_SOURCE 200809L
#include "reject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Logs a failed step. authlete_last_error() is read first: it describes the last call on this thread only. */
static void log_failure(const char *step, authlete_status status, const char *authlete_body) {
  char detail[1024];
  snprintf(detail, sizeof detail, "%s", authlete_last_error());
  fprintf(stderr, "backchannel-server: %s failed: %s: %s\n", step, authlete_status_name((int)status), detail);
  if (authlete_body != NULL)
    fprintf(stderr, "backchannel-server: Authlete answered: %.2000s\n", authlete_body);
}

static void server_error(reply *out) {
  out->http_status = 500;
  out->body = REPLY_SERVER_ERROR;
  out->owned = NULL;
}

void reject_request(authlete_client *client, const char *service_id, const char *ticket,
                    authlete_ciba_fail_reason reason, const char *description, reply *out) {
  server_error(out);
  char *request = NULL, *answer = NULL;
  authlete_ciba_fail_response *response = NULL;

  authlete_status status =
      authlete_ciba_fail_request_json(ticket, authlete_ciba_fail_reason_name((int)reason), description, NULL, &request);
  if (status != AUTHLETE_OK) {
    log_failure("building the request", status, NULL);
    goto done;
  }
  status = authlete_client_ciba_fail(client, service_id, request, &answer);
  if (status != AUTHLETE_OK) {
    /* On AUTHLETE_ERR_API, answer holds Authlete's body: for the log only. */
    log_failure("calling Authlete", status, answer);
    goto done;
  }
  status = authlete_ciba_fail_response_parse(answer, &response);
  if (status != AUTHLETE_OK) {
    log_failure("reading Authlete's answer", status, NULL);
    goto done;
  }
  const char *content = authlete_ciba_fail_response_content(response);
  int http_status = authlete_ciba_fail_response_http_status(response);
  if (content == NULL || http_status == 0) {
    fprintf(stderr, "backchannel-server: Authlete's answer has no responseContent\n");
    goto done;
  }
  char *copy = strdup(content); /* outlives the response */
  if (copy == NULL) {
    fprintf(stderr, "backchannel-server: out of memory\n");
    goto done;
  }
  out->http_status = (unsigned int)http_status;
  out->body = copy;
  out->owned = copy;

done:
  authlete_ciba_fail_response_free(response);
  authlete_free(answer);
  authlete_free(request);
}

void reply_free(reply *r) {
  free(r->owned);
  r->owned = NULL;
  r->body = NULL;
}
