// The request bodies of the four CIBA endpoints, decoded by one mechanism: each endpoint names its fields and their
// JSON types (a RequestSchema), and a body in JSON or application/x-www-form-urlencoded becomes the same
// RequestFields. Rules: unknown fields are ignored; a JSON null is the same as an omitted field; a field of another
// type is an error. In a form body a string array travels as one key per element, booleans and integers as their
// JSON text, a repeated single-valued field keeps its last value, and objects cannot be expressed (an error).

/// Why a body was rejected; answered as 400 A001201 with this text.
public struct RequestBodyError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public typealias FailRequestError = RequestBodyError

public enum FieldKind: Sendable, Equatable {
    case string
    case strings
    /// A JSON integer that fits int64 (no fraction, no exponent).
    case integer
    case boolean
    case object
    case objects
}

public struct RequestSchema: Sendable {
    public let kinds: [String: FieldKind]
    public init(_ kinds: [String: FieldKind]) { self.kinds = kinds }
}

/// The given, non-null fields of a body, each checked against its kind (integers keep their decimal text).
public struct RequestFields: Sendable, Equatable {
    public var values: [String: JSONValue]

    public init(_ values: [String: JSONValue] = [:]) { self.values = values }

    public func string(_ name: String) -> String? {
        if case .string(let s)? = values[name] { return s }
        return nil
    }

    public func strings(_ name: String) -> [String]? {
        guard case .array(let items)? = values[name] else { return nil }
        return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }

    public func int64(_ name: String) -> Int64? {
        if case .number(let text)? = values[name] { return Int64(text) }
        return nil
    }

    public func bool(_ name: String) -> Bool? {
        if case .bool(let b)? = values[name] { return b }
        return nil
    }

    /// The fields as one JSON object (what the admin view shows as received).
    public var json: JSONValue { .object(values) }
}

extension RequestSchema {
    public func decode(_ body: some Collection<UInt8>, format: BodyFormat) throws(RequestBodyError) -> RequestFields {
        switch format {
        case .json: return try decodeJSON(body)
        case .form: return try decodeForm(body)
        }
    }

    public func decodeJSON(_ body: some Collection<UInt8>) throws(RequestBodyError) -> RequestFields {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw RequestBodyError("The request body is not valid JSON: \(error.description).")
        }
        guard case .object(let members) = value else {
            throw RequestBodyError("The request body must be a JSON object, not \(value.typeName).")
        }
        var fields = RequestFields()
        for (name, kind) in kinds {
            guard let member = members[name], member != .null else { continue }
            fields.values[name] = try Self.check(member, name: name, kind: kind)
        }
        return fields
    }

    public func decodeForm(_ body: some Collection<UInt8>) throws(RequestBodyError) -> RequestFields {
        let pairs: [(String, String)]
        do {
            pairs = try FormDecoding.decode(body)
        } catch {
            throw RequestBodyError("The form body is malformed: \(error.message).")
        }
        var fields = RequestFields()
        for (name, text) in pairs {
            guard let kind = kinds[name] else { continue }
            switch kind {
            case .string:
                fields.values[name] = .string(text)  // a repeated field: the last one wins
            case .strings:
                var items: [JSONValue] = []
                if case .array(let old)? = fields.values[name] { items = old }
                items.append(.string(text))
                fields.values[name] = .array(items)
            case .integer:
                guard Self.isInt64(text) else { throw RequestBodyError("'\(name)' must be an integer (int64).") }
                fields.values[name] = .number(text)
            case .boolean:
                switch text {
                case "true": fields.values[name] = .bool(true)
                case "false": fields.values[name] = .bool(false)
                default: throw RequestBodyError("'\(name)' must be true or false.")
                }
            case .object, .objects:
                throw RequestBodyError("'\(name)' cannot be form-encoded; send the body as JSON.")
            }
        }
        return fields
    }

    static func check(_ value: JSONValue, name: String, kind: FieldKind) throws(RequestBodyError) -> JSONValue {
        switch (kind, value) {
        case (.string, .string), (.boolean, .bool), (.object, .object):
            return value
        case (.integer, .number(let text)) where isInt64(text):
            return value
        case (.integer, .number):
            throw RequestBodyError("'\(name)' must be an integer (int64).")
        case (.strings, .array(let items)):
            guard items.allSatisfy({ if case .string = $0 { true } else { false } }) else {
                throw RequestBodyError("'\(name)' must be an array of strings.")
            }
            return value
        case (.objects, .array(let items)):
            guard items.allSatisfy({ if case .object = $0 { true } else { false } }) else {
                throw RequestBodyError("'\(name)' must be an array of objects.")
            }
            return value
        default:
            throw RequestBodyError("'\(name)' must be \(kind.article), not \(value.typeName).")
        }
    }

    /// Decimal text of an int64: an optional `-`, digits only, in range.
    static func isInt64(_ text: String) -> Bool {
        let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        return !digits.isEmpty && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && Int64(text) != nil
    }
}

extension FieldKind {
    var article: String {
        switch self {
        case .string: "a string"
        case .strings: "an array of strings"
        case .integer: "an integer"
        case .boolean: "a boolean"
        case .object: "an object"
        case .objects: "an array of objects"
        }
    }
}
