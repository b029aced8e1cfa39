/// Where a configuration comes from: a JSON object or the environment.
extension ClientConfiguration {
    static let keys: [StaticString] = [
        "baseUrl", "region", "apiVersion", "token", "apiKey", "apiSecret", "timeoutMs", "connectTimeoutMs",
        "maxRetries", "userAgent", "caFile", "requestEncoding",
    ]

    /// Reads a JSON object of the keys in include/authlete.h; any other key is an error. null means "default".
    public init(json: String) throws(AuthleteError) {
        guard json.utf8.count <= Self.configLimit else { throw .invalid("configuration is over \(Self.configLimit) bytes") }
        let read: JSONObject.Members
        do {
            read = try JSONObject.read(json, keys: Self.keys, collectingOthers: true)
        } catch {
            throw .config("configuration: \(error.explanation)")
        }
        var members: [String: JSONMember] = [:]
        for (key, value) in zip(Self.keys, read.values) { members[key.description] = value }
        self = try Self.read(members, unknownKeys: read.otherKeys)
    }

    private static func read(_ members: [String: JSONMember], unknownKeys: [String]) throws(AuthleteError) -> ClientConfiguration {
        // Details name keys, never values; an unknown key is named unless a token or secret was pasted into it.
        // Values under 8 bytes are not credentials anyone could use, and occur in ordinary names ("t" is in
        // "timeout_ms"); Authlete's tokens and secrets are far longer.
        let secrets = ["token", "apiSecret"].compactMap { key -> String? in
            if case .string(let value)? = members[key], value.utf8.count >= 8 { return value }
            return nil
        }
        for key in unknownKeys {
            guard !secrets.contains(where: { key.containsBytes(of: $0) }) else {
                throw .config("configuration has an unknown key (not shown: it contains the token or apiSecret)")
            }
            throw .config("configuration has an unknown key \"\(key)\"")
        }
        let reader = MemberReader(members: members)
        let version: APIVersion
        switch try reader.integer("apiVersion") {
        case nil, 3?: version = .v3
        case 2?: version = .v2
        default: throw .config("apiVersion must be 2 or 3")
        }
        let encoding: RequestEncoding
        switch try reader.string("requestEncoding") {
        case nil: encoding = .json
        case let name?:
            guard let known = RequestEncoding(rawValue: name) else { throw .config("requestEncoding must be \"json\" or \"form\"") }
            encoding = known
        }
        return try ClientConfiguration(
            baseURL: try reader.string("baseUrl"), region: try reader.string("region"), apiVersion: version,
            credentials: try Self.credentials(version, token: try reader.string("token"),
                                              apiKey: try reader.string("apiKey"), apiSecret: try reader.string("apiSecret")),
            timeoutMs: try reader.integer("timeoutMs") ?? defaultTimeoutMs,
            connectTimeoutMs: try reader.integer("connectTimeoutMs") ?? defaultConnectTimeoutMs,
            maxRetries: try reader.integer("maxRetries") ?? 0,
            userAgent: try reader.string("userAgent"), caFile: try reader.string("caFile"), requestEncoding: encoding)
    }

    /// Reads AUTHLETE_BASE_URL, AUTHLETE_API_VERSION, AUTHLETE_BEARER or AUTHLETE_SERVICE_ACCESSTOKEN,
    /// AUTHLETE_SERVICE_APIKEY, AUTHLETE_SERVICE_APISECRET and AUTHLETE_TIMEOUT_MS. Empty variables count as unset.
    public static func fromEnvironment() throws(AuthleteError) -> ClientConfiguration {
        try fromEnvironment(SystemCalls.environment)
    }

    /// The same, reading variables through `lookup` (tests pass a dictionary).
    public static func fromEnvironment(_ lookup: (String) -> String?) throws(AuthleteError) -> ClientConfiguration {
        func value(_ name: String) -> String? {
            guard let text = lookup(name), !text.isEmpty else { return nil }
            return text
        }
        let version: APIVersion
        switch value("AUTHLETE_API_VERSION")?.uppercased() {
        case nil, "3"?, "V3"?: version = .v3
        case "2"?, "V2"?: version = .v2
        default: throw .config("AUTHLETE_API_VERSION must be V2 or V3")
        }
        var timeout = defaultTimeoutMs
        if let text = value("AUTHLETE_TIMEOUT_MS") {
            guard let parsed = Int(text) else { throw .config("AUTHLETE_TIMEOUT_MS must be a whole number of milliseconds") }
            timeout = parsed
        }
        let token = value("AUTHLETE_BEARER") ?? value("AUTHLETE_SERVICE_ACCESSTOKEN")
        return try ClientConfiguration(
            baseURL: value("AUTHLETE_BASE_URL"), apiVersion: version,
            credentials: try credentials(version, token: token, apiKey: value("AUTHLETE_SERVICE_APIKEY"),
                                         apiSecret: value("AUTHLETE_SERVICE_APISECRET")),
            timeoutMs: timeout)
    }

    /// The credentials the version needs; the other version's settings are ignored (the SDKs' environments often
    /// carry both).
    private static func credentials(_ version: APIVersion, token: String?, apiKey: String?, apiSecret: String?) throws(AuthleteError) -> Credentials {
        switch version {
        case .v3:
            guard let token else { throw .config("apiVersion 3 needs a token (AUTHLETE_BEARER or AUTHLETE_SERVICE_ACCESSTOKEN)") }
            return .bearer(token: token)
        case .v2:
            guard let apiKey, let apiSecret else {
                throw .config("apiVersion 2 needs apiKey and apiSecret (AUTHLETE_SERVICE_APIKEY, AUTHLETE_SERVICE_APISECRET)")
            }
            return .basic(apiKey: apiKey, apiSecret: apiSecret)
        }
    }
}

/// Typed reads of a configuration's members; a wrong type is a configuration error.
private struct MemberReader {
    let members: [String: JSONMember]

    func string(_ key: String) throws(AuthleteError) -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        case let other?: throw .config("\(key) must be a string, not \(other.kindName)")
        }
    }

    func integer(_ key: String) throws(AuthleteError) -> Int? {
        switch members[key] {
        case nil, .null?: return nil
        case .number(let value)?:
            // Exactly representable whole numbers only; the range checks come later.
            guard value.rounded() == value, abs(value) < 1e15 else { throw .config("\(key) must be a whole number") }
            return Int(value)
        case let other?: throw .config("\(key) must be a number, not \(other.kindName)")
        }
    }
}
