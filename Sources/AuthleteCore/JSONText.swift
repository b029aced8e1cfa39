/// Writes JSON: the library builds only flat objects of strings, so this is all the writer it needs. It writes UTF-8
/// bytes, not String appends, which cost several times more per piece (callgrind).
struct JSONText {
    private var output: [UInt8] = []

    /// `capacity`: the expected size, so that the bytes are allocated once.
    init(capacity: Int) {
        output.reserveCapacity(capacity)
        output.append(UInt8(ascii: "{"))
    }

    /// Appends `"key":"value"`, with a comma after an earlier member.
    mutating func add(_ key: StaticString, _ value: String) {
        if output.count > 1 { output.append(UInt8(ascii: ",")) }
        output.append(UInt8(ascii: "\""))
        output.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        output.append(contentsOf: "\":".utf8)
        Self.appendQuoted(value, to: &output)
    }

    /// The object, closed (the writer is done with then).
    mutating func finish() -> [UInt8] {
        output.append(UInt8(ascii: "}"))
        return output
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
