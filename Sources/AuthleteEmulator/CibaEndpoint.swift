// One description per CIBA endpoint: its name (for `on=` faults and stats), its path below /api (v2) and
// /api/{serviceId} (v3), the fields of its request body, the code and error action its fault bodies carry, and the
// function that answers an authenticated, decoded call with the 200 body. EndpointHandler runs every endpoint
// through the same steps.

public enum CibaEndpointName: String, CaseIterable, Sendable {
    case authentication, issue, fail, complete
}

/// What an endpoint's answer function gets: the emulator, the authenticated service (as it is now), the body.
struct EndpointCall {
    let emulator: Emulator
    let service: ServiceConfig
    let fields: RequestFields
}

struct CibaEndpoint: Sendable {
    let name: CibaEndpointName
    let path: String
    let schema: RequestSchema
    /// The resultCode of the endpoint's fault bodies (no-action, unknown-action, oversized, close-mid).
    let faultCode: ResultCode
    /// The action of the endpoint's oversized and close-mid fault bodies: its "Authlete failed" action.
    let serverErrorAction: String
    let answer: @Sendable (EndpointCall) throws(RequestBodyError) -> [UInt8]

    static let all: [CibaEndpoint] = [.authentication, .issue, .fail, .complete]

    static let fail = CibaEndpoint(
        name: .fail, path: "backchannel/authentication/fail", schema: FailRequest.schema,
        faultCode: .failSuccess, serverErrorAction: FailReason.serverError.action
    ) { (call) throws(RequestBodyError) in
        let request = try FailRequest(fields: call.fields)
        if let ticket = request.ticket { call.emulator.tickets.delete(ticket, serviceId: call.service.serviceId) }
        return ResponseContent.successBody(for: request)
    }

    static let authentication = CibaEndpoint(
        name: .authentication, path: "backchannel/authentication", schema: BackchannelAuthentication.schema,
        faultCode: .authenticationSuccess, serverErrorAction: "INTERNAL_SERVER_ERROR"
    ) { call in BackchannelAuthentication.answer(call) }

    static let issue = CibaEndpoint(
        name: .issue, path: "backchannel/authentication/issue", schema: IssueEndpoint.schema,
        faultCode: .issueSuccess, serverErrorAction: "INTERNAL_SERVER_ERROR"
    ) { call in IssueEndpoint.answer(call) }

    static let complete = CibaEndpoint(
        name: .complete, path: "backchannel/authentication/complete", schema: CompleteEndpoint.schema,
        faultCode: .completeSuccessFault, serverErrorAction: "SERVER_ERROR"
    ) { (call) throws(RequestBodyError) in try CompleteEndpoint.answer(call) }
}
