// Every fault mode, per request (X-Emulator-Fault) and per service (POST /_emulator/services).
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

func faulty(_ spec: String) -> HTTPFields {
    goodBearer.merging([.init("X-Emulator-Fault")!: spec])
}

@Test(arguments: [(500, "A001101"), (400, "A001201"), (401, "A458101"), (403, "A001215"), (429, "A001216"),
                  (502, "A001102"), (503, "A001103"), (504, "A001104"), (418, "A001201"), (507, "A001101")])
func statusFault(status: Int, code: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail(#"{"reason":"ACCESS_DENIED"}"#, headers: faulty("status=\(status)"))
        try expectResult(answer, status: status, code: code)
        #expect(answer.headers[.contentType] == "application/json")
        #expect(answer.headers[.retryAfter] == nil)
    }
}

@Test func statusFaultWithRetryAfter() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail("{}", headers: faulty("status=429, retry-after=7"))
        try expectResult(answer, status: 429, code: "A001216")
        #expect(answer.headers[.retryAfter] == "7")
    }
}

@Test func serverErrorFaultMessage() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail("{}", headers: faulty("status=500"))
        #expect(try answer.json["resultMessage"] as? String == "[A001101] Authlete server error.")
    }
}

@Test func unavailableThenOKCountsPerKey() async throws {
    let emulator = makeEmulator()
    try await makeApp(emulator).test(.router) { client in
        _ = try await client.call("/_emulator/tickets", body: #"{"serviceId":"1000","ticket":"u1"}"#)
        for _ in 0..<2 {
            let answer = try await client.fail(#"{"ticket":"u1"}"#, headers: faulty("unavailable=2,key=k1,retry-after=3"))
            try expectResult(answer, status: 503, code: "A001103")
            #expect(answer.headers[.retryAfter] == "3")
            #expect(try await exists(client, "u1").status == 200)  // not processed: not deleted
        }
        // Another key has its own counter.
        let other = try await client.fail("{}", headers: faulty("unavailable=1,key=k2"))
        #expect(other.status == 503)
        #expect(other.headers[.retryAfter] == "1")  // the default
        let third = try await client.fail(#"{"ticket":"u1","reason":"ACCESS_DENIED"}"#,
                                          headers: faulty("unavailable=2,key=k1,retry-after=3"))
        #expect(third.status == 200)
        #expect(try third.json["action"] as? String == "FORBIDDEN")
        #expect(try await exists(client, "u1").status == 404)  // answered normally: deleted
        #expect(try await client.fail("{}", headers: faulty("unavailable=2,key=k1")).status == 200)
    }
}

@Test func serviceFaultUnavailableCountsPerServiceAndResetsOnReplace() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let service = #"{"serviceId":"2001","tokens":["tok"],"apiSecret":"sec","fault":"unavailable=1"}"#
        let created = try await client.call("/_emulator/services", body: service)
        #expect(created.status == 201)
        #expect(try created.json["serviceId"] as? String == "2001")
        let bearer: HTTPFields = [.authorization: "Bearer tok"]
        let path = "/api/2001/backchannel/authentication/fail"
        #expect(try await client.fail("{}", headers: bearer, path: path).status == 503)
        #expect(try await client.fail("{}", headers: bearer, path: path).status == 200)
        // v2 finds the service by its API key.
        #expect(try await client.fail("{}", headers: [.authorization: basic("2001", "sec")], path: v2Path).status == 200)
        // Replacing the service restarts its counter.
        let replaced = try await client.call("/_emulator/services", body: service)
        #expect(try replaced.json["replaced"] as? Bool == true)
        #expect(try await client.fail("{}", headers: bearer, path: path).status == 503)
        // The default service is untouched.
        #expect(try await client.fail("{}").status == 200)
    }
}

@Test func serviceFaultStatusAndHeaderOverride() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let body = #"{"serviceId":"2002","tokens":["tok2"],"fault":"status=500"}"#
        #expect(try await client.call("/_emulator/services", body: body).status == 201)
        let path = "/api/2002/backchannel/authentication/fail"
        let answer = try await client.fail("{}", headers: [.authorization: "Bearer tok2"], path: path)
        try expectResult(answer, status: 500, code: "A001101")
        // A header fault replaces the service's fault; an empty header spec means "no fault".
        let header = try await client.fail("{}", headers: [.authorization: "Bearer tok2",
                                                           .init("X-Emulator-Fault")!: " "], path: path)
        #expect(header.status == 200)
    }
}

@Test func nonJSONFault() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail("{}", headers: faulty("non-json"))
        #expect(answer.status == 200)
        #expect(answer.headers[.contentType] == "text/plain")
        #expect(answer.body == "this is not json")
    }
}

@Test func noActionFault() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail(#"{"reason":"ACCESS_DENIED"}"#, headers: faulty("no-action"))
        #expect(answer.status == 200)
        let json = try answer.json
        #expect(json["resultCode"] as? String == "A185001")
        #expect(json["action"] == nil)
    }
}

@Test func unknownActionFault() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail("{}", headers: faulty("unknown-action"))
        #expect(answer.status == 200)
        #expect(try answer.json["action"] as? String == "TEAPOT")
        #expect(try answer.json["resultCode"] as? String == "A185001")
    }
}

@Test(arguments: [10_000, 3 * 1024 * 1024])
func oversizedFault(bytes: Int) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail("{}", headers: faulty("oversized=\(bytes)"))
        #expect(answer.status == 200)
        #expect(answer.body.utf8.count == bytes)
        #expect(answer.headers[.contentLength] == String(bytes))
        #expect(try answer.json["action"] as? String == "INTERNAL_SERVER_ERROR")  // still valid JSON
    }
}

@Test func delayFaultWaitsThenAnswersNormally() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        _ = try await client.call("/_emulator/tickets", body: #"{"serviceId":"1000","ticket":"d1"}"#)
        let start = ContinuousClock.now
        let answer = try await client.fail(#"{"ticket":"d1","reason":"INVALID_TARGET"}"#, headers: faulty("delay=300"))
        #expect(ContinuousClock.now - start >= .milliseconds(300))
        #expect(answer.status == 200)
        #expect(try answer.json["action"] as? String == "BAD_REQUEST")
        #expect(try await exists(client, "d1").status == 404)
        let combined = try await client.fail("{}", headers: faulty("delay=50,status=502"))
        #expect(combined.status == 502)
    }
}

@Test(arguments: ["status=200", "status=abc", "bogus", "delay=-1", "status=500,non-json", "non-json=1",
                  "retry-after=2", "delay=1,delay=2", "key="])
func invalidFaultHeaderIs400(spec: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.fail("{}", headers: faulty(spec))
        try expectResult(answer, status: 400, code: "A001201")
        #expect((try answer.json["resultMessage"] as? String)?.contains("X-Emulator-Fault") == true)
    }
}

@Test func invalidServiceFaultIsRefusedByAdmin() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.call("/_emulator/services", body: #"{"serviceId":"2003","fault":"explode"}"#)
        #expect(answer.status == 400)
        #expect(try await client.fail("{}", headers: [.authorization: "Bearer x"],
                                      path: "/api/2003/backchannel/authentication/fail").status == 401)
    }
}

@Test func faultSpecParsingUnit() throws {
    #expect(try FaultSpec(parsing: "delay=5, unavailable=3, retry-after=2, key=a")
        == FaultSpec(delayMilliseconds: 5, outcome: .unavailable(count: 3), retryAfterSeconds: 2, key: "a"))
    #expect(try FaultSpec(parsing: "close-mid").outcome == .closeMid)
    #expect(try FaultSpec(parsing: "close").outcome == .close)
    #expect(try FaultSpec(parsing: "redirect").outcome == .redirect)
    #expect(try FaultSpec(parsing: "oversized=100").outcome == .oversized(bytes: 100))
    #expect(try FaultSpec(parsing: "").isEmpty)
    #expect(throws: FaultSpecError.self) { try FaultSpec(parsing: "close,redirect") }
    #expect(throws: FaultSpecError.self) { try FaultSpec(parsing: "delay=5,") }
}
