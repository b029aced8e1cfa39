// errorDescription -> error_description and errorUri -> error_uri, escaped for any input; checked by parsing the
// answer back with Foundation (a parser independent of the emulator's writer).
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

let awkwardTexts: [String] = [
    #"say "no""#,
    #"back\slash \\ and \"#,
    "control \u{01}\u{08}\u{0C}\n\r\t\u{1F} chars",
    "non-ASCII: é 日本語 😀 \u{2028}",
    "nul \u{0} inside",
    "</script> & ' /slash",
    "",
]

@Test(arguments: awkwardTexts)
func responseContentRoundTrips(text: String) throws {
    let content = ResponseContent.make(reason: .invalidUserCode, description: text, uri: "https://x.example/e?q=\"\(text)")
    let parsed = try JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: String]
    #expect(parsed == ["error": "invalid_user_code", "error_description": text,
                       "error_uri": "https://x.example/e?q=\"\(text)"])
}

@Test func descriptionAndUriOnlyWhenGiven() throws {
    #expect(ResponseContent.make(reason: .accessDenied, description: nil, uri: nil) == #"{"error":"access_denied"}"#)
    let withDescription = ResponseContent.make(reason: .accessDenied, description: "d", uri: nil)
    #expect(try JSONSerialization.jsonObject(with: Data(withDescription.utf8)) as? [String: String]
        == ["error": "access_denied", "error_description": "d"])
    let withUri = ResponseContent.make(reason: .accessDenied, description: nil, uri: "u")
    #expect(try JSONSerialization.jsonObject(with: Data(withUri.utf8)) as? [String: String]
        == ["error": "access_denied", "error_uri": "u"])
}

@Test func escapingUsesShortFormsAndUnicodeEscapes() {
    #expect(JSONWriter.quoted("a\"b\\c\n\u{1}é") == #""a\"b\\c\n\u0001é""#)
}

@Test func awkwardTextsOverHTTPInJSONAndForm() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        for text in awkwardTexts {
            let json = String(decoding: JSONWriter.object([
                ("reason", .string("ACCESS_DENIED")), ("errorDescription", .string(text)), ("errorUri", .string(text)),
            ]), as: UTF8.self)
            let answer = try await client.fail(json)
            #expect(answer.status == 200)
            #expect(try parseResponseContent(answer) as? [String: String]
                == ["error": "access_denied", "error_description": text, "error_uri": text])

            let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let form = try await client.fail("reason=ACCESS_DENIED&errorDescription=\(encoded)",
                                             headers: [.authorization: "Bearer emulator-token",
                                                       .contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == 200)
            #expect(try parseResponseContent(form)["error_description"] as? String == text)
        }
    }
}

@Test(arguments: awkwardTexts)
func fastSuccessBodyEqualsTheGeneralWriter(text: String) {
    for reason in FailReason.allCases {
        let request = FailRequest(ticket: "t", reason: reason, errorDescription: text, errorUri: text)
        #expect(ResponseContent.successBody(for: request) == ResponseContent.successBodyReference(for: request))
    }
    let omitted = FailRequest()
    #expect(ResponseContent.successBody(for: omitted) == ResponseContent.successBodyReference(for: omitted))
}
