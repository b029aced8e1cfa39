/// The shapes of text the library accepts, checked before anything is sent.
enum TextRules {
    /// A service id is one path segment: 1 to 128 URI-unreserved characters, and not "." or "..".
    static func isPathSafeServiceID(_ id: String) -> Bool {
        var id = id // a native String's bytes are contiguous: no copy (this runs on every call)
        return id.withUTF8 { bytes in
            guard !bytes.isEmpty, bytes.count <= 128 else { return false }
            if bytes.count <= 2, bytes.allSatisfy({ $0 == UInt8(ascii: ".") }) { return false } // "." and ".."
            return bytes.allSatisfy(isUnreserved)
        }
    }

    /// RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~".
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
             UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// An absolute URI as error_uri needs it (RFC 3986 scheme ":" and a non-empty rest), in the characters RFC 6749
    /// allows there (%x21 / %x23-5B / %x5D-7E: visible ASCII but '"' and '\').
    static func isAbsoluteURI(_ uri: String) -> Bool {
        let bytes = Array(uri.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon < bytes.count - 1 else {
            return false
        }
        let scheme = bytes[..<colon]
        guard let first = scheme.first, isLetter(first),
              scheme.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return false }
        return bytes.allSatisfy { $0 >= 0x21 && $0 <= 0x7E && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }

    /// Text that can stand in an HTTP header value: visible ASCII and spaces, no CR, LF or other controls.
    static func isHeaderSafe(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static let upperHexDigits = Array("0123456789ABCDEF".utf8)

    /// Appends `value` percent-encoded for application/x-www-form-urlencoded: unreserved bytes stay, everything
    /// else is %XX.
    static func appendFormEncoded(_ value: String, to output: inout [UInt8]) {
        for byte in value.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(upperHexDigits[Int(byte >> 4)])
                output.append(upperHexDigits[Int(byte & 0xF)])
            }
        }
    }
}
