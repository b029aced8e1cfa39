// Writing JSON: string escaping and a tiny object builder over a byte array. Escapes what RFC 8259 requires
// (quote, backslash, U+0000..U+001F) and passes every other character through as UTF-8, so any input, including
// non-ASCII text and control characters, round-trips through a conforming parser.

public enum JSONWriter {
    /// Appends `string` as a quoted, escaped JSON string.
    public static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { appendEscaped($0, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the escaped form of UTF-8 `bytes` (no quotes), copying runs that need no escape in one go.
    public static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            runStart = i + 1
            switch byte {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
            default:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hexDigit(byte >> 4), hexDigit(byte & 0x0F)])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// `string` as a quoted, escaped JSON string.
    public static func quoted(_ string: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(string.utf8.count + 2)
        appendString(string, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON object of the given members, in the given order.
    public static func object(_ members: [(String, JSONFragment)]) -> [UInt8] {
        var out: [UInt8] = []
        appendObject(members, to: &out)
        return out
    }

    /// `object(members)` as text.
    public static func text(_ members: [(String, JSONFragment)]) -> String {
        String(decoding: object(members), as: UTF8.self)
    }

    static func appendObject(_ members: [(String, JSONFragment)], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (i, (key, value)) in members.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            append(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func append(_ value: JSONFragment, to out: inout [UInt8]) {
        switch value {
        case .string(let s): appendString(s, to: &out)
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .int64(let n): out.append(contentsOf: String(n).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .raw(let r): out.append(contentsOf: r.utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .object(let members): appendObject(members, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                append(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .value(let value): append(JSONFragment(value), to: &out)
        }
    }
}

/// A value of `JSONWriter.object`.
public enum JSONFragment: Sendable {
    case string(String)
    case int(Int)
    case int64(Int64)
    case bool(Bool)
    /// Already-rendered JSON text, inserted verbatim.
    case raw(String)
    case null
    case object([(String, JSONFragment)])
    case array([JSONFragment])
    /// A parsed value written back (object members in key order, so the text is stable).
    case value(JSONValue)

    public init(_ value: JSONValue) {
        switch value {
        case .object(let members):
            self = .object(members.sorted { $0.key < $1.key }.map { ($0.key, .value($0.value)) })
        case .array(let elements): self = .array(elements.map { .value($0) })
        case .string(let s): self = .string(s)
        case .number(let text): self = .raw(text)
        case .bool(let b): self = .bool(b)
        case .null: self = .null
        }
    }

    /// An array of strings.
    public static func strings(_ items: [String]) -> JSONFragment { .array(items.map { .string($0) }) }
}
