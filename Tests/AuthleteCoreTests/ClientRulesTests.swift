import Testing
@testable import AuthleteCore

@Suite struct ClientRulesTests {
    @Test func buildsTheV3AndV2PathsOfTheFactsFile() throws {
        let v3 = try AuthleteClient(configuration: ClientConfiguration(baseURL: "http://127.0.0.1:1", credentials: .bearer(token: "t")))
        #expect(try v3.failURL(serviceID: "715948317") == "http://127.0.0.1:1/api/715948317/backchannel/authentication/fail")
        let v2 = try AuthleteClient(configuration: ClientConfiguration(baseURL: "http://127.0.0.1:1", apiVersion: .v2,
                                                                       credentials: .basic(apiKey: "1000", apiSecret: "s")))
        #expect(try v2.failURL(serviceID: "1000") == "http://127.0.0.1:1/api/backchannel/authentication/fail")
        #expect(throws: AuthleteError.self) { try v2.failURL(serviceID: "1001") }
    }

    @Test(arguments: ["", ".", "..", "10/00", "a?b", "a#b", "a b", "%2e", "é", String(repeating: "1", count: 129)])
    func refusesServiceIDsThatCouldChangeThePath(id: String) {
        #expect(!TextRules.isPathSafeServiceID(id))
    }

    @Test func acceptsNumericAndUnreservedServiceIDs() {
        #expect(TextRules.isPathSafeServiceID("715948317"))
        #expect(TextRules.isPathSafeServiceID("a-b.c_d~e"))
    }

    @Test func encodesBasicCredentialsAsRFC7617() {
        #expect(Base64.encode("1000:emulator-secret") == "MTAwMDplbXVsYXRvci1zZWNyZXQ=")
        #expect(Base64.encode("") == "")
        #expect(Base64.encode("f") == "Zg==")
        #expect(Base64.encode("fo") == "Zm8=")
        #expect(Base64.encode("foo") == "Zm9v")
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
