internal import CAuthleteSupport

/// POSTs CIBA notifications (ping and push) to a client application's endpoint. Its handles are its own: nothing
/// of the Authlete requests (the token header above all) can reach a client's endpoint.
final class NotificationSender: Sendable {
    /// What the endpoint's answer may be; more is a failed notification (the body is ignored anyway).
    static let bodyLimit = 64 * 1024
    private let pool: HandlePool

    init(userAgent: String, caFile: String?) throws(AuthleteError) {
        pool = try HandlePool(bodyLimit: Self.bodyLimit) { handle in
            var ok = true
            func set(_ option: CURLoption, _ value: Int) { ok = ok && las_setopt_long(handle, option, value) == CURLE_OK }
            func set(_ option: CURLoption, _ text: String) {
                ok = ok && text.withCString { las_setopt_pointer(handle, option, $0) } == CURLE_OK
            }
            set(CURLOPT_POST, 1)
            set(CURLOPT_FOLLOWLOCATION, 0) // CIBA Core: the OP must not follow redirects
            set(CURLOPT_SSL_VERIFYPEER, 1)
            set(CURLOPT_SSL_VERIFYHOST, 2)
            set(CURLOPT_PROTOCOLS_STR, "http,https")
            set(CURLOPT_USERAGENT, userAgent)
            if let caFile { set(CURLOPT_CAINFO, caFile) }
            return ok
        }
    }

    /// POSTs `body` with the bearer token. Success is 200 or 204 (any body ignored); the sender never retries.
    func send(url: String, token: String, body: String, timeoutMs: Int, connectTimeoutMs: Int) -> NotificationOutcome {
        var status = 0
        do {
            try post(url: url, token: token, body: body, timeoutMs: timeoutMs, connectTimeoutMs: connectTimeoutMs,
                     status: &status)
            return NotificationOutcome(httpStatus: status, error: nil)
        } catch {
            return NotificationOutcome(httpStatus: status, error: error)
        }
    }

    private func post(url: String, token: String, body: String, timeoutMs: Int, connectTimeoutMs: Int,
                      status: inout Int) throws(AuthleteError) {
        switch url.withCString({ las_check_notification_url($0) }) {
        case LAS_URL_OK: break
        case LAS_URL_INSECURE:
            throw AuthleteError(.notification, "refused to notify \(url): plain http is allowed to loopback hosts only")
        case LAS_URL_NO_MEMORY: throw AuthleteError(.noMemory, "out of memory")
        default: throw AuthleteError(.notification, "the client's notification endpoint is not an http(s) URL: \(url)")
        }
        guard TextRules.isHeaderSafe(token), !token.isEmpty else {
            throw .protocolViolation("Authlete's clientNotificationToken is empty or not visible ASCII")
        }
        let headers = try HeaderList(["Content-Type: application/json", "Expect:"])
        let handle = try pool.checkout()
        defer { pool.checkin(handle) }
        las_handle_reset_response(handle)
        let bytes = Array(body.utf8)
        let code: CURLcode = bytes.withUnsafeBufferPointer { buffer in
            var setup = url.withCString { las_setopt_url(handle, $0) }
            if setup == CURLE_OK { setup = las_setopt_pointer(handle, CURLOPT_HTTPHEADER, headers.list) }
            // libcurl writes the Authorization line itself.
            if setup == CURLE_OK { setup = token.withCString { las_setopt_bearer(handle, $0) } }
            if setup == CURLE_OK { setup = las_setopt_long(handle, CURLOPT_TIMEOUT_MS, timeoutMs) }
            if setup == CURLE_OK { setup = las_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, connectTimeoutMs) }
            if setup == CURLE_OK { setup = las_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(buffer.count)) }
            if setup == CURLE_OK { setup = las_setopt_pointer(handle, CURLOPT_POSTFIELDS, buffer.baseAddress) }
            guard setup == CURLE_OK else { return setup }
            let result = curl_easy_perform(handle.pointee.curl)
            // The header list dies with this call: the handle must not keep a pointer to it.
            _ = las_setopt_pointer(handle, CURLOPT_HTTPHEADER, nil)
            return result
        }
        guard code == CURLE_OK else {
            let reason = code == CURLE_OPERATION_TIMEDOUT ? "timed out" : "failed"
            let text = String(validatingCString: curl_easy_strerror(code)) ?? ""
            throw AuthleteError(.notification, "the notification to \(url) \(reason): \(text) (libcurl error \(code.rawValue))")
        }
        _ = las_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        guard status == 200 || status == 204 else {
            let redirect = (300...399).contains(status) ? " (a redirect, never followed)" : ""
            throw AuthleteError(.notification, "the client's notification endpoint answered HTTP \(status)\(redirect): \(url)")
        }
    }
}

/// How a notification went: the endpoint's HTTP status (0 when it gave none) and the failure, nil on success.
public struct NotificationOutcome: Sendable {
    public let httpStatus: Int
    public let error: AuthleteError?
}
