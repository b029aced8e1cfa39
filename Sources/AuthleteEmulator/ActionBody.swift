// The 200 answers of the four endpoints: resultCode, resultMessage, action, then responseContent and the
// endpoint's own members. responseContent of an error action is `{"error":"...","error_description":"..."}`.

enum ActionBody {
    static func make(_ code: ResultCode, action: String, responseContent: String? = nil,
                     _ members: [(String, JSONFragment)] = []) -> [UInt8] {
        var all: [(String, JSONFragment)] = [("resultCode", .string(code.code)),
                                             ("resultMessage", .string(code.resultMessage)),
                                             ("action", .string(action))]
        if let responseContent { all.append(("responseContent", .string(responseContent))) }
        return JSONWriter.object(all + members)
    }

    /// An error action whose resultMessage and error_description tell the same thing.
    static func error(_ code: ResultCode, action: String, error: String, description: String? = nil,
                      _ members: [(String, JSONFragment)] = []) -> [UInt8] {
        let text = description ?? code.message
        return make(code.with(message: text), action: action,
                    responseContent: errorContent(error, description: text), members)
    }

    static func errorContent(_ error: String, description: String?, uri: String? = nil,
                             first: [(String, JSONFragment)] = []) -> String {
        var members = first + [("error", JSONFragment.string(error))]
        if let description { members.append(("error_description", .string(description))) }
        if let uri { members.append(("error_uri", .string(uri))) }
        return JSONWriter.text(members)
    }
}
