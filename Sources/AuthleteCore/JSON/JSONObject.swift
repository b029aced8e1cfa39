internal import CcJSON
#if canImport(Glibc)
internal import Glibc
#endif

/// A JSON value as the library reads it: scalars, and arrays and objects read in full (the objects it reads are
/// small: requests, configurations and Authlete's answers).
enum JSONMember: Equatable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONMember])
    case object([(key: String, value: JSONMember)])

    static func == (lhs: JSONMember, rhs: JSONMember) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    var kindName: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// An object's member by key (nil for other kinds or a missing key).
    subscript(_ key: String) -> JSONMember? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
}

/// Reads a JSON text that must be an object, with cJSON, looking only for the top-level keys the caller names: no
/// dictionary and no String per key on the hot path (each call of the fail API reads two objects). Nested arrays and
/// objects of a named member are read in full.
enum JSONObject {
    enum Failure: Error, Equatable {
        case notJSON
        case notAnObject
        case duplicateKey(String)
        case invalidUTF8(key: String)
    }

    /// The named members, in the order of `keys` (nil when absent), and the other keys when `collectingOthers`.
    struct Members {
        var values: [JSONMember?]
        var otherKeys: [String] = []
        /// For the keys asked for with `raw`: the value's own text, compacted (see JSONSpans).
        var raw: [String?] = []

        subscript(_ index: Int) -> JSONMember? { values.indices.contains(index) ? values[index] : nil }
    }

    /// `raw`: the keys (true at their index) whose own text is wanted too; empty for none.
    static func read(_ text: String, keys: [StaticString], collectingOthers: Bool = false, raw: [Bool] = []) throws(Failure) -> Members {
        var text = text
        // withUTF8 rethrows untyped errors: carry the typed one out in a Result.
        let result = text.withUTF8 { bytes in
            Result { () throws(Failure) in try read(bytes, keys: keys, collectingOthers: collectingOthers, raw: raw) }
        }
        return try result.get()
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>, keys: [StaticString], collectingOthers: Bool,
                     raw: [Bool] = []) throws(Failure) -> Members {
        let result = try withItems(bytes, keys: keys, collectingOthers: collectingOthers) { items throws(Failure) in
            var members = Members(values: [], otherKeys: items.otherKeys)
            members.values.reserveCapacity(keys.count)
            for (index, node) in items.nodes.enumerated() {
                members.values.append(try node.map { node throws(Failure) in try member(node, key: keys[index]) })
            }
            if raw.contains(true) { members.raw = rawTexts(bytes, keys: keys, wanted: raw) }
            return members
        }
        return try result.get()
    }

    /// The top-level members named by `keys` as cJSON nodes, alive only during the body of `withItems`.
    struct Items {
        /// In the order of `keys`; nil when absent.
        let nodes: UnsafeBufferPointer<UnsafeMutablePointer<cJSON>?>
        let otherKeys: [String]
    }

    /// Parses `bytes`, which must be a strict JSON object with no duplicate named key, and runs `body` on its named
    /// members while cJSON's tree lives: the reader that needs no Swift value per member (Authlete's answers).
    static func withItems<Value, Failed: Error>(_ bytes: UnsafeBufferPointer<UInt8>, keys: [StaticString],
                                                collectingOthers: Bool = false,
                                                _ body: (Items) throws(Failed) -> Value) throws(Failure)
        -> Result<Value, Failed> {
        guard let base = bytes.baseAddress, isStrict(bytes) else { throw .notJSON }
        var end: UnsafePointer<CChar>? = nil
        let root = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
            cJSON_ParseWithLengthOpts(chars, bytes.count, &end, 0)
        }
        guard let root else { throw .notJSON }
        defer { cJSON_Delete(root) }
        // cJSON stops after the value; anything but white space after it makes the text not JSON.
        let consumed = end.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
        guard consumed >= 0, consumed <= bytes.count,
              bytes[consumed...].allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
        else { throw .notJSON }
        guard cJSON_IsObject(root) != 0 else { throw .notAnObject }
        // On the stack: an array of an imported C type's pointers costs a runtime metadata lookup per call.
        let outcome = withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<cJSON>?.self, capacity: keys.count) {
            nodes -> Result<Result<Value, Failed>, Failure> in
            nodes.initialize(repeating: nil)
            var otherKeys: [String] = []
            var child = root.pointee.child
            while let item = child {
                child = item.pointee.next
                guard let rawKey = item.pointee.string else { return .failure(.invalidUTF8(key: "?")) }
                guard let index = keys.firstIndex(where: { strcmp(rawKey, cString($0)) == 0 }) else {
                    if collectingOthers { otherKeys.append(String(decoding: rawBytes(rawKey), as: UTF8.self)) }
                    continue
                }
                guard nodes[index] == nil else { return .failure(.duplicateKey(keys[index].description)) }
                nodes[index] = item
            }
            let items = Items(nodes: UnsafeBufferPointer(nodes), otherKeys: otherKeys)
            return .success(Result { () throws(Failed) in try body(items) })
        }
        return try outcome.get()
    }

    /// What a cJSON node is, for error messages.
    static func kindName(_ node: UnsafeMutablePointer<cJSON>) -> String {
        if cJSON_IsString(node) != 0 { return "a string" }
        if cJSON_IsNumber(node) != 0 { return "a number" }
        if cJSON_IsBool(node) != 0 { return "a boolean" }
        if cJSON_IsArray(node) != 0 { return "an array" }
        if cJSON_IsObject(node) != 0 { return "an object" }
        return "null"
    }

    /// The compacted own text of each wanted member that is present.
    static func rawTexts(_ bytes: UnsafeBufferPointer<UInt8>, keys: [StaticString], wanted: [Bool]) -> [String?] {
        var texts = [String?](repeating: nil, count: keys.count)
        for span in JSONSpans.topLevel(bytes) {
            guard let index = keys.firstIndex(where: { key in
                key.utf8CodeUnitCount == span.key.count
                    && span.key.indices.allSatisfy { bytes[$0] == key.utf8Start[$0 - span.key.lowerBound] }
            }), wanted.indices.contains(index), wanted[index] else { continue }
            texts[index] = JSONSpans.compact(bytes, span.value)
        }
        return texts
    }

    /// cJSON is lenient where JSON (RFC 8259) is not: it skips every byte up to 0x20 as white space, takes raw
    /// control characters inside strings, and decodes \u0000 into a NUL that cuts the value short. A checked request
    /// JSON is sent to Authlete as the caller wrote it, so what was checked must be what Authlete reads: such texts
    /// are refused here, for every object the library reads. One pass, no allocation.
    static func isStrict(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Nearly every text has no control byte and no \u0000 at all: a vectorised scan and a memchr
        // walk settle it.
        var smallest: UInt8 = 0xFF
        for byte in bytes { smallest = min(smallest, byte) }
        if smallest >= 0x20, !containsNULEscape(bytes) { return true }
        var inString = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte < 0x20 { return false }
                if byte == UInt8(ascii: "\"") {
                    inString = false
                } else if byte == UInt8(ascii: "\\") {
                    if index + 5 < bytes.count, bytes[index + 1] == UInt8(ascii: "u"),
                       bytes[(index + 2)...(index + 5)].allSatisfy({ $0 == UInt8(ascii: "0") }) {
                        return false
                    }
                    index += 1 // the escaped byte cannot end the string
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                return false
            }
            index += 1
        }
        return true
    }

    /// Whether `bytes` holds the escape \u0000 (or "\\u0000", which the careful scan then tells apart): memchr from
    /// one backslash to the next.
    private static func containsNULEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let end = base + bytes.count
        var cursor = base
        while cursor < end, let found = memchr(cursor, Int32(UInt8(ascii: "\\")), end - cursor) {
            let backslash = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
            if end - backslash >= 6, backslash[1] == UInt8(ascii: "u"), backslash[2] == UInt8(ascii: "0"),
               backslash[3] == UInt8(ascii: "0"), backslash[4] == UInt8(ascii: "0"), backslash[5] == UInt8(ascii: "0") {
                return true
            }
            cursor = backslash + 1
        }
        return false
    }

    static func cString(_ text: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    private static func rawBytes(_ text: UnsafePointer<CChar>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: text, count: strlen(text))
    }

    /// `key` is a StaticString: a String is made only for an error (this runs for every member of every answer).
    private static func member(_ item: UnsafeMutablePointer<cJSON>, key: StaticString) throws(Failure) -> JSONMember {
        if cJSON_IsString(item) != 0 {
            guard let raw = item.pointee.valuestring, let value = String(validatingCString: raw) else {
                throw .invalidUTF8(key: key.description)
            }
            return .string(value)
        }
        if cJSON_IsNumber(item) != 0 { return .number(item.pointee.valuedouble) }
        if cJSON_IsBool(item) != 0 { return .bool(cJSON_IsTrue(item) != 0) }
        if cJSON_IsArray(item) != 0 || cJSON_IsObject(item) != 0 { return try nested(item, key: key) }
        return .null
    }

    /// An array's elements or an object's members, recursively (cJSON already bounds the nesting depth).
    private static func nested(_ item: UnsafeMutablePointer<cJSON>, key: StaticString) throws(Failure) -> JSONMember {
        let isObject = cJSON_IsObject(item) != 0
        var elements: [JSONMember] = []
        var members: [(key: String, value: JSONMember)] = []
        var child = item.pointee.child
        while let element = child {
            child = element.pointee.next
            let value = try member(element, key: key)
            if isObject {
                guard let rawKey = element.pointee.string, let name = String(validatingCString: rawKey) else {
                    throw .invalidUTF8(key: key.description)
                }
                members.append((name, value))
            } else {
                elements.append(value)
            }
        }
        return isObject ? .object(members) : .array(elements)
    }
}
