import AuthleteCore
public import CAuthleteHeader

/// What an authlete_ciba_complete_request points to: a /complete request being made field by field.
final class CompleteRequestBox {
    var builder = RequestBuilder(Endpoint.cibaComplete.request)
}

/// Runs `body` on the builder of a C request handle; a failure leaves the request as it was.
private func edit(_ request: OpaquePointer?, _ key: UnsafePointer<CChar>?,
                  _ body: (inout RequestBuilder, String) throws(AuthleteError) -> Void) -> authlete_status {
    Boundary.run { () throws(AuthleteError) in
        guard let box = OpaqueHandle<CompleteRequestBox>.borrow(request) else { throw Boundary.nullArgument("request") }
        let key = try Boundary.requiredString(key, "key", limit: 64)
        var builder = box.builder
        try body(&builder, key)
        box.builder = builder
    }
}

@c @implementation
public func authlete_ciba_complete_request_new(_ ticket: UnsafePointer<CChar>?, _ result: Int32,
                                               _ out: UnsafeMutablePointer<OpaquePointer?>?) -> authlete_status {
    out?.pointee = nil
    return Boundary.run { () throws(AuthleteError) in
        guard let out else { throw Boundary.nullArgument("out") }
        let ticket = try Boundary.requiredString(ticket, "ticket", limit: RequestSchema.fieldLimit)
        let names = CIBANames.completeResults
        guard names.indices.contains(Int(result) - 1) else {
            throw AuthleteError(.invalidArgument, "result \(result) is not an authlete_ciba_complete_result")
        }
        let box = CompleteRequestBox()
        try box.builder.set("ticket", text: ticket)
        try box.builder.set("result", text: names[Int(result) - 1].description)
        out.pointee = OpaqueHandle.handOut(box)
    }
}

@c @implementation
public func authlete_ciba_complete_request_free(_ request: OpaquePointer?) { OpaqueHandle<CompleteRequestBox>.release(request) }

@c @implementation
public func authlete_ciba_complete_request_set_string(_ request: OpaquePointer?, _ key: UnsafePointer<CChar>?,
                                                      _ value: UnsafePointer<CChar>?) -> authlete_status {
    edit(request, key) { (builder, key) throws(AuthleteError) in
        try builder.set(key, text: try Boundary.requiredString(value, "value", limit: RequestSchema.jsonLimit))
    }
}

@c @implementation
public func authlete_ciba_complete_request_set_int64(_ request: OpaquePointer?, _ key: UnsafePointer<CChar>?,
                                                     _ value: Int64) -> authlete_status {
    edit(request, key) { (builder, key) throws(AuthleteError) in try builder.set(key, integer: value) }
}

@c @implementation
public func authlete_ciba_complete_request_add_string(_ request: OpaquePointer?, _ key: UnsafePointer<CChar>?,
                                                      _ value: UnsafePointer<CChar>?) -> authlete_status {
    edit(request, key) { (builder, key) throws(AuthleteError) in
        try builder.add(key, text: try Boundary.requiredString(value, "value", limit: RequestSchema.jsonLimit))
    }
}

@c @implementation
public func authlete_ciba_complete_request_json(_ request: OpaquePointer?,
                                                _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> authlete_status {
    outJSON?.pointee = nil
    return Boundary.run { () throws(AuthleteError) in
        guard let box = OpaqueHandle<CompleteRequestBox>.borrow(request) else { throw Boundary.nullArgument("request") }
        guard let outJSON else { throw Boundary.nullArgument("out_json") }
        outJSON.pointee = try Boundary.allocate(try box.builder.build().jsonBytes)
    }
}

@c @implementation
public func authlete_client_ciba_decide(_ client: OpaquePointer?, _ serviceID: UnsafePointer<CChar>?,
                                        _ request: OpaquePointer?, _ out: UnsafeMutablePointer<OpaquePointer?>?,
                                        _ outNotificationStatus: UnsafeMutablePointer<Int32>?,
                                        _ outErrorBody: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> authlete_status {
    outNotificationStatus?.pointee = 0
    return ClientCalls.callFields(.cibaComplete, client, serviceID, out, outErrorBody, request: { () throws(AuthleteError) in
        guard let box = OpaqueHandle<CompleteRequestBox>.borrow(request) else { throw Boundary.nullArgument("request") }
        return try box.builder.build()
    }, then: { (box, answer) throws(AuthleteError) in
        // The decision is recorded: *out stays /complete's answer whatever the notification gives.
        guard answer.action == CibaCompleteAction.notification else { return }
        try notify(box, answer.action, answer.text, outNotificationStatus)
    })
}

@c @implementation
public func authlete_client_ciba_notify(_ client: OpaquePointer?, _ response: OpaquePointer?,
                                        _ outHTTPStatus: UnsafeMutablePointer<Int32>?) -> authlete_status {
    outHTTPStatus?.pointee = 0
    return Boundary.run { () throws(AuthleteError) in
        guard let box = OpaqueHandle<ClientBox>.borrow(client) else { throw Boundary.nullArgument("client") }
        guard let object = OpaqueHandle<ResponseObject>.borrow(response) else { throw Boundary.nullArgument("response") }
        try notify(box, object.action, object.text, outHTTPStatus)
    }
}

/// Sends the notification of a /complete answer, given its action and its members by position.
private func notify(_ box: ClientBox, _ action: Int32, _ member: (Int) -> String?,
                    _ outHTTPStatus: UnsafeMutablePointer<Int32>?) throws(AuthleteError) {
    let outcome = box.client.notify(action: action, endpoint: member(CibaCompleteMember.clientNotificationEndpoint),
                                    token: member(CibaCompleteMember.clientNotificationToken),
                                    content: member(CibaCompleteMember.responseContent))
    outHTTPStatus?.pointee = Int32(clamping: outcome.httpStatus)
    if let error = outcome.error { throw error }
}
