// Services from JSON: the --config file `{"services":[...]}` and the body of POST /_emulator/services, and back
// (GET /_emulator/config, --print-config). A service object: {"serviceId":"1000","tokens":["t1"],"apiSecret":"s",
// "fault":"status=500","ciba":{...},"clients":[...]} (CibaConfig+JSON.swift); only serviceId is required; without
// "ciba" a service has the default settings, without "clients" the four default clients. Unknown members are
// ignored.

public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension ServiceConfig {
    public init(json value: JSONValue) throws(ConfigError) {
        guard case .object(let members) = value else { throw ConfigError("a service must be a JSON object") }
        guard case .string(let id)? = members["serviceId"] else {
            throw ConfigError("a service needs \"serviceId\" as a string")
        }
        guard ServiceConfig.isValidServiceId(id) else {
            throw ConfigError("serviceId \(JSONWriter.quoted(id)) must be 1 to 64 of A-Z a-z 0-9 . _ -")
        }
        var tokens: [String] = []
        switch members["tokens"] {
        case nil, .null?: break
        case .array(let items)?:
            for item in items {
                guard case .string(let token) = item, !token.isEmpty else {
                    throw ConfigError("service \(id): \"tokens\" must hold non-empty strings")
                }
                tokens.append(token)
            }
        default: throw ConfigError("service \(id): \"tokens\" must be an array of strings")
        }
        var apiSecret: String?
        switch members["apiSecret"] {
        case nil, .null?: break
        case .string(let s)?: apiSecret = s
        default: throw ConfigError("service \(id): \"apiSecret\" must be a string")
        }
        var fault: FaultSpec?
        switch members["fault"] {
        case nil, .null?: break
        case .string(let text)?:
            do {
                let spec = try FaultSpec(parsing: text)
                fault = spec.isEmpty ? nil : spec
            } catch {
                throw ConfigError("service \(id): invalid fault: \(error.message)")
            }
        default: throw ConfigError("service \(id): \"fault\" must be a string")
        }
        self.init(serviceId: id, tokens: tokens, apiSecret: apiSecret, fault: fault)
        let context = "service \(id)"
        if let value = members["ciba"], value != .null { ciba = try CibaSettings(json: value, context: context) }
        if let value = members["clients"], value != .null { clients = try ClientConfig.list(json: value, context: context) }
    }

    /// The service object, secrets included (a local test tool: the user needs them to configure a client).
    public var json: JSONFragment {
        var members: [(String, JSONFragment)] = [("serviceId", .string(serviceId)), ("tokens", .strings(tokens))]
        if let apiSecret { members.append(("apiSecret", .string(apiSecret))) }
        if let fault { members.append(("fault", .string(fault.text))) }
        members.append(("ciba", ciba.json))
        members.append(("clients", .array(clients.map(\.json))))
        return .object(members)
    }

    /// `{"services":[...]}`: the shape of a config file.
    public static func configJSON(_ services: [ServiceConfig]) -> [UInt8] {
        JSONWriter.object([("services", .array(services.map(\.json)))])
    }

    /// The services of a config file's text.
    public static func parseConfigFile(_ bytes: some Collection<UInt8>) throws(ConfigError) -> [ServiceConfig] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw ConfigError("not valid JSON: \(error.description)")
        }
        guard case .object(let members) = value, case .array(let items)? = members["services"] else {
            throw ConfigError("the config must be an object with a \"services\" array")
        }
        var services: [ServiceConfig] = []
        for item in items {
            let service = try ServiceConfig(json: item)
            guard !services.contains(where: { $0.serviceId == service.serviceId }) else {
                throw ConfigError("service \(service.serviceId) is listed twice")
            }
            services.append(service)
        }
        return services
    }
}
