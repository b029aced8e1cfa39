/// Authlete's answer to a successful fail call: the body verbatim and its parsed form.
public struct FailResult: Sendable {
    public let body: String
    public let response: FailResponse
}

/// Calls Authlete's CIBA fail API. Safe to share between threads; connections are pooled and reused.
public final class AuthleteClient: Sendable {
    public let configuration: ClientConfiguration
    private let transport: CurlTransport
    private let retryPolicy: RetryPolicy
    /// baseURL + "/api/": the start of every request URL.
    private let apiPrefix: String

    public init(configuration: ClientConfiguration) throws(AuthleteError) {
        self.configuration = configuration
        retryPolicy = RetryPolicy(maxRetries: configuration.maxRetries)
        apiPrefix = configuration.baseURL + "/api/"
        let contentType = configuration.requestEncoding == .json ? "application/json" : "application/x-www-form-urlencoded"
        let authorization: String
        switch configuration.credentials {
        case .bearer(let token): authorization = "Bearer \(token)"
        case .basic(let apiKey, let apiSecret): authorization = "Basic \(Base64.encode("\(apiKey):\(apiSecret)"))"
        }
        transport = try CurlTransport(configuration: configuration, headerLines: [
            "Authorization: \(authorization)",
            "Content-Type: \(contentType)",
            "Accept: application/json",
            "Expect:", // no 100-continue round trip for larger bodies
        ])
    }

    /// The URL of the fail API for the service: v3 puts the service id in the path, v2 identifies the service by
    /// its API key, which must then equal `serviceID`.
    public func failURL(serviceID: String) throws(AuthleteError) -> String {
        guard TextRules.isPathSafeServiceID(serviceID) else {
            throw .invalid("service id must be 1 to 128 of A-Z a-z 0-9 - . _ ~ (one path segment)")
        }
        switch configuration.credentials {
        case .bearer:
            return Self.joined(apiPrefix, serviceID, "/backchannel/authentication/fail")
        case .basic(let apiKey, _):
            guard apiKey == serviceID else { throw .invalid("with apiVersion 2 the service id must equal the apiKey") }
            return Self.joined(apiPrefix, "", "backchannel/authentication/fail")
        }
    }

    /// Three pieces in one allocation: this runs on every call, where appends or interpolation cost several times
    /// more (callgrind).
    private static func joined(_ first: String, _ second: String, _ third: StaticString) -> String {
        var first = first, second = second
        let count = first.utf8.count + second.utf8.count + third.utf8CodeUnitCount
        return first.withUTF8 { head in
            second.withUTF8 { middle in
                String(unsafeUninitializedCapacity: count) { buffer in
                    var offset = 0
                    func copy(_ piece: UnsafeBufferPointer<UInt8>) {
                        guard let source = piece.baseAddress, let target = buffer.baseAddress else { return }
                        (target + offset).update(from: source, count: min(piece.count, buffer.count - offset))
                        offset += min(piece.count, buffer.count - offset)
                    }
                    copy(head)
                    copy(middle)
                    copy(UnsafeBufferPointer(start: third.utf8Start, count: third.utf8CodeUnitCount))
                    return offset
                }
            }
        }
    }

    /// Rejects a backchannel authentication request given as JSON (see FailRequest(json:)). Once checked, a JSON
    /// request is sent as the caller wrote it: re-encoding it would only cost time.
    public func cibaFail(serviceID: String, requestJSON: String) throws(AuthleteError) -> FailResult {
        do {
            let request = try FailRequest(json: requestJSON)
            let body = configuration.requestEncoding == .json ? Array(requestJSON.utf8) : request.formBytes
            return try send(url: try failURL(serviceID: serviceID), body: body)
        } catch {
            // Also for a detail naming an unknown key or reason, in case the caller pasted a credential there.
            throw error.redacting(configuration.secrets)
        }
    }

    /// `error` with the client's token and API secret taken out of its detail (for errors raised outside the
    /// client's own calls, such as checking C arguments).
    package func redacted(_ error: AuthleteError) -> AuthleteError { error.redacting(configuration.secrets) }

    /// Rejects a backchannel authentication request: POSTs it and returns Authlete's answer. Errors carry a
    /// status; `.api` errors carry Authlete's body. No error detail ever contains the token or the API secret.
    public func cibaFail(serviceID: String, request: FailRequest) throws(AuthleteError) -> FailResult {
        do {
            let body = configuration.requestEncoding == .json ? request.jsonBytes : request.formBytes
            return try send(url: try failURL(serviceID: serviceID), body: body)
        } catch {
            throw error.redacting(configuration.secrets)
        }
    }

    private func send(url: String, body: [UInt8]) throws(AuthleteError) -> FailResult {
        let deadline = SystemCalls.monotonicMilliseconds() + configuration.timeoutMs
        var retry = 0
        while true {
            let remaining = deadline - SystemCalls.monotonicMilliseconds()
            guard remaining > 0 else { throw AuthleteError(.timeout, "timed out after \(configuration.timeoutMs) ms: \(url)") }
            let attempt = transport.post(url: url, body: body, timeoutMs: remaining,
                                         connectTimeoutMs: min(configuration.connectTimeoutMs, remaining))
            let failure: AuthleteError
            let retryAfter: Int?
            switch attempt {
            case .answered(let status, let text, _, _) where (200...299).contains(status):
                guard let text else { throw .protocolViolation("Authlete's answer is not valid UTF-8") }
                return FailResult(body: text, response: try FailResponse(json: text))
            case .answered(let status, _, let rawBody, let retryAfterHeader):
                failure = Self.apiError(status: status, body: rawBody, url: url)
                guard RetryPolicy.retryableStatuses.contains(status) else { throw failure }
                retryAfter = RetryPolicy.parseRetryAfter(retryAfterHeader)
            case .failed(let error, let retryable):
                guard retryable else { throw error }
                failure = error
                retryAfter = nil
            }
            guard retry < retryPolicy.maxRetries else { throw failure }
            let delay = retryPolicy.delayMs(retry: retry, retryAfterSeconds: retryAfter)
            // Waiting past the deadline only to time out would hide the real failure.
            guard delay < deadline - SystemCalls.monotonicMilliseconds() else { throw failure }
            SystemCalls.sleep(milliseconds: delay)
            retry += 1
        }
    }

    /// Authlete's non-2xx answer: the detail names the status and its resultCode/resultMessage when there are any.
    static func apiError(status: Int, body: String, url: String) -> AuthleteError {
        var detail = "Authlete answered HTTP \(status)"
        if (300...399).contains(status) { detail += " (a redirect, never followed)" }
        if let members = try? JSONObject.read(body, keys: ["resultCode", "resultMessage"]) {
            if let code = members[0]?.string { detail += " \(code)" }
            if let message = members[1]?.string { detail += ": \(message)" }
        }
        return AuthleteError(.api, "\(detail) (\(url))", body: body)
    }
}
