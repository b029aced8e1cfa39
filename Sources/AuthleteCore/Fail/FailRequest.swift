/// The body of a fail request: every field optional, each checked when it is set.
public struct FailRequest: Sendable, Equatable {
    /// Each string field's size limit in bytes.
    public static let fieldLimit = 16 * 1024
    /// The request JSON's size limit in bytes.
    public static let jsonLimit = 64 * 1024

    public let ticket: String?
    public let reason: FailReason?
    public let errorDescription: String?
    public let errorURI: String?

    public init(ticket: String? = nil, reason: FailReason? = nil, errorDescription: String? = nil,
                errorURI: String? = nil) throws(AuthleteError) {
        if let ticket {
            guard !ticket.isEmpty else { throw .invalid("ticket is empty") }
            try Self.checkLimit(ticket, "ticket")
        }
        if let errorDescription { try Self.checkLimit(errorDescription, "errorDescription") }
        if let errorURI {
            try Self.checkLimit(errorURI, "errorUri")
            guard TextRules.isAbsoluteURI(errorURI) else {
                throw .invalid("errorUri is not an absolute URI (scheme:..., visible ASCII without '\"' or '\\')")
            }
        }
        self.ticket = ticket
        self.reason = reason
        self.errorDescription = errorDescription
        self.errorURI = errorURI
    }

    /// Reads and checks a request JSON by the fail endpoint's request schema: an object with only "ticket",
    /// "reason", "errorDescription" and "errorUri", each a string or null (null means absent).
    public init(json: String) throws(AuthleteError) {
        let checked = try CheckedRequest(Endpoint.cibaFail.request, json: json)
        func text(_ index: Int) -> String? {
            guard checked.values.indices.contains(index), case .text(let value)? = checked.values[index] else { return nil }
            return value
        }
        try self.init(ticket: text(CibaFailField.ticket), reason: text(CibaFailField.reason).flatMap(FailReason.init(name:)),
                      errorDescription: text(CibaFailField.errorDescription), errorURI: text(CibaFailField.errorUri))
    }

    private static func checkLimit(_ value: String, _ name: String) throws(AuthleteError) {
        guard value.utf8.count <= fieldLimit else { throw .invalid("\(name) is over \(fieldLimit) bytes") }
    }

    /// Calls `body` with each field that is set, in Authlete's order, with its wire name (no array: every call
    /// writes a request).
    func forEachField(_ body: (StaticString, String) -> Void) {
        if let ticket { body("ticket", ticket) }
        if let reason { body("reason", reason.name.description) }
        if let errorDescription { body("errorDescription", errorDescription) }
        if let errorURI { body("errorUri", errorURI) }
    }

    /// The request as JSON, e.g. {"ticket":"t","reason":"ACCESS_DENIED"}.
    public var json: String { String(decoding: jsonBytes, as: UTF8.self) }

    /// The request as application/x-www-form-urlencoded.
    public var formBody: String { String(decoding: formBytes, as: UTF8.self) }

    package var jsonBytes: [UInt8] {
        // Keys, quotes and the longest reason take under 100 bytes; escapes may grow it past this, rarely.
        let values = (ticket?.utf8.count ?? 0) + (errorDescription?.utf8.count ?? 0) + (errorURI?.utf8.count ?? 0)
        var text = JSONText(capacity: 100 + values)
        forEachField { key, value in text.add(key, value) }
        return text.finish()
    }

    package var formBytes: [UInt8] {
        var form = FormText()
        forEachField { key, value in form.add(key, value) }
        return form.bytes
    }
}

extension JSONObject.Failure {
    var explanation: String {
        switch self {
        case .notJSON: "not valid JSON"
        case .notAnObject: "not a JSON object"
        case .duplicateKey(let key): "the key \"\(key)\" appears more than once"
        case .invalidUTF8(let key): "the value of \"\(key)\" is not valid UTF-8"
        }
    }
}
