// Every authentication case of v3 (Bearer) and v2 (HTTP Basic apiKey:apiSecret).
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

let twoServices: [ServiceConfig] = [
    .default,
    ServiceConfig(serviceId: "2000", tokens: ["token-2000"], apiSecret: "secret-2000"),
]

func basic(_ user: String, _ password: String) -> String {
    "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
}

func expectResult(_ answer: Answer, status: Int, code: String, sourceLocation: SourceLocation = #_sourceLocation)
    throws
{
    #expect(answer.status == status, sourceLocation: sourceLocation)
    let json = try answer.json
    #expect(json["resultCode"] as? String == code, sourceLocation: sourceLocation)
    #expect((json["resultMessage"] as? String)?.hasPrefix("[\(code)] ") == true, sourceLocation: sourceLocation)
    #expect(json["action"] == nil, sourceLocation: sourceLocation)
}

@Test func missingAuthorizationIs401A001202() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        for path in [v3Path, v2Path] {
            let answer = try await client.fail("{}", headers: [.contentType: "application/json"], path: path)
            try expectResult(answer, status: 401, code: "A001202")
            #expect(try answer.json["resultMessage"] as? String == "[A001202] The Authorization header is missing.")
        }
    }
}

@Test(arguments: ["Bearer wrong", "Bearer", "bearer  ", "Token emulator-token", basic("1000", "emulator-secret")])
func badV3AuthorizationIs401A458101(header: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail("{}", headers: [.authorization: header, .contentType: "application/json"])
        try expectResult(answer, status: 401, code: "A458101")
    }
}

@Test func schemeNameIsCaseInsensitive() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail("{}", headers: [.authorization: "bEaReR emulator-token"])
        #expect(answer.status == 200)
    }
}

@Test func unknownServiceIs403A458203() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail("{}", path: "/api/9999/backchannel/authentication/fail")
        try expectResult(answer, status: 403, code: "A458203")
    }
}

@Test func unknownServiceWithUnknownTokenIs401() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail("{}", headers: [.authorization: "Bearer nope"],
                                           path: "/api/9999/backchannel/authentication/fail")
        try expectResult(answer, status: 401, code: "A458101")
    }
}

@Test func anotherServicesTokenIs403A458101() async throws {
    try await makeApp(makeEmulator(twoServices)).test(.router) { client in
        let answer = try await client.fail("{}", headers: [.authorization: "Bearer token-2000"])
        try expectResult(answer, status: 403, code: "A458101")
        let own = try await client.fail("{}", headers: [.authorization: "Bearer token-2000"],
                                        path: "/api/2000/backchannel/authentication/fail")
        #expect(own.status == 200)
    }
}

@Test func v2GoodBasicCredentials() async throws {
    try await makeApp(makeEmulator(twoServices)).test(.router) { client in
        for (key, secret) in [("1000", "emulator-secret"), ("2000", "secret-2000")] {
            let answer = try await client.fail(#"{"reason":"ACCESS_DENIED"}"#,
                                               headers: [.authorization: basic(key, secret)], path: v2Path)
            #expect(answer.status == 200)
            #expect(try answer.json["action"] as? String == "FORBIDDEN")
        }
    }
}

@Test(arguments: [
    basic("1000", "wrong"), basic("2000", "emulator-secret"), basic("9999", "emulator-secret"), basic("1000", ""),
    "Basic !!!notbase64", "Basic " + Data("no-colon".utf8).base64EncodedString(), "Bearer emulator-token",
])
func v2BadCredentialsAre401A458101(header: String) async throws {
    try await makeApp(makeEmulator(twoServices)).test(.router) { client in
        let answer = try await client.fail("{}", headers: [.authorization: header], path: v2Path)
        try expectResult(answer, status: 401, code: "A458101")
    }
}

@Test func serviceWithoutSecretRefusesV2() async throws {
    let emulator = makeEmulator([ServiceConfig(serviceId: "3000", tokens: ["t"])])
    try await makeApp(emulator).test(.router) { client in
        let answer = try await client.fail("{}", headers: [.authorization: basic("3000", "")], path: v2Path)
        try expectResult(answer, status: 401, code: "A458101")
    }
}

@Test func authorizationParsingUnit() {
    #expect(Authorization(header: "Bearer abc") == .bearer("abc"))
    #expect(Authorization(header: "Basic YTpiOmM=") == .basic(apiKey: "a", apiSecret: "b:c"))
    #expect(Authorization(header: "Basic YTpi") == .basic(apiKey: "a", apiSecret: "b"))
    #expect(Authorization(header: "Basic YQ") == .malformed)  // "a": no colon
    #expect(Authorization(header: "Digest x") == .malformed)
}
