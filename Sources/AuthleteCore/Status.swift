/// The outcome of a call, numbered exactly as `authlete_status` in include/authlete.h (never renumbered).
public enum Status: Int32, Sendable, CaseIterable {
    case ok = 0
    case nullArgument = 1
    case invalidArgument = 2
    case config = 3
    case network = 4
    case timeout = 5
    case api = 6
    case `protocol` = 7
    case noMemory = 8
    case `internal` = 9
    /// The client's notification endpoint refused, failed or may not be used (0.2).
    case notification = 10

    /// The C constant's name, e.g. "AUTHLETE_ERR_TIMEOUT".
    public var constantName: StaticString {
        switch self {
        case .ok: "AUTHLETE_OK"
        case .nullArgument: "AUTHLETE_ERR_NULL_ARGUMENT"
        case .invalidArgument: "AUTHLETE_ERR_INVALID_ARGUMENT"
        case .config: "AUTHLETE_ERR_CONFIG"
        case .network: "AUTHLETE_ERR_NETWORK"
        case .timeout: "AUTHLETE_ERR_TIMEOUT"
        case .api: "AUTHLETE_ERR_API"
        case .protocol: "AUTHLETE_ERR_PROTOCOL"
        case .noMemory: "AUTHLETE_ERR_NO_MEMORY"
        case .internal: "AUTHLETE_ERR_INTERNAL"
        case .notification: "AUTHLETE_ERR_NOTIFICATION"
        }
    }
}

/// Every failure of the core: a status, a detail for logs (never a credential) and, for `.api`, Authlete's body.
public struct AuthleteError: Error, Sendable, Equatable {
    public let status: Status
    public let detail: String
    /// Authlete's body when it answered non-2xx (status `.api`), to log; nil otherwise.
    public let body: String?

    public init(_ status: Status, _ detail: String, body: String? = nil) {
        self.status = status
        self.detail = detail
        self.body = body
    }

    static func invalid(_ detail: String) -> AuthleteError { AuthleteError(.invalidArgument, detail) }
    static func config(_ detail: String) -> AuthleteError { AuthleteError(.config, detail) }
    static func protocolViolation(_ detail: String) -> AuthleteError { AuthleteError(.protocol, detail) }

    /// The same error with every occurrence of the secrets in its detail replaced by "***". A secret can survive
    /// that (a secret made of '*' is in the marker itself); then the detail is withheld, and as a last resort left
    /// empty, rather than show a secret.
    func redacting(_ secrets: [String]) -> AuthleteError {
        let secrets = secrets.filter { !$0.isEmpty }
        var text = detail
        for secret in secrets {
            text = text.replacingAll(secret, with: "***")
        }
        let candidates = [text, "the detail is withheld: it would show a credential", ""]
        let safe = candidates.first { candidate in !secrets.contains { candidate.containsBytes(of: $0) } } ?? ""
        return AuthleteError(status, safe, body: body)
    }
}

extension String {
    /// Whether `target`'s UTF-8 bytes occur in this string's (no Foundation in the library).
    func containsBytes(of target: String) -> Bool {
        let needle = Array(target.utf8)
        let haystack = Array(utf8)
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    /// Replaces every non-overlapping occurrence of `target` (no Foundation in the library).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        let haystack = Array(utf8)
        guard !needle.isEmpty, haystack.count >= needle.count else { return self }
        var output: [UInt8] = []
        output.reserveCapacity(haystack.count)
        var index = 0
        while index < haystack.count {
            if index + needle.count <= haystack.count, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                output.append(contentsOf: replacement.utf8)
                index += needle.count
            } else {
                output.append(haystack[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
