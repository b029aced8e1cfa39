internal import CAuthleteSupport
#if canImport(Glibc)
internal import Glibc
#endif

/// What one HTTP attempt gave.
enum Attempt {
    /// Authlete answered; `body` is valid UTF-8 or nil when it was not.
    case answered(status: Int, body: String?, rawBody: String, retryAfter: String?)
    /// No answer. `retryable` is true only when the request cannot have reached Authlete.
    case failed(AuthleteError, retryable: Bool)
}

/// POSTs bodies with libcurl on pooled handles. The options that never change are set once per handle.
final class CurlTransport: Sendable {
    private let pool: HandlePool
    private let headers: HeaderList

    init(configuration: ClientConfiguration, headerLines: [String]) throws(AuthleteError) {
        guard las_global_init() == CURLE_OK else { throw AuthleteError(.internal, "libcurl could not be initialised") }
        var lines = headerLines
        // The bearer token goes in the shared header list: CURLOPT_XOAUTH2_BEARER makes libcurl build the same line
        // again on every request (about 3,000 instructions per call under callgrind, 3 % of a fail call).
        if case .bearer(let token) = configuration.credentials { lines.append("Authorization: Bearer \(token)") }
        let headers = try HeaderList(lines)
        let userAgent = configuration.userAgent
        let caFile = configuration.caFile
        let credentials = configuration.credentials
        self.headers = headers
        pool = try HandlePool(bodyLimit: ResponseSchema.sizeLimit) { handle in
            CurlTransport.prepare(handle, headers: headers, userAgent: userAgent, caFile: caFile, credentials: credentials)
        }
    }

    private static func prepare(_ handle: HandlePool.Handle, headers: HeaderList, userAgent: String, caFile: String?,
                                credentials: ClientConfiguration.Credentials) -> Bool {
        var ok = true
        func set(_ option: CURLoption, _ value: Int) { ok = ok && las_setopt_long(handle, option, value) == CURLE_OK }
        func set(_ option: CURLoption, _ text: String) {
            // libcurl copies string options (CURLOPT_* strings are strdup'ed since 7.17).
            ok = ok && text.withCString { las_setopt_pointer(handle, option, $0) } == CURLE_OK
        }
        set(CURLOPT_POST, 1)
        set(CURLOPT_FOLLOWLOCATION, 0) // a redirect would carry the token elsewhere
        set(CURLOPT_SSL_VERIFYPEER, 1)
        set(CURLOPT_SSL_VERIFYHOST, 2)
        set(CURLOPT_MAXFILESIZE, ResponseSchema.sizeLimit)
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_USERAGENT, userAgent)
        // CAINFO replaces the bundle; the system's trust stays through the default CA path.
        if let caFile { set(CURLOPT_CAINFO, caFile) }
        ok = ok && las_setopt_pointer(handle, CURLOPT_HTTPHEADER, headers.list) == CURLE_OK
        // API v2: libcurl writes the Basic header from the API key and secret (no base64 encoder of our own).
        if case .basic(let apiKey, let apiSecret) = credentials {
            ok = ok && apiKey.withCString { key in apiSecret.withCString { las_setopt_basic(handle, key, $0) } } == CURLE_OK
        }
        return ok
    }

    /// One POST. The body's bytes live across the transfer (libcurl does not copy CURLOPT_POSTFIELDS).
    func post(url: String, body: [UInt8], timeoutMs: Int, connectTimeoutMs: Int) -> Attempt {
        let handle: HandlePool.Handle
        do {
            handle = try pool.checkout()
        } catch {
            return .failed(error, retryable: false)
        }
        defer { pool.checkin(handle) }
        las_handle_reset_response(handle)
        let code: CURLcode = body.withUnsafeBufferPointer { bytes in
            var setup = url.withCString { las_setopt_url(handle, $0) }
            if setup == CURLE_OK { setup = las_setopt_long(handle, CURLOPT_TIMEOUT_MS, timeoutMs) }
            if setup == CURLE_OK { setup = las_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, connectTimeoutMs) }
            if setup == CURLE_OK { setup = las_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count)) }
            if setup == CURLE_OK { setup = las_setopt_pointer(handle, CURLOPT_POSTFIELDS, bytes.baseAddress) }
            guard setup == CURLE_OK else { return setup }
            return curl_easy_perform(handle.pointee.curl)
        }
        guard code == CURLE_OK else { return CurlTransport.failure(code, handle: handle, url: url) }
        var status = 0
        _ = las_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        let body = handle.pointee.body
        let length = handle.pointee.body_length
        let bytes = UnsafeBufferPointer(start: body.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) },
                                        count: length)
        // The sink NUL-terminates the body; a NUL inside it makes the text invalid rather than cut short.
        let text: String? = if let body, strlen(body) == length { String(validatingCString: body) } else if length == 0 { "" } else { nil }
        let retryAfter = (200...299).contains(status)
            ? nil : las_response_header(handle, "Retry-After").flatMap { String(validatingCString: $0) }
        return .answered(status: status, body: text, rawBody: text ?? String(decoding: bytes, as: UTF8.self),
                         retryAfter: retryAfter)
    }

    /// Maps libcurl's result to a status; only failures before the request could be sent are retryable.
    private static func failure(_ code: CURLcode, handle: HandlePool.Handle, url: String) -> Attempt {
        let explanation = withUnsafeBytes(of: handle.pointee.error) { raw -> String in
            let text = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            return text.isEmpty ? (String(validatingCString: curl_easy_strerror(code)) ?? "") : text
        }
        let detail = "\(url): \(explanation) (libcurl error \(code.rawValue))"
        var connected: curl_off_t = 0
        _ = las_getinfo_offset(handle, CURLINFO_CONNECT_TIME_T, &connected)
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return .failed(AuthleteError(.network, "could not connect to \(detail)"), retryable: true)
        case CURLE_OPERATION_TIMEDOUT:
            // A timeout before the connection was made cannot have reached Authlete.
            return .failed(AuthleteError(.timeout, "timed out: \(detail)"), retryable: connected == 0)
        case CURLE_WRITE_ERROR where handle.pointee.body_overflow != 0, CURLE_FILESIZE_EXCEEDED:
            return .failed(.protocolViolation("Authlete's answer is larger than \(ResponseSchema.sizeLimit) bytes: \(url)"),
                           retryable: false)
        case CURLE_OUT_OF_MEMORY:
            return .failed(AuthleteError(.noMemory, "out of memory: \(detail)"), retryable: false)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT, CURLE_UNKNOWN_OPTION:
            return .failed(AuthleteError(.internal, "libcurl refused the request: \(detail)"), retryable: false)
        default:
            return .failed(AuthleteError(.network, "network error: \(detail)"), retryable: false)
        }
    }
}

/// A curl_slist built once per client and shared, read-only, by all its handles.
final class HeaderList: @unchecked Sendable {
    // Immutable after init; libcurl only reads the list during transfers.
    let list: UnsafeMutablePointer<curl_slist>?

    init(_ lines: [String]) throws(AuthleteError) {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for line in lines {
            guard let appended = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                throw AuthleteError(.noMemory, "could not build the request headers")
            }
            list = appended
        }
        self.list = list
    }

    deinit { curl_slist_free_all(list) }
}
