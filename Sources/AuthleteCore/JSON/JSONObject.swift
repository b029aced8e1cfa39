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
            if raw.contains(true) { members.raw = rawTexts(bytes, items, wanted: raw) }
            return members
        }
        return try result.get()
    }

    /// The top-level members named by `keys` as cJSON nodes, alive only during the body of `withItems`.
    struct Items {
        /// In the order of `keys`; nil when absent.
        let nodes: UnsafeBufferPointer<UnsafeMutablePointer<cJSON>?>
        /// In the order of `keys`: the member's position among all top-level members of the text (-1 when absent),
        /// which is where JSONSpans finds its own text (cJSON keeps the members in the text's order).
        let ordinals: UnsafeBufferPointer<Int>
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
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: keys.count) { ordinals in
                ordinals.initialize(repeating: -1)
                var otherKeys: [String] = []
                var child = root.pointee.child
                var ordinal = 0
                var hint = 0
                while let item = child {
                    child = item.pointee.next
                    defer { ordinal += 1 }
                    guard let rawKey = item.pointee.string else { return .failure(.invalidUTF8(key: "?")) }
                    guard let index = index(of: rawKey, in: keys, from: hint) else {
                        if collectingOthers { otherKeys.append(String(decoding: rawBytes(rawKey), as: UTF8.self)) }
                        continue
                    }
                    guard nodes[index] == nil else { return .failure(.duplicateKey(keys[index].description)) }
                    nodes[index] = item
                    ordinals[index] = ordinal
                    hint = index + 1
                }
                let items = Items(nodes: UnsafeBufferPointer(nodes), ordinals: UnsafeBufferPointer(ordinals),
                                  otherKeys: otherKeys)
                return .success(Result { () throws(Failed) in try body(items) })
            }
        }
        return try outcome.get()
    }

    /// The position of the key equal to `name`, looking from `hint` on and then from the start: Authlete writes its
    /// members in a fixed order, so the key after the last one found is nearly always the next one.
    private static func index(of name: UnsafePointer<CChar>, in keys: [StaticString], from hint: Int) -> Int? {
        let first = UInt8(bitPattern: name.pointee)
        var index = hint < keys.count ? max(hint, 0) : 0
        for _ in 0..<keys.count {
            let key = keys[index]
            if key.utf8CodeUnitCount > 0, key.utf8Start.pointee == first, strcmp(name, cString(key)) == 0 { return index }
            index = index + 1 < keys.count ? index + 1 : 0
        }
        return nil
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

    /// The compacted own text of each wanted member that is present and not null.
    static func rawTexts(_ bytes: UnsafeBufferPointer<UInt8>, _ items: Items, wanted: [Bool]) -> [String?] {
        var own = OwnTexts(bytes: bytes, items: items, wanted: wanted)
        return wanted.indices.map { own.text($0) }
    }

    /// The own text of the members a reader wants (int64 and JSON members), found by walking the text once, at the
    /// first ask, as far as the last wanted member that is present and not null.
    struct OwnTexts {
        let bytes: UnsafeBufferPointer<UInt8>
        let items: Items
        let wanted: [Bool]
        private var spans: [JSONSpans.Member]?

        init(bytes: UnsafeBufferPointer<UInt8>, items: Items, wanted: [Bool]) {
            self.bytes = bytes
            self.items = items
            self.wanted = wanted
        }

        /// The member's value text, compacted; nil when it is absent, null or not wanted.
        mutating func text(_ index: Int) -> String? { span(index).map { JSONSpans.compact(bytes, $0) } }

        /// The member's value as an integer written without fraction or exponent, within Int64.
        mutating func int64(_ index: Int) -> Int64? { span(index).flatMap { JSONSpans.int64(bytes, $0) } }

        private func ordinal(_ index: Int) -> Int? {
            guard wanted.indices.contains(index), wanted[index], index < items.nodes.count,
                  index < items.ordinals.count, let node = items.nodes[index], cJSON_IsNull(node) == 0 else { return nil }
            return items.ordinals[index]
        }

        private mutating func span(_ index: Int) -> Range<Int>? {
            guard let position = ordinal(index) else { return nil }
            if spans == nil {
                let last = wanted.indices.compactMap(ordinal).max() ?? position
                spans = JSONSpans.topLevel(bytes, count: last + 1)
            }
            guard let spans, spans.indices.contains(position) else { return nil }
            return spans[position].value
        }
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
