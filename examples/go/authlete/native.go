package authlete

// The cgo boundary: every library call that can fail runs in one C helper together with its read of
// authlete_last_error(). A goroutine may move to another OS thread between two cgo calls, and the detail is
// thread-local, so reading it in a second cgo call could return another goroutine's detail.

/*
#cgo pkg-config: authlete
#include <authlete.h>
#include <stdlib.h>
#include <string.h>

enum { AB_FAIL = 0, AB_AUTHENTICATION = 1, AB_ISSUE = 2, AB_COMPLETE = 3 };

typedef struct ab_result {
  int status;
  void *response;  // the parsed response on success
  char *body;      // Authlete's body on AUTHLETE_ERR_API (library-allocated)
  char *detail;    // authlete_last_error() on failure (malloc'd copy)
} ab_result;

static ab_result ab_failed(int status, char *body) {
  ab_result r = {status, NULL, body, strdup(authlete_last_error())};
  return r;
}

static ab_result ab_client_new(const char *config, authlete_client **out) {
  int status = authlete_client_new(config, out);
  if (status != AUTHLETE_OK) return ab_failed(status, NULL);
  ab_result r = {AUTHLETE_OK, NULL, NULL, NULL};
  return r;
}

// Sends the request and parses the answer; on any failure the detail is copied before returning to Go.
static ab_result ab_call(int endpoint, authlete_client *client, const char *service_id, const char *request) {
  char *body = NULL;
  int status;
  switch (endpoint) {
    case AB_FAIL: status = authlete_client_ciba_fail(client, service_id, request, &body); break;
    case AB_AUTHENTICATION: status = authlete_client_ciba_authentication(client, service_id, request, &body); break;
    case AB_ISSUE: status = authlete_client_ciba_issue(client, service_id, request, &body); break;
    case AB_COMPLETE: status = authlete_client_ciba_complete(client, service_id, request, &body); break;
    default: return ab_failed(AUTHLETE_ERR_INVALID_ARGUMENT, NULL);
  }
  if (status != AUTHLETE_OK) {
    if (status != AUTHLETE_ERR_API) {
      authlete_free(body);
      body = NULL;
    }
    return ab_failed(status, body);
  }
  void *response = NULL;
  switch (endpoint) {
    case AB_FAIL: status = authlete_ciba_fail_response_parse(body, (authlete_ciba_fail_response **)&response); break;
    case AB_AUTHENTICATION:
      status = authlete_ciba_authentication_response_parse(body, (authlete_ciba_authentication_response **)&response);
      break;
    case AB_ISSUE: status = authlete_ciba_issue_response_parse(body, (authlete_ciba_issue_response **)&response); break;
    default: status = authlete_ciba_complete_response_parse(body, (authlete_ciba_complete_response **)&response); break;
  }
  authlete_free(body);
  if (status != AUTHLETE_OK) return ab_failed(status, NULL);
  ab_result r = {AUTHLETE_OK, response, NULL, NULL};
  return r;
}
*/
import "C"

import (
	"strings"
	"unsafe"
)

type endpoint C.int

const (
	endpointFail           endpoint = C.AB_FAIL
	endpointAuthentication endpoint = C.AB_AUTHENTICATION
	endpointIssue          endpoint = C.AB_ISSUE
	endpointComplete       endpoint = C.AB_COMPLETE
)

// HeaderVersionNumber is AUTHLETE_VERSION_NUMBER of the header this package was compiled against.
const HeaderVersionNumber = uint(C.AUTHLETE_VERSION_NUMBER)

// cString copies s for C; a NUL inside would silently cut the value, so it is refused.
func cString(s string, what string) (*C.char, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return nil, &Error{Status: StatusInvalidArgument, Detail: what + " contains a NUL byte"}
	}
	return C.CString(s), nil
}

// takeResult turns a failed ab_result into an *Error and releases what C handed out.
func takeResult(r C.ab_result) error {
	if r.status == C.AUTHLETE_OK {
		return nil
	}
	err := &Error{Status: Status(r.status), Detail: C.GoString(r.detail)}
	C.free(unsafe.Pointer(r.detail))
	if r.body != nil {
		err.Body, err.HasBody = C.GoString(r.body), true
		C.authlete_free(unsafe.Pointer(r.body))
	}
	return err
}

// nativeNewClient runs authlete_client_new (config NULL: from the environment).
func nativeNewClient(config *C.char) (*C.authlete_client, error) {
	var native *C.authlete_client
	if err := takeResult(C.ab_client_new(config, &native)); err != nil {
		return nil, err
	}
	return native, nil
}

// nativeCall sends one request and hands out the parsed response, to be read and freed by the caller.
func nativeCall(ep endpoint, client *C.authlete_client, serviceID, request *C.char) (unsafe.Pointer, error) {
	r := C.ab_call(C.int(ep), client, serviceID, request)
	if err := takeResult(r); err != nil {
		return nil, err
	}
	return r.response, nil
}

// goString copies a borrowed C string; NULL (an absent member) becomes "".
func goString(s *C.char) string {
	if s == nil {
		return ""
	}
	return C.GoString(s)
}

// goStrings reads an array member through its count and index getters.
func goStrings(count C.size_t, at func(C.size_t) *C.char) []string {
	values := make([]string, 0, int(count))
	for i := C.size_t(0); i < count; i++ {
		values = append(values, goString(at(i)))
	}
	return values
}
