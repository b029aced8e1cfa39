/// Where each top-level member's value stands in a JSON object text. cJSON keeps a number only as a double (exact
/// below 2^53) and prints objects again with such doubles, so an int64 member is read from its own text and an
/// object member is handed out from its own text, never through cJSON's numbers.
///
/// Runs only on a text cJSON has accepted as an object; on anything else it stops early and finds fewer members.
/// Every index is bounds-checked: no input can trap.
enum JSONSpans {
    struct Member {
        /// The key's bytes between its quotes, as written (escapes not decoded).
        let key: Range<Int>
        /// The value's bytes, from its first byte to its last.
        let value: Range<Int>
    }

    static func topLevel(_ bytes: UnsafeBufferPointer<UInt8>) -> [Member] {
        var members: [Member] = []
        var index = skipSpace(bytes, 0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return members }
        index += 1
        while true {
            index = skipSpace(bytes, index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return members }
            let keyEnd = endOfString(bytes, index)
            guard keyEnd <= bytes.count, keyEnd - 1 > index else { return members }
            let key = (index + 1)..<(keyEnd - 1)
            index = skipSpace(bytes, keyEnd)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return members }
            index = skipSpace(bytes, index + 1)
            let valueEnd = endOfValue(bytes, index)
            guard valueEnd > index, valueEnd <= bytes.count else { return members }
            members.append(Member(key: key, value: index..<valueEnd))
            index = skipSpace(bytes, valueEnd)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return members }
            index += 1
        }
    }

    /// The value's text with the white space between tokens taken out (strings kept as written).
    static func compact(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var inString = false
        var escaped = false
        for index in range where index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                output.append(byte)
            } else if !isSpace(byte) {
                if byte == UInt8(ascii: "\"") { inString = true }
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// An integer written without fraction or exponent, within Int64; nil otherwise (1.0, 1e3, 2^63 ...).
    static func int64(_ text: String) -> Int64? {
        let body = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        guard !body.isEmpty, body.allSatisfy(TextRules.isDigit) else { return nil }
        return Int64(text)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var index = start
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        return index
    }

    /// The index after the closing quote of the string that opens at `start`.
    private static func endOfString(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return bytes.count + 1 // unterminated
    }

    /// The index after the value that starts at `start`.
    private static func endOfValue(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        guard start < bytes.count else { return start }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return endOfString(bytes, start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index = endOfString(bytes, index)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return bytes.count + 1
        default:
            var index = start
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ","),
                  bytes[index] != UInt8(ascii: "}"), bytes[index] != UInt8(ascii: "]") { index += 1 }
            return index
        }
    }
}
