// Helpers for the CIBA flow tests: the endpoints' paths, the default clients of the emulator's documented
// interface, and calls that build request bodies with Foundation (independent of the emulator's own writer).
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// v3 path of an endpoint ("" is /backchannel/authentication itself); `serviceId` nil gives the v2 path.
func cibaPath(_ endpoint: String, serviceId: String? = "1000") -> String {
    let base = serviceId.map { "/api/\($0)/backchannel/authentication" } ?? "/api/backchannel/authentication"
    return endpoint.isEmpty ? base : base + "/" + endpoint
}

/// The default clients (id, alias, secret), as the emulator's interface documents them.
enum DefaultClient {
    static let poll = (id: "9007199254740993", alias: "poll-client", secret: "poll-secret")
    static let ping = (id: "1002", alias: "ping-client", secret: "ping-secret")
    static let push = (id: "1003", alias: "push-client", secret: "push-secret")
    static let userCode = (id: "1004", alias: "usercode-client", secret: "usercode-secret")
}

func jsonBody(_ members: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: members, options: [.sortedKeys]), as: UTF8.self)
}

extension TestClientProtocol {
    /// /backchannel/authentication with `parameters` and, when given, the Basic halves.
    func authenticate(_ parameters: String?, basicId: String? = nil, basicSecret: String? = nil,
                      headers: HTTPFields = goodBearer, path: String = cibaPath("")) async throws -> Answer {
        var members: [String: Any] = [:]
        if let parameters { members["parameters"] = parameters }
        if let basicId { members["clientId"] = basicId }
        if let basicSecret { members["clientSecret"] = basicSecret }
        return try await call(path, headers: headers, body: try jsonBody(members))
    }

    /// A valid request of the poll client (Basic), plus `extra` parameters.
    func authenticatePoll(_ extra: String = "") async throws -> Answer {
        try await authenticate("login_hint=john&scope=openid" + extra, basicId: DefaultClient.poll.alias,
                               basicSecret: DefaultClient.poll.secret)
    }

    func issue(_ ticket: String, headers: HTTPFields = goodBearer, path: String = cibaPath("issue"))
        async throws -> Answer
    {
        try await call(path, headers: headers, body: try jsonBody(["ticket": ticket]))
    }

    func complete(_ members: [String: Any], headers: HTTPFields = goodBearer, path: String = cibaPath("complete"))
        async throws -> Answer
    {
        try await call(path, headers: headers, body: try jsonBody(members))
    }

    /// A ticket of the poll client, issued.
    func issuedPollTicket() async throws -> String {
        let ticket = try #require(try await authenticatePoll().json["ticket"] as? String)
        #expect(try await issue(ticket).json["action"] as? String == "OK")
        return ticket
    }

    /// The admin view of a ticket (status, JSON).
    func ticketView(_ ticket: String) async throws -> Answer {
        try await exists(self, ticket)
    }

    func advanceClock(_ seconds: Int) async throws -> Answer {
        try await call("/_emulator/clock", body: #"{"advanceSeconds":\#(seconds)}"#)
    }
}

/// The action of an answer, and its responseContent's `error`.
func actionAndError(_ answer: Answer) throws -> (String?, String?) {
    let json = try answer.json
    let error = json["responseContent"] == nil ? nil : try parseResponseContent(answer)["error"] as? String
    return (json["action"] as? String, error)
}
