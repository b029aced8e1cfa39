// /backchannel/authentication/issue: OK with the auth_req_id, expiresIn and interval of the service's settings;
// INVALID_TICKET for an unknown, another service's or already issued ticket; INTERNAL_SERVER_ERROR without one.
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Test func issueAnswersOKWithTheAuthReqId() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let ticket = try #require(try await client.authenticatePoll().json["ticket"] as? String)
        let answer = try await client.issue(ticket)
        #expect(answer.status == 200)
        let json = try answer.json
        #expect(json["resultCode"] as? String == "A183001")
        #expect(json["resultMessage"] as? String == "[A183001] An auth_req_id was issued successfully.")
        #expect(json["action"] as? String == "OK")
        let authReqId = try #require(json["authReqId"] as? String)
        #expect(authReqId.utf8.count == 43)
        #expect(json["expiresIn"] as? Int == 600)  // the default authReqIdDuration
        #expect(json["interval"] as? Int == 5)  // the default pollingInterval
        let content = try parseResponseContent(answer)
        #expect(content["auth_req_id"] as? String == authReqId)
        #expect(content["expires_in"] as? Int == 600)
        #expect(content["interval"] as? Int == 5)
        #expect(content.count == 3)
        let view = try await client.ticketView(ticket).json
        #expect(view["state"] as? String == "issued")
        #expect(view["authReqId"] as? String == authReqId)
    }
}

@Test func issueUsesTheServicesDurations() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let service = #"{"serviceId":"3200","tokens":["t3200"],"ciba":{"authReqIdDuration":90,"pollingInterval":0}}"#
        #expect(try await client.call("/_emulator/services", body: service).status == 201)
        let headers: HTTPFields = [.authorization: "Bearer t3200"]
        let created = try await client.authenticate("scope=openid&login_hint=john&requested_expiry=30",
                                                    basicId: "poll-client", basicSecret: "poll-secret",
                                                    headers: headers, path: cibaPath("", serviceId: "3200"))
        let ticket = try #require(try created.json["ticket"] as? String)
        let answer = try await client.issue(ticket, headers: headers, path: cibaPath("issue", serviceId: "3200"))
        #expect(try answer.json["expiresIn"] as? Int == 90)  // requested_expiry is not honoured by default
        #expect(try answer.json["interval"] as? Int == 0)
        #expect(try parseResponseContent(answer)["interval"] as? Int == 0)
    }
}

@Test func honourRequestedExpiryIsASwitch() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let service = #"{"serviceId":"3201","tokens":["t3201"],"ciba":{"honourRequestedExpiry":true}}"#
        #expect(try await client.call("/_emulator/services", body: service).status == 201)
        let headers: HTTPFields = [.authorization: "Bearer t3201"]
        for (extra, expected) in [("&requested_expiry=30", 30), ("", 600)] {
            let created = try await client.authenticate("scope=openid&login_hint=john" + extra,
                                                        basicId: "poll-client", basicSecret: "poll-secret",
                                                        headers: headers, path: cibaPath("", serviceId: "3201"))
            let ticket = try #require(try created.json["ticket"] as? String)
            let answer = try await client.issue(ticket, headers: headers, path: cibaPath("issue", serviceId: "3201"))
            #expect(try answer.json["expiresIn"] as? Int == expected)
            #expect(try parseResponseContent(answer)["expires_in"] as? Int == expected)
        }
    }
}

@Test func issueOfAnUnknownTicketIsInvalidTicket() async throws {
    try await makeApp(makeEmulator(twoServices)).test(.router) { client in
        let unknown = try await client.issue("never-issued")
        #expect(unknown.status == 200)
        #expect(try actionAndError(unknown) == ("INVALID_TICKET", "server_error"))
        #expect(try unknown.json["authReqId"] == nil)
        // Another service's ticket is unknown to this one, and stays usable by its owner.
        let created = try await client.call("/_emulator/tickets", body: #"{"serviceId":"2000","ticket":"t-2000"}"#)
        #expect(created.status == 201)
        #expect(try actionAndError(try await client.issue("t-2000")) == ("INVALID_TICKET", "server_error"))
        let owner = try await client.issue("t-2000", headers: [.authorization: "Bearer token-2000"],
                                           path: cibaPath("issue", serviceId: "2000"))
        #expect(try owner.json["action"] as? String == "OK")
    }
}

@Test func issueWithoutTicketIsInternalServerError() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        for body in ["{}", #"{"ticket":null}"#] {
            let answer = try await client.call(cibaPath("issue"), headers: goodBearer, body: body)
            #expect(try actionAndError(answer) == ("INTERNAL_SERVER_ERROR", "server_error"))
        }
        try expectResult(try await client.call(cibaPath("issue"), headers: goodBearer, body: #"{"ticket":7}"#),
                         status: 400, code: "A001201")
    }
}

@Test func issueOverV2WithAFormBody() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let ticket = try #require(try await client.authenticatePoll().json["ticket"] as? String)
        let encoded = ticket.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let answer = try await client.call(cibaPath("issue", serviceId: nil),
                                           headers: [.authorization: basic("1000", "emulator-secret"),
                                                     .contentType: "application/x-www-form-urlencoded"],
                                           body: "ticket=\(encoded)")
        #expect(try answer.json["action"] as? String == "OK")
    }
}
