// Ticket creation through the admin endpoint and deletion by fail calls, proven by the query endpoint.
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

func exists(_ client: some TestClientProtocol, _ ticket: String) async throws -> Answer {
    let encoded = ticket.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ticket
    return try await client.call("/_emulator/tickets/\(encoded)", method: .get)
}

@Test func generatedTicketIsDeletedByAFailCall() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let created = try await client.call("/_emulator/tickets", body: #"{"serviceId":"1000"}"#)
        #expect(created.status == 201)
        let ticket = try #require(try created.json["ticket"] as? String)
        #expect(try created.json["serviceId"] as? String == "1000")
        #expect(ticket.utf8.count == 43)
        #expect(ticket.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })

        let before = try await exists(client, ticket)
        #expect(before.status == 200)
        #expect(try before.json["exists"] as? Bool == true)
        #expect(try before.json["serviceId"] as? String == "1000")

        let fail = try await client.fail(#"{"ticket":"\#(ticket)","reason":"ACCESS_DENIED"}"#)
        #expect(fail.status == 200)

        let after = try await exists(client, ticket)
        #expect(after.status == 404)
        #expect(try after.json["exists"] as? Bool == false)
        #expect(try after.json["ticket"] as? String == ticket)
    }
}

@Test func givenTicketWithOddCharactersViaV2Form() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        let ticket = "a b+c/é\"?"
        let body = String(decoding: JSONWriter.object([("serviceId", .string("1000")), ("ticket", .string(ticket))]),
                          as: UTF8.self)
        let created = try await client.call("/_emulator/tickets", body: body)
        #expect(created.status == 201)
        #expect(try created.json["ticket"] as? String == ticket)
        #expect(try await exists(client, ticket).status == 200)
        let encoded = ticket.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let fail = try await client.fail("ticket=\(encoded)",
                                         headers: [.authorization: basic("1000", "emulator-secret"),
                                                   .contentType: "application/x-www-form-urlencoded"],
                                         path: v2Path)
        #expect(fail.status == 200)
        #expect(try await exists(client, ticket).status == 404)
    }
}

@Test func anotherServicesTicketIsNotDeleted() async throws {
    try await makeApp(makeEmulator(twoServices)).test(.router) { client in
        let created = try await client.call("/_emulator/tickets", body: #"{"serviceId":"2000","ticket":"t-2000"}"#)
        #expect(created.status == 201)
        let fail = try await client.fail(#"{"ticket":"t-2000"}"#)  // service 1000's token and path
        #expect(fail.status == 200)
        #expect(try await exists(client, "t-2000").status == 200)
        let unknown = try await client.fail(#"{"ticket":"never-issued","reason":"ACCESS_DENIED"}"#)
        #expect(unknown.status == 200)
        #expect(try unknown.json["action"] as? String == "FORBIDDEN")
    }
}

@Test func failedCallsDoNotDeleteTickets() async throws {
    try await makeApp(makeEmulator()).test(.router) { client in
        _ = try await client.call("/_emulator/tickets", body: #"{"serviceId":"1000","ticket":"keep"}"#)
        _ = try await client.fail(#"{"ticket":"keep"}"#, headers: [.authorization: "Bearer bad"])
        _ = try await client.fail(#"{"ticket":"keep","reason":"NOPE"}"#)
        _ = try await client.fail(#"{"ticket":"keep"}"#, headers: goodBearer.merging([.init("X-Emulator-Fault")!: "status=500"]))
        #expect(try await exists(client, "keep").status == 200)
    }
}

@Test func ticketAdminErrors() async throws {
    try await makeApp(makeEmulator(twoServices)).test(.router) { client in
        var statuses: [Int] = []
        for body in [#"{"serviceId":"9999"}"#, #"{"serviceId":1000}"#, "nope", #"{"serviceId":"1000","ticket":"x"}"#,
                     #"{"serviceId":"1000","ticket":"x"}"#, #"{"serviceId":"2000","ticket":"x"}"#,
                     #"{"serviceId":"1000","ticket":""}"#] {
            statuses.append(try await client.call("/_emulator/tickets", body: body).status)
        }
        // unknown service, wrong type, not JSON, created, same again (idempotent), another service's, empty
        #expect(statuses == [404, 400, 400, 201, 201, 409, 400])
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var copy = self
        for field in other { copy[field.name] = field.value }
        return copy
    }
}
