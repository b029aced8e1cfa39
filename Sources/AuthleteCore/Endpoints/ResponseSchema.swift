internal import CcJSON
#if canImport(Glibc)
internal import Glibc
#endif

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

/// A read response member, as Swift code sees it.
public enum ResponseValue: Sendable, Equatable {
    case text(String)
    case number(Int64)
    case list([String])
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
    /// JSON type, is a protocol error. The bytes are a Swift String's, so valid UTF-8, and cJSON decodes escapes
    /// only into valid UTF-8 (it refuses unpaired surrogates; JSONObject refuses \u0000): the members' bytes are
    /// copied as they are, unchecked.
    public func parse(_ json: String) throws(AuthleteError) -> ParsedResponse {
        var json = json
        // withUTF8 rethrows untyped errors: carry the typed one out in a Result.
        let result = json.withUTF8 { bytes in
            Result { () throws(AuthleteError) in
                let read: Result<ParsedResponse, AuthleteError>
                do throws(JSONObject.Failure) {
                    read = try JSONObject.withItems(bytes, keys: keys) { items throws(AuthleteError) in
                        var own = JSONObject.OwnTexts(bytes: bytes, items: items, wanted: raw)
                        let (action, pieces) = try pieces(items.nodes, own: &own)
                        return try ParsedResponse(action: Int32(action + 1), httpStatus: actions[action].httpStatus,
                                                  pieces: pieces)
                    }
                } catch {
                    throw .protocolViolation("Authlete's answer is \(error.explanation)")
                }
                return try read.get()
            }
        }
        return try result.get()
    }

    /// The action's position and each member's piece.
    private func pieces(_ nodes: UnsafeBufferPointer<UnsafeMutablePointer<cJSON>?>,
                        own: inout JSONObject.OwnTexts) throws(AuthleteError) -> (Int, [ParsedResponse.Piece]) {
        guard let actionNode = nodes.first ?? nil, cJSON_IsString(actionNode) != 0,
              let actionName = actionNode.pointee.valuestring else {
            let code = members.firstIndex { $0.key.hasBytes(of: "resultCode") }
                .flatMap { nodes.indices.contains($0 + 1) ? nodes[$0 + 1] : nil }
                .flatMap { cJSON_IsString($0) != 0 ? $0.pointee.valuestring.map { String(cString: $0) } : nil }
            throw .protocolViolation("Authlete's answer has no action (resultCode \(code ?? "absent"))")
        }
        guard let position = actions.firstIndex(where: { strcmp(JSONObject.cString($0.name), actionName) == 0 }) else {
            throw .protocolViolation("Authlete's answer has an unknown action \"\(String(cString: actionName))\"")
        }
        var pieces: [ParsedResponse.Piece] = []
        pieces.reserveCapacity(members.count)
        for (index, member) in members.enumerated() {
            let node = nodes.indices.contains(index + 1) ? nodes[index + 1] : nil
            pieces.append(try Self.piece(node, at: index + 1, own: &own, member))
        }
        return (position, pieces)
    }

    /// `at`: the member's position among the reader's keys, where `own` finds its own text.
    private static func piece(_ node: UnsafeMutablePointer<cJSON>?, at position: Int, own: inout JSONObject.OwnTexts,
                              _ member: ResponseMember) throws(AuthleteError) -> ParsedResponse.Piece {
        guard let node, cJSON_IsNull(node) == 0 else { return .absent }
        func wrong(_ expected: String) -> AuthleteError {
            .protocolViolation("Authlete's answer: \"\(member.key)\" is \(JSONObject.kindName(node)), not \(expected)")
        }
        switch member.kind {
        case .string:
            guard let text = string(node) else { throw wrong("a string") }
            return .text(text)
        case .boolean:
            guard cJSON_IsBool(node) != 0 else { throw wrong("a boolean") }
            return .number(cJSON_IsTrue(node) != 0 ? 1 : 0)
        case .int32:
            guard cJSON_IsNumber(node) != 0, let exact = Int32(exactly: node.pointee.valuedouble) else {
                throw wrong("an int32")
            }
            return .number(Int64(exact))
        case .int64:
            guard cJSON_IsNumber(node) != 0, let exact = own.int64(position) else {
                throw wrong("an integer within int64")
            }
            return .number(exact)
        case .strings:
            guard cJSON_IsArray(node) != 0 else { throw wrong("an array of strings") }
            var texts: [UnsafePointer<CChar>] = []
            texts.reserveCapacity(Int(cJSON_GetArraySize(node)))
            var child = node.pointee.child
            while let element = child {
                child = element.pointee.next
                guard let text = string(element) else { throw wrong("an array of strings") }
                texts.append(text)
            }
            return .list(texts)
        case .names(let key):
            guard cJSON_IsArray(node) != 0 else { throw wrong("an array of objects") }
            var texts: [UnsafePointer<CChar>] = []
            texts.reserveCapacity(Int(cJSON_GetArraySize(node)))
            var child = node.pointee.child
            while let element = child {
                child = element.pointee.next
                guard cJSON_IsObject(element) != 0 else { throw wrong("an array of objects") }
                let name = cJSON_GetObjectItemCaseSensitive(element, JSONObject.cString(key))
                if let name, cJSON_IsNull(name) == 0 {
                    guard let text = string(name) else { throw wrong("an array of objects with a string \"\(key)\"") }
                    texts.append(text)
                } else {
                    texts.append(JSONObject.cString(""))
                }
            }
            return .list(texts)
        case .json:
            guard cJSON_IsObject(node) != 0 || cJSON_IsArray(node) != 0 else { throw wrong("an object") }
            guard let text = own.text(position) else { throw wrong("readable JSON") }
            return .owned(text)
        case .enumeration(let names):
            guard let text = string(node) else { throw wrong("a string") }
            guard let position = names.firstIndex(where: { strcmp(JSONObject.cString($0), text) == 0 }) else {
                return .absent
            }
            return .number(Int64(position + 1))
        }
    }

    private static func string(_ node: UnsafeMutablePointer<cJSON>) -> UnsafePointer<CChar>? {
        guard cJSON_IsString(node) != 0, let text = node.pointee.valuestring else { return nil }
        return UnsafePointer(text)
    }
}
