import Testing
@testable import AuthleteCore

@Suite struct ClientRulesTests {
    @Test func buildsTheV3AndV2PathsOfTheFactsFile() throws {
        let v3 = try AuthleteClient(configuration: ClientConfiguration(baseURL: "http://127.0.0.1:1", credentials: .bearer(token: "t")))
        #expect(try v3.url(.cibaFail, serviceID: "715948317") == "http://127.0.0.1:1/api/715948317/backchannel/authentication/fail")
        #expect(try v3.url(.cibaAuthentication, serviceID: "715948317") == "http://127.0.0.1:1/api/715948317/backchannel/authentication")
        #expect(try v3.url(.cibaIssue, serviceID: "1") == "http://127.0.0.1:1/api/1/backchannel/authentication/issue")
        #expect(try v3.url(.cibaComplete, serviceID: "1") == "http://127.0.0.1:1/api/1/backchannel/authentication/complete")
        let v2 = try AuthleteClient(configuration: ClientConfiguration(baseURL: "http://127.0.0.1:1", apiVersion: .v2,
                                                                       credentials: .basic(apiKey: "1000", apiSecret: "s")))
        #expect(try v2.url(.cibaFail, serviceID: "1000") == "http://127.0.0.1:1/api/backchannel/authentication/fail")
        #expect(try v2.url(.cibaComplete, serviceID: "1000") == "http://127.0.0.1:1/api/backchannel/authentication/complete")
        #expect(throws: AuthleteError.self) { try v2.url(.cibaFail, serviceID: "1001") }
    }

    @Test(arguments: ["", ".", "..", "10/00", "a?b", "a#b", "a b", "%2e", "é", String(repeating: "1", count: 129)])
    func refusesServiceIDsThatCouldChangeThePath(id: String) {
        #expect(!TextRules.isPathSafeServiceID(id))
    }

    @Test func acceptsNumericAndUnreservedServiceIDs() {
        #expect(TextRules.isPathSafeServiceID("715948317"))
        #expect(TextRules.isPathSafeServiceID("a-b.c_d~e"))
    }

    @Test func decodesBase64AsRFC4648() {
        // RFC 4648 section 10 test vectors.
        for (encoded, plain) in [("", ""), ("Zg==", "f"), ("Zm8=", "fo"), ("Zm9v", "foo"), ("Zm9vYg==", "foob"),
                                 ("Zm9vYmE=", "fooba"), ("Zm9vYmFy", "foobar"), ("Zm9vYmE", "fooba")] {
            #expect(BasicCredentials.base64(Array(encoded.utf8)[...]) == Array(plain.utf8))
        }
        #expect(BasicCredentials.base64(Array("Zm9v!".utf8)[...]) == nil)
        #expect(BasicCredentials.base64(Array("Zg==Zg".utf8)[...]) == nil)
    }

    @Test func readsBasicCredentialsAsAuthleteJavaCommonDoes() {
        // base64("26862190133482:secret:with:colons")
        let header = "Basic MjY4NjIxOTAxMzM0ODI6c2VjcmV0OndpdGg6Y29sb25z"
        #expect(BasicCredentials(header: header) == BasicCredentials(header: "bAsIc   MjY4NjIxOTAxMzM0ODI6c2VjcmV0OndpdGg6Y29sb25z  "))
        #expect(BasicCredentials(header: header)?.userID == "26862190133482")
        #expect(BasicCredentials(header: header)?.password == "secret:with:colons")
        // base64("a%20b:c%3D"): not form-urldecoded
        #expect(BasicCredentials(header: "Basic YSUyMGI6YyUzRA==")?.userID == "a%20b")
        #expect(BasicCredentials(header: "Basic YSUyMGI6YyUzRA==")?.password == "c%3D")
        // "26662190133\0" + "82" and "a:b\0c": a NUL byte anywhere yields no credentials.
        #expect(BasicCredentials(header: "Basic MjY2NjIxOTAxMzMAODI=") == nil)
        #expect(BasicCredentials(header: "Basic YTpiAGM=") == nil)
        // base64("nocolon"): a user id without a password
        #expect(BasicCredentials(header: "Basic bm9jb2xvbg==")?.password == nil)
        #expect(BasicCredentials(header: "Bearer abc") == nil)
        #expect(BasicCredentials(header: "Basic a b") == nil)
        #expect(BasicCredentials(header: "Basic") == nil)
        #expect(BasicCredentials(header: "Basic //79") == nil) // not UTF-8
        // base64("josé:pässwörd"): UTF-8 beyond ASCII on both sides of the colon
        #expect(BasicCredentials(header: "Basic am9zw6k6cMOkc3N3w7ZyZA==")?.userID == "josé")
        #expect(BasicCredentials(header: "Basic am9zw6k6cMOkc3N3w7ZyZA==")?.password == "pässwörd")
        // "ab:" + 0xFF and 0xC3 + ":x": invalid UTF-8 in the password, or a sequence cut by the colon
        #expect(BasicCredentials(header: "Basic YWI6/w==") == nil)
        #expect(BasicCredentials(header: "Basic wzp4") == nil)
    }

    @Test func retriesOnlyWhatAuthleteCannotHaveProcessed() {
        #expect(RetryPolicy.retryableStatuses == [429, 502, 503, 504])
    }

    @Test func backsOffExponentiallyWithJitterAndHonoursRetryAfterUpToACap() {
        let policy = RetryPolicy(maxRetries: 3)
        #expect(policy.delayMs(retry: 0, retryAfterSeconds: nil, random: { $0.lowerBound }) == 50)
        #expect(policy.delayMs(retry: 0, retryAfterSeconds: nil, random: { $0.upperBound }) == 100)
        #expect(policy.delayMs(retry: 3, retryAfterSeconds: nil, random: { $0.upperBound }) == 800)
        #expect(policy.delayMs(retry: 9, retryAfterSeconds: nil, random: { $0.upperBound }) == 2_000)
        #expect(policy.delayMs(retry: 0, retryAfterSeconds: 2) == 2_000)
        #expect(policy.delayMs(retry: 0, retryAfterSeconds: 3_600) == 10_000)
        #expect(RetryPolicy.parseRetryAfter(" 3 ") == 3)
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
        #expect(RetryPolicy.parseRetryAfter("-1") == nil)
        #expect(RetryPolicy.parseRetryAfter("99999999999999999999") == nil)
    }

    @Test func redactsSecretsFromErrorDetails() {
        let error = AuthleteError(.api, "token sekrit leaked sekrit").redacting(["sekrit"])
        #expect(error.detail == "token *** leaked ***")
    }

    @Test func acceptsOnlyAbsoluteURIsForErrorURI() {
        #expect(TextRules.isAbsoluteURI("https://as.example/errors/denied"))
        #expect(TextRules.isAbsoluteURI("urn:example:error"))
        #expect(!TextRules.isAbsoluteURI("/errors"))
        #expect(!TextRules.isAbsoluteURI("1http://x"))
        #expect(!TextRules.isAbsoluteURI("https:"))
        #expect(!TextRules.isAbsoluteURI("https://x/\"q\""))
    }
}
