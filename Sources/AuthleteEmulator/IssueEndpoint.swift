// POST .../backchannel/authentication/issue: a created, unexpired ticket of the service becomes issued and gets an
// auth_req_id that lives expiresIn seconds (the ticket with it); anything else is INVALID_TICKET.

enum IssueEndpoint {
    static let schema = RequestSchema(["ticket": .string])

    static func answer(_ call: EndpointCall) -> [UInt8] {
        guard let ticket = call.fields.string("ticket") else {
            return ActionBody.error(.issueTicketMissing, action: "INTERNAL_SERVER_ERROR", error: "server_error")
        }
        let ciba = call.service.ciba
        let now = call.emulator.clock.now
        let authReqId = TicketStore.generate()
        var expiresIn = ciba.authReqIdDuration
        let result = call.emulator.tickets.advance(ticket, serviceId: call.service.serviceId, from: .created, at: now) {
            record in
            if ciba.honourRequestedExpiry, record.requestedExpiry > 0 { expiresIn = record.requestedExpiry }
            record.state = .issued
            record.authReqId = authReqId
            record.expiresAt = now + .seconds(expiresIn)
        }
        if case .failure(let refusal) = result {
            return ActionBody.error(.issueTicketInvalid, action: "INVALID_TICKET", error: "server_error",
                                    description: "The ticket \(refusal.rawValue).")
        }
        let content = JSONWriter.text([("auth_req_id", .string(authReqId)), ("expires_in", .int(expiresIn)),
                                       ("interval", .int(ciba.pollingInterval))])
        return ActionBody.make(.issueSuccess, action: "OK", responseContent: content, [
            ("authReqId", .string(authReqId)), ("expiresIn", .int(expiresIn)), ("interval", .int(ciba.pollingInterval)),
        ])
    }
}
