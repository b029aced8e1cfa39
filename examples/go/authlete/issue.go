package authlete

/*
#include <authlete.h>
*/
import "C"

// IssueResponse is Authlete's answer to /issue. Action OK: answer 200 with ResponseContent (it holds AuthReqID),
// then ask the user; INVALID_TICKET and INTERNAL_SERVER_ERROR: answer HTTPStatus (500) with ResponseContent.
type IssueResponse struct {
	Action          string `json:"action"` // INTERNAL_SERVER_ERROR, INVALID_TICKET, OK
	HTTPStatus      int    `json:"httpStatus"`
	ResponseContent string `json:"responseContent"`
	ResultCode      string `json:"resultCode"`
	ResultMessage   string `json:"resultMessage"`
	AuthReqID       string `json:"authReqId"`
	ExpiresIn       int    `json:"expiresIn"`
	Interval        int    `json:"interval"`
}

// CibaIssue turns the ticket of an accepted request into an auth_req_id.
func (c *Client) CibaIssue(serviceID, ticket string) (*IssueResponse, error) {
	p, err := c.call(endpointIssue, serviceID, struct {
		Ticket string `json:"ticket"`
	}{ticket})
	if err != nil {
		return nil, err
	}
	r := (*C.authlete_ciba_issue_response)(p)
	defer C.authlete_ciba_issue_response_free(r)
	return &IssueResponse{
		Action:          goString(C.authlete_ciba_issue_action_name(C.authlete_ciba_issue_response_action(r))),
		HTTPStatus:      int(C.authlete_ciba_issue_response_http_status(r)),
		ResponseContent: goString(C.authlete_ciba_issue_response_content(r)),
		ResultCode:      goString(C.authlete_ciba_issue_response_result_code(r)),
		ResultMessage:   goString(C.authlete_ciba_issue_response_result_message(r)),
		AuthReqID:       goString(C.authlete_ciba_issue_response_auth_req_id(r)),
		ExpiresIn:       int(C.authlete_ciba_issue_response_expires_in(r)),
		Interval:        int(C.authlete_ciba_issue_response_interval(r)),
	}, nil
}
