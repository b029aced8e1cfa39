import AuthleteCore
internal import CAuthleteHeader

/// What every authlete_ciba_*_response points to: the parsed answer itself, whose strings already are C strings in
/// one block (one malloc and one free per response), so that getters hand out borrowed pointers that live as long
/// as the response. The generated getters read it by member position.
typealias ResponseObject = ParsedResponse

extension ParsedResponse {
    // The getters' shared bodies: NULL or 0 for a NULL response, an absent member or an index past the end.
    static func action(_ response: OpaquePointer?) -> Int32 { OpaqueHandle<ParsedResponse>.borrow(response)?.action ?? 0 }

    static func httpStatus(_ response: OpaquePointer?) -> Int32 {
        OpaqueHandle<ParsedResponse>.borrow(response)?.httpStatus ?? 0
    }

    static func text(_ response: OpaquePointer?, _ member: Int) -> UnsafePointer<CChar>? {
        OpaqueHandle<ParsedResponse>.borrow(response)?.cText(member)
    }

    static func number(_ response: OpaquePointer?, _ member: Int) -> Int64 {
        OpaqueHandle<ParsedResponse>.borrow(response)?.number(member) ?? 0
    }

    static func count(_ response: OpaquePointer?, _ member: Int) -> Int {
        OpaqueHandle<ParsedResponse>.borrow(response)?.count(member) ?? 0
    }

    static func item(_ response: OpaquePointer?, _ member: Int, _ index: Int) -> UnsafePointer<CChar>? {
        OpaqueHandle<ParsedResponse>.borrow(response)?.cItem(member, index)
    }

    /// A new response handle sharing `response`, for the caller to free.
    static func handOut(_ response: ParsedResponse) -> OpaquePointer { OpaqueHandle.handOut(response) }

    /// authlete_ciba_*_response_parse.
    static func parse(_ endpoint: Endpoint, _ json: UnsafePointer<CChar>?,
                      _ out: UnsafeMutablePointer<OpaquePointer?>?) -> authlete_status {
        out?.pointee = nil
        return Boundary.run { () throws(AuthleteError) in
            guard let out else { throw Boundary.nullArgument("out") }
            if let json, let left = AnswerMemo.take(json, schema: endpoint.response) {
                out.pointee = handOut(left)
                return
            }
            let text = try Boundary.requiredString(json, "json", limit: ResponseSchema.sizeLimit)
            out.pointee = handOut(try endpoint.response.parse(text))
        }
    }
}
