// The reason -> error -> action -> HTTP status table, written out from Authlete's documentation (the project's CIBA
// fail facts).
import AuthleteEmulator
import Hummingbird
import HummingbirdTesting
import Testing

/// (reason, error in responseContent, action, HTTP status the AS returns), copied from the facts.
let factsTable: [(String, String, String, Int)] = [
    ("ACCESS_DENIED", "access_denied", "FORBIDDEN", 403),
    ("EXPIRED_LOGIN_HINT_TOKEN", "expired_login_hint_token", "BAD_REQUEST", 400),
    ("INVALID_BINDING_MESSAGE", "invalid_binding_message", "BAD_REQUEST", 400),
    ("INVALID_TARGET", "invalid_target", "BAD_REQUEST", 400),
    ("INVALID_USER_CODE", "invalid_user_code", "BAD_REQUEST", 400),
    ("MISSING_USER_CODE", "missing_user_code", "BAD_REQUEST", 400),
    ("SERVER_ERROR", "server_error", "INTERNAL_SERVER_ERROR", 500),
    ("UNAUTHORIZED_CLIENT", "unauthorized_client", "BAD_REQUEST", 400),
    ("UNKNOWN_USER_ID", "unknown_user_id", "BAD_REQUEST", 400),
]

let successMessage =
    "[A185001] Successfully generated an error response for the backchannel authentication request."

@Test func tableHasEveryReasonOfTheFactsFile() {
    #expect(Set(FailReason.allCases.map(\.rawValue)) == Set(factsTable.map(\.0)))
    for (name, error, action, status) in factsTable {
        let reason = FailReason(rawValue: name)
        #expect(reason?.error == error)
        #expect(reason?.action == action)
        #expect(reason?.asStatus == status)
    }
    #expect(FailReason.whenOmitted.rawValue == "SERVER_ERROR")
}

@Test(arguments: factsTable.map(\.0))
func everyReasonOverHTTP(reason: String) async throws {
    let row = try #require(factsTable.first { $0.0 == reason })
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail(#"{"ticket":"t","reason":"\#(reason)"}"#)
        #expect(answer.status == 200)  // the emulator answers 200; row.3 is what the AS answers its client
        #expect(answer.headers[.contentType] == "application/json")
        let json = try answer.json
        #expect(json["resultCode"] as? String == "A185001")
        #expect(json["resultMessage"] as? String == successMessage)
        #expect(json["action"] as? String == row.2)
        let content = try parseResponseContent(answer)
        #expect(content as? [String: String] == ["error": row.1])
    }
}

@Test func exactSuccessBodyOfTheFactsFile() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail(#"{"ticket":"t","reason":"ACCESS_DENIED"}"#)
        #expect(answer.body == #"{"resultCode":"A185001","resultMessage":"[A185001] Successfully generated an error response for the backchannel authentication request.","action":"FORBIDDEN","responseContent":"{\"error\":\"access_denied\"}"}"#)
    }
}

@Test func omittedOrNullReasonIsServerError() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        for body in [#"{"ticket":"t"}"#, #"{"ticket":"t","reason":null}"#, "{}"] {
            let answer = try await client.fail(body)
            #expect(answer.status == 200)
            #expect(try answer.json["action"] as? String == "INTERNAL_SERVER_ERROR")
            #expect(try parseResponseContent(answer) as? [String: String] == ["error": "server_error"])
        }
    }
}

@Test func v2AnswersTheSameTable() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        for (reason, error, action, _) in factsTable {
            let answer = try await client.fail(#"{"reason":"\#(reason)"}"#, headers: goodBasic, path: v2Path)
            #expect(answer.status == 200)
            #expect(try answer.json["action"] as? String == action)
            #expect(try parseResponseContent(answer) as? [String: String] == ["error": error])
        }
    }
}
