// The reason -> error -> action -> HTTP status table of Authlete's CIBA fail API, exactly as Authlete documents it
// (the table is also in the README's emulator section). The emulator itself always answers 200 with the action; `asStatus` is the status
// the authorization server is expected to return to its client, kept here so tests and docs can show the table whole.

public enum FailReason: String, CaseIterable, Sendable {
    case accessDenied = "ACCESS_DENIED"
    case expiredLoginHintToken = "EXPIRED_LOGIN_HINT_TOKEN"
    case invalidBindingMessage = "INVALID_BINDING_MESSAGE"
    case invalidTarget = "INVALID_TARGET"
    case invalidUserCode = "INVALID_USER_CODE"
    case missingUserCode = "MISSING_USER_CODE"
    case serverError = "SERVER_ERROR"
    case unauthorizedClient = "UNAUTHORIZED_CLIENT"
    case unknownUserId = "UNKNOWN_USER_ID"

    /// The reason Authlete uses when the request omits one.
    public static let whenOmitted: FailReason = .serverError

    /// The `error` value in responseContent.
    public var error: String {
        switch self {
        case .accessDenied: "access_denied"
        case .expiredLoginHintToken: "expired_login_hint_token"
        case .invalidBindingMessage: "invalid_binding_message"
        case .invalidTarget: "invalid_target"
        case .invalidUserCode: "invalid_user_code"
        case .missingUserCode: "missing_user_code"
        case .serverError: "server_error"
        case .unauthorizedClient: "unauthorized_client"
        case .unknownUserId: "unknown_user_id"
        }
    }

    /// The `action` in Authlete's answer.
    public var action: String {
        switch self {
        case .accessDenied: "FORBIDDEN"
        case .serverError: "INTERNAL_SERVER_ERROR"
        default: "BAD_REQUEST"
        }
    }

    /// The HTTP status the authorization server returns to its client for this action (CIBA Core 1.0 section 13).
    public var asStatus: Int {
        switch self {
        case .accessDenied: 403
        case .serverError: 500
        default: 400
        }
    }
}
