// A service's settings that matter to CIBA and its registered clients, with the documented defaults every service
// gets when its configuration names none (so `authlete-emulator --port 0` can run a whole flow at once).

public enum DeliveryMode: String, CaseIterable, Sendable {
    case poll = "POLL"
    case ping = "PING"
    case push = "PUSH"

    /// `poll`, `ping` or `push`, as the /complete result message names it.
    public var lowercased: String { rawValue.lowercased() }
}

/// The client authentication methods Authlete knows (authlete-java-common's names). The emulator performs
/// CLIENT_SECRET_BASIC and CLIENT_SECRET_POST only; a client registered with another method never authenticates.
public enum ClientAuthMethod: String, CaseIterable, Sendable {
    case none = "NONE"
    case clientSecretBasic = "CLIENT_SECRET_BASIC"
    case clientSecretPost = "CLIENT_SECRET_POST"
    case clientSecretJWT = "CLIENT_SECRET_JWT"
    case privateKeyJWT = "PRIVATE_KEY_JWT"
    case tlsClientAuth = "TLS_CLIENT_AUTH"
    case selfSignedTLSClientAuth = "SELF_SIGNED_TLS_CLIENT_AUTH"
    case attestJWTClientAuth = "ATTEST_JWT_CLIENT_AUTH"
    case spiffeJWT = "SPIFFE_JWT"
}

public struct CibaSettings: Equatable, Sendable {
    /// backchannelUserCodeParameterSupported
    public var userCodeSupported = true
    /// backchannelAuthReqIdDuration, seconds: the lifetime of a ticket and of its auth_req_id.
    public var authReqIdDuration = 600
    /// backchannelPollingInterval, seconds.
    public var pollingInterval = 5
    /// backchannelBindingMessageRequiredInFapi; the emulator has no FAPI context, so it covers every request.
    public var bindingMessageRequired = false
    public var supportedScopes = ["openid", "profile", "email", "address", "phone", "offline_access"]
    public var supportedAcrs = ["urn:example:acr:low", "urn:example:acr:high"]
    /// Token lifetimes in seconds; push mode issues a refresh token only when refreshTokenDuration > 0.
    public var accessTokenDuration = 3600
    public var refreshTokenDuration = 86400
    public var idTokenDuration = 3600
    /// The claim names each scope implies (OpenID Connect Core 1.0 section 5.4).
    public var claimsByScope = CibaSettings.standardClaims
    /// How requested_expiry changes expires_in is not confirmed: off (the default), /issue's expiresIn is always
    /// authReqIdDuration; on, a positive requested_expiry replaces it for that request.
    public var honourRequestedExpiry = false

    public init() {}

    public static let standardClaims: [String: [String]] = [
        "profile": ["name", "family_name", "given_name", "middle_name", "nickname", "preferred_username",
                    "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at"],
        "email": ["email", "email_verified"],
        "address": ["address"],
        "phone": ["phone_number", "phone_number_verified"],
    ]
}

public struct ClientConfig: Equatable, Sendable {
    public var clientId: Int64
    public var clientIdAlias: String?
    public var clientName: String?
    public var clientSecret: String?
    public var authMethod: ClientAuthMethod
    public var deliveryMode: DeliveryMode
    /// client_notification_endpoint: required for PING and PUSH.
    public var notificationEndpoint: String?
    /// bcUserCodeRequired
    public var userCodeRequired: Bool

    public init(clientId: Int64, clientIdAlias: String? = nil, clientName: String? = nil, clientSecret: String? = nil,
                authMethod: ClientAuthMethod = .clientSecretBasic, deliveryMode: DeliveryMode = .poll,
                notificationEndpoint: String? = nil, userCodeRequired: Bool = false) {
        self.clientId = clientId
        self.clientIdAlias = clientIdAlias
        self.clientName = clientName
        self.clientSecret = clientSecret
        self.authMethod = authMethod
        self.deliveryMode = deliveryMode
        self.notificationEndpoint = notificationEndpoint
        self.userCodeRequired = userCodeRequired
    }

    /// One client per delivery mode and one that must send a user code. The poll client's id is 2^53 + 1: a
    /// client of the emulator that rounds ids through a double gets it wrong.
    public static let defaults: [ClientConfig] = [
        ClientConfig(clientId: 9_007_199_254_740_993, clientIdAlias: "poll-client", clientName: "Poll Client",
                     clientSecret: "poll-secret", authMethod: .clientSecretBasic, deliveryMode: .poll),
        ClientConfig(clientId: 1002, clientIdAlias: "ping-client", clientName: "Ping Client",
                     clientSecret: "ping-secret", authMethod: .clientSecretBasic, deliveryMode: .ping,
                     notificationEndpoint: "http://127.0.0.1:9/ciba/ping"),
        ClientConfig(clientId: 1003, clientIdAlias: "push-client", clientName: "Push Client",
                     clientSecret: "push-secret", authMethod: .clientSecretPost, deliveryMode: .push,
                     notificationEndpoint: "http://127.0.0.1:9/ciba/push"),
        ClientConfig(clientId: 1004, clientIdAlias: "usercode-client", clientName: "User Code Client",
                     clientSecret: "usercode-secret", authMethod: .clientSecretBasic, deliveryMode: .poll,
                     userCodeRequired: true),
    ]

    /// Whether `text` (a request's client_id or Basic user name) names this client, by its id as decimal text
    /// (false) or by its alias (true); nil when it does not.
    public func aliasUsed(identifiedBy text: String) -> Bool? {
        if text == String(clientId) { return false }
        if let clientIdAlias, text == clientIdAlias { return true }
        return nil
    }
}
