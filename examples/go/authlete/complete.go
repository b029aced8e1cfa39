package authlete

/*
#include <authlete.h>
*/
import "C"

// CompleteResult is the end user's decision.
type CompleteResult string

// The three results of /complete.
const (
	ResultAuthorized        CompleteResult = "AUTHORIZED"
	ResultAccessDenied      CompleteResult = "ACCESS_DENIED"
	ResultTransactionFailed CompleteResult = "TRANSACTION_FAILED"
)

// CompleteRequest reports the decision; Subject is required for AUTHORIZED. Empty fields are left out. Claims is
// the text of a JSON object (extra ID token claims).
type CompleteRequest struct {
	Ticket               string         `json:"ticket"`
	Result               CompleteResult `json:"result"`
	Subject              string         `json:"subject,omitempty"`
	Sub                  string         `json:"sub,omitempty"`
	ACR                  string         `json:"acr,omitempty"`
	Claims               string         `json:"claims,omitempty"`
	AuthTime             int64          `json:"authTime,omitempty"`
	AccessTokenDuration  int64          `json:"accessTokenDuration,omitempty"`
	RefreshTokenDuration int64          `json:"refreshTokenDuration,omitempty"`
	Scopes               []string       `json:"scopes,omitempty"`
	ErrorDescription     string         `json:"errorDescription,omitempty"`
	ErrorURI             string         `json:"errorUri,omitempty"`
}

// CompleteResponse is Authlete's answer to /complete. NOTIFICATION: POST ResponseContent to
// ClientNotificationEndpoint with ClientNotificationToken as the bearer; NO_ACTION: nothing; SERVER_ERROR: log it.
type CompleteResponse struct {
	Action                     string `json:"action"` // SERVER_ERROR, NO_ACTION, NOTIFICATION
	ResponseContent            string `json:"responseContent"`
	ResultCode                 string `json:"resultCode"`
	ResultMessage              string `json:"resultMessage"`
	ClientID                   int64  `json:"clientId"`
	ClientName                 string `json:"clientName"`
	DeliveryMode               string `json:"deliveryMode"`
	ClientNotificationEndpoint string `json:"clientNotificationEndpoint"`
	ClientNotificationToken    string `json:"clientNotificationToken"`
	AuthReqID                  string `json:"authReqId"`
	AccessToken                string `json:"accessToken"`
	RefreshToken               string `json:"refreshToken"`
	IDToken                    string `json:"idToken"`
	AccessTokenDuration        int64  `json:"accessTokenDuration"`
}

// CibaComplete records the end user's decision.
func (c *Client) CibaComplete(serviceID string, request CompleteRequest) (*CompleteResponse, error) {
	p, err := c.call(endpointComplete, serviceID, request)
	if err != nil {
		return nil, err
	}
	r := (*C.authlete_ciba_complete_response)(p)
	defer C.authlete_ciba_complete_response_free(r)
	return &CompleteResponse{
		Action:                     goString(C.authlete_ciba_complete_action_name(C.authlete_ciba_complete_response_action(r))),
		ResponseContent:            goString(C.authlete_ciba_complete_response_content(r)),
		ResultCode:                 goString(C.authlete_ciba_complete_response_result_code(r)),
		ResultMessage:              goString(C.authlete_ciba_complete_response_result_message(r)),
		ClientID:                   int64(C.authlete_ciba_complete_response_client_id(r)),
		ClientName:                 goString(C.authlete_ciba_complete_response_client_name(r)),
		DeliveryMode:               goString(C.authlete_ciba_delivery_mode_name(C.authlete_ciba_complete_response_delivery_mode(r))),
		ClientNotificationEndpoint: goString(C.authlete_ciba_complete_response_client_notification_endpoint(r)),
		ClientNotificationToken:    goString(C.authlete_ciba_complete_response_client_notification_token(r)),
		AuthReqID:                  goString(C.authlete_ciba_complete_response_auth_req_id(r)),
		AccessToken:                goString(C.authlete_ciba_complete_response_access_token(r)),
		RefreshToken:               goString(C.authlete_ciba_complete_response_refresh_token(r)),
		IDToken:                    goString(C.authlete_ciba_complete_response_id_token(r)),
		AccessTokenDuration:        int64(C.authlete_ciba_complete_response_access_token_duration(r)),
	}, nil
}
