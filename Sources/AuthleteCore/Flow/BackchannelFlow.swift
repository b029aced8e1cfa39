/// One backchannel authentication request from its client's HTTP request to the HTTP answer the client gets, in
/// the order of the CIBA flow: /backchannel/authentication, then the host identifies the user and either rejects
/// (/fail) or accepts (/issue). Whatever fails on the way, the answer is complete: `HTTPAnswer.serverError` then,
/// and the error (for the host's log) is thrown. Used by one thread at a time.
public final class BackchannelFlow {
    public enum Stage: Int32, Sendable {
        /// Nothing called yet.
        case new = 0
        /// The request is valid: the host identifies the user, then calls `reject` or `accept`.
        case identifyUser = 1
        /// `answer` is final.
        case answered = 2
    }

    public private(set) var stage = Stage.new
    public private(set) var answer: HTTPAnswer?
    /// /backchannel/authentication's answer, once Authlete gave one.
    public private(set) var authentication: ParsedResponse?
    /// /issue's answer, once the request was accepted and Authlete answered.
    public private(set) var issue: ParsedResponse?
    /// Authlete's bodies of the two, verbatim (for bindings that read an answer whole, and for logs).
    public private(set) var authenticationBody: String?
    public private(set) var issueBody: String?
    private var client: AuthleteClient?
    private var serviceID = ""

    public init() {}

    /// The challenge of an UNAUTHORIZED answer (authlete-java-jaxrs's constant: Authlete documents none).
    static let challenge = HTTPAnswer.Header(name: "WWW-Authenticate", value: #"Basic realm="backchannel/authentication""#)

    /// Calls /backchannel/authentication with what the client sent.
    public func start(client: AuthleteClient, serviceID: String, request: CheckedRequest) throws(AuthleteError) {
        guard stage == .new else { throw .invalid("the flow has already started") }
        self.client = client
        self.serviceID = serviceID
        try finishing { () throws(AuthleteError) in
            let result = try client.call(.cibaAuthentication, serviceID: serviceID, request: request)
            let response = result.response
            authentication = response
            authenticationBody = result.body
            guard response.action != CibaAuthenticationAction.userIdentification else {
                guard response.text(CibaAuthenticationMember.ticket) != nil else {
                    throw .protocolViolation("Authlete's USER_IDENTIFICATION answer has no ticket")
                }
                stage = .identifyUser
                return nil
            }
            var extra: [HTTPAnswer.Header] = []
            if response.action == CibaAuthenticationAction.unauthorized { extra.append(Self.challenge) }
            if let challenge = response.text(CibaAuthenticationMember.attestationChallenge) {
                guard TextRules.isHeaderSafe(challenge) else {
                    throw .protocolViolation("Authlete's attestationChallenge is not visible ASCII")
                }
                extra.append(HTTPAnswer.Header(name: "OAuth-Client-Attestation-Challenge", value: challenge))
            }
            return try Self.answer(response, content: CibaAuthenticationMember.responseContent, extra: extra)
        }
    }

    /// The user could not be identified or the request is refused: /fail with the reason.
    public func reject(_ reason: FailReason, errorDescription: String? = nil, errorURI: String? = nil) throws(AuthleteError) {
        let (client, ticket) = try waitingForUser()
        let request = try FailRequest(ticket: ticket, reason: reason, errorDescription: errorDescription, errorURI: errorURI)
        try finishing { () throws(AuthleteError) in
            let body = client.configuration.requestEncoding == .json ? request.jsonBytes : request.formBytes
            let response = try client.call(.cibaFail, serviceID: serviceID, encodedBody: body).response
            return try Self.answer(response, content: CibaFailMember.responseContent)
        }
    }

    /// The user is identified and every check passed: /issue, and the client gets its auth_req_id.
    public func accept() throws(AuthleteError) {
        let (client, ticket) = try waitingForUser()
        try finishing { () throws(AuthleteError) in
            let request = try CheckedRequest(Endpoint.cibaIssue.request, values: [.text(ticket)])
            let result = try client.call(.cibaIssue, serviceID: serviceID, request: request)
            let response = result.response
            issue = response
            issueBody = result.body
            return try Self.answer(response, content: CibaIssueMember.responseContent)
        }
    }

    /// Ends a flow that could not start (the host's arguments were unusable) with the server error.
    public func fail() {
        guard stage != .answered else { return }
        answer = .serverError
        stage = .answered
    }

    private func waitingForUser() throws(AuthleteError) -> (AuthleteClient, String) {
        guard stage == .identifyUser, let client, let ticket = authentication?.text(CibaAuthenticationMember.ticket) else {
            throw .invalid(stage == .new ? "the flow has not started" : "the flow already has its answer")
        }
        return (client, ticket)
    }

    /// Runs one step: an answer ends the flow, nil leaves it waiting; a failure ends it with the server error.
    private func finishing(_ step: () throws(AuthleteError) -> HTTPAnswer?) throws(AuthleteError) {
        do {
            guard let final = try step() else { return }
            answer = final
            stage = .answered
        } catch {
            answer = .serverError
            stage = .answered
            throw error
        }
    }

    /// The answer for an action: its HTTP status and responseContent, which Authlete must have given.
    private static func answer(_ response: ParsedResponse, content: Int, extra: [HTTPAnswer.Header] = []) throws(AuthleteError) -> HTTPAnswer {
        guard response.httpStatus != 0, let body = response.text(content) else {
            throw .protocolViolation("Authlete's answer has no responseContent for the client")
        }
        return .content(response.httpStatus, body, extra: extra)
    }
}
