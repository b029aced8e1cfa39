#if canImport(Glibc)
internal import Glibc
#endif

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

    /// The first `count` top-level members (all of them by default), in the text's order.
    static func topLevel(_ bytes: UnsafeBufferPointer<UInt8>, count: Int = .max) -> [Member] {
        var members: [Member] = []
        if count < 64 { members.reserveCapacity(max(count, 0)) }
        var index = skipSpace(bytes, 0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return members }
        index += 1
        while members.count < count {
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
        return members
    }

    /// The value's text with the white space between tokens taken out (strings kept as written).
    static func compact(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let range = range.clamped(to: 0..<bytes.count)
        // Authlete writes compact JSON: with no white-space byte anywhere in the value, the text is the value.
        if !bytes[range].contains(where: isSpace) {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
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
        var text = text
        return text.withUTF8 { int64($0, 0..<$0.count) }
    }

    /// The same, for the bytes of `range`.
    static func int64(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count, !range.isEmpty else { return nil }
        let negative = bytes[range.lowerBound] == UInt8(ascii: "-")
        let digits = negative ? range.dropFirst() : range[...]
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for index in digits {
            guard TextRules.isDigit(bytes[index]) else { return nil }
            let digit = Int64(bytes[index] - UInt8(ascii: "0"))
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            // Negative numbers are built downwards, so Int64.min is reachable.
            let (next, carry) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            value = next
        }
        return value
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var index = start
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        return index
    }

    /// The index after the closing quote of the string that opens at `start`: memchr to each quote, which ends the
    /// string unless an odd run of backslashes stands before it.
    private static func endOfString(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        guard let base = bytes.baseAddress, start + 1 < bytes.count else { return bytes.count + 1 }
        var index = start + 1
        while index < bytes.count, let found = memchr(base + index, Int32(UInt8(ascii: "\"")), bytes.count - index) {
            let quote = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            var backslashes = 0
            while quote - backslashes - 1 > start, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return quote + 1 }
            index = quote + 1
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
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index = endOfString(bytes, index)
                    continue
                }
                // Masking bit 5 folds '{' onto '[' and '}' onto ']' (and no other byte onto either).
                switch byte & 0xDF {
                case UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "]"):
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
