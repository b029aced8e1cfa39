// POST .../backchannel/authentication/complete: records the user's decision on an issued, unexpired ticket of the
// service (which becomes completed) and answers by the client's delivery mode:
//   poll  NO_ACTION
//   ping  NOTIFICATION, responseContent {"auth_req_id"} whatever the result
//   push  NOTIFICATION, responseContent {"auth_req_id","access_token","token_type","expires_in",["refresh_token",]
//         "id_token"} for AUTHORIZED, else {"auth_req_id","error"[,"error_description"][,"error_uri"]}
// A missing, unknown, unissued, completed or expired ticket is SERVER_ERROR (nothing recorded). AUTHORIZED without
// `subject` is SERVER_ERROR in poll mode (nothing recorded); in ping and push mode the record is already loaded,
// so the completion is recorded as failed and the client is notified (push: error server_error).
// An unknown `result`, a missing one, `claims` that is not a JSON object text or an `idTokenAudType` other than
// "array"/"string" is a 400.

public enum CompleteResult: String, CaseIterable, Sendable {
    case authorized = "AUTHORIZED"
    case accessDenied = "ACCESS_DENIED"
    case transactionFailed = "TRANSACTION_FAILED"

    /// The `error` the client finally sees (push: in the notification).
    public var error: String? {
        switch self {
        case .authorized: nil
        case .accessDenied: "access_denied"
        case .transactionFailed: "expired_token"
        }
    }
}

enum CompleteEndpoint {
    static let schema = RequestSchema([
        "ticket": .string, "result": .string, "subject": .string, "sub": .string, "acr": .string,
        "authTime": .integer, "accessTokenDuration": .integer, "refreshTokenDuration": .integer, "claims": .string,
        "properties": .objects, "scopes": .strings, "consentedClaims": .strings, "idtHeaderParams": .string,
        "jwtAtClaims": .string, "accessToken": .string, "idTokenAudType": .string, "errorDescription": .string,
        "errorUri": .string,
    ])

    static let subjectMissing = "'subject' is required when result is AUTHORIZED."

    static func answer(_ call: EndpointCall) throws(RequestBodyError) -> [UInt8] {
        let fields = call.fields
        guard let name = fields.string("result") else { throw RequestBodyError("'result' is required.") }
        guard let result = CompleteResult(rawValue: name) else {
            throw RequestBodyError("'result' has an unknown value: \(JSONWriter.quoted(name)).")
        }
        var claims: [String: JSONValue] = [:]
        if let text = fields.string("claims") {
            guard case .object(let members)? = try? JSONParser.parse(text) else {
                throw RequestBodyError("'claims' must hold a JSON object.")
            }
            claims = members
        }
        let audType = fields.string("idTokenAudType")
        guard audType == nil || audType == "array" || audType == "string" else {
            throw RequestBodyError("'idTokenAudType' must be \"array\" or \"string\".")
        }

        let serviceId = call.service.serviceId
        guard let ticket = fields.string("ticket") else { return refused("The request has no 'ticket'.") }
        guard let loaded = call.emulator.tickets.record(ticket), loaded.serviceId == serviceId else {
            return refused("The ticket \(TicketStore.Refusal.unknown.rawValue).")
        }
        let mode = loaded.deliveryMode ?? .poll
        let subject = fields.string("subject").flatMap { $0.isEmpty ? nil : $0 }
        let lateError = result == .authorized && subject == nil
        if lateError, mode == .poll { return refused(subjectMissing) }

        let client = loaded.clientId.flatMap { call.service.client(id: $0) }
        let authReqId = loaded.authReqId ?? ""
        var members = client.map { ClientMembers.of($0, aliasUsed: loaded.clientIdAliasUsed) } ?? []
        members.append(("deliveryMode", .string(mode.rawValue)))
        let action = mode == .poll ? "NO_ACTION" : "NOTIFICATION"
        var content: String?
        if mode != .poll {
            if let endpoint = client?.notificationEndpoint {
                members.append(("clientNotificationEndpoint", .string(endpoint)))
            }
            if let token = loaded.clientNotificationToken { members.append(("clientNotificationToken", .string(token))) }
        }
        members.append(("authReqId", .string(authReqId)))
        let first: [(String, JSONFragment)] = [("auth_req_id", .string(authReqId))]
        switch mode {
        case .poll:
            members += [("accessTokenDuration", .int(0)), ("refreshTokenDuration", .int(0)), ("idTokenDuration", .int(0))]
        case .ping:
            content = JSONWriter.text(first)
        case .push:
            if lateError {
                content = ActionBody.errorContent("server_error", description: subjectMissing, first: first)
            } else if let error = result.error {
                content = ActionBody.errorContent(error, description: fields.string("errorDescription"),
                                                  uri: fields.string("errorUri"), first: first)
            } else {
                let tokens = PushTokens(call, subject: subject ?? "", claims: claims, audType: audType,
                                        clientId: loaded.clientId ?? 0)
                content = tokens.responseContent(first: first)
                members += tokens.members
            }
        }

        let now = call.emulator.clock.now
        let recorded = call.emulator.tickets.advance(ticket, serviceId: serviceId, from: .issued, at: now) { record in
            record.state = .completed
            record.outcome = fields.json
            record.completeAction = action
            record.notification = content
        }
        if case .failure(let refusal) = recorded { return refused("The ticket \(refusal.rawValue).") }
        let code = lateError ? ResultCode.completeLateError.with(message: subjectMissing)
                             : ResultCode.completeSuccess(mode: mode, result: result)
        return ActionBody.make(code, action: action, responseContent: content, members)
    }

    static func refused(_ description: String) -> [UInt8] {
        ActionBody.error(.completeRefused, action: "SERVER_ERROR", error: "server_error", description: description)
    }
}

/// The tokens of a push-mode AUTHORIZED completion: the caller's access token or a random one, a refresh token when
/// its lifetime is positive, an ID token; lifetimes from the request when positive, else the service's.
struct PushTokens {
    let accessToken: String
    let accessTokenDuration: Int64
    let refreshToken: String?
    let refreshTokenDuration: Int64
    let idToken: String
    let idTokenDuration: Int

    init(_ call: EndpointCall, subject: String, claims: [String: JSONValue], audType: String?, clientId: Int64) {
        let fields = call.fields
        let ciba = call.service.ciba
        func positive(_ name: String) -> Int64? { fields.int64(name).flatMap { $0 > 0 ? $0 : nil } }
        accessToken = fields.string("accessToken") ?? TicketStore.generate()
        accessTokenDuration = positive("accessTokenDuration") ?? Int64(ciba.accessTokenDuration)
        refreshTokenDuration = positive("refreshTokenDuration") ?? Int64(ciba.refreshTokenDuration)
        refreshToken = refreshTokenDuration > 0 ? TicketStore.generate() : nil
        idTokenDuration = ciba.idTokenDuration
        idToken = IDToken.make(issuer: call.emulator.baseURL + "/" + call.service.serviceId,
                               subject: fields.string("sub") ?? subject, audience: clientId,
                               audienceAsArray: audType == "array", issuedAt: call.emulator.clock.epochSeconds,
                               lifetime: idTokenDuration, authTime: positive("authTime"), acr: fields.string("acr"),
                               claims: claims)
    }

    func responseContent(first: [(String, JSONFragment)]) -> String {
        var members = first + [("access_token", JSONFragment.string(accessToken)), ("token_type", .string("Bearer")),
                               ("expires_in", .int64(accessTokenDuration))]
        if let refreshToken { members.append(("refresh_token", .string(refreshToken))) }
        members.append(("id_token", .string(idToken)))
        return JSONWriter.text(members)
    }

    var members: [(String, JSONFragment)] {
        var members: [(String, JSONFragment)] = [("accessToken", .string(accessToken)),
                                                 ("accessTokenDuration", .int64(accessTokenDuration))]
        if let refreshToken { members.append(("refreshToken", .string(refreshToken))) }
        members += [("refreshTokenDuration", .int64(refreshToken == nil ? 0 : refreshTokenDuration)),
                    ("idToken", .string(idToken)), ("idTokenDuration", .int(idTokenDuration))]
        return members
    }
}
