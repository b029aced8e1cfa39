import Testing
@testable import AuthleteCore

@Suite struct FailResponseTests {
    /// Authlete's documented successful answer, verbatim.
    static let factsAnswer = #"{"resultCode":"A185001","resultMessage":"[A185001] Successfully generated an error response for the backchannel authentication request.","action":"FORBIDDEN","responseContent":"{\"error\":\"access_denied\"}"}"#

    @Test func parsesTheFactsFileAnswer() throws {
        let response = try FailResponse(json: Self.factsAnswer)
        #expect(response.action == .forbidden)
        #expect(response.httpStatus == 403)
        #expect(response.responseContent == #"{"error":"access_denied"}"#)
        #expect(response.resultCode == "A185001")
        #expect(response.resultMessage == "[A185001] Successfully generated an error response for the backchannel authentication request.")
    }

    @Test func mapsActionsToTheStatusesOfTheFactsFile() {
        #expect(FailAction.allCases.map { $0.name.description } == ["INTERNAL_SERVER_ERROR", "BAD_REQUEST", "FORBIDDEN"])
        #expect(FailAction.allCases.map(\.httpStatus) == [500, 400, 403])
    }

    @Test(arguments: [
        "not json",
        "[1]",
        #"{"resultCode":"A185001"}"#,
        #"{"action":"TEAPOT"}"#,
        #"{"action":7}"#,
        #"{"action":"FORBIDDEN","responseContent":{}}"#,
    ])
    func refusesAnswersWithoutAKnownAction(json: String) {
        #expect {
            try FailResponse(json: json)
        } throws: { ($0 as? AuthleteError)?.status == .protocol }
    }
}
