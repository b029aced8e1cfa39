// POST .../backchannel/authentication: Authlete's checks of the client's backchannel authentication request, in
// this order (the first failing one answers):
//   `parameters` missing                                    INTERNAL_SERVER_ERROR  server_error
//   `parameters` not a form body                            BAD_REQUEST            invalid_request
//   no client named, unknown client, failed authentication  UNAUTHORIZED           invalid_client
//   a parameter given twice                                 BAD_REQUEST            invalid_request
//   `scope` missing or without openid                       BAD_REQUEST            invalid_scope
//   not exactly one of login_hint_token/id_token_hint/login_hint   BAD_REQUEST     invalid_request
//   ping/push client without client_notification_token      BAD_REQUEST            invalid_request
//   requested_expiry not a positive int32                   BAD_REQUEST            invalid_request
//   user code required and no user_code                     BAD_REQUEST            missing_user_code
//   binding message required and no binding_message         BAD_REQUEST            invalid_request
// Otherwise USER_IDENTIFICATION with a new ticket. An empty parameter value counts as absent.

enum BackchannelAuthentication {
    static let schema = RequestSchema([
        "parameters": .string, "clientId": .string, "clientSecret": .string, "clientCertificate": .string,
        "clientCertificatePath": .strings, "oauthClientAttestation": .string, "oauthClientAttestationPop": .string,
        "cimdOptions": .object,
    ])

    struct Rejection: Error {
        let action: String
        let code: ResultCode
        let error: String
        let description: String

        static func badRequest(_ error: String, _ description: String) -> Rejection {
            Rejection(action: "BAD_REQUEST", code: .clientRequestInvalid, error: error, description: description)
        }

        static func unauthorized(_ description: String) -> Rejection {
            Rejection(action: "UNAUTHORIZED", code: .clientUnauthorized, error: "invalid_client",
                      description: description)
        }
    }

    static func answer(_ call: EndpointCall) -> [UInt8] {
        switch accept(call) {
        case .success(let body): return body
        case .failure(let r): return ActionBody.error(r.code, action: r.action, error: r.error, description: r.description)
        }
    }

    static func accept(_ call: EndpointCall) -> Result<[UInt8], Rejection> {
        guard let text = call.fields.string("parameters") else {
            return .failure(Rejection(action: "INTERNAL_SERVER_ERROR", code: .parametersMissing, error: "server_error",
                                      description: ResultCode.parametersMissing.message))
        }
        let parameters: Parameters
        switch Parameters.parse(text) {
        case .success(let p): parameters = p
        case .failure(let r): return .failure(r)
        }
        let identified: IdentifiedClient
        switch ClientAuthentication.authenticate(call.fields, parameters, service: call.service) {
        case .success(let c): identified = c
        case .failure(let r): return .failure(r)
        }
        if let name = parameters.repeatedName {
            return .failure(.badRequest("invalid_request", "The parameter '\(name)' is given more than once."))
        }
        let client = identified.client
        let ciba = call.service.ciba

        let requestedScopes = parameters.spaceSeparated("scope")
        guard requestedScopes.contains("openid") else {
            return .failure(.badRequest("invalid_scope", "The 'scope' parameter must include 'openid'."))
        }
        let hints = Hint.allCases.compactMap { hint in parameters.value(hint.parameter).map { (hint, $0) } }
        guard hints.count == 1, let (hintType, hint) = hints.first else {
            return .failure(.badRequest("invalid_request",
                                        "Exactly one of login_hint_token, id_token_hint and login_hint is required."))
        }
        let notificationToken = parameters.value("client_notification_token")
        if client.deliveryMode != .poll, notificationToken == nil {
            return .failure(.badRequest("invalid_request",
                                        "A \(client.deliveryMode.rawValue) client must send client_notification_token."))
        }
        var requestedExpiry = 0
        if let text = parameters.value("requested_expiry") {
            guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int32(text), n > 0 else {
                return .failure(.badRequest("invalid_request", "'requested_expiry' must be a positive integer."))
            }
            requestedExpiry = Int(n)
        }
        let userCode = parameters.value("user_code")
        let userCodeRequired = client.userCodeRequired && ciba.userCodeSupported
        if userCodeRequired, userCode == nil {
            return .failure(.badRequest("missing_user_code", "The client must send a user_code."))
        }
        let bindingMessage = parameters.value("binding_message")
        if ciba.bindingMessageRequired, bindingMessage == nil {
            return .failure(.badRequest("invalid_request", "The service requires a binding_message."))
        }

        var scopes: [String] = []
        for scope in requestedScopes where ciba.supportedScopes.contains(scope) && !scopes.contains(scope) {
            scopes.append(scope)
        }
        var claimNames: [String] = []
        for scope in scopes {
            for claim in ciba.claimsByScope[scope] ?? [] where !claimNames.contains(claim) { claimNames.append(claim) }
        }
        let acrs = parameters.spaceSeparated("acr_values").filter { ciba.supportedAcrs.contains($0) }

        var record = TicketRecord(serviceId: call.service.serviceId,
                                  expiresAt: call.emulator.clock.now + .seconds(ciba.authReqIdDuration))
        record.clientId = client.clientId
        record.clientIdAliasUsed = identified.aliasUsed
        record.deliveryMode = client.deliveryMode
        record.clientNotificationToken = notificationToken
        record.scopes = scopes
        record.requestedExpiry = requestedExpiry
        let ticket = call.emulator.tickets.create(record)

        var members: [(String, JSONFragment)] = [("ticket", .string(ticket))]
        members += ClientMembers.of(client, aliasUsed: identified.aliasUsed)
        members.append(("clientAuthMethod", .string(identified.method.rawValue)))
        members.append(("deliveryMode", .string(client.deliveryMode.rawValue)))
        members.append(("scopes", .array(scopes.map { .object([("name", .string($0)), ("defaultEntry", .bool(false))]) })))
        members.append(("claimNames", .strings(claimNames)))
        members.append(("acrs", .strings(acrs)))
        members.append(("hintType", .string(hintType.rawValue)))
        members.append(("hint", .string(hint)))
        if hintType == .idTokenHint, let sub = IDToken.unverifiedSubject(hint) { members.append(("sub", .string(sub))) }
        if let userCode { members.append(("userCode", .string(userCode))) }
        members.append(("userCodeRequired", .bool(userCodeRequired)))
        if let bindingMessage { members.append(("bindingMessage", .string(bindingMessage))) }
        members.append(("requestedExpiry", .int(requestedExpiry)))
        if let notificationToken { members.append(("clientNotificationToken", .string(notificationToken))) }
        let resources = parameters.all("resource")
        if !resources.isEmpty { members.append(("resources", .strings(resources))) }
        return .success(ActionBody.make(.authenticationSuccess, action: "USER_IDENTIFICATION", members))
    }

    enum Hint: String, CaseIterable {
        case loginHintToken = "LOGIN_HINT_TOKEN"
        case idTokenHint = "ID_TOKEN_HINT"
        case loginHint = "LOGIN_HINT"

        var parameter: String { rawValue.lowercased() }
    }
}

/// The client's form body, as given in `parameters`.
struct Parameters {
    let pairs: [(String, String)]

    static func parse(_ text: String) -> Result<Parameters, BackchannelAuthentication.Rejection> {
        do {
            return .success(Parameters(pairs: try FormDecoding.decode(text.utf8)))
        } catch {
            return .failure(.badRequest("invalid_request", "The request parameters are malformed: \(error.message)."))
        }
    }

    /// The parameter's value; nil when absent or empty.
    func value(_ name: String) -> String? {
        pairs.first { $0.0 == name && !$0.1.isEmpty }?.1
    }

    /// Every value of a parameter that may repeat (`resource`).
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    func spaceSeparated(_ name: String) -> [String] {
        (value(name) ?? "").split(separator: " ").map(String.init)
    }

    /// The first parameter given twice (RFC 6749 section 3.1: none may repeat), except `resource` (RFC 8707).
    var repeatedName: String? {
        var seen = Set<String>()
        for (name, _) in pairs where name != "resource" {
            if !seen.insert(name).inserted { return name }
        }
        return nil
    }
}

/// The client members shared by the /backchannel/authentication and /complete answers.
enum ClientMembers {
    static func of(_ client: ClientConfig, aliasUsed: Bool) -> [(String, JSONFragment)] {
        var members: [(String, JSONFragment)] = [("clientId", .int64(client.clientId))]
        if let alias = client.clientIdAlias { members.append(("clientIdAlias", .string(alias))) }
        members.append(("clientIdAliasUsed", .bool(aliasUsed)))
        if let name = client.clientName { members.append(("clientName", .string(name))) }
        return members
    }
}
