/// Writes JSON strings: the library builds only flat objects of strings, so this is all the writer it needs.
enum JSONText {
    /// `{"k":"v",...}` for the given pairs, in order.
    static func object(_ pairs: [(key: String, value: String)]) -> String {
        var output = "{"
        for (index, pair) in pairs.enumerated() {
            if index > 0 { output += "," }
            appendQuoted(pair.key, to: &output)
            output += ":"
            appendQuoted(pair.value, to: &output)
        }
        output += "}"
        return output
    }

    /// Appends `value` as a JSON string literal: quotes, backslashes and control characters escaped, the rest
    /// (including non-ASCII) as UTF-8.
    static func appendQuoted(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                output += "\\u00"
                output.unicodeScalars.append(hexDigit(scalar.value >> 4))
                output.unicodeScalars.append(hexDigit(scalar.value & 0xF))
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    private static func hexDigit(_ value: UInt32) -> Unicode.Scalar {
        let digits: [Unicode.Scalar] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
        return digits[Int(value & 0xF)]
    }
}
