/* ciba-fail: reject a CIBA backchannel authentication request from the command line through libauthlete.
 * Exit status: 0 on success, the libauthlete status (1..9) when the library fails, 64 on a usage error, 70 when the
 * loaded library is older than the header or of another major version. */
#include <authlete.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "usage: ciba-fail --service-id ID [--ticket T] [--reason NAME] [--description TEXT] [--uri URI] [--json]\n"
    "       ciba-fail --help | --version\n"
    "Asks Authlete for the error response that rejects a backchannel authentication request (and deletes its\n"
    "ticket), then prints the action, the HTTP status to answer with and the responseContent to send.\n"
    "  --service-id ID     the service's API key (default $AUTHLETE_SERVICE_APIKEY)\n"
    "  --ticket T          the ticket of the request (always give it when known)\n"
    "  --reason NAME       ACCESS_DENIED, EXPIRED_LOGIN_HINT_TOKEN, INVALID_BINDING_MESSAGE, INVALID_TARGET,\n"
    "                      INVALID_USER_CODE, MISSING_USER_CODE, SERVER_ERROR, UNAUTHORIZED_CLIENT,\n"
    "                      UNKNOWN_USER_ID (Authlete uses SERVER_ERROR when omitted)\n"
    "  --description TEXT  error_description of the response\n"
    "  --uri URI           error_uri of the response (an absolute URI)\n"
    "  --json              print one JSON object instead of lines\n"
    "Configuration comes from the environment: AUTHLETE_BASE_URL, AUTHLETE_BEARER (or AUTHLETE_SERVICE_ACCESSTOKEN),\n"
    "AUTHLETE_API_VERSION (3 default, or 2 with AUTHLETE_SERVICE_APIKEY and AUTHLETE_SERVICE_APISECRET),\n"
    "AUTHLETE_TIMEOUT_MS.\n"
    "Exit status: 0 success; 1..9 the libauthlete status that failed (e.g. 4 AUTHLETE_ERR_NETWORK, 6\n"
    "AUTHLETE_ERR_API); 64 usage error; 70 library and header versions disagree.\n";

typedef struct options {
  const char *service_id, *ticket, *reason, *description, *uri;
  int json;
} options;

/* Prints s as a JSON string literal. */
static void print_json_string(const char *s) {
  putchar('"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') printf("\\%c", *p);
    else if (*p == '\n') fputs("\\n", stdout);
    else if (*p < 0x20) printf("\\u%04x", *p);
    else putchar(*p);
  }
  putchar('"');
}

/* Returns 0, or 64 with a message on a usage error; -1 after --help/--version. */
static int parse_arguments(int argc, char **argv, options *o) {
  o->service_id = getenv("AUTHLETE_SERVICE_APIKEY");
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
    const char **slot = strcmp(arg, "--service-id") == 0    ? &o->service_id
                        : strcmp(arg, "--ticket") == 0      ? &o->ticket
                        : strcmp(arg, "--reason") == 0      ? &o->reason
                        : strcmp(arg, "--description") == 0 ? &o->description
                        : strcmp(arg, "--uri") == 0         ? &o->uri
                                                            : NULL;
    if (slot != NULL && value != NULL) {
      *slot = value;
      i++;
    } else if (strcmp(arg, "--json") == 0) {
      o->json = 1;
    } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      fputs(USAGE, stdout);
      return -1;
    } else if (strcmp(arg, "--version") == 0) {
      printf("ciba-fail: libauthlete %s (header %s)\n", authlete_version(), AUTHLETE_VERSION_STRING);
      return -1;
    } else {
      fprintf(stderr, "ciba-fail: %s '%s'\n%s", slot ? "missing value for" : "unknown argument", arg, USAGE);
      return 64;
    }
  }
  if (o->service_id == NULL) {
    fprintf(stderr, "ciba-fail: give --service-id or set AUTHLETE_SERVICE_APIKEY\n%s", USAGE);
    return 64;
  }
  return 0;
}

/* Reports a failed step on stderr (and stdout with --json); returns the exit status. */
static int fail(const options *o, const char *step, authlete_status status, const char *authlete_body) {
  char detail[2048];
  snprintf(detail, sizeof detail, "%s", authlete_last_error()); /* first: the next call would replace it */
  const char *name = authlete_status_name((int)status);
  fprintf(stderr, "ciba-fail: %s: %s: %s\n", step, name, detail);
  if (authlete_body != NULL) fprintf(stderr, "ciba-fail: Authlete answered: %s\n", authlete_body);
  if (o->json) {
    printf("{\"status\":%d,\"error\":", (int)status);
    print_json_string(name);
    fputs(",\"detail\":", stdout);
    print_json_string(detail);
    puts("}");
  }
  return (int)status;
}

/* Prints s as a JSON string, or null. */
static void print_json_value(const char *s) {
  if (s == NULL) fputs("null", stdout);
  else print_json_string(s);
}

static void print_response(const options *o, const authlete_ciba_fail_response *r) {
  const char *action = authlete_ciba_fail_action_name(authlete_ciba_fail_response_action(r));
  int http_status = authlete_ciba_fail_response_http_status(r);
  const char *content = authlete_ciba_fail_response_content(r);
  const char *code = authlete_ciba_fail_response_result_code(r);
  if (!o->json) {
    printf("action: %s\nhttp_status: %d\nresponse_content: %s\nresult_code: %s\n", action ? action : "", http_status,
           content ? content : "", code ? code : "");
    return;
  }
  fputs("{\"action\":", stdout);
  print_json_value(action);
  printf(",\"httpStatus\":%d,\"responseContent\":", http_status);
  print_json_value(content);
  fputs(",\"resultCode\":", stdout);
  print_json_value(code);
  fputs(",\"resultMessage\":", stdout);
  print_json_value(authlete_ciba_fail_response_result_message(r));
  puts("}");
}

int main(int argc, char **argv) {
  options o = {0};
  int usage = parse_arguments(argc, argv, &o);
  if (usage != 0) return usage < 0 ? 0 : usage;
  /* A library older than the header lacks what the header promises; another major version breaks the ABI. */
  unsigned int loaded = authlete_version_number();
  if (loaded / 10000 != AUTHLETE_VERSION_MAJOR || loaded < AUTHLETE_VERSION_NUMBER) {
    fprintf(stderr, "ciba-fail: libauthlete %s does not match the header %s\n", authlete_version(),
            AUTHLETE_VERSION_STRING);
    return 70;
  }

  int exit_status = 0;
  char *request = NULL, *answer = NULL;
  authlete_client *client = NULL;
  authlete_ciba_fail_response *response = NULL;
  authlete_status status = authlete_ciba_fail_request_json(o.ticket, o.reason, o.description, o.uri, &request);
  if (status != AUTHLETE_OK) {
    exit_status = fail(&o, "building the request", status, NULL);
  } else if ((status = authlete_client_new(NULL, &client)) != AUTHLETE_OK) {
    exit_status = fail(&o, "configuring the client", status, NULL);
  } else if ((status = authlete_client_ciba_fail(client, o.service_id, request, &answer)) != AUTHLETE_OK) {
    exit_status = fail(&o, "calling Authlete", status, answer); /* answer: Authlete's body on ERR_API */
  } else if ((status = authlete_ciba_fail_response_parse(answer, &response)) != AUTHLETE_OK) {
    exit_status = fail(&o, "reading the answer", status, NULL);
  } else {
    print_response(&o, response);
  }
  authlete_ciba_fail_response_free(response);
  authlete_free(answer);
  authlete_client_free(client);
  authlete_free(request);
  return exit_status;
}
