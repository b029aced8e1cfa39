// The fail API's successful answer: responseContent (a JSON string that holds JSON) and the whole 200 body.

public enum ResponseContent {
    /// `{"error":"...","error_description":"...","error_uri":"..."}`; description and URI only when given.
    public static func make(reason: FailReason, description: String?, uri: String?) -> String {
        ActionBody.errorContent(reason.error, description: description, uri: uri)
    }

    /// The 200 body: resultCode A185001, its message, the action and responseContent. Built on the hot path from a
    /// per-reason constant prefix; equal to `JSONWriter.object` of the same members (a test checks it).
    public static func successBody(for request: FailRequest) -> [UInt8] {
        let reason = request.reason ?? FailReason.whenOmitted
        let content = make(reason: reason, description: request.errorDescription, uri: request.errorUri)
        var out = prefixes[reason] ?? []
        out.reserveCapacity(out.count + content.utf8.count * 2 + 4)
        out.append(UInt8(ascii: "\""))
        var content2 = content
        content2.withUTF8 { JSONWriter.appendEscaped($0, to: &out) }
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// `{"resultCode":"A185001","resultMessage":"...","action":"...","responseContent":` for each reason.
    static let prefixes: [FailReason: [UInt8]] = Dictionary(uniqueKeysWithValues: FailReason.allCases.map { reason in
        var bytes = JSONWriter.object([
            ("resultCode", .string(ResultCode.failSuccess.code)),
            ("resultMessage", .string(ResultCode.failSuccess.resultMessage)),
            ("action", .string(reason.action)),
            ("responseContent", .raw("")),
        ])
        bytes.removeLast()  // the closing brace
        return (reason, bytes)
    })

    /// The same body through the general writer (the reference for the fast path).
    public static func successBodyReference(for request: FailRequest) -> [UInt8] {
        let reason = request.reason ?? FailReason.whenOmitted
        return JSONWriter.object([
            ("resultCode", .string(ResultCode.failSuccess.code)),
            ("resultMessage", .string(ResultCode.failSuccess.resultMessage)),
            ("action", .string(reason.action)),
            ("responseContent", .string(make(reason: reason, description: request.errorDescription,
                                             uri: request.errorUri))),
        ])
    }
}
