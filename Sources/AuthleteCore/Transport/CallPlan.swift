/// One call's course, apart from how its HTTP attempts are carried out: the deadline, the timeouts of each
/// attempt, and after each attempt whether the call is done, failed, or retried after a wait. The blocking client
/// drives it with curl_easy_perform; a driver on libcurl's multi interface can drive the same plan.
struct CallPlan {
    enum Verdict {
        /// Authlete's 2xx body (valid UTF-8), for the caller to read.
        case done(String)
        /// Try again after this many milliseconds.
        case retry(delayMs: Int)
    }

    let url: String
    let retryPolicy: RetryPolicy
    let timeoutMs: Int
    let connectTimeoutMs: Int
    private let deadline: Int
    private var retry = 0

    init(url: String, retryPolicy: RetryPolicy, timeoutMs: Int, connectTimeoutMs: Int) {
        self.url = url
        self.retryPolicy = retryPolicy
        self.timeoutMs = timeoutMs
        self.connectTimeoutMs = connectTimeoutMs
        deadline = SystemCalls.monotonicMilliseconds() + timeoutMs
    }

    /// The limits of the next attempt, or a timeout when the deadline has passed.
    func nextAttempt() throws(AuthleteError) -> (timeoutMs: Int, connectTimeoutMs: Int) {
        let remaining = deadline - SystemCalls.monotonicMilliseconds()
        guard remaining > 0 else { throw AuthleteError(.timeout, "timed out after \(timeoutMs) ms: \(url)") }
        return (remaining, min(connectTimeoutMs, remaining))
    }

    /// What an attempt means. Only what Authlete cannot have processed is retried: a failed connection, 429, 502,
    /// 503, 504 (every CIBA call changes a ticket's state, so a processed call must never be sent twice).
    mutating func judge(_ attempt: Attempt) throws(AuthleteError) -> Verdict {
        let failure: AuthleteError
        let retryAfter: Int?
        switch attempt {
        case .answered(let status, let text, _, _) where (200...299).contains(status):
            guard let text else { throw .protocolViolation("Authlete's answer is not valid UTF-8") }
            return .done(text)
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
        retry += 1
        return .retry(delayMs: delay)
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
