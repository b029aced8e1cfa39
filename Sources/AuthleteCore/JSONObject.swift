internal import CcJSON
#if canImport(Glibc)
internal import Glibc
#endif

/// A JSON value's members as this library needs them: the objects it reads (requests, configurations, Authlete's
/// answers) are flat, so nested values are only told apart by kind.
enum JSONMember: Equatable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array
    case object

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
}

/// Reads a JSON text that must be an object, with cJSON, looking only for the keys the caller names: no dictionary
/// and no String per key on the hot path (each call of the fail API reads two objects).
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

        subscript(_ index: Int) -> JSONMember? { values.indices.contains(index) ? values[index] : nil }
    }

    static func read(_ text: String, keys: [StaticString], collectingOthers: Bool = false) throws(Failure) -> Members {
        var text = text
        // withUTF8 rethrows untyped errors: carry the typed one out in a Result.
        let result = text.withUTF8 { bytes in
            Result { () throws(Failure) in try read(bytes, keys: keys, collectingOthers: collectingOthers) }
        }
        return try result.get()
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>, keys: [StaticString], collectingOthers: Bool) throws(Failure) -> Members {
        guard let base = bytes.baseAddress else { throw .notJSON }
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
        var members = Members(values: Array(repeating: nil, count: keys.count))
        var child = root.pointee.child
        while let item = child {
            child = item.pointee.next
            guard let rawKey = item.pointee.string else { throw .invalidUTF8(key: "?") }
            guard let index = keys.firstIndex(where: { strcmp(rawKey, cString($0)) == 0 }) else {
                if collectingOthers { members.otherKeys.append(String(decoding: rawBytes(rawKey), as: UTF8.self)) }
                continue
            }
            let key = keys[index].description
            guard members.values[index] == nil else { throw .duplicateKey(key) }
            members.values[index] = try member(item, key: key)
        }
        return members
    }

    private static func cString(_ text: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    private static func rawBytes(_ text: UnsafePointer<CChar>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: text, count: strlen(text))
    }

    private static func member(_ item: UnsafeMutablePointer<cJSON>, key: String) throws(Failure) -> JSONMember {
        if cJSON_IsString(item) != 0 {
            guard let raw = item.pointee.valuestring, let value = String(validatingCString: raw) else {
                throw .invalidUTF8(key: key)
            }
            return .string(value)
        }
        if cJSON_IsNumber(item) != 0 { return .number(item.pointee.valuedouble) }
        if cJSON_IsBool(item) != 0 { return .bool(cJSON_IsTrue(item) != 0) }
        if cJSON_IsArray(item) != 0 { return .array }
        if cJSON_IsObject(item) != 0 { return .object }
        return .null
    }
}
