// The ticket's life cycle: created -> issued -> completed, /fail in any state, each step once, expiry by the
// emulator's clock (moved through the admin API, never by sleeping).
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Test func issueTwiceIsInvalidTicket() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let ticket = try await client.issuedPollTicket()
        let again = try await client.issue(ticket)
        #expect(try actionAndError(again) == ("INVALID_TICKET", "server_error"))
        #expect(try await client.ticketView(ticket).json["state"] as? String == "issued")
    }
}

@Test func failAfterIssueDeletesTheTicket() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let ticket = try await client.issuedPollTicket()
        let fail = try await client.fail(try jsonBody(["ticket": ticket, "reason": "UNKNOWN_USER_ID"]))
        #expect(try actionAndError(fail) == ("BAD_REQUEST", "unknown_user_id"))
        #expect(try await client.ticketView(ticket).status == 404)
        #expect(try await client.ticketView(ticket).json["exists"] as? Bool == false)
        let complete = try await client.complete(["ticket": ticket, "result": "AUTHORIZED", "subject": "john"])
        #expect(try actionAndError(complete) == ("SERVER_ERROR", "server_error"))
    }
}

@Test func failBeforeIssueDeletesTheTicket() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let ticket = try #require(try await client.authenticatePoll().json["ticket"] as? String)
        _ = try await client.fail(try jsonBody(["ticket": ticket, "reason": "ACCESS_DENIED"]))
        #expect(try actionAndError(try await client.issue(ticket)) == ("INVALID_TICKET", "server_error"))
    }
}

@Test func completeTwiceIsServerErrorAndKeepsTheFirstOutcome() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let ticket = try await client.issuedPollTicket()
        let first = try await client.complete(["ticket": ticket, "result": "AUTHORIZED", "subject": "john"])
        #expect(try first.json["action"] as? String == "NO_ACTION")
        let second = try await client.complete(["ticket": ticket, "result": "ACCESS_DENIED"])
        #expect(try actionAndError(second) == ("SERVER_ERROR", "server_error"))
        let view = try await client.ticketView(ticket)
        #expect(view.status == 200)
        let json = try view.json
        #expect(json["state"] as? String == "completed")
        let outcome = try #require(json["outcome"] as? [String: Any])
        #expect(outcome["result"] as? String == "AUTHORIZED")
        #expect(outcome["subject"] as? String == "john")
        // A completed ticket cannot be issued again either; /fail still deletes it.
        #expect(try actionAndError(try await client.issue(ticket)) == ("INVALID_TICKET", "server_error"))
        _ = try await client.fail(try jsonBody(["ticket": ticket]))
        #expect(try await client.ticketView(ticket).status == 404)
    }
}

@Test func completeBeforeIssueIsServerError() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let ticket = try #require(try await client.authenticatePoll().json["ticket"] as? String)
        let answer = try await client.complete(["ticket": ticket, "result": "AUTHORIZED", "subject": "john"])
        #expect(try actionAndError(answer) == ("SERVER_ERROR", "server_error"))
        #expect(try await client.ticketView(ticket).json["state"] as? String == "created")
        #expect(try await client.issue(ticket).json["action"] as? String == "OK")  // still usable
    }
}

@Test func anUnissuedTicketExpiresByTheMovedClock() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let ticket = try #require(try await client.authenticatePoll().json["ticket"] as? String)
        // Margins of 10 s keep the real time that passes between the calls out of the result.
        let moved = try await client.advanceClock(590)
        #expect(moved.status == 200)
        #expect(try moved.json["offsetSeconds"] as? Int == 590)
        #expect(try await client.ticketView(ticket).json["expired"] as? Bool == false)
        #expect(try await client.advanceClock(10).json["offsetSeconds"] as? Int == 600)  // authReqIdDuration
        #expect(try await client.ticketView(ticket).json["expired"] as? Bool == true)
        #expect(try actionAndError(try await client.issue(ticket)) == ("INVALID_TICKET", "server_error"))
    }
}

@Test func anIssuedTicketExpiresWithItsAuthReqId() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let early = try #require(try await client.authenticatePoll().json["ticket"] as? String)
        _ = try await client.advanceClock(300)
        // Issued halfway through the ticket's life: the auth_req_id lives 600 s from now.
        #expect(try await client.issue(early).json["expiresIn"] as? Int == 600)
        _ = try await client.advanceClock(590)
        #expect(try await client.ticketView(early).json["expired"] as? Bool == false)
        _ = try await client.advanceClock(10)
        let late = try await client.complete(["ticket": early, "result": "AUTHORIZED", "subject": "john"])
        #expect(try actionAndError(late) == ("SERVER_ERROR", "server_error"))
        #expect(try await client.ticketView(early).json["state"] as? String == "issued")
    }
}

@Test func clockAdminErrorsAndGet() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        for body in ["{}", #"{"advanceSeconds":"5"}"#, #"{"advanceSeconds":1.5}"#, "nope",
                     #"{"advanceSeconds":99999999999999}"#] {
            #expect(try await client.call("/_emulator/clock", body: body).status == 400)
        }
        _ = try await client.advanceClock(-30)
        #expect(try await client.call("/_emulator/clock", method: .get).json["offsetSeconds"] as? Int == -30)
    }
}

@Test func adminTicketWithAClientRunsTheFlow() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let created = try await client.call("/_emulator/tickets",
                                            body: #"{"serviceId":"1000","ticket":"admin-1","clientId":1002}"#)
        #expect(created.status == 201)
        #expect(try await client.ticketView("admin-1").json["state"] as? String == "created")
        #expect(try await client.ticketView("admin-1").json["deliveryMode"] as? String == "PING")
        #expect(try await client.issue("admin-1").json["action"] as? String == "OK")
        let done = try await client.complete(["ticket": "admin-1", "result": "ACCESS_DENIED"])
        #expect(try done.json["action"] as? String == "NOTIFICATION")
        // Without a client the ticket completes as a poll ticket; an unknown client is refused.
        #expect(try await client.call("/_emulator/tickets", body: #"{"serviceId":"1000","clientId":77}"#).status == 404)
        for wrongType in [#"{"serviceId":"1000","clientId":"1002"}"#, #"{"serviceId":"1000","clientId":1002.5}"#] {
            #expect(try await client.call("/_emulator/tickets", body: wrongType).status == 400)
        }
        _ = try await client.call("/_emulator/tickets", body: #"{"serviceId":"1000","ticket":"admin-2"}"#)
        _ = try await client.issue("admin-2")
        let poll = try await client.complete(["ticket": "admin-2", "result": "AUTHORIZED", "subject": "s"])
        #expect(try poll.json["action"] as? String == "NO_ACTION")
    }
}
