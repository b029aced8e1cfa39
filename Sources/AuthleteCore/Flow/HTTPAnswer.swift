/// The complete HTTP answer an authorization server sends its client: status, every header, body.
public struct HTTPAnswer: Sendable, Equatable {
    public struct Header: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    public let status: Int32
    public let headers: [Header]
    public let body: String

    /// Authlete's responseContent with the headers every answer of the CIBA family carries, plus `extra`.
    static func content(_ status: Int32, _ body: String, extra: [Header] = []) -> HTTPAnswer {
        HTTPAnswer(status: status, headers: [
            Header(name: "Content-Type", value: "application/json;charset=UTF-8"),
            Header(name: "Cache-Control", value: "no-store"),
            Header(name: "Pragma", value: "no-cache"),
        ] + extra, body: body)
    }

    /// What the client gets whenever the library or Authlete failed: never Authlete's own text.
    public static let serverError = content(500, #"{"error":"server_error"}"#)
}
