import AuthleteCore
public import CAuthleteHeader
#if canImport(Glibc)
internal import Glibc
#endif

/// What an authlete_client points to: the Swift client and its base URL as a C string for the borrowed getter.
final class ClientBox: @unchecked Sendable {
    // Immutable after init; AuthleteClient is itself thread-safe.
    let client: AuthleteClient
    let baseURL: UnsafeMutablePointer<CChar>

    init(_ configuration: ClientConfiguration) throws(AuthleteError) {
        client = try AuthleteClient(configuration: configuration)
        baseURL = try Boundary.allocate(configuration.baseURL)
    }

    deinit { free(baseURL) }

    /// Validates the C arguments, calls the endpoint and writes *out_json as the header says (also on API errors).
    func callJSON(_ endpoint: Endpoint, _ serviceID: UnsafePointer<CChar>?, _ requestJSON: UnsafePointer<CChar>?,
                  _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) throws(AuthleteError) {
        let service = try Boundary.requiredString(serviceID, "service_id", limit: 128)
        let json = try Boundary.requiredString(requestJSON, "request_json", limit: RequestSchema.jsonLimit)
        do {
            outJSON.pointee = try Boundary.allocate(try client.callForBody(endpoint, serviceID: service, requestJSON: json))
        } catch where error.status == .api {
            outJSON.pointee = try Boundary.allocate(error.body ?? "")
            throw error
        }
    }
}

/// The shapes every client call of the header shares.
enum ClientCalls {
    /// authlete_client_ciba_<endpoint>(client, service_id, request_json, out_json).
    static func callJSON(_ endpoint: Endpoint, _ client: OpaquePointer?, _ serviceID: UnsafePointer<CChar>?,
                         _ requestJSON: UnsafePointer<CChar>?,
                         _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> authlete_status {
        outJSON?.pointee = nil
        return Boundary.run { () throws(AuthleteError) in
            guard let box = OpaqueHandle<ClientBox>.borrow(client) else { throw Boundary.nullArgument("client") }
            guard let outJSON else { throw Boundary.nullArgument("out_json") }
            try box.callJSON(endpoint, serviceID, requestJSON, outJSON)
        }
    }

    /// The one-step calls: the request made by `request` from the C fields (its errors redacted), the answer parsed
    /// into a response handle, Authlete's body in *out_error_body on AUTHLETE_ERR_API.
    static func callFields(_ endpoint: Endpoint, _ client: OpaquePointer?, _ serviceID: UnsafePointer<CChar>?,
                           _ out: UnsafeMutablePointer<OpaquePointer?>?,
                           _ outErrorBody: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                           request: () throws(AuthleteError) -> CheckedRequest,
                           then: ((ClientBox, ParsedResponse) throws(AuthleteError) -> Void)? = nil) -> authlete_status {
        out?.pointee = nil
        outErrorBody?.pointee = nil
        return Boundary.run { () throws(AuthleteError) in
            guard let box = OpaqueHandle<ClientBox>.borrow(client) else { throw Boundary.nullArgument("client") }
            guard let out else { throw Boundary.nullArgument("out") }
            let service = try Boundary.requiredString(serviceID, "service_id", limit: 128)
            let checked: CheckedRequest
            do throws(AuthleteError) {
                checked = try request()
            } catch {
                throw box.client.redacted(error)
            }
            let answer = try handOut(out, outErrorBody) { () throws(AuthleteError) in
                try box.client.call(endpoint, serviceID: service, request: checked)
            }
            try then?(box, answer)
        }
    }

    /// Writes a call's parsed answer to *out, or Authlete's body to *out_error_body on AUTHLETE_ERR_API.
    @discardableResult
    static func handOut(_ out: UnsafeMutablePointer<OpaquePointer?>,
                        _ outErrorBody: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                        _ call: () throws(AuthleteError) -> CallResult) throws(AuthleteError) -> ParsedResponse {
        do {
            let response = try call().response
            out.pointee = ResponseObject.handOut(response)
            return response
        } catch where error.status == .api {
            if let outErrorBody { outErrorBody.pointee = try Boundary.allocate(error.body ?? "") }
            throw error
        }
    }
}

/// The process-wide client of authlete_ciba_fail(), made from the environment on first successful use.
private let processClient = Locked<ClientBox?>(nil)

@c @implementation
public func authlete_client_new(_ configJSON: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> authlete_status {
    out?.pointee = nil
    return Boundary.run { () throws(AuthleteError) in
        guard let out else { throw Boundary.nullArgument("out") }
        let configuration: ClientConfiguration
        if let json = try Boundary.optionalString(configJSON, "config_json", limit: ClientConfiguration.configLimit) {
            configuration = try ClientConfiguration(json: json)
        } else {
            configuration = try ClientConfiguration.fromEnvironment()
        }
        out.pointee = OpaqueHandle.handOut(try ClientBox(configuration))
    }
}

@c @implementation
public func authlete_client_free(_ client: OpaquePointer?) {
    OpaqueHandle<ClientBox>.release(client)
}

@c @implementation
public func authlete_client_base_url(_ client: OpaquePointer?) -> UnsafePointer<CChar>? {
    OpaqueHandle<ClientBox>.borrow(client).map { UnsafePointer($0.baseURL) }
}

@c @implementation
public func authlete_client_ciba_fail_fields(_ client: OpaquePointer?, _ serviceID: UnsafePointer<CChar>?,
                                             _ ticket: UnsafePointer<CChar>?, _ reason: UnsafePointer<CChar>?,
                                             _ errorDescription: UnsafePointer<CChar>?, _ errorURI: UnsafePointer<CChar>?,
                                             _ out: UnsafeMutablePointer<OpaquePointer?>?,
                                             _ outErrorBody: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> authlete_status {
    out?.pointee = nil
    outErrorBody?.pointee = nil
    return Boundary.run { () throws(AuthleteError) in
        guard let box = OpaqueHandle<ClientBox>.borrow(client) else { throw Boundary.nullArgument("client") }
        guard let out else { throw Boundary.nullArgument("out") }
        let service = try Boundary.requiredString(serviceID, "service_id", limit: 128)
        let request: FailRequest
        do throws(AuthleteError) {
            request = try FailRequest(cTicket: ticket, reason: reason, errorDescription: errorDescription, errorURI: errorURI)
        } catch {
            throw box.client.redacted(error)
        }
        // The typed request writes itself without an array of fields: the fail call is the hot path.
        let body = box.client.configuration.requestEncoding == .json ? request.jsonBytes : request.formBytes
        try ClientCalls.handOut(out, outErrorBody) { () throws(AuthleteError) in
            try box.client.call(.cibaFail, serviceID: service, encodedBody: body)
        }
    }
}

@c @implementation
public func authlete_ciba_fail(_ serviceID: UnsafePointer<CChar>?, _ requestJSON: UnsafePointer<CChar>?,
                               _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> authlete_status {
    outJSON?.pointee = nil
    return Boundary.run { () throws(AuthleteError) in
        // NULL arguments are the caller's error whatever the environment holds: reported before it is read.
        guard let outJSON else { throw Boundary.nullArgument("out_json") }
        guard serviceID != nil else { throw Boundary.nullArgument("service_id") }
        guard requestJSON != nil else { throw Boundary.nullArgument("request_json") }
        let box = try processClient.withLock { current throws(AuthleteError) -> ClientBox in
            if let current { return current }
            let created = try ClientBox(try ClientConfiguration.fromEnvironment())
            current = created
            return created
        }
        try box.callJSON(.cibaFail, serviceID, requestJSON, outJSON)
    }
}
