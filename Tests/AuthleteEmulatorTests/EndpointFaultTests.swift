// Every fault mode on every CIBA endpoint (v3 and v2), `on=` restricting a fault to some endpoints, and the
// endpoint's own result code in no-action, unknown-action and oversized bodies.
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// (endpoint path part, fault-body result code, the endpoint's server-error action, a body it accepts).
let endpointsUnderTest: [(String, String, String, String)] = [
    ("", "A179001", "INTERNAL_SERVER_ERROR",
     #"{"parameters":"scope=openid&login_hint=john","clientId":"poll-client","clientSecret":"poll-secret"}"#),
    ("issue", "A183001", "INTERNAL_SERVER_ERROR", #"{"ticket":"t"}"#),
    ("fail", "A185001", "INTERNAL_SERVER_ERROR", #"{"ticket":"t","reason":"ACCESS_DENIED"}"#),
    ("complete", "A198001", "SERVER_ERROR", #"{"ticket":"t","result":"ACCESS_DENIED"}"#),
]

@Test(arguments: endpointsUnderTest)
func everyFaultOnEveryEndpoint(endpoint: String, code: String, serverErrorAction: String, body: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        for path in [cibaPath(endpoint), cibaPath(endpoint, serviceId: nil)] {
            let auth: HTTPFields = path.hasPrefix("/api/1000")
                ? goodBearer : [.authorization: basic("1000", "emulator-secret"), .contentType: "application/json"]
            func call(_ spec: String) async throws -> Answer {
                try await client.call(path, headers: auth.merging([.init("X-Emulator-Fault")!: spec]), body: body)
            }
            try expectResult(try await call("status=502"), status: 502, code: "A001102")
            let unavailable = try await call("unavailable=1,key=\(path),retry-after=4")
            try expectResult(unavailable, status: 503, code: "A001103")
            #expect(unavailable.headers[.retryAfter] == "4")
            #expect(try await call("unavailable=1,key=\(path)").status == 200)  // the second call goes through
            let nonJSON = try await call("non-json")
            #expect(nonJSON.body == "this is not json")
            let noAction = try await call("no-action").json
            #expect(noAction["resultCode"] as? String == code)
            #expect(noAction["action"] == nil)
            let unknown = try await call("unknown-action").json
            #expect(unknown["action"] as? String == "TEAPOT")
            #expect(unknown["resultCode"] as? String == code)
            let oversized = try await call("oversized=5000")
            #expect(oversized.body.utf8.count == 5000)
            #expect(try oversized.json["action"] as? String == serverErrorAction)
            #expect(try oversized.json["resultCode"] as? String == code)
            let redirect = try await call("redirect")
            #expect(redirect.status == 302)
            #expect(redirect.headers[.location]?.hasSuffix("/elsewhere") == true)
            let delayed = try await call("delay=1")
            #expect(delayed.status == 200)
            #expect(try delayed.json["action"] != nil)
        }
    }
}

@Test(arguments: endpointsUnderTest)
func closeFaultsOnEveryEndpoint(endpoint: String, code: String, serverErrorAction: String, body: String) async throws {
    try await makeApp(makeEmulator()).test(.live) { client in
        let port = try #require(client.port)
        let (closed, cut) = try await onThread {
            let first = try RawConnection(port: port)
            first.send(RawConnection.request(path: cibaPath(endpoint),
                                             headers: rawBearer.merging(["X-Emulator-Fault": "close"]) { $1 },
                                             body: body))
            let closed = first.readToEnd()
            let second = try RawConnection(port: port)
            second.send(RawConnection.request(path: cibaPath(endpoint),
                                              headers: rawBearer.merging(["X-Emulator-Fault": "close-mid"]) { $1 },
                                              body: body))
            return (closed, String(decoding: second.readToEnd(), as: UTF8.self))
        }
        #expect(closed.isEmpty)
        let parts = cut.components(separatedBy: "\r\n\r\n")
        #expect(parts.count == 2)
        let declared = parts[0].split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
        let sent = parts.count == 2 ? parts[1].utf8.count : 0
        #expect(sent > 0 && sent < (declared ?? 0))
        #expect(cut.contains(code))
    }
}

@Test func onRestrictsAHeaderFaultToItsEndpoints() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let spec = "status=500,on=issue,on=complete"
        let faulty = goodBearer.merging([.init("X-Emulator-Fault")!: spec])
        let created = try await client.authenticate("scope=openid&login_hint=john", basicId: "poll-client",
                                                    basicSecret: "poll-secret", headers: faulty)
        #expect(try created.json["action"] as? String == "USER_IDENTIFICATION")  // not covered
        let ticket = try #require(try created.json["ticket"] as? String)
        try expectResult(try await client.issue(ticket, headers: faulty), status: 500, code: "A001101")
        #expect(try await client.ticketView(ticket).json["state"] as? String == "created")  // not processed
        #expect(try await client.issue(ticket).json["action"] as? String == "OK")
        try expectResult(try await client.complete(["ticket": ticket, "result": "ACCESS_DENIED"], headers: faulty),
                         status: 500, code: "A001101")
        #expect(try await client.fail(#"{"ticket":"x"}"#, headers: faulty).status == 200)  // not covered
    }
}

@Test func onRestrictsAServiceFaultAndDelays() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let service = #"{"serviceId":"3400","tokens":["t3400"],"fault":"unavailable=2,on=authentication"}"#
        #expect(try await client.call("/_emulator/services", body: service).status == 201)
        let headers: HTTPFields = [.authorization: "Bearer t3400", .contentType: "application/json"]
        // Calls to other endpoints neither fail nor count.
        #expect(try await client.issue("t", headers: headers, path: cibaPath("issue", serviceId: "3400")).status == 200)
        for _ in 0..<2 {
            let answer = try await client.authenticate("scope=openid&login_hint=john", basicId: "poll-client",
                                                       basicSecret: "poll-secret", headers: headers,
                                                       path: cibaPath("", serviceId: "3400"))
            try expectResult(answer, status: 503, code: "A001103")
        }
        let third = try await client.authenticate("scope=openid&login_hint=john", basicId: "poll-client",
                                                  basicSecret: "poll-secret", headers: headers,
                                                  path: cibaPath("", serviceId: "3400"))
        #expect(try third.json["action"] as? String == "USER_IDENTIFICATION")
        // The config view shows the fault as text that parses back.
        let config = try await client.call("/_emulator/config", method: .get).json
        let services = try #require(config["services"] as? [[String: Any]])
        #expect(services.first { $0["serviceId"] as? String == "3400" }?["fault"] as? String
            == "unavailable=2,on=authentication")
    }
}

@Test(arguments: ["on=token", "on=", "on", "status=500,on=Issue"])
func invalidOnItemIs400(spec: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.issue("t", headers: goodBearer.merging([.init("X-Emulator-Fault")!: spec]))
        try expectResult(answer, status: 400, code: "A001201")
    }
}

@Test func faultSpecTextRoundTrips() throws {
    for text in ["delay=5,status=429,retry-after=3,key=k,on=complete,on=issue", "close-mid,on=fail", "oversized=10",
                 "unavailable=0", "delay=0"] {
        let spec = try FaultSpec(parsing: text)
        #expect(spec.text == text)
        #expect(try FaultSpec(parsing: spec.text) == spec)
    }
    #expect(try FaultSpec(parsing: "on=issue").endpoints == [.issue])
}

@Test func statsCountEveryEndpoint() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let ticket = try await client.issuedPollTicket()
        _ = try await client.complete(["ticket": ticket, "result": "ACCESS_DENIED"])
        _ = try await client.fail("{}")
        _ = try await client.fail("{}")
        let stats = try await client.call("/_emulator/stats", method: .get).json
        #expect(stats["requests"] as? Int == 5)
        #expect(stats["byEndpoint"] as? [String: Int] == ["authentication": 1, "issue": 1, "fail": 2, "complete": 1])
    }
}
