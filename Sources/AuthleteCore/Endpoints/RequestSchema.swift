/// One key of a request body and the rule its value follows.
public struct RequestField: Sendable {
    public enum Kind: Sendable {
        /// Any string.
        case string
        /// A string that is not empty.
        case nonEmptyString
        /// An absolute URI ("scheme:...") in visible ASCII without '"' or '\'.
        case absoluteURI
        /// One of these names, case-sensitive.
        case name([StaticString])
        /// A string that holds a JSON object.
        case jsonObjectText
        /// An array of strings.
        case strings
        /// An integer, 0 or more, within int64.
        case count
        /// An array of `{key: string, value: string, hidden: boolean}` (keys of the objects all optional).
        case properties
    }

    public let key: StaticString
    public let kind: Kind
    public let required: Bool
    /// Each string's size limit in bytes.
    public let limit: Int

    public init(_ key: StaticString, _ kind: Kind, required: Bool = false, limit: Int = RequestSchema.fieldLimit) {
        self.key = key
        self.kind = kind
        self.required = required
        self.limit = limit
    }
}

/// A checked request value.
public enum RequestValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case list([String])
    case properties([Property])

    public struct Property: Sendable, Equatable {
        public let key: String?
        public let value: String?
        public let hidden: Bool?

        public init(key: String?, value: String?, hidden: Bool?) {
            self.key = key
            self.value = value
            self.hidden = hidden
        }
    }
}

/// The keys a request body may hold and their rules; any other key, a repeated key or a wrong type is refused,
/// null means absent.
public final class RequestSchema: Sendable {
    /// A request JSON's size limit in bytes.
    public static let jsonLimit = 64 * 1024
    /// A string field's default size limit in bytes.
    public static let fieldLimit = 16 * 1024

    public let fields: [RequestField]
    /// A rule across fields; answers what is wrong, nil when nothing is.
    let crossCheck: (@Sendable ([RequestValue?]) -> String?)?
    /// What the reader looks for, made once: the keys, and which are read from their own text (integers).
    let keys: [StaticString]
    let raw: [Bool]

    public init(_ fields: [RequestField], crossCheck: (@Sendable ([RequestValue?]) -> String?)? = nil) {
        self.fields = fields
        self.crossCheck = crossCheck
        keys = fields.map(\.key)
        raw = fields.map { if case .count = $0.kind { true } else { false } }
    }

    /// The index of a field by key (for typed builders and rules).
    func index(of key: StaticString) -> Int? { fields.firstIndex { $0.key.hasBytes(of: key.description) } }

    var keyList: String { fields.map(\.key.description).joined(separator: ", ") }
}

/// A request whose every value has passed its field's rule: ready to be written as JSON or as a form.
public struct CheckedRequest: Sendable {
    public let schema: RequestSchema
    /// One per field of the schema, nil when absent.
    public let values: [RequestValue?]

    /// Checks typed values, one per field of the schema (nil when absent).
    public init(_ schema: RequestSchema, values: [RequestValue?]) throws(AuthleteError) {
        guard values.count == schema.fields.count else { throw AuthleteError(.internal, "a request has the wrong number of values") }
        for (field, value) in zip(schema.fields, values) { try Self.check(value, field) }
        try Self.checkRequired(schema, values)
        self.schema = schema
        self.values = values
    }

    /// Reads and checks a request JSON (at most 64 KiB).
    public init(_ schema: RequestSchema, json: String) throws(AuthleteError) {
        guard json.utf8.count <= RequestSchema.jsonLimit else { throw .invalid("request JSON is over \(RequestSchema.jsonLimit) bytes") }
        let members: JSONObject.Members
        do {
            members = try JSONObject.read(json, keys: schema.keys, collectingOthers: true, raw: schema.raw)
        } catch {
            throw .invalid("request JSON: \(error.explanation)")
        }
        if let key = members.otherKeys.first {
            throw .invalid("request JSON has an unknown key \"\(key)\" (known: \(schema.keyList))")
        }
        var values: [RequestValue?] = []
        values.reserveCapacity(schema.fields.count)
        for (index, field) in schema.fields.enumerated() {
            let raw = members.raw.indices.contains(index) ? members.raw[index] : nil
            values.append(try Self.value(members[index], raw: raw, field))
        }
        try self.init(schema, values: values)
    }

    private static func checkRequired(_ schema: RequestSchema, _ values: [RequestValue?]) throws(AuthleteError) {
        for (field, value) in zip(schema.fields, values) where field.required && value == nil {
            throw .invalid("request JSON lacks the required key \"\(field.key)\"")
        }
        if let problem = schema.crossCheck?(values) { throw .invalid(problem) }
    }

    /// A JSON member as the field's value (nil for absent or null); a wrong type is an invalid argument.
    private static func value(_ member: JSONMember?, raw: String?, _ field: RequestField) throws(AuthleteError) -> RequestValue? {
        guard let member, member != .null else { return nil }
        func wrong() -> AuthleteError { .invalid("request JSON: \"\(field.key)\" must be \(field.kind.expected), not \(member.kindName)") }
        switch field.kind {
        case .string, .nonEmptyString, .absoluteURI, .name, .jsonObjectText:
            guard case .string(let text) = member else { throw wrong() }
            return .text(text)
        case .strings:
            guard case .array(let elements) = member else { throw wrong() }
            var texts: [String] = []
            for element in elements {
                guard case .string(let text) = element else { throw wrong() }
                texts.append(text)
            }
            return .list(texts)
        case .count:
            guard case .number = member, let raw, let number = JSONSpans.int64(raw) else { throw wrong() }
            return .integer(number)
        case .properties:
            guard case .array(let elements) = member else { throw wrong() }
            var properties: [RequestValue.Property] = []
            for element in elements {
                guard case .object(let pairs) = element else { throw wrong() }
                var key: String?, value: String?, hidden: Bool?
                for pair in pairs {
                    switch (pair.key, pair.value) {
                    case (_, .null): continue
                    case ("key", .string(let text)): key = text
                    case ("value", .string(let text)): value = text
                    case ("hidden", .bool(let flag)): hidden = flag
                    default: throw .invalid("request JSON: \"\(field.key)\" holds objects of key (string), value (string) and hidden (boolean) only")
                    }
                }
                properties.append(.init(key: key, value: value, hidden: hidden))
            }
            return .properties(properties)
        }
    }

    /// The field's rule on a value of the right type.
    static func check(_ value: RequestValue?, _ field: RequestField) throws(AuthleteError) {
        guard let value else { return }
        let name = field.key.description
        func limited(_ text: String) throws(AuthleteError) {
            guard text.utf8.count <= field.limit else { throw .invalid("\(name) is over \(field.limit) bytes") }
        }
        switch (field.kind, value) {
        case (.string, .text(let text)):
            try limited(text)
        case (.nonEmptyString, .text(let text)):
            guard !text.isEmpty else { throw .invalid("\(name) is empty") }
            try limited(text)
        case (.absoluteURI, .text(let text)):
            try limited(text)
            guard TextRules.isAbsoluteURI(text) else {
                throw .invalid("\(name) is not an absolute URI (scheme:..., visible ASCII without '\"' or '\\')")
            }
        case (.name(let names), .text(let text)):
            guard names.contains(where: { $0.hasBytes(of: text) }) else {
                throw .invalid("unknown \(name) \"\(text)\" (one of \(names.map(\.description).joined(separator: ", ")))")
            }
        case (.jsonObjectText, .text(let text)):
            try limited(text)
            guard (try? JSONObject.read(text, keys: [])) != nil else { throw .invalid("\(name) must hold a JSON object") }
        case (.strings, .list(let texts)):
            for text in texts { try limited(text) }
        case (.count, .integer(let number)):
            guard number >= 0 else { throw .invalid("\(name) must be 0 or more") }
        case (.properties, .properties(let properties)):
            for property in properties {
                try limited(property.key ?? "")
                try limited(property.value ?? "")
            }
        default:
            throw .invalid("request: \(name) must be \(field.kind.expected)")
        }
    }

    /// The request as JSON; absent fields are omitted, never sent as null.
    public var jsonBytes: [UInt8] {
        var text = JSONText(capacity: 256)
        for (field, value) in zip(schema.fields, values) {
            switch value {
            case nil: continue
            case .text(let string)?: text.add(field.key, string)
            case .integer(let number)?: text.add(field.key, number)
            case .list(let strings)?: text.add(field.key, strings)
            case .properties(let properties)?:
                text.addObjects(field.key, properties) { object, property in
                    if let key = property.key { object.add("key", key) }
                    if let value = property.value { object.add("value", value) }
                    if let hidden = property.hidden { object.add("hidden", hidden) }
                }
            }
        }
        return text.finish()
    }

    /// The request as application/x-www-form-urlencoded: an array is one key per element, an integer its decimal
    /// text; objects have no form encoding, so a request with properties is refused.
    public func formBytes() throws(AuthleteError) -> [UInt8] {
        var form = FormText()
        for (field, value) in zip(schema.fields, values) {
            switch value {
            case nil: continue
            case .text(let string)?: form.add(field.key, string)
            case .integer(let number)?: form.add(field.key, String(number))
            case .list(let strings)?: for string in strings { form.add(field.key, string) }
            case .properties?: throw .invalid("\(field.key) cannot be form-encoded: use requestEncoding \"json\"")
            }
        }
        return form.bytes
    }
}

/// Writes application/x-www-form-urlencoded bodies.
struct FormText {
    private(set) var bytes: [UInt8] = []

    mutating func add(_ key: StaticString, _ value: String) {
        if !bytes.isEmpty { bytes.append(UInt8(ascii: "&")) }
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "="))
        TextRules.appendFormEncoded(value, to: &bytes)
    }
}

extension RequestField.Kind {
    var expected: String {
        switch self {
        case .string, .nonEmptyString, .absoluteURI, .name, .jsonObjectText: "a string"
        case .strings: "an array of strings"
        case .count: "an integer of 0 or more within int64"
        case .properties: "an array of objects"
        }
    }
}
