/// Writes JSON: the library builds only flat objects of strings, so this is all the writer it needs. It writes UTF-8
/// bytes, not String appends, which cost several times more per piece (callgrind).
enum JSONText {
    /// `{"k":"v",...}` for the given pairs, in order.
    static func object(_ pairs: [(key: StaticString, value: String)]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(pairs.reduce(2) { $0 + $1.key.utf8CodeUnitCount + $1.value.utf8.count + 6 })
        output.append(UInt8(ascii: "{"))
        for (index, pair) in pairs.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: UnsafeBufferPointer(start: pair.key.utf8Start, count: pair.key.utf8CodeUnitCount))
            output.append(contentsOf: "\":".utf8)
            appendQuoted(pair.value, to: &output)
        }
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// Appends `value` as a JSON string literal: quotes, backslashes and control characters escaped, the rest
    /// (including non-ASCII) as UTF-8.
    static func appendQuoted(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
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
        output.append(UInt8(ascii: "\""))
    }

    static let hexDigits = Array("0123456789abcdef".utf8)
}
