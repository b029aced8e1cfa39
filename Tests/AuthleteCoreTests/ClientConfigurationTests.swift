import Testing
@testable import AuthleteCore

@Suite struct ClientConfigurationTests {
    @Test func defaultsToV3OnTheUSServerWithFiniteTimeouts() throws {
        let configuration = try ClientConfiguration(json: #"{"token":"t"}"#)
        #expect(configuration.baseURL == "https://us.authlete.com")
        #expect(configuration.apiVersion == .v3)
        #expect(configuration.timeoutMs == 30_000)
        #expect(configuration.connectTimeoutMs == 10_000)
        #expect(configuration.maxRetries == 0)
        #expect(configuration.userAgent == "libauthlete/0.2.0")
        #expect(configuration.requestEncoding == .json)
    }

    @Test(arguments: [("us", "https://us.authlete.com"), ("jp", "https://jp.authlete.com"),
                      ("eu", "https://eu.authlete.com"), ("br", "https://br.authlete.com")])
    func choosesTheRegionsServer(region: String, url: String) throws {
        #expect(try ClientConfiguration(json: #"{"token":"t","region":"\#(region)"}"#).baseURL == url)
    }

    @Test func v2UsesTheLegacyServerAndBasicCredentials() throws {
        let configuration = try ClientConfiguration(json: #"{"apiVersion":2,"apiKey":"1000","apiSecret":"s"}"#)
        #expect(configuration.baseURL == "https://api.authlete.com")
        #expect(configuration.credentials == .basic(apiKey: "1000", apiSecret: "s"))
    }

    @Test func trimsTrailingSlashesOfTheBaseURL() throws {
        #expect(try ClientConfiguration(json: #"{"token":"t","baseUrl":"http://127.0.0.1:8080/"}"#).baseURL == "http://127.0.0.1:8080")
    }

    @Test(arguments: [
        #"{"token":"t","timeout":5}"#,                          // unknown key (a typo)
        #"{"token":"t","baseUrl":"ftp://x"}"#,                  // not http(s)
        #"{"token":"t","baseUrl":"https://us.authlete.com/api"}"#, // the client appends /api
        #"{"token":"t","baseUrl":"https://user:pw@x"}"#,        // credentials in the URL
        #"{"token":"t","baseUrl":"https://x","region":"jp"}"#,  // exclusive
        #"{"token":"t","region":"mars"}"#,
        #"{"token":"t","apiVersion":4}"#,
        #"{"apiVersion":3}"#,                                   // no token
        #"{"apiVersion":2,"apiKey":"k"}"#,                      // no secret
        #"{"token":"t","timeoutMs":0}"#,
        #"{"token":"t","timeoutMs":1.5}"#,
        #"{"token":"t","maxRetries":11}"#,
        #"{"token":"t","maxRetries":"3"}"#,
        #"{"token":"t","requestEncoding":"xml"}"#,
        #"{"token":"t","caFile":"/nonexistent/ca.pem"}"#,
        #"{"token":"bad\ntoken"}"#,
        #"{"token":"t","userAgent":""}"#,
        "[]",
        "{",
    ])
    func refusesBadConfigurations(json: String) {
        #expect {
            try ClientConfiguration(json: json)
        } throws: { ($0 as? AuthleteError)?.status == .config }
    }

    @Test func readsTheEnvironmentVariablesOfTheSDKs() throws {
        let v3 = try ClientConfiguration.fromEnvironment([
            "AUTHLETE_BASE_URL": "http://127.0.0.1:1", "AUTHLETE_SERVICE_ACCESSTOKEN": "sat", "AUTHLETE_TIMEOUT_MS": "1500",
        ].lookup)
        #expect(v3.baseURL == "http://127.0.0.1:1")
        #expect(v3.credentials == .bearer(token: "sat"))
        #expect(v3.timeoutMs == 1500)
        // AUTHLETE_BEARER (TypeScript/Go SDKs) wins over AUTHLETE_SERVICE_ACCESSTOKEN.
        let bearer = try ClientConfiguration.fromEnvironment(["AUTHLETE_BEARER": "b", "AUTHLETE_SERVICE_ACCESSTOKEN": "sat"].lookup)
        #expect(bearer.credentials == .bearer(token: "b"))
        let v2 = try ClientConfiguration.fromEnvironment([
            "AUTHLETE_API_VERSION": "V2", "AUTHLETE_SERVICE_APIKEY": "1000", "AUTHLETE_SERVICE_APISECRET": "s",
        ].lookup)
        #expect(v2.credentials == .basic(apiKey: "1000", apiSecret: "s"))
        #expect(v2.baseURL == "https://api.authlete.com")
        #expect(throws: AuthleteError.self) { try ClientConfiguration.fromEnvironment([:].lookup) }
        #expect(throws: AuthleteError.self) { try ClientConfiguration.fromEnvironment(["AUTHLETE_BEARER": "b", "AUTHLETE_API_VERSION": "V9"].lookup) }
        #expect(throws: AuthleteError.self) { try ClientConfiguration.fromEnvironment(["AUTHLETE_BEARER": "b", "AUTHLETE_TIMEOUT_MS": "soon"].lookup) }
    }
}

extension Dictionary where Key == String, Value == String {
    var lookup: (String) -> String? { { self[$0] } }
}
