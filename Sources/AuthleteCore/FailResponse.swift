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
        let members: JSONObject.Members
        do {
            members = try JSONObject.read(json, keys: Self.keys)
        } catch {
            throw .protocolViolation("Authlete's answer is \(error.explanation)")
        }
        guard let actionName = members[0]?.string else {
            throw .protocolViolation("Authlete's answer has no action (resultCode \(members[2]?.string ?? "absent"))")
        }
        guard let action = FailAction(name: actionName) else {
            throw .protocolViolation("Authlete's answer has an unknown action \"\(actionName)\"")
        }
        self.action = action
        self.responseContent = try Self.optionalString(members[1], "responseContent")
        self.resultCode = try Self.optionalString(members[2], "resultCode")
        self.resultMessage = try Self.optionalString(members[3], "resultMessage")
    }

    /// The keys read; others are ignored (Authlete may add fields).
    static let keys: [StaticString] = ["action", "responseContent", "resultCode", "resultMessage"]

    private static func optionalString(_ member: JSONMember?, _ key: String) throws(AuthleteError) -> String? {
        switch member {
        case nil, .null?: return nil
        case .string(let value)?: return value
        case let other?: throw .protocolViolation("Authlete's answer: \"\(key)\" is \(other.kindName), not a string")
        }
    }
}
