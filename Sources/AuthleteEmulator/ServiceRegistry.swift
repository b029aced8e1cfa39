// The emulated Authlete services: ids, v3 access tokens, v2 API secrets (the API key is the service id), the
// per-service fault, CIBA settings and registered clients. Thread-safe; replaced at run time by the admin endpoints.
import Synchronization

public struct ServiceConfig: Equatable, Sendable {
    public var serviceId: String
    public var tokens: [String]
    public var apiSecret: String?
    public var fault: FaultSpec?
    public var ciba: CibaSettings
    public var clients: [ClientConfig]

    public init(serviceId: String, tokens: [String] = [], apiSecret: String? = nil, fault: FaultSpec? = nil,
                ciba: CibaSettings = CibaSettings(), clients: [ClientConfig] = ClientConfig.defaults) {
        self.serviceId = serviceId
        self.tokens = tokens
        self.apiSecret = apiSecret
        self.fault = fault
        self.ciba = ciba
        self.clients = clients
    }

    /// The client a request names by id (decimal text) or alias, and whether the alias named it.
    public func client(identifiedBy text: String) -> (client: ClientConfig, aliasUsed: Bool)? {
        for client in clients {
            if let aliasUsed = client.aliasUsed(identifiedBy: text) { return (client, aliasUsed) }
        }
        return nil
    }

    public func client(id: Int64) -> ClientConfig? { clients.first { $0.clientId == id } }

    /// The service served when the command line names none: id 1000, token `emulator-token`, secret `emulator-secret`.
    public static let `default` = ServiceConfig(serviceId: "1000", tokens: ["emulator-token"],
                                                apiSecret: "emulator-secret")

    /// A service id is a path segment: 1 to 64 of `A-Z a-z 0-9 . _ -` (Authlete's are numeric).
    public static func isValidServiceId(_ id: some StringProtocol) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
    }
}

public final class ServiceRegistry: Sendable {
    private struct State {
        var services: [String: ServiceConfig] = [:]
        var tokenIndex: [String: Set<String>] = [:]  // token -> service ids it is valid for
    }

    private let state = Mutex(State())

    public init(_ services: [ServiceConfig] = []) {
        for service in services { put(service) }
    }

    /// Adds or replaces a service; answers whether it replaced one.
    @discardableResult
    public func put(_ service: ServiceConfig) -> Bool {
        state.withLock { state in
            let old = state.services.updateValue(service, forKey: service.serviceId)
            for token in old?.tokens ?? [] {
                state.tokenIndex[token]?.remove(service.serviceId)
                if state.tokenIndex[token]?.isEmpty == true { state.tokenIndex[token] = nil }
            }
            for token in service.tokens { state.tokenIndex[token, default: []].insert(service.serviceId) }
            return old != nil
        }
    }

    /// Every service, ordered by id.
    public func all() -> [ServiceConfig] {
        state.withLock { $0.services.values.sorted { $0.serviceId < $1.serviceId } }
    }

    public enum PutClientResult: Equatable, Sendable { case added, replaced, noSuchService, aliasTaken }

    /// Adds a client to a service or replaces the one with the same id; an alias stays unique in its service.
    public func putClient(_ client: ClientConfig, serviceId: String) -> PutClientResult {
        state.withLock { state in
            guard var service = state.services[serviceId] else { return .noSuchService }
            if let alias = client.clientIdAlias,
               service.clients.contains(where: { $0.clientIdAlias == alias && $0.clientId != client.clientId }) {
                return .aliasTaken
            }
            defer { state.services[serviceId] = service }
            if let i = service.clients.firstIndex(where: { $0.clientId == client.clientId }) {
                service.clients[i] = client
                return .replaced
            }
            service.clients.append(client)
            return .added
        }
    }

    public func service(_ id: String) -> ServiceConfig? {
        state.withLock { $0.services[id] }
    }

    public var serviceIds: [String] { state.withLock { Array($0.services.keys).sorted() } }

    /// The v3 check: a bearer token against the service in the path.
    public func authenticateBearer(token: String, serviceId: String) -> AuthResult {
        state.withLock { state in
            guard let services = state.tokenIndex[token] else { return .invalidCredentials }
            guard state.services[serviceId] != nil else { return .serviceNotFound }
            return services.contains(serviceId) ? .ok(serviceId: serviceId) : .otherServiceToken
        }
    }

    /// The v2 check: HTTP Basic apiKey (the service id) and apiSecret.
    public func authenticateBasic(apiKey: String, apiSecret: String) -> AuthResult {
        state.withLock { state in
            guard let service = state.services[apiKey], let secret = service.apiSecret,
                  constantTimeEquals(secret, apiSecret)
            else { return .invalidCredentials }
            return .ok(serviceId: apiKey)
        }
    }
}

/// The outcome of authenticating an API call.
public enum AuthResult: Equatable, Sendable {
    case ok(serviceId: String)
    /// No Authorization header: 401 A001202.
    case missingAuthorization
    /// A malformed header, an unknown token or wrong v2 credentials: 401 A458101.
    case invalidCredentials
    /// A valid token, but the path's service does not exist: 403 A458203.
    case serviceNotFound
    /// A token valid for other services only: 403 A458101.
    case otherServiceToken
}

func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    var diff = UInt8(truncatingIfNeeded: x.count ^ y.count)
    for i in 0..<min(x.count, y.count) { diff |= x[i] ^ y[i] }
    return diff == 0 && x.count == y.count
}
