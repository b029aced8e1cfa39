/// Authlete's 2xx answer to a fail request.
public struct FailResponse: Sendable, Equatable {
    /// Answers larger than this are refused (status `.protocol` from the client, `.invalidArgument` from parse).
    public static let sizeLimit = 1024 * 1024

    public let action: FailAction
    /// responseContent verbatim: the JSON the authorization server sends to its client.
    public let responseContent: String?
    public let resultCode: String?
    public let resultMessage: String?

    /// The HTTP status the authorization server answers its client with.
    public var httpStatus: Int32 { action.httpStatus }

    /// Parses Authlete's body; anything that is not an object with a known action is a protocol error.
    public init(json: String) throws(AuthleteError) {
        let members: [String: JSONMember]
        do {
            members = try JSONObject.parse(json)
        } catch {
            throw .protocolViolation("Authlete's answer is \(error.explanation)")
        }
        guard case .string(let actionName)? = members["action"] else {
            throw .protocolViolation("Authlete's answer has no action (resultCode \(Self.text(members["resultCode"]) ?? "absent"))")
        }
        guard let action = FailAction(name: actionName) else {
            throw .protocolViolation("Authlete's answer has an unknown action \"\(actionName)\"")
        }
        self.action = action
        self.responseContent = try Self.optionalString(members, "responseContent")
        self.resultCode = try Self.optionalString(members, "resultCode")
        self.resultMessage = try Self.optionalString(members, "resultMessage")
    }

    private static func optionalString(_ members: [String: JSONMember], _ key: String) throws(AuthleteError) -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        case let other?: throw .protocolViolation("Authlete's answer: \"\(key)\" is \(other.kindName), not a string")
        }
    }

    static func text(_ member: JSONMember?) -> String? {
        if case .string(let value)? = member { return value }
        return nil
    }
}
