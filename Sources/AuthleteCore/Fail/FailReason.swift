#if canImport(Glibc)
internal import Glibc
#endif

/// Why the authorization server rejects the request; raw values are `authlete_ciba_fail_reason`'s.
/// The table (reason -> error -> action) is Authlete's documented one, verbatim.
public enum FailReason: Int32, Sendable, CaseIterable {
    case accessDenied = 1
    case expiredLoginHintToken = 2
    case invalidBindingMessage = 3
    case invalidTarget = 4
    case invalidUserCode = 5
    case missingUserCode = 6
    case serverError = 7
    case unauthorizedClient = 8
    case unknownUserID = 9

    /// The `reason` value Authlete expects, e.g. "ACCESS_DENIED".
    public var name: StaticString {
        switch self {
        case .accessDenied: "ACCESS_DENIED"
        case .expiredLoginHintToken: "EXPIRED_LOGIN_HINT_TOKEN"
        case .invalidBindingMessage: "INVALID_BINDING_MESSAGE"
        case .invalidTarget: "INVALID_TARGET"
        case .invalidUserCode: "INVALID_USER_CODE"
        case .missingUserCode: "MISSING_USER_CODE"
        case .serverError: "SERVER_ERROR"
        case .unauthorizedClient: "UNAUTHORIZED_CLIENT"
        case .unknownUserID: "UNKNOWN_USER_ID"
        }
    }

    /// The exact, case-sensitive name; nil for anything else.
    public init?(name: String) {
        guard let reason = FailReason.allCases.first(where: { $0.name.hasBytes(of: name) }) else { return nil }
        self = reason
    }
}

/// What the authorization server must do; raw values are `authlete_ciba_fail_action`'s.
public enum FailAction: Int32, Sendable, CaseIterable {
    case internalServerError = 1
    case badRequest = 2
    case forbidden = 3

    public var name: StaticString {
        switch self {
        case .internalServerError: "INTERNAL_SERVER_ERROR"
        case .badRequest: "BAD_REQUEST"
        case .forbidden: "FORBIDDEN"
        }
    }

    public init?(name: String) {
        guard let action = FailAction.allCases.first(where: { $0.name.hasBytes(of: name) }) else { return nil }
        self = action
    }

    /// The HTTP status the authorization server answers its client with.
    public var httpStatus: Int32 {
        switch self {
        case .internalServerError: 500
        case .badRequest: 400
        case .forbidden: 403
        }
    }
}

extension StaticString {
    /// Whether `text` is this literal, byte for byte (no String made on the per-call path).
    func hasBytes(of text: String) -> Bool {
        let literal = UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
        // The contiguous UTF-8 compares with memcmp; the element-by-element fallback is for bridged strings.
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.count == literal.count else { return false }
            guard let start = bytes.baseAddress, let literalStart = literal.baseAddress else { return bytes.isEmpty }
            return memcmp(start, literalStart, bytes.count) == 0
        } ?? text.utf8.elementsEqual(literal)
    }
}
