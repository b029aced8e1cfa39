"""The CIBA family as libauthlete exposes it: one description per endpoint, from which codegen/generate.py writes
the Swift schemas, the C getters (Swift), the header blocks, the Python ctypes declarations and dataclasses and the
export map. A new response member is one line here. Keys, kinds and actions follow Authlete's CIBA API
(its OpenAPI specs and authlete-java-common's DTOs)."""
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

KIB = 1024


@dataclass
class RequestField:
    key: str
    kind: str                      # string nonEmptyString absoluteURI name jsonObjectText strings count properties
    required: bool = False
    names: Tuple[str, ...] = ()    # for kind "name"
    limit: Optional[int] = None    # bytes per string (default 16 KiB)


@dataclass
class Member:
    key: str                       # the JSON key in Authlete's answer
    kind: str                      # string boolean int32 int64 strings names json enumeration
    c_name: str                    # the getter's name after `authlete_ciba_<endpoint>_response_`
    doc: str
    item: str = ""                 # strings/names: the index getter's name (the count is `<item>_count`)
    names_key: str = ""            # kind "names": the key read from each object
    enum: str = ""                 # kind "enumeration": "delivery_mode" or "hint_type"


@dataclass
class Endpoint:
    name: str                      # C: authlete_ciba_<name>_..., Swift: Endpoint.ciba<Name>
    path: str
    summary: str
    actions: List[Tuple[str, int, str]]   # (name, HTTP status for the client or 0, meaning)
    request: List[RequestField]
    members: List[Member]
    has_http_status: bool = True
    cross_check: str = ""          # a hand-written Swift rule across request fields
    header: str = ""               # the header holding its generated block ("" for fail: 0.1's hand-written header)
    python_class: str = ""


ENUMS = {
    "delivery_mode": ["POLL", "PING", "PUSH"],
    "hint_type": ["LOGIN_HINT", "LOGIN_HINT_TOKEN", "ID_TOKEN_HINT"],
    "complete_result": ["AUTHORIZED", "ACCESS_DENIED", "TRANSACTION_FAILED"],
}

COMMON = [
    Member("resultCode", "string", "result_code", "resultCode, e.g. \"A179001\". For logs."),
    Member("resultMessage", "string", "result_message", "resultMessage. For logs only, never for the client."),
    Member("responseContent", "string", "content", "responseContent verbatim: the JSON body to send (to the client, or "
           "to its notification endpoint)."),
]
CLIENT = [
    Member("clientId", "int64", "client_id", "clientId, exact over the whole int64 range."),
    Member("clientIdAlias", "string", "client_id_alias", "clientIdAlias."),
    Member("clientIdAliasUsed", "boolean", "client_id_alias_used", "clientIdAliasUsed: 1 when the request named the client by its alias."),
    Member("clientName", "string", "client_name", "clientName."),
    Member("clientEntityId", "string", "client_entity_id", "clientEntityId (Authlete 2.3+)."),
    Member("clientEntityIdUsed", "boolean", "client_entity_id_used", "clientEntityIdUsed."),
    Member("metadataDocumentLocation", "string", "metadata_document_location", "metadataDocumentLocation (Authlete 3.0.22+)."),
    Member("metadataDocumentUsed", "boolean", "metadata_document_used", "metadataDocumentUsed."),
]
DELIVERY = Member("deliveryMode", "enumeration", "delivery_mode", "deliveryMode, an authlete_ciba_delivery_mode value.",
                  enum="delivery_mode")

AUTHENTICATION = Endpoint(
    name="authentication", path="backchannel/authentication", header="ciba_authentication.h",
    python_class="AuthenticationResponse",
    summary="Authlete parses the client's backchannel authentication request",
    actions=[("INTERNAL_SERVER_ERROR", 500, "the call was wrong or Authlete failed: answer 500 with responseContent"),
             ("BAD_REQUEST", 400, "the client's request is invalid: answer 400 with responseContent"),
             ("UNAUTHORIZED", 401, "client authentication failed: answer 401 with responseContent and "
                                   "WWW-Authenticate: Basic realm=\"backchannel/authentication\""),
             ("USER_IDENTIFICATION", 0, "the request is valid: identify the user, then /fail or /issue")],
    request=[RequestField("parameters", "string", required=True, limit=64 * KIB),
             RequestField("clientId", "string"), RequestField("clientSecret", "string"),
             RequestField("clientCertificate", "string", limit=64 * KIB),
             RequestField("clientCertificatePath", "strings", limit=64 * KIB),
             RequestField("oauthClientAttestation", "string", limit=64 * KIB),
             RequestField("oauthClientAttestationPop", "string", limit=64 * KIB)],
    members=COMMON + [Member("ticket", "string", "ticket", "ticket: pass it to /issue, /fail and /complete.")] + CLIENT + [
        Member("clientAuthMethod", "string", "client_auth_method", "clientAuthMethod, e.g. \"CLIENT_SECRET_BASIC\"."),
        DELIVERY,
        Member("scopes", "names", "scope_count", "scopes: the requested scopes that are registered.",
               item="scope", names_key="name"),
        Member("dynamicScopes", "json", "dynamic_scopes", "dynamicScopes as compact JSON text (an array of {name, value})."),
        Member("claimNames", "strings", "claim_name_count", "claimNames: the claims the scopes imply.", item="claim_name"),
        Member("acrs", "strings", "acr_count", "acrs: the requested ACRs the service supports.", item="acr"),
        Member("hintType", "enumeration", "hint_type", "hintType, an authlete_ciba_hint_type value.", enum="hint_type"),
        Member("hint", "string", "hint", "hint: the value of the hint."),
        Member("sub", "string", "sub", "sub: the subject of an id_token_hint (with that hint only)."),
        Member("bindingMessage", "string", "binding_message", "bindingMessage: the request's binding_message."),
        Member("userCode", "string", "user_code", "userCode: the request's user_code."),
        Member("userCodeRequired", "boolean", "user_code_required", "userCodeRequired: 1 when the user code must be checked."),
        Member("clientNotificationToken", "string", "client_notification_token", "clientNotificationToken (ping and push)."),
        Member("requestedExpiry", "int32", "requested_expiry", "requestedExpiry in seconds; 0 when absent."),
        Member("requestContext", "string", "request_context", "requestContext: a string holding JSON (FAPI-CIBA)."),
        Member("resources", "strings", "resource_count", "resources: RFC 8707 resource URIs.", item="resource"),
        Member("authorizationDetails", "json", "authorization_details", "authorizationDetails as compact JSON text ({\"elements\":[...]})."),
        Member("warnings", "strings", "warning_count", "warnings.", item="warning"),
        Member("gmAction", "string", "gm_action", "gmAction (Grant Management): CREATE, QUERY, REPLACE, REVOKE or MERGE."),
        Member("grantId", "string", "grant_id", "grantId."),
        Member("grantSubject", "string", "grant_subject", "grantSubject."),
        Member("grant", "json", "grant", "grant as compact JSON text."),
        Member("serviceAttributes", "json", "service_attributes", "serviceAttributes as compact JSON text (an array of {key, value})."),
        Member("clientAttributes", "json", "client_attributes", "clientAttributes as compact JSON text (an array of {key, value})."),
        Member("attestationChallenge", "string", "attestation_challenge", "attestationChallenge (Authlete 3.0.28+)."),
    ])

ISSUE = Endpoint(
    name="issue", path="backchannel/authentication/issue", header="ciba_issue.h", python_class="IssueResponse",
    summary="Authlete turns a ticket into an auth_req_id",
    actions=[("INTERNAL_SERVER_ERROR", 500, "the call was wrong or Authlete failed: answer 500 with responseContent"),
             ("INVALID_TICKET", 500, "the ticket does not exist or has expired: answer 500 with responseContent"),
             ("OK", 200, "answer 200 with responseContent (it holds auth_req_id)")],
    request=[RequestField("ticket", "nonEmptyString", required=True)],
    members=COMMON + [
        Member("authReqId", "string", "auth_req_id", "authReqId."),
        Member("expiresIn", "int32", "expires_in", "expiresIn: the auth_req_id's lifetime in seconds."),
        Member("interval", "int32", "interval", "interval: the minimum polling interval in seconds."),
    ])

FAIL = Endpoint(
    name="fail", path="backchannel/authentication/fail", python_class="",
    summary="Authlete makes the error answer of a rejected request",
    actions=[("INTERNAL_SERVER_ERROR", 500, ""), ("BAD_REQUEST", 400, ""), ("FORBIDDEN", 403, "")],
    request=[RequestField("ticket", "nonEmptyString"),
             RequestField("reason", "name", names=("ACCESS_DENIED", "EXPIRED_LOGIN_HINT_TOKEN", "INVALID_BINDING_MESSAGE",
                                                   "INVALID_TARGET", "INVALID_USER_CODE", "MISSING_USER_CODE",
                                                   "SERVER_ERROR", "UNAUTHORIZED_CLIENT", "UNKNOWN_USER_ID")),
             RequestField("errorDescription", "string"), RequestField("errorUri", "absoluteURI")],
    members=[COMMON[2], COMMON[0], COMMON[1]])

COMPLETE = Endpoint(
    name="complete", path="backchannel/authentication/complete", header="ciba_complete.h",
    python_class="CompleteResponse", has_http_status=False, cross_check="subjectWhenAuthorized",
    summary="Authlete records the end user's decision",
    actions=[("SERVER_ERROR", 0, "the call was wrong or Authlete failed: log it (nothing reaches the client)"),
             ("NO_ACTION", 0, "poll mode: nothing to do, the client learns the outcome at the token endpoint"),
             ("NOTIFICATION", 0, "ping or push mode: POST responseContent to clientNotificationEndpoint with "
                                 "Authorization: Bearer clientNotificationToken")],
    request=[RequestField("ticket", "nonEmptyString", required=True),
             RequestField("result", "name", required=True, names=tuple(ENUMS["complete_result"])),
             RequestField("subject", "string"), RequestField("sub", "string"), RequestField("acr", "string"),
             RequestField("claims", "jsonObjectText", limit=64 * KIB),
             RequestField("idtHeaderParams", "jsonObjectText", limit=64 * KIB),
             RequestField("jwtAtClaims", "jsonObjectText", limit=64 * KIB),
             RequestField("accessToken", "string"), RequestField("idTokenAudType", "name", names=("array", "string")),
             RequestField("errorDescription", "string"), RequestField("errorUri", "absoluteURI"),
             RequestField("authTime", "count"), RequestField("accessTokenDuration", "count"),
             RequestField("refreshTokenDuration", "count"), RequestField("scopes", "strings"),
             RequestField("consentedClaims", "strings"), RequestField("properties", "properties", limit=64 * KIB)],
    members=COMMON + CLIENT + [
        DELIVERY,
        Member("clientNotificationEndpoint", "string", "client_notification_endpoint", "clientNotificationEndpoint: where to POST the notification."),
        Member("clientNotificationToken", "string", "client_notification_token", "clientNotificationToken: the notification's bearer token."),
        Member("authReqId", "string", "auth_req_id", "authReqId."),
        Member("grantId", "string", "grant_id", "grantId."),
        Member("accessToken", "string", "access_token", "accessToken (push mode)."),
        Member("refreshToken", "string", "refresh_token", "refreshToken (push mode)."),
        Member("idToken", "string", "id_token", "idToken (push mode)."),
        Member("jwtAccessToken", "string", "jwt_access_token", "jwtAccessToken (push mode)."),
        Member("accessTokenDuration", "int64", "access_token_duration", "accessTokenDuration in seconds; 0 in poll mode."),
        Member("refreshTokenDuration", "int64", "refresh_token_duration", "refreshTokenDuration in seconds."),
        Member("idTokenDuration", "int64", "id_token_duration", "idTokenDuration in seconds."),
        Member("resources", "strings", "resource_count", "resources: RFC 8707 resource URIs.", item="resource"),
        Member("authorizationDetails", "json", "authorization_details", "authorizationDetails as compact JSON text."),
        Member("serviceAttributes", "json", "service_attributes", "serviceAttributes as compact JSON text."),
        Member("clientAttributes", "json", "client_attributes", "clientAttributes as compact JSON text."),
    ])

ENDPOINTS = [AUTHENTICATION, ISSUE, FAIL, COMPLETE]
