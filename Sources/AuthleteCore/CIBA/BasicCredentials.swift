/// The client credentials of an `Authorization: Basic` header, read as authlete-java-common's BasicCredentials does:
/// `^Basic *([^ ]+) *$` (the scheme in any case), base64 decoded as UTF-8, split at the first ':', not
/// form-urldecoded. Only such a header yields clientId and clientSecret; any other header yields nothing, and so does
/// one whose credentials hold a NUL byte (no C string and no checked request JSON can carry it).
public struct BasicCredentials: Sendable, Equatable {
    public let userID: String
    public let password: String?

    public init?(header: String) {
        let bytes = Array(header.utf8)
        guard bytes.count > 5, bytes[0..<5].map({ $0 | 0x20 }).elementsEqual("basic".utf8) else { return nil }
        let rest = bytes[5...]
        guard let start = rest.firstIndex(where: { $0 != UInt8(ascii: " ") }) else { return nil }
        let end = rest[start...].firstIndex(of: UInt8(ascii: " ")) ?? rest.endIndex
        guard rest[end...].allSatisfy({ $0 == UInt8(ascii: " ") }), let decoded = Self.base64(rest[start..<end]),
              !decoded.contains(0), let text = String(validating: decoded, as: UTF8.self) else { return nil }
        if let colon = text.firstIndex(of: ":") {
            userID = String(text[..<colon])
            password = String(text[text.index(after: colon)...])
        } else {
            userID = text
            password = nil
        }
    }

    /// Standard base64 (RFC 4648 section 4), padding optional; nil for any other byte.
    static func base64(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var group: UInt32 = 0
        var bits = 0
        var padding = 0
        for byte in text {
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0, let value = sextet(byte) else { return nil }
            group = (group << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: group >> UInt32(bits)))
                group &= (1 << UInt32(bits)) - 1
            }
        }
        guard padding <= 2, bits < 6 else { return nil }
        return output
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
