import Testing
@testable import AuthleteCore

@Suite struct FailRequestTests {
    @Test func buildsJSONWithFieldsInAuthletesOrder() throws {
        let request = try FailRequest(ticket: "t-1", reason: .accessDenied, errorDescription: "denied", errorURI: "https://as.example/e")
        #expect(request.json == #"{"ticket":"t-1","reason":"ACCESS_DENIED","errorDescription":"denied","errorUri":"https://as.example/e"}"#)
    }

    @Test func omitsAbsentFields() throws {
        #expect(try FailRequest().json == "{}")
        #expect(try FailRequest(ticket: "abc").json == #"{"ticket":"abc"}"#)
    }

    @Test func escapesQuotesBackslashesControlsAndKeepsNonASCII() throws {
        let request = try FailRequest(errorDescription: "a\"b\\c\nd\u{01}é😀")
        #expect(request.json == "{\"errorDescription\":\"a\\\"b\\\\c\\nd\\u0001é😀\"}")
    }

    @Test func formBodyPercentEncodes() throws {
        let request = try FailRequest(ticket: "t 1", reason: .unknownUserID, errorDescription: "a&b=c/é")
        #expect(request.formBody == "ticket=t%201&reason=UNKNOWN_USER_ID&errorDescription=a%26b%3Dc%2F%C3%A9")
    }

    @Test func readsJSONAndTreatsNullAsAbsent() throws {
        let request = try FailRequest(json: #"{"ticket":"t","reason":"INVALID_USER_CODE","errorDescription":null}"#)
        #expect(request == (try FailRequest(ticket: "t", reason: .invalidUserCode)))
    }

    @Test(arguments: [
        (#"[]"#, "not a JSON object"),
        (#"{"ticket":1}"#, "must be a string, not a number"),
        (#"{"reason":"NOPE"}"#, "unknown reason \"NOPE\""),
        (#"{"reason":"access_denied"}"#, "unknown reason"),
        (#"{"error_description":"x"}"#, "unknown key \"error_description\""),
        (#"{"ticket":"a","ticket":"b"}"#, "more than once"),
        (#"{"ticket":"a"} x"#, "not valid JSON"),
        (#"{"ticket":""}"#, "ticket is empty"),
        (#"{"errorUri":"/relative"}"#, "not an absolute URI"),
        (#"{"errorUri":"https://a b"}"#, "not an absolute URI"),
        ("", "not valid JSON"),
    ])
    func rejectsMalformedRequests(json: String, expected: String) {
        #expect {
            try FailRequest(json: json)
        } throws: { error in
            guard let error = error as? AuthleteError else { return false }
            return error.status == .invalidArgument && error.detail.contains(expected)
        }
    }

    @Test func enforcesSizeLimits() throws {
        let limit = FailRequest.fieldLimit
        _ = try FailRequest(ticket: String(repeating: "a", count: limit))
        #expect(throws: AuthleteError.self) { try FailRequest(ticket: String(repeating: "a", count: limit + 1)) }
        let big = "{\"errorDescription\":\"" + String(repeating: "a", count: FailRequest.jsonLimit) + "\"}"
        #expect(throws: AuthleteError.self) { try FailRequest(json: big) }
    }

    @Test func knowsExactlyTheNineReasonsOfTheFactsFile() {
        let names = FailReason.allCases.map { $0.name.description }
        #expect(names == ["ACCESS_DENIED", "EXPIRED_LOGIN_HINT_TOKEN", "INVALID_BINDING_MESSAGE", "INVALID_TARGET",
                          "INVALID_USER_CODE", "MISSING_USER_CODE", "SERVER_ERROR", "UNAUTHORIZED_CLIENT", "UNKNOWN_USER_ID"])
        #expect(FailReason.allCases.map(\.rawValue) == Array(1...9))
        #expect(FailReason(name: "ACCESS_DENIED") == .accessDenied)
        #expect(FailReason(name: "Access_Denied") == nil)
    }
}
