/// Authlete's 2xx answer to a fail request, typed (the fail endpoint's response schema read into Swift values).
public struct FailResponse: Sendable, Equatable {
    /// Answers larger than this are refused (status `.protocol` from the client, `.invalidArgument` from parse).
    public static let sizeLimit = ResponseSchema.sizeLimit

    public let action: FailAction
    /// responseContent verbatim: the JSON the authorization server sends to its client.
    public let responseContent: String?
    public let resultCode: String?
    public let resultMessage: String?

    /// The HTTP status the authorization server answers its client with.
    public var httpStatus: Int32 { action.httpStatus }

    /// Parses Authlete's body; anything that is not an object with a known action is a protocol error.
    public init(json: String) throws(AuthleteError) {
        try self.init(try Endpoint.cibaFail.response.parse(json))
    }

    public init(_ parsed: ParsedResponse) throws(AuthleteError) {
        guard let action = FailAction(rawValue: parsed.action) else { throw .protocolViolation("not a fail answer") }
        self.action = action
        responseContent = parsed.text(CibaFailMember.responseContent)
        resultCode = parsed.text(CibaFailMember.resultCode)
        resultMessage = parsed.text(CibaFailMember.resultMessage)
    }
}
