import Testing
@testable import AuthleteCore

/// The parsed answer a JSON call leaves for the parse of the same text (the three-call path).
@Suite struct AnswerMemoTests {
    static let forbidden = #"{"resultCode":"A200001","resultMessage":"m","action":"FORBIDDEN","responseContent":"{\"error\":\"access_denied\"}"}"#

    @Test func theParseOfTheSameBytesAndSchemaTakesTheLeftAnswerOnce() throws {
        let parsed = try Endpoint.cibaFail.response.parse(Self.forbidden)
        AnswerMemo.leave(parsed, body: Self.forbidden, schema: Endpoint.cibaFail.response)
        let taken = Self.forbidden.withCString { AnswerMemo.take($0, schema: Endpoint.cibaFail.response) }
        #expect(taken === parsed)
        #expect(Self.forbidden.withCString { AnswerMemo.take($0, schema: Endpoint.cibaFail.response) } == nil)
    }

    @Test func otherBytesAPrefixALongerTextOrAnotherSchemaTakeNothing() throws {
        let parsed = try Endpoint.cibaFail.response.parse(Self.forbidden)
        let another = #"{"resultCode":"A200002","resultMessage":"m","action":"FORBIDDEN","responseContent":"{\"error\":\"access_denied\"}"}"#
        for other in [another, String(Self.forbidden.dropLast()), Self.forbidden + " "] {
            AnswerMemo.leave(parsed, body: Self.forbidden, schema: Endpoint.cibaFail.response)
            #expect(other.withCString { AnswerMemo.take($0, schema: Endpoint.cibaFail.response) } == nil)
        }
        AnswerMemo.leave(parsed, body: Self.forbidden, schema: Endpoint.cibaFail.response)
        #expect(Self.forbidden.withCString { AnswerMemo.take($0, schema: Endpoint.cibaIssue.response) } == nil)
    }

    @Test func answersOverTheLimitAreNotKept() throws {
        let content = String(repeating: "x", count: AnswerMemo.sizeLimit)
        let big = #"{"action":"FORBIDDEN","resultMessage":""# + content + #""}"#
        AnswerMemo.leave(try Endpoint.cibaFail.response.parse(big), body: big, schema: Endpoint.cibaFail.response)
        #expect(big.withCString { AnswerMemo.take($0, schema: Endpoint.cibaFail.response) } == nil)
    }
}
