package authlete

/*
#include <authlete.h>
*/
import "C"

// AuthenticationRequest is what the client sent to your backchannel endpoint. Parameters is its form body
// verbatim (required; "" is the client's error, answered by an action); ClientID and ClientSecret are the halves
// of its Basic header.
type AuthenticationRequest struct {
	Parameters                string   `json:"parameters"`
	ClientID                  string   `json:"clientId,omitempty"`
	ClientSecret              string   `json:"clientSecret,omitempty"`
	ClientCertificate         string   `json:"clientCertificate,omitempty"`
	ClientCertificatePath     []string `json:"clientCertificatePath,omitempty"`
	OAuthClientAttestation    string   `json:"oauthClientAttestation,omitempty"`
	OAuthClientAttestationPop string   `json:"oauthClientAttestationPop,omitempty"`
}

// AuthenticationResponse is Authlete's check of the request. Action USER_IDENTIFICATION: identify the user, then
// CibaIssue or CibaFail with Ticket. Other actions: answer HTTPStatus with ResponseContent.
type AuthenticationResponse struct {
	Action                  string   `json:"action"`     // INTERNAL_SERVER_ERROR, BAD_REQUEST, UNAUTHORIZED, USER_IDENTIFICATION
	HTTPStatus              int      `json:"httpStatus"` // 0 for USER_IDENTIFICATION
	ResponseContent         string   `json:"responseContent"`
	ResultCode              string   `json:"resultCode"`
	ResultMessage           string   `json:"resultMessage"`
	Ticket                  string   `json:"ticket"`
	ClientID                int64    `json:"clientId"`
	ClientIDAlias           string   `json:"clientIdAlias"`
	ClientIDAliasUsed       bool     `json:"clientIdAliasUsed"`
	ClientName              string   `json:"clientName"`
	ClientAuthMethod        string   `json:"clientAuthMethod"`
	DeliveryMode            string   `json:"deliveryMode"` // POLL, PING, PUSH
	Scopes                  []string `json:"scopes"`
	ClaimNames              []string `json:"claimNames"`
	ACRs                    []string `json:"acrs"`
	HintType                string   `json:"hintType"` // LOGIN_HINT, LOGIN_HINT_TOKEN, ID_TOKEN_HINT
	Hint                    string   `json:"hint"`
	Sub                     string   `json:"sub"`
	BindingMessage          string   `json:"bindingMessage"`
	UserCode                string   `json:"userCode"`
	UserCodeRequired        bool     `json:"userCodeRequired"`
	ClientNotificationToken string   `json:"clientNotificationToken"`
	RequestedExpiry         int      `json:"requestedExpiry"`
	Resources               []string `json:"resources"`
}

// CibaAuthentication asks Authlete to check a backchannel authentication request.
func (c *Client) CibaAuthentication(serviceID string, request AuthenticationRequest) (*AuthenticationResponse, error) {
	p, err := c.call(endpointAuthentication, serviceID, request)
	if err != nil {
		return nil, err
	}
	r := (*C.authlete_ciba_authentication_response)(p)
	defer C.authlete_ciba_authentication_response_free(r)
	return &AuthenticationResponse{
		Action:            goString(C.authlete_ciba_authentication_action_name(C.authlete_ciba_authentication_response_action(r))),
		HTTPStatus:        int(C.authlete_ciba_authentication_response_http_status(r)),
		ResponseContent:   goString(C.authlete_ciba_authentication_response_content(r)),
		ResultCode:        goString(C.authlete_ciba_authentication_response_result_code(r)),
		ResultMessage:     goString(C.authlete_ciba_authentication_response_result_message(r)),
		Ticket:            goString(C.authlete_ciba_authentication_response_ticket(r)),
		ClientID:          int64(C.authlete_ciba_authentication_response_client_id(r)),
		ClientIDAlias:     goString(C.authlete_ciba_authentication_response_client_id_alias(r)),
		ClientIDAliasUsed: C.authlete_ciba_authentication_response_client_id_alias_used(r) != 0,
		ClientName:        goString(C.authlete_ciba_authentication_response_client_name(r)),
		ClientAuthMethod:  goString(C.authlete_ciba_authentication_response_client_auth_method(r)),
		DeliveryMode:      goString(C.authlete_ciba_delivery_mode_name(C.authlete_ciba_authentication_response_delivery_mode(r))),
		Scopes: goStrings(C.authlete_ciba_authentication_response_scope_count(r), func(i C.size_t) *C.char {
			return C.authlete_ciba_authentication_response_scope(r, i)
		}),
		ClaimNames: goStrings(C.authlete_ciba_authentication_response_claim_name_count(r), func(i C.size_t) *C.char {
			return C.authlete_ciba_authentication_response_claim_name(r, i)
		}),
		ACRs: goStrings(C.authlete_ciba_authentication_response_acr_count(r), func(i C.size_t) *C.char {
			return C.authlete_ciba_authentication_response_acr(r, i)
		}),
		HintType:                goString(C.authlete_ciba_hint_type_name(C.authlete_ciba_authentication_response_hint_type(r))),
		Hint:                    goString(C.authlete_ciba_authentication_response_hint(r)),
		Sub:                     goString(C.authlete_ciba_authentication_response_sub(r)),
		BindingMessage:          goString(C.authlete_ciba_authentication_response_binding_message(r)),
		UserCode:                goString(C.authlete_ciba_authentication_response_user_code(r)),
		UserCodeRequired:        C.authlete_ciba_authentication_response_user_code_required(r) != 0,
		ClientNotificationToken: goString(C.authlete_ciba_authentication_response_client_notification_token(r)),
		RequestedExpiry:         int(C.authlete_ciba_authentication_response_requested_expiry(r)),
		Resources: goStrings(C.authlete_ciba_authentication_response_resource_count(r), func(i C.size_t) *C.char {
			return C.authlete_ciba_authentication_response_resource(r, i)
		}),
	}, nil
}
