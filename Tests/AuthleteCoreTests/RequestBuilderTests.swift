import Testing
@testable import AuthleteCore

/// The /complete request made field by field: each value checked when set, the whole when built.
@Suite struct RequestBuilderTests {
    @Test func buildsTheRequestInSchemaOrder() throws {
        var builder = RequestBuilder(Endpoint.cibaComplete.request)
        try builder.set("ticket", text: "t-1")
        try builder.set("result", text: "AUTHORIZED")
        try builder.add("scopes", text: "openid")
        try builder.set("authTime", integer: 1_767_225_600)
        try builder.set("subject", text: "john")
        try builder.add("scopes", text: "email")
        let json = String(decoding: try builder.build().jsonBytes, as: UTF8.self)
        #expect(json == #"{"ticket":"t-1","result":"AUTHORIZED","subject":"john","authTime":1767225600,"scopes":["openid","email"]}"#)
    }

    @Test func authorizedNeedsASubject() throws {
        var builder = RequestBuilder(Endpoint.cibaComplete.request)
        try builder.set("ticket", text: "t-1")
        try builder.set("result", text: "AUTHORIZED")
        #expect(throws: AuthleteError.self) { try builder.build() }
        try builder.set("result", text: "ACCESS_DENIED")
        #expect((try? builder.build()) != nil)
    }

    @Test(arguments: [("nope", "x"), ("result", "DENIED"), ("errorUri", "relative"), ("claims", "[1]"),
                      ("idTokenAudType", "list"), ("ticket", ""), ("authTime", "1"), ("scopes", "openid")])
    func refusesAStringItsFieldDoesNotTake(key: String, value: String) {
        var builder = RequestBuilder(Endpoint.cibaComplete.request)
        #expect(throws: AuthleteError.self) { try builder.set(key, text: value) }
    }

    @Test func refusesIntegersAndArraysOfOtherFields() {
        var builder = RequestBuilder(Endpoint.cibaComplete.request)
        #expect(throws: AuthleteError.self) { try builder.set("subject", integer: 1) }
        #expect(throws: AuthleteError.self) { try builder.set("authTime", integer: -1) }
        #expect(throws: AuthleteError.self) { try builder.add("subject", text: "x") }
    }

    @Test func keepsTheWholeRequestWithinItsLimit() throws {
        var builder = RequestBuilder(Endpoint.cibaComplete.request)
        let chunk = String(repeating: "s", count: 16 * 1024)
        for _ in 0..<3 { try builder.add("scopes", text: chunk) }
        #expect(throws: AuthleteError.self) { try builder.add("scopes", text: chunk) }
        try builder.set("ticket", text: "t")  // the earlier values are kept
        try builder.set("result", text: "ACCESS_DENIED")
        #expect(try builder.build().values[CibaCompleteField.scopes] == .list([chunk, chunk, chunk]))
    }
}
