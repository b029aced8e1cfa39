import Testing
@testable import AuthleteCore

/// JSONObject.isStrict: what RFC 8259 refuses but cJSON would take. Texts without any byte under 0x20 or any
/// backslash-u0000 take the fast path; the others the careful scan, which must give the same verdicts.
@Suite struct JSONStrictnessTests {
    static func isStrict(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { JSONObject.isStrict($0) }
    }

    @Test(arguments: [
        #"{"ticket":"t","reason":"ACCESS_DENIED"}"#,          // fast path
        "{\n\t\"ticket\": \"t\"\r\n}",                          // white space between tokens: the careful scan
        #"{"responseContent":"a\\u0000"}"#,                    // an escaped backslash, then the text u0000
        #"{"responseContent":"{\"error\":\"access_denied\"}"}"#,
        "",
    ])
    func accepts(text: String) {
        #expect(Self.isStrict(text))
    }

    @Test(arguments: [
        "{\u{01}\"ticket\":\"t\"}",                           // a control byte as white space
        "{\"ticket\":\"a\u{1F}b\"}",                          // a raw control byte inside a string
        "{\"ticket\":\"a\nb\"}",                              // a raw line feed inside a string
        #"{"ticket":"a\u0000b"}"#,                             // the escape cJSON turns into a cutting NUL
        #"{"ticket":"\\\u0000"}"#,                             // an escaped backslash, then the escape itself
    ])
    func refuses(text: String) {
        #expect(!Self.isStrict(text))
    }
}
