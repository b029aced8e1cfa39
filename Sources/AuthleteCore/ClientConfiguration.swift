/// Everything a client needs, checked: where to send, how to authenticate, how long to wait, how to retry.
public struct ClientConfiguration: Sendable, Equatable {
    public enum APIVersion: Int, Sendable { case v2 = 2, v3 = 3 }
    public enum Credentials: Sendable, Equatable {
        /// API v3: a Service Access Token or Organization Token.
        case bearer(token: String)
        /// API v2: the service's API key and secret.
        case basic(apiKey: String, apiSecret: String)
    }
    public enum RequestEncoding: String, Sendable { case json, form }

    public static let regions = ["us", "jp", "eu", "br"]
    public static let configLimit = 64 * 1024
    static let millisecondsRange = 1...3_600_000
    public static let defaultTimeoutMs = 30_000
    public static let defaultConnectTimeoutMs = 10_000
    static let retriesRange = 0...10

    /// Without a trailing "/" and never ending in "/api".
    public let baseURL: String
    public let apiVersion: APIVersion
    public let credentials: Credentials
    public let timeoutMs: Int
    public let connectTimeoutMs: Int
    public let maxRetries: Int
    public let userAgent: String
    public let caFile: String?
    public let requestEncoding: RequestEncoding

    public static let defaultUserAgent = "libauthlete/\(LibraryVersion.string)"

    /// Checks every setting. `baseURL` nil means the default server of the version (and, for v3, the region).
    public init(baseURL: String? = nil, region: String? = nil, apiVersion: APIVersion = .v3,
                credentials: Credentials, timeoutMs: Int = defaultTimeoutMs,
                connectTimeoutMs: Int = defaultConnectTimeoutMs,
                maxRetries: Int = 0, userAgent: String? = nil, caFile: String? = nil,
                requestEncoding: RequestEncoding = .json) throws(AuthleteError) {
        self.baseURL = try Self.resolveBaseURL(baseURL, region: region, apiVersion: apiVersion)
        self.apiVersion = apiVersion
        self.credentials = try Self.check(credentials, for: apiVersion)
        self.timeoutMs = try Self.check(timeoutMs, in: Self.millisecondsRange, "timeoutMs")
        self.connectTimeoutMs = try Self.check(connectTimeoutMs, in: Self.millisecondsRange, "connectTimeoutMs")
        self.maxRetries = try Self.check(maxRetries, in: Self.retriesRange, "maxRetries")
        let agent = userAgent ?? Self.defaultUserAgent
        guard !agent.isEmpty, TextRules.isHeaderSafe(agent) else {
            throw .config("userAgent must be non-empty visible ASCII")
        }
        self.userAgent = agent
        if let caFile { try Self.checkReadable(caFile) }
        self.caFile = caFile
        self.requestEncoding = requestEncoding
    }

    /// The secrets that must never appear in an error detail.
    var secrets: [String] {
        switch credentials {
        case .bearer(let token): [token]
        case .basic(_, let apiSecret): [apiSecret]
        }
    }

    private static func resolveBaseURL(_ url: String?, region: String?, apiVersion: APIVersion) throws(AuthleteError) -> String {
        if let url {
            guard region == nil else { throw .config("baseUrl and region are exclusive: give one") }
            return try checkBaseURL(url)
        }
        switch apiVersion {
        case .v2:
            guard region == nil else { throw .config("region applies to apiVersion 3 only") }
            return "https://api.authlete.com"
        case .v3:
            let region = region ?? "us"
            guard regions.contains(region) else { throw .config("region must be one of us, jp, eu, br") }
            return "https://\(region).authlete.com"
        }
    }

    /// http(s)://host[:port][/path], no credentials, query or fragment; trailing "/" dropped; "/api" refused since
    /// the client appends it.
    static func checkBaseURL(_ url: String) throws(AuthleteError) -> String {
        var text = Substring(url)
        while text.hasSuffix("/") { text = text.dropLast() }
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            throw .config("baseUrl must start with http:// or https://")
        }
        let authority = rest.prefix { $0 != "/" }
        guard !authority.isEmpty, !authority.contains("@") else {
            throw .config("baseUrl needs a host and no user info")
        }
        guard TextRules.isHeaderSafe(String(text)), !text.contains(" "), !text.contains("?"), !text.contains("#") else {
            throw .config("baseUrl has spaces, controls, a query or a fragment")
        }
        guard !lower.hasSuffix("/api") else {
            throw .config("baseUrl must not end in /api: the client appends /api/... itself")
        }
        return String(text)
    }

    private static func check(_ credentials: Credentials, for version: APIVersion) throws(AuthleteError) -> Credentials {
        switch (credentials, version) {
        case (.bearer(let token), .v3):
            guard !token.isEmpty, TextRules.isHeaderSafe(token), !token.contains(" ") else {
                throw .config("token must be non-empty visible ASCII")
            }
        case (.basic(let key, let secret), .v2):
            guard !key.isEmpty, !secret.isEmpty, TextRules.isHeaderSafe(key), TextRules.isHeaderSafe(secret),
                  !key.contains(":") else {
                throw .config("apiKey and apiSecret must be non-empty visible ASCII, apiKey without ':'")
            }
        case (.bearer, .v2):
            throw .config("apiVersion 2 needs apiKey and apiSecret")
        case (.basic, .v3):
            throw .config("apiVersion 3 needs a token")
        }
        return credentials
    }

    private static func check(_ value: Int, in range: ClosedRange<Int>, _ name: String) throws(AuthleteError) -> Int {
        guard range.contains(value) else {
            throw .config("\(name) must be within \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    private static func checkReadable(_ path: String) throws(AuthleteError) {
        guard !path.isEmpty, SystemCalls.isReadableFile(path) else { throw .config("caFile is not a readable file") }
    }
}

/// The library's version, as AUTHLETE_VERSION_* in include/authlete.h (a test keeps the two equal).
public enum LibraryVersion {
    public static let major = 0
    public static let minor = 2
    public static let patch = 0
    public static let string = "\(major).\(minor).\(patch)"
    public static let number = major * 10000 + minor * 100 + patch
}
