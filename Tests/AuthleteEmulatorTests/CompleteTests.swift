// /backchannel/authentication/complete: every delivery mode with every result (the action, the result code and
// message naming mode and result, the notification body), the tokens of push mode, and the refusals.
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A ticket of the given default client, issued; answers (ticket, auth_req_id).
func issuedTicket(_ client: some TestClientProtocol, mode: String) async throws -> (String, String) {
    let parameters: String
    var user: String?, secret: String?
    switch mode {
    case "POLL": (parameters, user, secret) = ("scope=openid+email&login_hint=john", "poll-client", "poll-secret")
    case "PING":
        (parameters, user, secret) = ("scope=openid&login_hint=john&client_notification_token=ping-cnt", "1002",
                                      "ping-secret")
    default:
        parameters = "scope=openid&login_hint=john&client_notification_token=push-cnt&client_id=1003"
            + "&client_secret=push-secret"
    }
    let created = try await client.authenticate(parameters, basicId: user, basicSecret: secret)
    let ticket = try #require(try created.json["ticket"] as? String)
    let issued = try await client.issue(ticket)
    return (ticket, try #require(try issued.json["authReqId"] as? String))
}

let modes = ["POLL", "PING", "PUSH"]
let results = ["AUTHORIZED", "ACCESS_DENIED", "TRANSACTION_FAILED"]

@Test(arguments: modes, results)
func completeAnswersByModeAndResult(mode: String, result: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let (ticket, authReqId) = try await issuedTicket(client, mode: mode)
        let answer = try await client.complete(["ticket": ticket, "result": result, "subject": "john",
                                                "errorDescription": "said no", "errorUri": "https://e.example/x"])
        #expect(answer.status == 200)
        let json = try answer.json
        #expect(json["resultCode"] as? String == "A198001")
        #expect(json["resultMessage"] as? String == "[A198001] Successfully updated the database so that the token "
            + "endpoint can generate tokens (mode = \(mode.lowercased()), result = \(result)).")
        #expect(json["deliveryMode"] as? String == mode)
        #expect(json["authReqId"] as? String == authReqId)
        switch mode {
        case "POLL":
            #expect(json["action"] as? String == "NO_ACTION")
            #expect(json["responseContent"] == nil)
            #expect(json["accessTokenDuration"] as? Int == 0)
            #expect(answer.body.contains(#""clientId":9007199254740993,"#))
        case "PING":
            #expect(json["action"] as? String == "NOTIFICATION")
            // Ping: the auth_req_id only, whatever the result.
            #expect(try parseResponseContent(answer) as? [String: String] == ["auth_req_id": authReqId])
            #expect(json["clientNotificationEndpoint"] as? String == "http://127.0.0.1:9/ciba/ping")
            #expect(json["clientNotificationToken"] as? String == "ping-cnt")
            #expect(json["clientId"] as? Int == 1002)
        default:
            #expect(json["action"] as? String == "NOTIFICATION")
            #expect(json["clientNotificationEndpoint"] as? String == "http://127.0.0.1:9/ciba/push")
            #expect(json["clientNotificationToken"] as? String == "push-cnt")
            let content = try parseResponseContent(answer)
            #expect(content["auth_req_id"] as? String == authReqId)
            if result == "AUTHORIZED" {
                #expect(content["token_type"] as? String == "Bearer")
                #expect(content["expires_in"] as? Int == 3600)
                #expect(content["access_token"] as? String == json["accessToken"] as? String)
                #expect(content["refresh_token"] as? String == json["refreshToken"] as? String)
                #expect(content["id_token"] as? String == json["idToken"] as? String)
                #expect(content["error"] == nil)
            } else {
                // ACCESS_DENIED -> access_denied; TRANSACTION_FAILED -> expired_token.
                #expect(content as? [String: String] == [
                    "auth_req_id": authReqId, "error": result == "ACCESS_DENIED" ? "access_denied" : "expired_token",
                    "error_description": "said no", "error_uri": "https://e.example/x",
                ])
                #expect(json["accessToken"] == nil)
            }
        }
        // The admin view shows the outcome as received.
        let view = try await client.ticketView(ticket).json
        #expect(view["state"] as? String == "completed")
        let outcome = try #require(view["outcome"] as? [String: Any])
        #expect(outcome["result"] as? String == result)
        #expect(outcome["subject"] as? String == "john")
        #expect(outcome["errorDescription"] as? String == "said no")
        #expect(view["completeAction"] as? String == json["action"] as? String)
    }
}

@Test func pushTokensFollowTheRequestAndTheService() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let (ticket, authReqId) = try await issuedTicket(client, mode: "PUSH")
        let answer = try await client.complete([
            "ticket": ticket, "result": "AUTHORIZED", "subject": "john", "sub": "pairwise-john", "acr": "urn:example:acr:high",
            "authTime": 1_700_000_000, "accessTokenDuration": 120, "accessToken": "my-access-token",
            "claims": #"{"given_name":"John"}"#, "idTokenAudType": "array", "scopes": ["openid"],
            "properties": [["key": "k", "value": "v", "hidden": false]],
        ])
        let json = try answer.json
        #expect(json["accessToken"] as? String == "my-access-token")
        #expect(json["accessTokenDuration"] as? Int == 120)
        #expect(json["refreshTokenDuration"] as? Int == 86400)
        #expect(json["idTokenDuration"] as? Int == 3600)
        let content = try parseResponseContent(answer)
        #expect(content["access_token"] as? String == "my-access-token")
        #expect(content["expires_in"] as? Int == 120)
        // The ID token is an unsigned JWT; its payload carries the claims given.
        let idToken = try #require(content["id_token"] as? String)
        let parts = idToken.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        var payload = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        let payloadData = try #require(Data(base64Encoded: payload))
        let claims = try #require(try JSONSerialization.jsonObject(with: payloadData) as? [String: Any])
        #expect(claims["sub"] as? String == "pairwise-john")
        #expect(claims["aud"] as? [String] == ["1003"])
        #expect(claims["acr"] as? String == "urn:example:acr:high")
        #expect(claims["auth_time"] as? Int == 1_700_000_000)
        #expect(claims["given_name"] as? String == "John")
        #expect(content["auth_req_id"] as? String == authReqId)
    }
}

@Test func noRefreshTokenWhenTheServiceGivesItNoLifetime() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let service = #"{"serviceId":"3300","tokens":["t3300"],"ciba":{"refreshTokenDuration":0}}"#
        #expect(try await client.call("/_emulator/services", body: service).status == 201)
        let headers: HTTPFields = [.authorization: "Bearer t3300"]
        let created = try await client.authenticate(
            "scope=openid&login_hint=john&client_notification_token=n&client_id=1003&client_secret=push-secret",
            headers: headers, path: cibaPath("", serviceId: "3300"))
        let ticket = try #require(try created.json["ticket"] as? String)
        _ = try await client.issue(ticket, headers: headers, path: cibaPath("issue", serviceId: "3300"))
        let answer = try await client.complete(["ticket": ticket, "result": "AUTHORIZED", "subject": "john"],
                                               headers: headers, path: cibaPath("complete", serviceId: "3300"))
        #expect(try parseResponseContent(answer)["refresh_token"] == nil)
        #expect(try answer.json["refreshToken"] == nil)
    }
}

@Test func authorizedWithoutSubject() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        // Poll: SERVER_ERROR, nothing recorded.
        let (poll, _) = try await issuedTicket(client, mode: "POLL")
        let refused = try await client.complete(["ticket": poll, "result": "AUTHORIZED"])
        #expect(try actionAndError(refused) == ("SERVER_ERROR", "server_error"))
        #expect(try await client.ticketView(poll).json["state"] as? String == "issued")
        // Push: the record was loaded, so the client is told: NOTIFICATION with server_error.
        let (push, authReqId) = try await issuedTicket(client, mode: "PUSH")
        let late = try await client.complete(["ticket": push, "result": "AUTHORIZED", "subject": ""])
        #expect(try late.json["action"] as? String == "NOTIFICATION")
        let content = try parseResponseContent(late)
        #expect(content["error"] as? String == "server_error")
        #expect(content["auth_req_id"] as? String == authReqId)
        #expect(try late.json["resultCode"] as? String != "A198001")
        // Ping: still the auth_req_id only.
        let (ping, pingId) = try await issuedTicket(client, mode: "PING")
        let pinged = try await client.complete(["ticket": ping, "result": "AUTHORIZED"])
        #expect(try parseResponseContent(pinged) as? [String: String] == ["auth_req_id": pingId])
        // The other results need no subject.
        let (denied, _) = try await issuedTicket(client, mode: "POLL")
        #expect(try await client.complete(["ticket": denied, "result": "ACCESS_DENIED"]).json["action"] as? String
            == "NO_ACTION")
    }
}

@Test(arguments: modes)
func completeOfAnUnknownTicketIsServerError(mode: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.complete(["ticket": "nope-\(mode)", "result": "AUTHORIZED", "subject": "john"])
        #expect(answer.status == 200)
        #expect(try actionAndError(answer) == ("SERVER_ERROR", "server_error"))
        let missing = try await client.complete(["result": "ACCESS_DENIED"])
        #expect(try actionAndError(missing) == ("SERVER_ERROR", "server_error"))
    }
}

@Test(arguments: [#"{"ticket":"t","result":"DENIED"}"#, #"{"ticket":"t"}"#, #"{"ticket":"t","result":"authorized"}"#,
                  #"{"ticket":"t","result":"AUTHORIZED","authTime":"1"}"#,
                  #"{"ticket":"t","result":"AUTHORIZED","authTime":1.5}"#,
                  #"{"ticket":"t","result":"AUTHORIZED","authTime":9223372036854775808}"#,
                  #"{"ticket":"t","result":"AUTHORIZED","scopes":"openid"}"#,
                  #"{"ticket":"t","result":"AUTHORIZED","properties":[1]}"#,
                  #"{"ticket":"t","result":"AUTHORIZED","claims":"{not json"}"#,
                  #"{"ticket":"t","result":"AUTHORIZED","idTokenAudType":"list"}"#])
func badCompleteBodiesAre400(body: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        try expectResult(try await client.call(cibaPath("complete"), headers: goodBearer, body: body),
                         status: 400, code: "A001201")
    }
}

@Test func completeFormBodyWithArraysOverV2() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let (ticket, _) = try await issuedTicket(client, mode: "POLL")
        let encoded = ticket.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let body = "ticket=\(encoded)&result=AUTHORIZED&subject=john&scopes=openid&scopes=email"
            + "&consentedClaims=email&authTime=1700000000"
        let answer = try await client.call(cibaPath("complete", serviceId: nil),
                                           headers: [.authorization: basic("1000", "emulator-secret"),
                                                     .contentType: "application/x-www-form-urlencoded"],
                                           body: body)
        #expect(try answer.json["action"] as? String == "NO_ACTION")
        let outcome = try #require(try await client.ticketView(ticket).json["outcome"] as? [String: Any])
        #expect(outcome["scopes"] as? [String] == ["openid", "email"])  // one key per element
        #expect(outcome["consentedClaims"] as? [String] == ["email"])
        #expect(outcome["authTime"] as? Int == 1_700_000_000)  // integers as their JSON text
        // Objects cannot be form-encoded; booleans must be true/false, integers digits.
        for bad in ["ticket=\(encoded)&result=AUTHORIZED&properties=x", "ticket=t&result=AUTHORIZED&authTime=soon"] {
            let refused = try await client.call(cibaPath("complete", serviceId: nil),
                                                headers: [.authorization: basic("1000", "emulator-secret"),
                                                          .contentType: "application/x-www-form-urlencoded"],
                                                body: bad)
            try expectResult(refused, status: 400, code: "A001201")
        }
    }
}
