import Testing
@testable import AuthleteCore

/// The answers the flow gives its host: the headers every CIBA answer carries, and the one server error.
@Suite struct HTTPAnswerTests {
    @Test func theServerErrorNeverCarriesAuthletesText() {
        #expect(HTTPAnswer.serverError.status == 500)
        #expect(HTTPAnswer.serverError.body == #"{"error":"server_error"}"#)
        #expect(HTTPAnswer.serverError.headers.map { "\($0.name): \($0.value)" } ==
                ["Content-Type: application/json;charset=UTF-8", "Cache-Control: no-store", "Pragma: no-cache"])
    }

    @Test func aNewFlowHasNoAnswerAndRefusesSteps() {
        let flow = BackchannelFlow()
        #expect(flow.stage == .new && flow.answer == nil)
        #expect(throws: AuthleteError.self) { try flow.accept() }
        #expect(throws: AuthleteError.self) { try flow.reject(.accessDenied) }
        #expect(flow.stage == .new)
        flow.fail()
        #expect(flow.stage == .answered && flow.answer == .serverError)
    }
}
