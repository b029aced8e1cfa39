/// A request made field by field, for endpoints with many optional fields (/complete): each value is checked by
/// its field's rule when it is set, the whole request (required fields, cross-field rules) when it is built.
public struct RequestBuilder: Sendable {
    public let schema: RequestSchema
    private var values: [RequestValue?]
    /// The bytes of every value set, kept within a request JSON's limit as a JSON request would be.
    private var size = 0

    public init(_ schema: RequestSchema) {
        self.schema = schema
        values = Array(repeating: nil, count: schema.fields.count)
    }

    /// Sets a string field (replacing an earlier value).
    public mutating func set(_ key: String, text: String) throws(AuthleteError) { try put(key, .text(text)) }

    /// Sets an integer field (replacing an earlier value).
    public mutating func set(_ key: String, integer: Int64) throws(AuthleteError) { try put(key, .integer(integer)) }

    /// Appends one string to an array-of-strings field.
    public mutating func add(_ key: String, text: String) throws(AuthleteError) {
        var list: [String] = []
        if case .list(let earlier)? = values[try index(key)] { list = earlier }
        list.append(text)
        try put(key, .list(list))
    }

    /// The request, once the required fields are set and the cross-field rules hold.
    public func build() throws(AuthleteError) -> CheckedRequest { try CheckedRequest(schema, values: values) }

    private func index(_ key: String) throws(AuthleteError) -> Int {
        guard let index = schema.fields.firstIndex(where: { $0.key.hasBytes(of: key) }) else {
            throw .invalid("\(key) is not a field of this request (known: \(schema.keyList))")
        }
        return index
    }

    /// Checks the value by its field's rule (which also refuses a value of the wrong type) and stores it.
    private mutating func put(_ key: String, _ value: RequestValue) throws(AuthleteError) {
        let index = try index(key)
        try CheckedRequest.check(value, schema.fields[index])
        let grown = size - Self.bytes(values[index]) + Self.bytes(value)
        guard grown <= RequestSchema.jsonLimit else { throw .invalid("the request would be over \(RequestSchema.jsonLimit) bytes") }
        size = grown
        values[index] = value
    }

    private static func bytes(_ value: RequestValue?) -> Int {
        switch value {
        case .text(let text)?: text.utf8.count
        case .list(let texts)?: texts.reduce(0) { $0 + $1.utf8.count + 3 }
        case .integer?: 20
        case .properties(let properties)?: properties.reduce(0) { $0 + ($1.key?.utf8.count ?? 0) + ($1.value?.utf8.count ?? 0) + 32 }
        case nil: 0
        }
    }
}
