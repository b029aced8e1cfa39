// The fail API's successful answer: responseContent (a JSON string that holds JSON) and the whole 200 body.

public enum ResponseContent {
    /// `{"error":"...","error_description":"...","error_uri":"..."}`; description and URI only when given.
    public static func make(reason: FailReason, description: String?, uri: String?) -> String {
        var members: [(String, JSONFragment)] = [("error", .string(reason.error))]
        if let description { members.append(("error_description", .string(description))) }
        if let uri { members.append(("error_uri", .string(uri))) }
        return String(decoding: JSONWriter.object(members), as: UTF8.self)
    }

    /// The 200 body: resultCode A185001, its message, the action and responseContent.
    public static func successBody(for request: FailRequest) -> [UInt8] {
        let reason = request.reason ?? FailReason.whenOmitted
        let content = make(reason: reason, description: request.errorDescription, uri: request.errorUri)
        return JSONWriter.object([
            ("resultCode", .string(ResultCode.failSuccess.code)),
            ("resultMessage", .string(ResultCode.failSuccess.resultMessage)),
            ("action", .string(reason.action)),
            ("responseContent", .string(content)),
        ])
    }
}
