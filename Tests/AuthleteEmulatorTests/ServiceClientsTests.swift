// A service's CIBA settings and clients: the documented defaults, the config JSON (read and written back), the
// clients PUT, the config view, and Authlete's own errors on the new endpoints.
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Test func defaultServiceHasTheDocumentedSettingsAndClients() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let config = try await client.call("/_emulator/config", method: .get)
        #expect(config.status == 200)
        let services = try #require(try config.json["services"] as? [[String: Any]])
        #expect(services.count == 1)
        let service = services[0]
        #expect(service["serviceId"] as? String == "1000")
        #expect(service["tokens"] as? [String] == ["emulator-token"])
        #expect(service["apiSecret"] as? String == "emulator-secret")
        let ciba = try #require(service["ciba"] as? [String: Any])
        #expect(ciba["userCodeSupported"] as? Bool == true)
        #expect(ciba["authReqIdDuration"] as? Int == 600)
        #expect(ciba["pollingInterval"] as? Int == 5)
        #expect(ciba["bindingMessageRequired"] as? Bool == false)
        #expect(ciba["supportedScopes"] as? [String] == ["openid", "profile", "email", "address", "phone", "offline_access"])
        #expect(ciba["supportedAcrs"] as? [String] == ["urn:example:acr:low", "urn:example:acr:high"])
        #expect(ciba["accessTokenDuration"] as? Int == 3600)
        #expect(ciba["refreshTokenDuration"] as? Int == 86400)
        #expect(ciba["idTokenDuration"] as? Int == 3600)
        let clients = try #require(service["clients"] as? [[String: Any]])
        #expect(clients.map { $0["clientIdAlias"] as? String }
            == ["poll-client", "ping-client", "push-client", "usercode-client"])
        #expect(clients.map { $0["clientSecret"] as? String }
            == ["poll-secret", "ping-secret", "push-secret", "usercode-secret"])
        #expect(clients.map { $0["authMethod"] as? String }
            == ["CLIENT_SECRET_BASIC", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "CLIENT_SECRET_BASIC"])
        #expect(clients.map { $0["deliveryMode"] as? String } == ["POLL", "PING", "PUSH", "POLL"])
        #expect(clients.map { $0["notificationEndpoint"] as? String }
            == [nil, "http://127.0.0.1:9/ciba/ping", "http://127.0.0.1:9/ciba/push", nil])
        #expect(clients.map { $0["userCodeRequired"] as? Bool } == [false, false, false, true])
        #expect(clients.map { $0["clientName"] as? String }
            == ["Poll Client", "Ping Client", "Push Client", "User Code Client"])
        #expect(config.body.contains(#""clientId":9007199254740993,"#))
        #expect(clients.dropFirst().map { $0["clientId"] as? Int } == [1002, 1003, 1004])
    }
}

@Test func configTextRoundTrips() throws {
    let text = #"{"services":[{"serviceId":"7","tokens":["a"],"fault":"status=503,on=issue","ciba":{"pollingInterval":2,"claimsByScope":{"x":["y"]}},"clients":[{"clientId":9223372036854775807,"clientIdAlias":"max","clientSecret":"s","authMethod":"CLIENT_SECRET_POST","deliveryMode":"PUSH","notificationEndpoint":"https://c.example/n","userCodeRequired":true}]},{"serviceId":"8"}]}"#
    let services = try ServiceConfig.parseConfigFile(Array(text.utf8))
    #expect(services.count == 2)
    #expect(services[0].ciba.pollingInterval == 2)
    #expect(services[0].ciba.authReqIdDuration == 600)  // the other settings keep their defaults
    #expect(services[0].ciba.claimsByScope == ["x": ["y"]])
    #expect(services[0].clients == [ClientConfig(clientId: Int64.max, clientIdAlias: "max", clientSecret: "s",
                                                 authMethod: .clientSecretPost, deliveryMode: .push,
                                                 notificationEndpoint: "https://c.example/n", userCodeRequired: true)])
    #expect(services[1].clients == ClientConfig.defaults)  // no "clients": the four default clients
    #expect(try ServiceConfig.parseConfigFile(ServiceConfig.configJSON(services)) == services)
}

@Test(arguments: [
    #"{"serviceId":"9","ciba":[]}"#, #"{"serviceId":"9","ciba":{"pollingInterval":-1}}"#,
    #"{"serviceId":"9","ciba":{"authReqIdDuration":1.5}}"#, #"{"serviceId":"9","ciba":{"supportedScopes":"openid"}}"#,
    #"{"serviceId":"9","clients":{}}"#, #"{"serviceId":"9","clients":[{"clientIdAlias":"x"}]}"#,
    #"{"serviceId":"9","clients":[{"clientId":"5"}]}"#, #"{"serviceId":"9","clients":[{"clientId":0}]}"#,
    #"{"serviceId":"9","clients":[{"clientId":9223372036854775808}]}"#,
    #"{"serviceId":"9","clients":[{"clientId":5,"deliveryMode":"poll"}]}"#,
    #"{"serviceId":"9","clients":[{"clientId":5,"authMethod":"BASIC"}]}"#,
    #"{"serviceId":"9","clients":[{"clientId":5,"deliveryMode":"PING"}]}"#,
    #"{"serviceId":"9","clients":[{"clientId":5},{"clientId":5}]}"#,
    #"{"serviceId":"9","clients":[{"clientId":5,"clientIdAlias":"a"},{"clientId":6,"clientIdAlias":"a"}]}"#,
])
func invalidCibaConfigIsRefused(body: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.call("/_emulator/services", body: body)
        #expect(answer.status == 400)
        #expect(try answer.json["error"] is String)
    }
}

@Test func putClientAddsAndReplaces() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let body = #"{"clientIdAlias":"my-ping","clientSecret":"s3","deliveryMode":"PING","notificationEndpoint":"http://127.0.0.1:5555/cb"}"#
        let added = try await client.call("/_emulator/services/1000/clients/5001", method: .put, body: body)
        #expect(added.status == 201)
        let created = try await client.authenticate("scope=openid&login_hint=a&client_notification_token=n",
                                                    basicId: "my-ping", basicSecret: "s3")
        #expect(try created.json["clientId"] as? Int == 5001)
        // Point the default ping client at another listener: replaced, 200.
        let moved = try await client.call("/_emulator/services/1000/clients/1002", method: .put,
                                          body: #"{"clientId":1002,"clientIdAlias":"ping-client","clientSecret":"ping-secret","deliveryMode":"PING","notificationEndpoint":"http://127.0.0.1:6666/ping"}"#)
        #expect(moved.status == 200)
        let (ticket, _) = try await issuedTicket(client, mode: "PING")
        let done = try await client.complete(["ticket": ticket, "result": "ACCESS_DENIED"])
        #expect(try done.json["clientNotificationEndpoint"] as? String == "http://127.0.0.1:6666/ping")
        // Errors: unknown service, bad id, body id differs, alias of another client, invalid client.
        let cases: [(String, String, Int)] = [
            ("/_emulator/services/9999/clients/5", "{}", 404),
            ("/_emulator/services/1000/clients/abc", "{}", 400),
            ("/_emulator/services/1000/clients/5", #"{"clientId":6}"#, 400),
            ("/_emulator/services/1000/clients/5", #"{"clientIdAlias":"poll-client"}"#, 409),
            ("/_emulator/services/1000/clients/5", #"{"deliveryMode":"PUSH"}"#, 400),
            ("/_emulator/services/1000/clients/5", "[]", 400),
        ]
        for (path, body, status) in cases {
            #expect(try await client.call(path, method: .put, body: body).status == status, "\(path) \(body)")
        }
    }
}

@Test func serviceWithItsOwnClientsOnly() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let body = #"{"serviceId":"3500","tokens":["t3500"],"clients":[{"clientId":42,"clientSecret":"x"}]}"#
        #expect(try await client.call("/_emulator/services", body: body).status == 201)
        let headers: HTTPFields = [.authorization: "Bearer t3500"]
        let own = try await client.authenticate("scope=openid&login_hint=a", basicId: "42", basicSecret: "x",
                                                headers: headers, path: cibaPath("", serviceId: "3500"))
        #expect(try own.json["action"] as? String == "USER_IDENTIFICATION")
        #expect(try own.json["clientIdAlias"] == nil)
        let defaults = try await client.authenticate("scope=openid&login_hint=a", basicId: "poll-client",
                                                     basicSecret: "poll-secret", headers: headers,
                                                     path: cibaPath("", serviceId: "3500"))
        #expect(try actionAndError(defaults) == ("UNAUTHORIZED", "invalid_client"))
    }
}

@Test(arguments: ["", "issue", "complete"])
func authlete401And403OnTheNewEndpoints(endpoint: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        try expectResult(try await client.call(cibaPath(endpoint), headers: [:], body: "{}"), status: 401, code: "A001202")
        try expectResult(try await client.call(cibaPath(endpoint), headers: [.authorization: "Bearer bad"], body: "{}"),
                         status: 401, code: "A458101")
        try expectResult(try await client.call(cibaPath(endpoint, serviceId: "9999"), headers: goodBearer, body: "{}"),
                         status: 403, code: "A458203")
        try expectResult(try await client.call(cibaPath(endpoint, serviceId: nil),
                                               headers: [.authorization: basic("1000", "wrong")], body: "{}"),
                         status: 401, code: "A458101")
        try expectResult(try await client.call(cibaPath(endpoint), headers: [.authorization: "Bearer emulator-token",
                                                                             .contentType: "text/plain"], body: "x"),
                         status: 400, code: "A001201")
    }
}
