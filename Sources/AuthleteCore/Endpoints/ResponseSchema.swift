/// One member of Authlete's answer and how the library hands it out.
public struct ResponseMember: Sendable {
    public enum Kind: Sendable {
        case string
        /// true/false, handed out as 1/0.
        case boolean
        case int32
        /// Read from the number's own text: exact over the whole int64 range.
        case int64
        /// An array of strings.
        case strings
        /// An array of objects, handed out as the string member with this key of each (e.g. scopes[i].name).
        case names(StaticString)
        /// An object or array, handed out as compact JSON text.
        case json
        /// A string from this list, handed out as its position + 1 (0 for a name the library does not know).
        case enumeration([StaticString])
    }

    public let key: StaticString
    public let kind: Kind

    public init(_ key: StaticString, _ kind: Kind) {
        self.key = key
        self.kind = kind
    }
}

/// A read response member.
public enum ResponseValue: Sendable, Equatable {
    case text(String)
    case number(Int64)
    case list([String])
}

/// Authlete's 2xx answer read by its schema.
public struct ParsedResponse: Sendable, Equatable {
    /// The action's position in the schema's list + 1 (never 0: an unknown action is refused).
    public let action: Int32
    /// The HTTP status the authorization server answers its client with for the action (0 when it has none).
    public let httpStatus: Int32
    /// One per member of the schema, nil when absent or null.
    public let values: [ResponseValue?]

    public func text(_ index: Int) -> String? {
        guard values.indices.contains(index), case .text(let text)? = values[index] else { return nil }
        return text
    }

    public func number(_ index: Int) -> Int64 {
        guard values.indices.contains(index), case .number(let number)? = values[index] else { return 0 }
        return number
    }

    public func list(_ index: Int) -> [String] {
        guard values.indices.contains(index), case .list(let list)? = values[index] else { return [] }
        return list
    }
}

/// What an answer holds: its actions (each with the HTTP status the authorization server answers) and members.
/// Members the schema does not name are ignored (Authlete adds members over time).
public final class ResponseSchema: Sendable {
    /// Answers larger than this are refused (status `.protocol` from a call, `.invalidArgument` from a parse).
    public static let sizeLimit = 1024 * 1024

    public let actions: [(name: StaticString, httpStatus: Int32)]
    public let members: [ResponseMember]
    /// `"action"` followed by the members' keys: what the reader looks for.
    private let keys: [StaticString]
    /// Which keys are read from their own text (int64 and JSON members).
    private let raw: [Bool]

    public init(actions: [(name: StaticString, httpStatus: Int32)], members: [ResponseMember]) {
        self.actions = actions
        self.members = members
        keys = ["action"] + members.map(\.key)
        raw = [false] + members.map { member in
            switch member.kind {
            case .int64, .json: true
            default: false
            }
        }
    }

    public func actionName(_ action: Int32) -> StaticString? {
        let index = Int(action) - 1
        return actions.indices.contains(index) ? actions[index].name : nil
    }

    public func httpStatus(_ action: Int32) -> Int32 {
        let index = Int(action) - 1
        return actions.indices.contains(index) ? actions[index].httpStatus : 0
    }

    /// Reads Authlete's body: anything that is not an object with a known action, or a known member of the wrong
    /// JSON type, is a protocol error.
    public func parse(_ json: String) throws(AuthleteError) -> ParsedResponse {
        let read: JSONObject.Members
        do {
            read = try JSONObject.read(json, keys: keys, raw: raw)
        } catch {
            throw .protocolViolation("Authlete's answer is \(error.explanation)")
        }
        guard let actionName = read[0]?.string else {
            let code = members.firstIndex { $0.key.hasBytes(of: "resultCode") }.flatMap { read[$0 + 1]?.string }
            throw .protocolViolation("Authlete's answer has no action (resultCode \(code ?? "absent"))")
        }
        guard let position = actions.firstIndex(where: { $0.name.hasBytes(of: actionName) }) else {
            throw .protocolViolation("Authlete's answer has an unknown action \"\(actionName)\"")
        }
        var values: [ResponseValue?] = []
        values.reserveCapacity(members.count)
        for (index, member) in members.enumerated() {
            let raw = read.raw.indices.contains(index + 1) ? read.raw[index + 1] : nil
            values.append(try Self.value(read[index + 1], raw: raw, member))
        }
        return ParsedResponse(action: Int32(position + 1), httpStatus: actions[position].httpStatus, values: values)
    }

    private static func value(_ found: JSONMember?, raw: String?, _ member: ResponseMember) throws(AuthleteError) -> ResponseValue? {
        guard let found, found != .null else { return nil }
        func wrong(_ expected: String) -> AuthleteError {
            .protocolViolation("Authlete's answer: \"\(member.key)\" is \(found.kindName), not \(expected)")
        }
        switch member.kind {
        case .string:
            guard case .string(let text) = found else { throw wrong("a string") }
            return .text(text)
        case .boolean:
            guard case .bool(let flag) = found else { throw wrong("a boolean") }
            return .number(flag ? 1 : 0)
        case .int32:
            guard case .number(let number) = found, let exact = Int32(exactly: number) else { throw wrong("an int32") }
            return .number(Int64(exact))
        case .int64:
            guard case .number = found, let raw, let exact = JSONSpans.int64(raw) else { throw wrong("an integer within int64") }
            return .number(exact)
        case .strings:
            guard case .array(let elements) = found else { throw wrong("an array of strings") }
            var texts: [String] = []
            texts.reserveCapacity(elements.count)
            for element in elements {
                guard case .string(let text) = element else { throw wrong("an array of strings") }
                texts.append(text)
            }
            return .list(texts)
        case .names(let key):
            guard case .array(let elements) = found else { throw wrong("an array of objects") }
            var texts: [String] = []
            texts.reserveCapacity(elements.count)
            for element in elements {
                guard case .object = element else { throw wrong("an array of objects") }
                switch element[key.description] {
                case .string(let text)?: texts.append(text)
                case nil, .null?: texts.append("")
                case .some: throw wrong("an array of objects with a string \"\(key)\"")
                }
            }
            return .list(texts)
        case .json:
            switch found {
            case .object, .array:
                guard let raw else { throw wrong("readable JSON") }
                return .text(raw)
            default: throw wrong("an object")
            }
        case .enumeration(let names):
            guard case .string(let text) = found else { throw wrong("a string") }
            guard let position = names.firstIndex(where: { $0.hasBytes(of: text) }) else { return nil }
            return .number(Int64(position + 1))
        }
    }
}
