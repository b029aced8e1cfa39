// Request bodies: JSON and form, unknown fields ignored, wrong types, malformed JSON, unknown reasons.
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

let formHeaders: HTTPFields = [.authorization: "Bearer emulator-token",
                               .contentType: "application/x-www-form-urlencoded"]

@Test func formBodyDecodesPlusAndPercentTwentyAsSpace() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail(
            "ticket=t1&reason=UNKNOWN_USER_ID&errorDescription=no+such%20user%3A+%C3%A9%E6%97%A5&errorUri=https%3A%2F%2Fx.example%2Fe%3Fa%3D1%26b%3D2",
            headers: formHeaders)
        #expect(answer.status == 200)
        #expect(try answer.json["action"] as? String == "BAD_REQUEST")
        #expect(try parseResponseContent(answer) as? [String: String] == [
            "error": "unknown_user_id", "error_description": "no such user: é日",
            "error_uri": "https://x.example/e?a=1&b=2",
        ])
    }
}

@Test func formBodyWithCharsetAndUnknownFields() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail("other=1&reason=ACCESS_DENIED&x",
                                           headers: [.authorization: "Bearer emulator-token",
                                                     .contentType: "application/x-www-form-urlencoded; charset=UTF-8"])
        #expect(answer.status == 200)
        #expect(try answer.json["action"] as? String == "FORBIDDEN")
    }
}

@Test func unknownJSONFieldsAreIgnored() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail(
            #"{"ticket":"t","reason":"MISSING_USER_CODE","extra":{"a":[1,2.5e3,true,null]},"n":-0.1}"#)
        #expect(answer.status == 200)
        #expect(try answer.json["action"] as? String == "BAD_REQUEST")
        #expect(try parseResponseContent(answer) as? [String: String] == ["error": "missing_user_code"])
    }
}

@Test(arguments: [
    #"{"ticket":"t","reason":"ACCESS_DENIED""#,  // truncated
    "not json",
    "",
    #"["ACCESS_DENIED"]"#,  // not an object
    #""ACCESS_DENIED""#,
    #"{"reason":1}"#,  // wrong types
    #"{"ticket":true}"#,
    #"{"errorDescription":{"a":"b"}}"#,
    #"{"errorUri":["u"]}"#,
    #"{"reason":"access_denied"}"#,  // unknown reasons (case-sensitive)
    #"{"reason":"TEAPOT"}"#,
    #"{"reason":""}"#,
    #"{"reason":"ACCESS_DENIED"} x"#,  // trailing data
    #"{"reason":"\ud800"}"#,  // lone surrogate
])
func badJSONBodiesAre400WithA001201(body: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail(body)
        #expect(answer.status == 400)
        let json = try answer.json
        #expect(json["resultCode"] as? String == "A001201")
        #expect((json["resultMessage"] as? String)?.hasPrefix("[A001201] ") == true)
        #expect(json["action"] == nil)
    }
}

@Test(arguments: ["reason=NOPE", "reason=ACCESS_DENIED&errorDescription=%zz", "errorDescription=%C3%28"])
func badFormBodiesAre400(body: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail(body, headers: formHeaders)
        #expect(answer.status == 400)
        #expect(try answer.json["resultCode"] as? String == "A001201")
    }
}

@Test func unsupportedContentTypeIs400() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail("reason=ACCESS_DENIED",
                                           headers: [.authorization: "Bearer emulator-token", .contentType: "text/plain"])
        #expect(answer.status == 400)
        #expect(try answer.json["resultCode"] as? String == "A001201")
    }
}

@Test func jsonParserUnit() throws {
    #expect(try JSONParser.parse(#"{"a":"\u00e9\ud83d\ude00\n","b":[1,-2.5E+3,true,false,null]}"#)
        == .object(["a": .string("é😀\n"), "b": .array([.number("1"), .number("-2.5E+3"), .bool(true),
                                                         .bool(false), .null])]))
    for bad in ["{", "[1,]", "01", "1.", "\"\u{01}\"", "{\"a\" 1}", "tru", "\"\\x\"", String(repeating: "[", count: 100)] {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bad) }
    }
}

@Test func formDecodingUnit() throws {
    let pairs = try FormDecoding.decode(Array("a=1+2&b=%20x%2B&c&=v&&d=".utf8))
    #expect(pairs.map(\.0) == ["a", "b", "c", "", "d"])
    #expect(pairs.map(\.1) == ["1 2", " x+", "", "v", ""])
    #expect(throws: FormDecodingError.self) { try FormDecoding.decode(Array("a=%4".utf8)) }
}
