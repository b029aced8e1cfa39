/// Authlete's answer to a successful call: the body verbatim and its parsed form.
public struct CallResult: Sendable {
    public let body: String
    public let response: ParsedResponse
}

/// Calls Authlete's APIs. Safe to share between threads; connections are pooled and reused.
public final class AuthleteClient: Sendable {
    public let configuration: ClientConfiguration
    private let transport: CurlTransport
    private let notifier: NotificationSender
    private let retryPolicy: RetryPolicy
    /// baseURL + "/api/": the start of every request URL.
    private let apiPrefix: String

    public init(configuration: ClientConfiguration) throws(AuthleteError) {
        self.configuration = configuration
        retryPolicy = RetryPolicy(maxRetries: configuration.maxRetries)
        apiPrefix = configuration.baseURL + "/api/"
        let contentType = configuration.requestEncoding == .json ? "application/json" : "application/x-www-form-urlencoded"
        transport = try CurlTransport(configuration: configuration, headerLines: [
            "Content-Type: \(contentType)",
            "Accept: application/json",
            "Expect:", // no 100-continue round trip for larger bodies
        ])
        notifier = try NotificationSender(userAgent: configuration.userAgent, caFile: configuration.caFile)
    }

    /// The URL of an endpoint for the service: v3 puts the service id in the path, v2 identifies the service by its
    /// API key, which must then equal `serviceID`.
    public func url(_ endpoint: Endpoint, serviceID: String) throws(AuthleteError) -> String {
        guard TextRules.isPathSafeServiceID(serviceID) else {
            throw .invalid("service id must be 1 to 128 of A-Z a-z 0-9 - . _ ~ (one path segment)")
        }
        switch configuration.credentials {
        case .bearer:
            return Self.joined(apiPrefix, serviceID, "/", endpoint.path)
        case .basic(let apiKey, _):
            guard apiKey == serviceID else { throw .invalid("with apiVersion 2 the service id must equal the apiKey") }
            return Self.joined(apiPrefix, "", "", endpoint.path)
        }
    }

    /// Four pieces in one allocation: this runs on every call, where appends or interpolation cost several times
    /// more (callgrind).
    private static func joined(_ first: String, _ second: String, _ third: StaticString, _ fourth: StaticString) -> String {
        var first = first, second = second
        let count = first.utf8.count + second.utf8.count + third.utf8CodeUnitCount + fourth.utf8CodeUnitCount
        return first.withUTF8 { head in
            second.withUTF8 { middle in
                String(unsafeUninitializedCapacity: count) { buffer in
                    var offset = 0
                    func copy(_ piece: UnsafeBufferPointer<UInt8>) {
                        guard let source = piece.baseAddress, let target = buffer.baseAddress else { return }
                        let size = min(piece.count, buffer.count - offset)
                        (target + offset).update(from: source, count: size)
                        offset += size
                    }
                    copy(head)
                    copy(middle)
                    copy(UnsafeBufferPointer(start: third.utf8Start, count: third.utf8CodeUnitCount))
                    copy(UnsafeBufferPointer(start: fourth.utf8Start, count: fourth.utf8CodeUnitCount))
                    return offset
                }
            }
        }
    }

    /// Calls an endpoint with a request given as JSON, checked by the endpoint's request schema, and hands back
    /// Authlete's body (parsed, and left in `AnswerMemo` for the parse that follows). Once checked, a JSON request
    /// is sent as the caller wrote it: re-encoding it would only cost time.
    public func callForBody(_ endpoint: Endpoint, serviceID: String, requestJSON: String) throws(AuthleteError) -> String {
        do {
            let request = try CheckedRequest(endpoint.request, json: requestJSON)
            let body = configuration.requestEncoding == .json ? Array(requestJSON.utf8) : try request.formBytes()
            return try send(url: try url(endpoint, serviceID: serviceID), body: body) { text throws(AuthleteError) in
                AnswerMemo.leave(try endpoint.response.parse(text), body: text, schema: endpoint.response)
                return text
            }
        } catch {
            // Also for a detail naming an unknown key or value, in case the caller pasted a credential there.
            throw error.redacting(configuration.secrets)
        }
    }

    /// Calls an endpoint with a checked request.
    public func call(_ endpoint: Endpoint, serviceID: String, request: CheckedRequest) throws(AuthleteError) -> CallResult {
        do {
            let body = configuration.requestEncoding == .json ? request.jsonBytes : try request.formBytes()
            return try send(url: try url(endpoint, serviceID: serviceID), body: body, reading: endpoint.response)
        } catch {
            throw error.redacting(configuration.secrets)
        }
    }

    /// Calls an endpoint with a body already written for the client's encoding (the fail call's typed request).
    package func call(_ endpoint: Endpoint, serviceID: String, encodedBody: [UInt8]) throws(AuthleteError) -> CallResult {
        do {
            return try send(url: try url(endpoint, serviceID: serviceID), body: encodedBody, reading: endpoint.response)
        } catch {
            throw error.redacting(configuration.secrets)
        }
    }

    /// Sends the notification of a /complete answer whose action is NOTIFICATION (ping and push): its
    /// responseContent to its clientNotificationEndpoint with its clientNotificationToken, within the client's
    /// timeouts. Any other answer has nothing to send (an invalid argument).
    public func notify(action: Int32, endpoint: String?, token: String?, content: String?) -> NotificationOutcome {
        guard action == CibaCompleteAction.notification else {
            return NotificationOutcome(httpStatus: 0, error: .invalid("only a NOTIFICATION answer of /complete has a notification to send"))
        }
        guard let url = endpoint, let token, let body = content else {
            return NotificationOutcome(httpStatus: 0, error: .protocolViolation(
                "Authlete's NOTIFICATION answer lacks clientNotificationEndpoint, clientNotificationToken or responseContent"))
        }
        let outcome = notifier.send(url: url, token: token, body: body, timeoutMs: configuration.timeoutMs,
                                    connectTimeoutMs: configuration.connectTimeoutMs)
        return NotificationOutcome(httpStatus: outcome.httpStatus, error: outcome.error?.redacting(configuration.secrets + [token]))
    }

    /// `error` with the client's token and API secret taken out of its detail (for errors raised outside the
    /// client's own calls, such as checking C arguments).
    package func redacted(_ error: AuthleteError) -> AuthleteError { error.redacting(configuration.secrets) }

    /// The blocking send: attempts, each judged by `CallPlan.judge`, with the waits it asks for in between. A
    /// non-blocking driver runs the same plan on its own event loop.
    private func send(url: String, body: [UInt8], reading schema: ResponseSchema) throws(AuthleteError) -> CallResult {
        try send(url: url, body: body) { text throws(AuthleteError) in CallResult(body: text, response: try schema.parse(text)) }
    }

    private func send<Answer>(url: String, body: [UInt8],
                              _ read: (String) throws(AuthleteError) -> Answer) throws(AuthleteError) -> Answer {
        var plan = CallPlan(url: url, retryPolicy: retryPolicy, timeoutMs: configuration.timeoutMs,
                            connectTimeoutMs: configuration.connectTimeoutMs)
        while true {
            let limits = try plan.nextAttempt()
            let attempt = transport.post(url: url, body: body, timeoutMs: limits.timeoutMs,
                                         connectTimeoutMs: limits.connectTimeoutMs)
            switch try plan.judge(attempt) {
            case .done(let text): return try read(text)
            case .retry(let delayMs): SystemCalls.sleep(milliseconds: delayMs)
            }
        }
    }
}
