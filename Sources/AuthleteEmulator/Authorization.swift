// Parsing the Authorization header: `Bearer <token>` (v3) and `Basic base64(apiKey:apiSecret)` (v2).
// Scheme names are case-insensitive. Nothing here is ever logged.

public enum Authorization: Equatable, Sendable {
    case bearer(String)
    case basic(apiKey: String, apiSecret: String)
    /// Present but not understood (another scheme, bad base64, no colon, ...).
    case malformed

    public init(header: String) {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { self = .malformed; return }
        let scheme = parts[0].lowercased()
        let credentials = String(parts[1].trimmingASCIIWhitespace())
        guard !credentials.isEmpty else { self = .malformed; return }
        switch scheme {
        case "bearer":
            self = .bearer(credentials)
        case "basic":
            guard let decoded = Base64.decode(credentials),
                  let text = String(validating: decoded, as: UTF8.self),
                  let colon = text.firstIndex(of: ":")
            else { self = .malformed; return }
            self = .basic(apiKey: String(text[..<colon]), apiSecret: String(text[text.index(after: colon)...]))
        default:
            self = .malformed
        }
    }
}

enum Base64 {
    /// Standard base64 with optional padding; nil when malformed.
    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for b in text.utf8 {
            let v: UInt8
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = b - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = b - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = b - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "/"): v = 63
            case UInt8(ascii: "="): padding += 1; continue
            default: return nil
            }
            guard padding == 0 else { return nil }
            values.append(v)
        }
        guard padding <= 2, values.count % 4 != 1 else { return nil }
        if padding > 0, (values.count + padding) % 4 != 0 { return nil }
        var out: [UInt8] = []
        var i = 0
        while i < values.count {
            let chunk = values[i..<min(i + 4, values.count)].map { UInt32($0) }
            var n: UInt32 = 0
            for (j, v) in chunk.enumerated() { n |= v << (18 - 6 * UInt32(j)) }
            out.append(UInt8(truncatingIfNeeded: n >> 16))
            if chunk.count > 2 { out.append(UInt8(truncatingIfNeeded: n >> 8)) }
            if chunk.count > 3 { out.append(UInt8(truncatingIfNeeded: n)) }
            i += 4
        }
        return out
    }
}
