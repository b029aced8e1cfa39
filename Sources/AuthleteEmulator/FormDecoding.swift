// application/x-www-form-urlencoded: `name=value` pairs joined by `&`; `+` and `%20` both decode to a space;
// `%XX` sequences are bytes, and the decoded bytes must be UTF-8. A pair without `=` has an empty value.

public struct FormDecodingError: Error, Equatable {
    public let message: String
}

public enum FormDecoding {
    public static func decode(_ body: some Collection<UInt8>) throws(FormDecodingError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for part in Array(body).split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let nameEnd = part.firstIndex(of: UInt8(ascii: "=")) ?? part.endIndex
            let name = try percentDecode(part[part.startIndex..<nameEnd])
            let value = nameEnd == part.endIndex ? "" : try percentDecode(part[(nameEnd + 1)...])
            pairs.append((name, value))
        }
        return pairs
    }

    /// Percent-decodes UTF-8 text; `+` is a space in form bodies (`plusIsSpace`), itself in a URL path.
    public static func percentDecode(_ bytes: some Collection<UInt8>, plusIsSpace: Bool = true)
        throws(FormDecodingError) -> String
    {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let b = iterator.next() {
            switch b {
            case UInt8(ascii: "+") where plusIsSpace: out.append(0x20)
            case UInt8(ascii: "%"):
                guard let h = iterator.next().flatMap(hexValue), let l = iterator.next().flatMap(hexValue) else {
                    throw FormDecodingError(message: "invalid percent-encoding")
                }
                out.append(h << 4 | l)
            default: out.append(b)
            }
        }
        guard let string = String(validating: out, as: UTF8.self) else {
            throw FormDecodingError(message: "the decoded text is not UTF-8")
        }
        return string
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
