import AuthleteCore
public import CAuthleteHeader

// The hand-written functions of the CIBA headers: the shared enums' names and the one-step calls. Everything
// uniform per endpoint (calls, parses, getters, actions) is generated into Generated/EndpointExports.swift.

/// The name at position value - 1, NULL outside the list.
private func name(_ names: [StaticString], _ value: Int32) -> UnsafePointer<CChar>? {
    let index = Int(value) - 1
    return names.indices.contains(index) ? StaticNames.pointer(names[index]) : nil
}

@c @implementation
public func authlete_ciba_delivery_mode_name(_ mode: Int32) -> UnsafePointer<CChar>? { name(CIBANames.deliveryModes, mode) }

@c @implementation
public func authlete_ciba_hint_type_name(_ type: Int32) -> UnsafePointer<CChar>? { name(CIBANames.hintTypes, type) }

@c @implementation
public func authlete_ciba_complete_result_name(_ result: Int32) -> UnsafePointer<CChar>? { name(CIBANames.completeResults, result) }

/// A C string field of a one-step call, nil when NULL.
private func field(_ pointer: UnsafePointer<CChar>?, _ name: String, limit: Int = RequestSchema.jsonLimit) throws(AuthleteError) -> RequestValue? {
    try Boundary.optionalString(pointer, name, limit: limit).map(RequestValue.text)
}

/// The /backchannel/authentication request from what the client sent (see the header: only a Basic header gives
/// clientId and clientSecret). Shared by the one-step call, the request builder and the flow.
enum AuthenticationRequest {
    static func make(_ parameters: UnsafePointer<CChar>?, _ authorization: UnsafePointer<CChar>?,
                     _ clientCertificate: UnsafePointer<CChar>?) throws(AuthleteError) -> CheckedRequest {
        guard parameters != nil else { throw Boundary.nullArgument("parameters") }
        var values = [RequestValue?](repeating: nil, count: Endpoint.cibaAuthentication.request.fields.count)
        values[CibaAuthenticationField.parameters] = try field(parameters, "parameters")
        if let header = try Boundary.optionalString(authorization, "authorization", limit: RequestSchema.fieldLimit),
           let credentials = BasicCredentials(header: header) {
            values[CibaAuthenticationField.clientId] = .text(credentials.userID)
            values[CibaAuthenticationField.clientSecret] = credentials.password.map(RequestValue.text)
        }
        values[CibaAuthenticationField.clientCertificate] = try field(clientCertificate, "client_certificate")
        return try CheckedRequest(Endpoint.cibaAuthentication.request, values: values)
    }
}

@c @implementation
public func authlete_ciba_authentication_request_json(
    _ parameters: UnsafePointer<CChar>?, _ authorization: UnsafePointer<CChar>?,
    _ clientCertificate: UnsafePointer<CChar>?, _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> authlete_status {
    outJSON?.pointee = nil
    return Boundary.run { () throws(AuthleteError) in
        guard let outJSON else { throw Boundary.nullArgument("out_json") }
        outJSON.pointee = try Boundary.allocate(try AuthenticationRequest.make(parameters, authorization, clientCertificate).jsonBytes)
    }
}

@c @implementation
public func authlete_client_ciba_authentication_fields(
    _ client: OpaquePointer?, _ serviceID: UnsafePointer<CChar>?, _ parameters: UnsafePointer<CChar>?,
    _ authorization: UnsafePointer<CChar>?, _ clientCertificate: UnsafePointer<CChar>?,
    _ out: UnsafeMutablePointer<OpaquePointer?>?, _ outErrorBody: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> authlete_status {
    ClientCalls.callFields(.cibaAuthentication, client, serviceID, out, outErrorBody) { () throws(AuthleteError) in
        try AuthenticationRequest.make(parameters, authorization, clientCertificate)
    }
}

@c @implementation
public func authlete_client_ciba_issue_fields(
    _ client: OpaquePointer?, _ serviceID: UnsafePointer<CChar>?, _ ticket: UnsafePointer<CChar>?,
    _ out: UnsafeMutablePointer<OpaquePointer?>?, _ outErrorBody: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> authlete_status {
    ClientCalls.callFields(.cibaIssue, client, serviceID, out, outErrorBody) { () throws(AuthleteError) in
        guard ticket != nil else { throw Boundary.nullArgument("ticket") }
        return try CheckedRequest(Endpoint.cibaIssue.request, values: [try field(ticket, "ticket", limit: RequestSchema.fieldLimit)])
    }
}

@c @implementation
public func authlete_client_ciba_complete_fields(
    _ client: OpaquePointer?, _ serviceID: UnsafePointer<CChar>?, _ ticket: UnsafePointer<CChar>?,
    _ result: UnsafePointer<CChar>?, _ subject: UnsafePointer<CChar>?, _ errorDescription: UnsafePointer<CChar>?,
    _ errorURI: UnsafePointer<CChar>?,
    _ out: UnsafeMutablePointer<OpaquePointer?>?, _ outErrorBody: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> authlete_status {
    ClientCalls.callFields(.cibaComplete, client, serviceID, out, outErrorBody) { () throws(AuthleteError) in
        guard ticket != nil else { throw Boundary.nullArgument("ticket") }
        guard result != nil else { throw Boundary.nullArgument("result") }
        let limit = RequestSchema.fieldLimit
        var values = [RequestValue?](repeating: nil, count: Endpoint.cibaComplete.request.fields.count)
        values[CibaCompleteField.ticket] = try field(ticket, "ticket", limit: limit)
        values[CibaCompleteField.result] = try field(result, "result", limit: limit)
        values[CibaCompleteField.subject] = try field(subject, "subject", limit: limit)
        values[CibaCompleteField.errorDescription] = try field(errorDescription, "error_description", limit: limit)
        values[CibaCompleteField.errorUri] = try field(errorURI, "error_uri", limit: limit)
        return try CheckedRequest(Endpoint.cibaComplete.request, values: values)
    }
}
