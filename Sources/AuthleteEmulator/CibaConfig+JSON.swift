// The "ciba" and "clients" members of a service object (config file, POST /_emulator/services), read and written
// with the same key names, so GET /_emulator/config and --print-config print what --config reads back.
//   "ciba": {"userCodeSupported":true,"authReqIdDuration":600,"pollingInterval":5,"bindingMessageRequired":false,
//            "supportedScopes":[...],"supportedAcrs":[...],"accessTokenDuration":3600,"refreshTokenDuration":86400,
//            "idTokenDuration":3600,"claimsByScope":{"email":["email","email_verified"],...},
//            "honourRequestedExpiry":false}                               every key optional (defaults above)
//   "clients": [{"clientId":1002,"clientIdAlias":"a","clientName":"n","clientSecret":"s",
//                "authMethod":"CLIENT_SECRET_BASIC","deliveryMode":"PING","notificationEndpoint":"https://...",
//                "userCodeRequired":false}]                              only clientId required

/// Typed access to the members of one JSON object, with errors that name the object and the key.
struct MemberReader {
    let members: [String: JSONValue]
    let context: String

    func fail(_ key: String, _ expected: String) -> ConfigError {
        ConfigError("\(context): \"\(key)\" must be \(expected)")
    }

    func string(_ key: String) throws(ConfigError) -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw fail(key, "a string")
        }
    }

    func bool(_ key: String) throws(ConfigError) -> Bool? {
        switch members[key] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        default: throw fail(key, "a boolean")
        }
    }

    func int64(_ key: String, in range: ClosedRange<Int64>) throws(ConfigError) -> Int64? {
        switch members[key] {
        case nil, .null?: return nil
        case .number(let text)? where RequestSchema.isInt64(text):
            guard let n = Int64(text), range.contains(n) else { throw fail(key, "an integer in \(range)") }
            return n
        default: throw fail(key, "an integer in \(range)")
        }
    }

    /// A non-negative int32 count of seconds.
    func seconds(_ key: String) throws(ConfigError) -> Int? {
        try int64(key, in: 0...Int64(Int32.max)).map { Int($0) }
    }

    func strings(_ key: String, _ value: JSONValue?) throws(ConfigError) -> [String]? {
        switch value {
        case nil, .null?: return nil
        case .array(let items)?:
            var out: [String] = []
            for item in items {
                guard case .string(let s) = item else { throw fail(key, "an array of strings") }
                out.append(s)
            }
            return out
        default: throw fail(key, "an array of strings")
        }
    }

    func strings(_ key: String) throws(ConfigError) -> [String]? { try strings(key, members[key]) }

    func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(ConfigError) -> E?
        where E.RawValue == String
    {
        guard let name = try string(key) else { return nil }
        guard let value = E(rawValue: name) else {
            throw fail(key, "one of " + E.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }
}

extension CibaSettings {
    public init(json value: JSONValue, context: String) throws(ConfigError) {
        self.init()
        guard case .object(let members) = value else { throw ConfigError("\(context): \"ciba\" must be an object") }
        let r = MemberReader(members: members, context: context + " ciba")
        if let v = try r.bool("userCodeSupported") { userCodeSupported = v }
        if let v = try r.seconds("authReqIdDuration") { authReqIdDuration = v }
        if let v = try r.seconds("pollingInterval") { pollingInterval = v }
        if let v = try r.bool("bindingMessageRequired") { bindingMessageRequired = v }
        if let v = try r.strings("supportedScopes") { supportedScopes = v }
        if let v = try r.strings("supportedAcrs") { supportedAcrs = v }
        if let v = try r.seconds("accessTokenDuration") { accessTokenDuration = v }
        if let v = try r.seconds("refreshTokenDuration") { refreshTokenDuration = v }
        if let v = try r.seconds("idTokenDuration") { idTokenDuration = v }
        if let v = try r.bool("honourRequestedExpiry") { honourRequestedExpiry = v }
        switch members["claimsByScope"] {
        case nil, .null?: break
        case .object(let map)?:
            var claims: [String: [String]] = [:]
            for (scope, names) in map { claims[scope] = try r.strings("claimsByScope." + scope, names) ?? [] }
            claimsByScope = claims
        default: throw r.fail("claimsByScope", "an object of string arrays")
        }
    }

    public var json: JSONFragment {
        .object([
            ("userCodeSupported", .bool(userCodeSupported)),
            ("authReqIdDuration", .int(authReqIdDuration)),
            ("pollingInterval", .int(pollingInterval)),
            ("bindingMessageRequired", .bool(bindingMessageRequired)),
            ("supportedScopes", .strings(supportedScopes)),
            ("supportedAcrs", .strings(supportedAcrs)),
            ("accessTokenDuration", .int(accessTokenDuration)),
            ("refreshTokenDuration", .int(refreshTokenDuration)),
            ("idTokenDuration", .int(idTokenDuration)),
            ("claimsByScope", .object(claimsByScope.sorted { $0.key < $1.key }.map { ($0.key, .strings($0.value)) })),
            ("honourRequestedExpiry", .bool(honourRequestedExpiry)),
        ])
    }
}

extension ClientConfig {
    /// A client object; `pathClientId`, when given, is the id from an admin path (the body's, if any, must match).
    public init(json value: JSONValue, context: String, pathClientId: Int64? = nil) throws(ConfigError) {
        guard case .object(let members) = value else { throw ConfigError("\(context): a client must be an object") }
        let r = MemberReader(members: members, context: context)
        let bodyId = try r.int64("clientId", in: 1...Int64.max)
        guard let clientId = bodyId ?? pathClientId else {
            throw ConfigError("\(context): a client needs \"clientId\" as a positive JSON integer")
        }
        if let pathClientId, pathClientId != clientId {
            throw ConfigError("\(context): \"clientId\" \(clientId) differs from the path's \(pathClientId)")
        }
        let c = "\(context) client \(clientId)"
        let named = MemberReader(members: members, context: c)
        self.init(clientId: clientId,
                  clientIdAlias: try named.string("clientIdAlias"),
                  clientName: try named.string("clientName"),
                  clientSecret: try named.string("clientSecret"),
                  authMethod: try named.enumValue("authMethod", ClientAuthMethod.self) ?? .clientSecretBasic,
                  deliveryMode: try named.enumValue("deliveryMode", DeliveryMode.self) ?? .poll,
                  notificationEndpoint: try named.string("notificationEndpoint"),
                  userCodeRequired: try named.bool("userCodeRequired") ?? false)
        if let alias = clientIdAlias, alias.isEmpty { throw named.fail("clientIdAlias", "a non-empty string") }
        if deliveryMode != .poll, notificationEndpoint?.isEmpty ?? true {
            throw ConfigError("\(c): a \(deliveryMode.rawValue) client needs \"notificationEndpoint\"")
        }
    }

    /// The list of a "clients" member: ids and aliases unique.
    static func list(json value: JSONValue, context: String) throws(ConfigError) -> [ClientConfig] {
        guard case .array(let items) = value else { throw ConfigError("\(context): \"clients\" must be an array") }
        var clients: [ClientConfig] = []
        for item in items {
            let client = try ClientConfig(json: item, context: context)
            if clients.contains(where: { $0.clientId == client.clientId }) {
                throw ConfigError("\(context): client \(client.clientId) is listed twice")
            }
            if let alias = client.clientIdAlias, clients.contains(where: { $0.clientIdAlias == alias }) {
                throw ConfigError("\(context): the alias \(JSONWriter.quoted(alias)) is used twice")
            }
            clients.append(client)
        }
        return clients
    }

    public var json: JSONFragment {
        var members: [(String, JSONFragment)] = [("clientId", .int64(clientId))]
        if let clientIdAlias { members.append(("clientIdAlias", .string(clientIdAlias))) }
        if let clientName { members.append(("clientName", .string(clientName))) }
        if let clientSecret { members.append(("clientSecret", .string(clientSecret))) }
        members.append(("authMethod", .string(authMethod.rawValue)))
        members.append(("deliveryMode", .string(deliveryMode.rawValue)))
        if let notificationEndpoint { members.append(("notificationEndpoint", .string(notificationEndpoint))) }
        members.append(("userCodeRequired", .bool(userCodeRequired)))
        return .object(members)
    }
}
