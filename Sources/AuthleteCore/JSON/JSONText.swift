/// Writes JSON as UTF-8 bytes (String appends cost several times more per piece: callgrind): objects and arrays
/// nest, a comma goes before every value but the first of its container.
struct JSONText {
    private var output: [UInt8] = []
    /// Per open container (bit n for depth n, the innermost at depth - 1): whether it has a value yet. Bits, not an
    /// array, so that a writer allocates nothing but its output; the library nests three deep at most, and deeper
    /// containers (past 64) are tracked in `deeper`.
    private var started: UInt64 = 0
    private var depth = 0
    private var deeper: [Bool] = []

    /// `capacity`: the expected size, so that the bytes are allocated once. The text starts as an open object.
    init(capacity: Int) {
        output.reserveCapacity(capacity)
        open(UInt8(ascii: "{"))
    }

    /// Appends `"key":"value"`.
    mutating func add(_ key: StaticString, _ value: String) {
        self.key(key)
        Self.appendQuoted(value, to: &output)
    }

    /// Appends `"key":123`.
    mutating func add(_ key: StaticString, _ value: Int64) {
        self.key(key)
        output.append(contentsOf: String(value).utf8)
    }

    /// Appends `"key":true` or false.
    mutating func add(_ key: StaticString, _ value: Bool) {
        self.key(key)
        output.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Appends `"key":["a","b"]`.
    mutating func add(_ key: StaticString, _ values: [String]) {
        self.key(key)
        open(UInt8(ascii: "["))
        for value in values {
            separate()
            Self.appendQuoted(value, to: &output)
        }
        close(UInt8(ascii: "]"))
    }

    /// Appends `"key":[{...},{...}]`, each object written by `body`.
    mutating func addObjects<Element>(_ key: StaticString, _ elements: [Element], _ body: (inout JSONText, Element) -> Void) {
        self.key(key)
        open(UInt8(ascii: "["))
        for element in elements {
            separate()
            open(UInt8(ascii: "{"))
            body(&self, element)
            close(UInt8(ascii: "}"))
        }
        close(UInt8(ascii: "]"))
    }

    /// The text, every container closed (the writer is done with then).
    mutating func finish() -> [UInt8] {
        while depth > 0 { close(UInt8(ascii: "}")) }
        return output
    }

    private mutating func key(_ key: StaticString) {
        separate()
        output.append(UInt8(ascii: "\""))
        output.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        output.append(UInt8(ascii: "\""))
        output.append(UInt8(ascii: ":"))
    }

    private mutating func separate() {
        guard depth > 0 else { return }
        let level = depth - 1
        if level >= 64 {
            guard let last = deeper.indices.last else { return }
            if deeper[last] { output.append(UInt8(ascii: ",")) }
            deeper[last] = true
            return
        }
        if started & (1 << level) != 0 { output.append(UInt8(ascii: ",")) }
        started |= 1 << level
    }

    private mutating func open(_ bracket: UInt8) {
        output.append(bracket)
        if depth >= 64 { deeper.append(false) } else { started &= ~(1 << depth) }
        depth += 1
    }

    private mutating func close(_ bracket: UInt8) {
        output.append(bracket)
        guard depth > 0 else { return }
        depth -= 1
        if depth >= 64 { _ = deeper.popLast() }
    }

    /// Appends `value` as a JSON string literal: quotes, backslashes and control characters escaped, the rest
    /// (including non-ASCII) as UTF-8.
    static func appendQuoted(_ value: String, to output: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            output.append(UInt8(ascii: "\""))
            // Nearly every value needs no escape: then it is copied whole.
            if bytes.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
                output.append(contentsOf: bytes)
            } else {
                for byte in bytes { appendEscaped(byte, to: &output) }
            }
            output.append(UInt8(ascii: "\""))
        }
    }

    private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
        case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
        case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
        case UInt8(ascii: "\r"): output.append(contentsOf: "\\r".utf8)
        case UInt8(ascii: "\t"): output.append(contentsOf: "\\t".utf8)
        case 0x08: output.append(contentsOf: "\\b".utf8)
        case 0x0C: output.append(contentsOf: "\\f".utf8)
        case 0..<0x20:
            output.append(contentsOf: "\\u00".utf8)
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0xF)])
        default:
            output.append(byte) // UTF-8 continuation and lead bytes are all >= 0x80: copied as they are
        }
    }

    static let hexDigits = Array("0123456789abcdef".utf8)
}
