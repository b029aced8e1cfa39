package authlete

/*
#include <authlete.h>
*/
import "C"

// FailReason is why the authorization server rejects the request (the `reason` sent to Authlete).
type FailReason string

// The nine reasons of /backchannel/authentication/fail.
const (
	ReasonAccessDenied          FailReason = "ACCESS_DENIED"
	ReasonExpiredLoginHintToken FailReason = "EXPIRED_LOGIN_HINT_TOKEN"
	ReasonInvalidBindingMessage FailReason = "INVALID_BINDING_MESSAGE"
	ReasonInvalidTarget         FailReason = "INVALID_TARGET"
	ReasonInvalidUserCode       FailReason = "INVALID_USER_CODE"
	ReasonMissingUserCode       FailReason = "MISSING_USER_CODE"
	ReasonServerError           FailReason = "SERVER_ERROR"
	ReasonUnauthorizedClient    FailReason = "UNAUTHORIZED_CLIENT"
	ReasonUnknownUserID         FailReason = "UNKNOWN_USER_ID"
)

// FailRequest is the body of a fail call; empty fields are left out (no Reason: Authlete uses SERVER_ERROR).
type FailRequest struct {
	Ticket           string     `json:"ticket,omitempty"`
	Reason           FailReason `json:"reason,omitempty"`
	ErrorDescription string     `json:"errorDescription,omitempty"`
	ErrorURI         string     `json:"errorUri,omitempty"`
}

// FailResponse is Authlete's answer: answer your client with HTTPStatus and ResponseContent verbatim.
type FailResponse struct {
	Action          string `json:"action"` // FORBIDDEN, BAD_REQUEST, INTERNAL_SERVER_ERROR
	HTTPStatus      int    `json:"httpStatus"`
	ResponseContent string `json:"responseContent"`
	ResultCode      string `json:"resultCode"`
	ResultMessage   string `json:"resultMessage"`
}

// CibaFail rejects a backchannel authentication request; Authlete deletes its ticket.
func (c *Client) CibaFail(serviceID string, request FailRequest) (*FailResponse, error) {
	p, err := c.call(endpointFail, serviceID, request)
	if err != nil {
		return nil, err
	}
	r := (*C.authlete_ciba_fail_response)(p)
	defer C.authlete_ciba_fail_response_free(r)
	return &FailResponse{
		Action:          goString(C.authlete_ciba_fail_action_name(C.authlete_ciba_fail_response_action(r))),
		HTTPStatus:      int(C.authlete_ciba_fail_response_http_status(r)),
		ResponseContent: goString(C.authlete_ciba_fail_response_content(r)),
		ResultCode:      goString(C.authlete_ciba_fail_response_result_code(r)),
		ResultMessage:   goString(C.authlete_ciba_fail_response_result_message(r)),
	}, nil
}
