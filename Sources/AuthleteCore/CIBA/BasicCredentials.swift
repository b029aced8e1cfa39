/// The client credentials of an `Authorization: Basic` header, read as authlete-java-common's BasicCredentials does:
/// `^Basic *([^ ]+) *$` (the scheme in any case), base64 decoded as UTF-8, split at the first ':', not
/// form-urldecoded. Only such a header yields clientId and clientSecret; any other header yields nothing, and so does
/// one whose credentials hold a NUL byte (no C string and no checked request JSON can carry it).
public struct BasicCredentials: Sendable, Equatable {
    public let userID: String
    public let password: String?

    public init?(header: String) {
        var header = header
        guard let (userID, password) = header.withUTF8(Self.credentials) else { return nil }
        self.userID = userID
        self.password = password
    }

    /// The header's user id and password, when it is a Basic header.
    private static func credentials(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, String?)? {
        let space = UInt8(ascii: " ")
        guard bytes.count > 5, zip(bytes, "basic".utf8).allSatisfy({ $0 | 0x20 == $1 }) else { return nil }
        var start = 5
        while start < bytes.count, bytes[start] == space { start += 1 }
        var end = start
        while end < bytes.count, bytes[end] != space { end += 1 }
        guard start < end, bytes[end...].allSatisfy({ $0 == space }), let decoded = base64(bytes[start..<end]),
              !decoded.contains(0) else { return nil }
        // ':' is ASCII, so each side of it is valid UTF-8 exactly when the whole is.
        guard let colon = decoded.firstIndex(of: UInt8(ascii: ":")) else { return text(decoded[...]).map { ($0, nil) } }
        guard let userID = text(decoded[..<colon]), let password = text(decoded[(colon + 1)...]) else { return nil }
        return (userID, password)
    }

    /// The bytes as a String when they are valid UTF-8 (ASCII, as credentials nearly always are, needs no check).
    private static func text(_ bytes: ArraySlice<UInt8>) -> String? {
        bytes.allSatisfy({ $0 < 0x80 }) ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }

    /// Standard base64 (RFC 4648 section 4), padding optional; nil for any other byte.
    static func base64(_ text: some Collection<UInt8>) -> [UInt8]? {
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
