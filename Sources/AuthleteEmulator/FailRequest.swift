// The fail API's request body, decoded from JSON or application/x-www-form-urlencoded with the same field names.
// Rules (see docs/emulator.md): unknown fields are ignored; a JSON null is the same as an omitted field; a field of
// another type, an unknown reason (names are case-sensitive, "" is unknown) or a non-object body is an error.

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

/// Why a body was rejected; answered as 400 A001201 with this text.
public struct FailRequestError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
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

    public static func decode(_ body: some Collection<UInt8>, format: BodyFormat) throws(FailRequestError) -> FailRequest {
        switch format {
        case .json: return try decodeJSON(body)
        case .form: return try decodeForm(body)
        }
    }

    public static func decodeJSON(_ body: some Collection<UInt8>) throws(FailRequestError) -> FailRequest {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw FailRequestError("The request body is not valid JSON: \(error.description).")
        }
        guard case .object(let members) = value else {
            throw FailRequestError("The request body must be a JSON object, not \(value.typeName).")
        }
        var fields: [String: String] = [:]
        for name in fieldNames {
            switch members[name] {
            case nil, .null?: continue
            case .string(let s)?: fields[name] = s
            case let other?: throw FailRequestError("'\(name)' must be a string, not \(other.typeName).")
            }
        }
        return try make(from: fields)
    }

    public static func decodeForm(_ body: some Collection<UInt8>) throws(FailRequestError) -> FailRequest {
        let pairs: [(String, String)]
        do {
            pairs = try FormDecoding.decode(body)
        } catch {
            throw FailRequestError("The form body is malformed: \(error.message).")
        }
        var fields: [String: String] = [:]
        for (name, value) in pairs where fieldNames.contains(name) {
            fields[name] = value  // a repeated field: the last one wins
        }
        return try make(from: fields)
    }

    static func make(from fields: [String: String]) throws(FailRequestError) -> FailRequest {
        var request = FailRequest(ticket: fields["ticket"], errorDescription: fields["errorDescription"],
                                  errorUri: fields["errorUri"])
        if let name = fields["reason"] {
            guard let reason = FailReason(rawValue: name) else {
                throw FailRequestError("'reason' has an unknown value: \(JSONWriter.quoted(name)).")
            }
            request.reason = reason
        }
        return request
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
