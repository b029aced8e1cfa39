package authlete

/*
#include <authlete.h>
*/
import "C"

import (
	"encoding/json"
	"fmt"
)

// Status is an authlete_status value.
type Status int

// The library's status codes (authlete/types.h).
const (
	StatusOK              Status = C.AUTHLETE_OK
	StatusNullArgument    Status = C.AUTHLETE_ERR_NULL_ARGUMENT
	StatusInvalidArgument Status = C.AUTHLETE_ERR_INVALID_ARGUMENT
	StatusConfig          Status = C.AUTHLETE_ERR_CONFIG
	StatusNetwork         Status = C.AUTHLETE_ERR_NETWORK
	StatusTimeout         Status = C.AUTHLETE_ERR_TIMEOUT
	StatusAPI             Status = C.AUTHLETE_ERR_API
	StatusProtocol        Status = C.AUTHLETE_ERR_PROTOCOL
	StatusNoMemory        Status = C.AUTHLETE_ERR_NO_MEMORY
	StatusInternal        Status = C.AUTHLETE_ERR_INTERNAL
)

// String is the constant's name, e.g. "AUTHLETE_ERR_TIMEOUT".
func (s Status) String() string { return C.GoString(C.authlete_status_name(C.int(s))) }

// Error is a failed call: the status, the library's detail (authlete_last_error(), never a credential) and, for
// StatusAPI, Authlete's body as received. Log Detail and Body; never send them to your own client.
type Error struct {
	Status  Status
	Detail  string
	Body    string
	HasBody bool
}

func (e *Error) Error() string {
	if e.Detail == "" {
		return e.Status.String()
	}
	return e.Status.String() + ": " + e.Detail
}

// Is matches any *Error of the same status, so that errors.Is(err, authlete.ErrTimeout) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Status == e.Status && t.Detail == "" && !t.HasBody
}

// ResultCode is Authlete's resultCode from Body ("" when the body is not Authlete's JSON).
func (e *Error) ResultCode() string {
	var parsed struct {
		ResultCode string `json:"resultCode"`
	}
	if json.Unmarshal([]byte(e.Body), &parsed) != nil {
		return ""
	}
	return parsed.ResultCode
}

// Sentinels for errors.Is.
var (
	ErrInvalidArgument = &Error{Status: StatusInvalidArgument}
	ErrConfig          = &Error{Status: StatusConfig}
	ErrNetwork         = &Error{Status: StatusNetwork}
	ErrTimeout         = &Error{Status: StatusTimeout}
	ErrAPI             = &Error{Status: StatusAPI}
	ErrProtocol        = &Error{Status: StatusProtocol}
)

// versionError explains a library of another series.
func versionError(library uint) error {
	return &Error{Status: StatusConfig, Detail: fmt.Sprintf(
		"libauthlete %d.%d.%d is loaded; this binding needs %d.%d.x", library/10000, library/100%100, library%100,
		HeaderVersionNumber/10000, HeaderVersionNumber/100%100)}
}
