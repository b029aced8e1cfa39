// /backchannel/authentication: each of Authlete's checks in order, with the exact action and `error` the project's
// CIBA facts give (client authentication, openid scope, one hint, notification token, requested_expiry, user code,
// binding message), and every member of the USER_IDENTIFICATION answer.
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Test func missingOrNullParametersIsInternalServerError() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        for body in [#"{"clientId":"poll-client","clientSecret":"poll-secret"}"#, #"{"parameters":null}"#] {
            let answer = try await client.call(cibaPath(""), headers: goodBearer, body: body)
            #expect(answer.status == 200)
            #expect(try actionAndError(answer) == ("INTERNAL_SERVER_ERROR", "server_error"))
            #expect(try answer.json["ticket"] == nil)
        }
    }
}

/// (parameters, Basic user, Basic secret, why): every way client authentication fails.
let unauthorizedCases: [(String, String?, String?, String)] = [
    ("login_hint=john&scope=openid", nil, nil, "no client named"),
    ("", nil, nil, "empty parameters: no client"),
    ("login_hint=john&scope=openid", "no-such-client", "x", "unknown alias"),
    ("login_hint=john&scope=openid", "424242", "x", "unknown id"),
    ("login_hint=john&scope=openid", "poll-client", "wrong", "wrong Basic secret"),
    ("login_hint=john&scope=openid", "poll-client", nil, "Basic without secret"),
    ("login_hint=john&scope=openid&client_id=poll-client", nil, nil, "no authentication (public)"),
    ("login_hint=john&scope=openid&client_id=poll-client&client_secret=poll-secret", nil, nil,
     "client_secret_post for a client_secret_basic client"),
    ("login_hint=john&scope=openid&client_id=push-client&client_notification_token=t", "push-client", "push-secret",
     "client_secret_basic for a client_secret_post client"),
    ("login_hint=john&scope=openid&client_id=push-client&client_secret=wrong&client_notification_token=t", nil, nil,
     "wrong post secret"),
    ("login_hint=john&scope=openid&client_id=1002", "poll-client", "poll-secret", "two different clients"),
]

@Test(arguments: unauthorizedCases)
func clientAuthenticationFailureIsUnauthorizedInvalidClient(parameters: String, user: String?, secret: String?,
                                                            why: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.authenticate(parameters, basicId: user, basicSecret: secret)
        #expect(answer.status == 200, "\(why)")
        #expect(try actionAndError(answer) == ("UNAUTHORIZED", "invalid_client"), "\(why)")
        #expect(try answer.json["ticket"] == nil, "\(why)")
    }
}

/// (extra parameters after an authenticated poll client's, action, error, why), in the order of the checks.
let badRequestCases: [(String, String, String)] = [
    ("login_hint=john", "invalid_scope", "no scope"),
    ("login_hint=john&scope=profile+email", "invalid_scope", "scope without openid"),
    ("login_hint=john&scope=openidx", "invalid_scope", "openid must be a whole scope"),
    ("scope=openid", "invalid_request", "no hint"),
    ("scope=openid&login_hint=", "invalid_request", "an empty hint is none"),
    ("scope=openid&login_hint=john&id_token_hint=x.y.z", "invalid_request", "two hints"),
    ("scope=openid&login_hint_token=t&id_token_hint=x.y.z&login_hint=john", "invalid_request", "three hints"),
    ("scope=openid&login_hint=john&requested_expiry=0", "invalid_request", "requested_expiry 0"),
    ("scope=openid&login_hint=john&requested_expiry=-5", "invalid_request", "negative requested_expiry"),
    ("scope=openid&login_hint=john&requested_expiry=abc", "invalid_request", "requested_expiry not a number"),
    ("scope=openid&login_hint=john&requested_expiry=99999999999", "invalid_request", "beyond int32"),
    ("scope=openid&login_hint=john&scope=openid", "invalid_request", "a repeated parameter"),
    ("scope=openid&login_hint=%zz", "invalid_request", "malformed parameters"),
]

@Test(arguments: badRequestCases)
func invalidRequestIsBadRequest(parameters: String, error: String, why: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.authenticate(parameters, basicId: DefaultClient.poll.alias,
                                                   basicSecret: DefaultClient.poll.secret)
        #expect(answer.status == 200, "\(why)")
        #expect(try actionAndError(answer) == ("BAD_REQUEST", error), "\(why)")
        #expect(try answer.json["ticket"] == nil, "\(why)")
    }
}

@Test func pingAndPushClientsNeedANotificationToken() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let ping = try await client.authenticate("scope=openid&login_hint=john", basicId: DefaultClient.ping.id,
                                                 basicSecret: DefaultClient.ping.secret)
        #expect(try actionAndError(ping) == ("BAD_REQUEST", "invalid_request"))
        let push = try await client.authenticate("scope=openid&login_hint=john&client_id=1003&client_secret=push-secret")
        #expect(try actionAndError(push) == ("BAD_REQUEST", "invalid_request"))
        let pushEmpty = try await client.authenticate(
            "scope=openid&login_hint=john&client_id=1003&client_secret=push-secret&client_notification_token=")
        #expect(try actionAndError(pushEmpty) == ("BAD_REQUEST", "invalid_request"))
    }
}

@Test func userCodeRequiredByClientAndService() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let missing = try await client.authenticate("scope=openid&login_hint=john", basicId: DefaultClient.userCode.id,
                                                    basicSecret: DefaultClient.userCode.secret)
        #expect(try actionAndError(missing) == ("BAD_REQUEST", "missing_user_code"))
        let given = try await client.authenticate("scope=openid&login_hint=john&user_code=1234",
                                                  basicId: DefaultClient.userCode.id,
                                                  basicSecret: DefaultClient.userCode.secret)
        #expect(try given.json["action"] as? String == "USER_IDENTIFICATION")
        #expect(try given.json["userCode"] as? String == "1234")
        #expect(try given.json["userCodeRequired"] as? Bool == true)
        // The service does not support user codes: the client's setting alone does not require one.
        let off = #"{"serviceId":"3100","tokens":["t3100"],"ciba":{"userCodeSupported":false}}"#
        #expect(try await client.call("/_emulator/services", body: off).status == 201)
        let notRequired = try await client.authenticate(
            "scope=openid&login_hint=john", basicId: DefaultClient.userCode.id, basicSecret: DefaultClient.userCode.secret,
            headers: [.authorization: "Bearer t3100"], path: cibaPath("", serviceId: "3100"))
        #expect(try notRequired.json["action"] as? String == "USER_IDENTIFICATION")
        #expect(try notRequired.json["userCodeRequired"] as? Bool == false)
    }
}

@Test func bindingMessageRequiredByTheService() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let service = #"{"serviceId":"3101","tokens":["t3101"],"ciba":{"bindingMessageRequired":true}}"#
        #expect(try await client.call("/_emulator/services", body: service).status == 201)
        let headers: HTTPFields = [.authorization: "Bearer t3101"]
        let path = cibaPath("", serviceId: "3101")
        let missing = try await client.authenticate("scope=openid&login_hint=john", basicId: "poll-client",
                                                    basicSecret: "poll-secret", headers: headers, path: path)
        #expect(try actionAndError(missing) == ("BAD_REQUEST", "invalid_request"))
        let given = try await client.authenticate("scope=openid&login_hint=john&binding_message=W4SCT",
                                                  basicId: "poll-client", basicSecret: "poll-secret",
                                                  headers: headers, path: path)
        #expect(try given.json["action"] as? String == "USER_IDENTIFICATION")
        #expect(try given.json["bindingMessage"] as? String == "W4SCT")
    }
}

@Test func checksRunInTheDocumentedOrder() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        // An unknown client with every other error too: client authentication comes first.
        let unknown = try await client.authenticate("", basicId: "nobody", basicSecret: "x")
        #expect(try actionAndError(unknown) == ("UNAUTHORIZED", "invalid_client"))
        // No scope and no hint: the scope check comes first.
        let both = try await client.authenticate("", basicId: "poll-client", basicSecret: "poll-secret")
        #expect(try actionAndError(both) == ("BAD_REQUEST", "invalid_scope"))
        // Two hints and no user code for the user-code client: the hint check comes first.
        let hints = try await client.authenticate("scope=openid&login_hint=a&login_hint_token=b", basicId: "1004",
                                                  basicSecret: "usercode-secret")
        #expect(try actionAndError(hints) == ("BAD_REQUEST", "invalid_request"))
    }
}

@Test func userIdentificationCarriesEveryMember() async throws {
    let emulator = makeEmulator()
    try await makeApp(emulator).test(.router) { client in
        // The poll client by alias over Basic; unregistered scopes and unsupported ACRs are dropped.
        let answer = try await client.authenticatePoll(
            "+email+unregistered+address&acr_values=urn:example:acr:high+urn:other&binding_message=Hello%20there"
                + "&requested_expiry=120&resource=https%3A%2F%2Frs.example%2Fa&resource=https%3A%2F%2Frs.example%2Fb")
        #expect(answer.status == 200)
        #expect(answer.headers[.contentType] == "application/json")
        let json = try answer.json
        #expect(json["resultCode"] as? String == "A179001")
        #expect(json["resultMessage"] as? String
            == "[A179001] The backchannel authentication request was processed successfully.")
        #expect(json["action"] as? String == "USER_IDENTIFICATION")
        let ticket = try #require(json["ticket"] as? String)
        #expect(ticket.utf8.count == 43)
        #expect(json["clientIdAlias"] as? String == "poll-client")
        #expect(json["clientIdAliasUsed"] as? Bool == true)
        #expect(json["clientName"] as? String == "Poll Client")
        #expect(json["clientAuthMethod"] as? String == "CLIENT_SECRET_BASIC")
        #expect(json["deliveryMode"] as? String == "POLL")
        let scopes = try #require(json["scopes"] as? [[String: Any]])
        #expect(scopes.map { $0["name"] as? String } == ["openid", "email", "address"])
        #expect(json["claimNames"] as? [String] == ["email", "email_verified", "address"])
        #expect(json["acrs"] as? [String] == ["urn:example:acr:high"])
        #expect(json["hintType"] as? String == "LOGIN_HINT")
        #expect(json["hint"] as? String == "john")
        #expect(json["sub"] == nil)
        #expect(json["bindingMessage"] as? String == "Hello there")
        #expect(json["requestedExpiry"] as? Int == 120)
        #expect(json["userCodeRequired"] as? Bool == false)
        #expect(json["userCode"] == nil)
        #expect(json["resources"] as? [String] == ["https://rs.example/a", "https://rs.example/b"])
        #expect(json["responseContent"] == nil)
        // 2^53 + 1 as an exact JSON integer: the text, not a double.
        #expect(answer.body.contains(#""clientId":9007199254740993,"#))
        // The ticket exists, created, for that client.
        let view = try await client.ticketView(ticket).json
        #expect(view["state"] as? String == "created")
        #expect(view["deliveryMode"] as? String == "POLL")
        #expect(try await client.ticketView(ticket).body.contains(#""clientId":9007199254740993"#))
    }
}

@Test func profileScopeExpandsToTheStandardClaims() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let json = try await client.authenticatePoll("+profile+phone").json
        // OpenID Connect Core 1.0 section 5.4.
        #expect(json["claimNames"] as? [String] == [
            "name", "family_name", "given_name", "middle_name", "nickname", "preferred_username", "profile", "picture",
            "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at", "phone_number",
            "phone_number_verified",
        ])
    }
}

@Test func idTokenHintGivesSubAndPingClientByNumericId() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        // Payload {"sub":"user-7"} in base64url; the signature is not checked.
        let hint = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyLTcifQ.c2ln"
        let answer = try await client.authenticate(
            "scope=openid&id_token_hint=\(hint)&client_notification_token=cnt-1&user_code=9",
            basicId: DefaultClient.ping.id, basicSecret: DefaultClient.ping.secret)
        let json = try answer.json
        #expect(json["action"] as? String == "USER_IDENTIFICATION")
        #expect(json["clientId"] as? Int == 1002)
        #expect(json["clientIdAliasUsed"] as? Bool == false)
        #expect(json["hintType"] as? String == "ID_TOKEN_HINT")
        #expect(json["hint"] as? String == hint)
        #expect(json["sub"] as? String == "user-7")
        #expect(json["deliveryMode"] as? String == "PING")
        #expect(json["clientNotificationToken"] as? String == "cnt-1")
        #expect(json["userCode"] as? String == "9")
        #expect(json["requestedExpiry"] as? Int == 0)
    }
}

@Test func pushClientAuthenticatesWithClientSecretPost() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.authenticate(
            "scope=openid&login_hint_token=lht&client_id=push-client&client_secret=push-secret&client_notification_token=n")
        let json = try answer.json
        #expect(json["action"] as? String == "USER_IDENTIFICATION")
        #expect(json["clientId"] as? Int == 1003)
        #expect(json["clientIdAliasUsed"] as? Bool == true)
        #expect(json["clientAuthMethod"] as? String == "CLIENT_SECRET_POST")
        #expect(json["hintType"] as? String == "LOGIN_HINT_TOKEN")
        #expect(json["deliveryMode"] as? String == "PUSH")
    }
}

@Test func requestOverV2WithFormBodyAndArrays() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        // The request's own form: parameters percent-encoded, clientCertificatePath as one key per element.
        let parameters = "scope=openid&login_hint=john".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let body = "parameters=\(parameters)&clientId=poll-client&clientSecret=poll-secret"
            + "&clientCertificatePath=a&clientCertificatePath=b"
        let answer = try await client.call(cibaPath("", serviceId: nil),
                                           headers: [.authorization: basic("1000", "emulator-secret"),
                                                     .contentType: "application/x-www-form-urlencoded"],
                                           body: body)
        #expect(answer.status == 200)
        #expect(try answer.json["action"] as? String == "USER_IDENTIFICATION")
    }
}

@Test(arguments: [#"{"parameters":1}"#, #"{"parameters":"","clientId":5}"#, #"{"clientCertificatePath":"pem"}"#,
                  #"{"clientCertificatePath":[1]}"#, #"{"cimdOptions":true}"#, "[]", "nope"])
func wrongTypedAuthenticationBodyIs400(body: String) async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let answer = try await client.call(cibaPath(""), headers: goodBearer, body: body)
        try expectResult(answer, status: 400, code: "A001201")
    }
}

@Test func nullsAreAbsentAndUnknownMembersIgnored() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let body = #"{"parameters":"scope=openid&login_hint=john","clientId":"poll-client","clientSecret":"poll-secret","clientCertificate":null,"clientCertificatePath":null,"cimdOptions":{"alwaysRetrieved":true},"future":[1]}"#
        let answer = try await client.call(cibaPath(""), headers: goodBearer, body: body)
        #expect(try answer.json["action"] as? String == "USER_IDENTIFICATION")
    }
}
