// The fail API's request body (decoded by RequestFields.swift's rules) and the body formats of every endpoint.
// An unknown reason (names are case-sensitive, "" is unknown) is an error.

public struct FailRequest: Equatable, Sendable {
    public var ticket: String?
    public var reason: FailReason?
    public var errorDescription: String?
    public var errorUri: String?

    public init(ticket: String? = nil, reason: FailReason? = nil, errorDescription: String? = nil,
                errorUri: String? = nil) {
        self.ticket = ticket
        self.reason = reason
        self.errorDescription = errorDescription
        self.errorUri = errorUri
    }
}

public enum BodyFormat: Sendable, Equatable {
    case json
    case form

    /// The format for a Content-Type header value; nil for an unsupported media type. No header means JSON.
    public static func from(contentType: String?) -> BodyFormat? {
        guard let contentType else { return .json }
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
            .trimmingASCIIWhitespace().lowercased()
        switch mediaType {
        case "application/json": return .json
        case "application/x-www-form-urlencoded": return .form
        default: return nil
        }
    }
}

extension FailRequest {
    public static let fieldNames = ["ticket", "reason", "errorDescription", "errorUri"]
    static let schema = RequestSchema(Dictionary(uniqueKeysWithValues: fieldNames.map { ($0, FieldKind.string) }))

    public static func decode(_ body: some Collection<UInt8>, format: BodyFormat) throws(FailRequestError) -> FailRequest {
        try FailRequest(fields: try schema.decode(body, format: format))
    }

    public static func decodeJSON(_ body: some Collection<UInt8>) throws(FailRequestError) -> FailRequest {
        try FailRequest(fields: try schema.decodeJSON(body))
    }

    public static func decodeForm(_ body: some Collection<UInt8>) throws(FailRequestError) -> FailRequest {
        try FailRequest(fields: try schema.decodeForm(body))
    }

    init(fields: RequestFields) throws(FailRequestError) {
        self.init(ticket: fields.string("ticket"), errorDescription: fields.string("errorDescription"),
                  errorUri: fields.string("errorUri"))
        if let name = fields.string("reason") {
            guard let reason = FailReason(rawValue: name) else {
                throw FailRequestError("'reason' has an unknown value: \(JSONWriter.quoted(name)).")
            }
            self.reason = reason
        }
    }
}

extension Substring {
    func trimmingASCIIWhitespace() -> Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
}
