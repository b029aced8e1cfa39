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

    static func borrow(_ pointer: OpaquePointer) -> ClientBox {
        Unmanaged<ClientBox>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
    }

    /// Validates the C arguments, calls Authlete and writes *out_json as include/authlete.h says (also on API errors).
    func cibaFail(_ serviceID: UnsafePointer<CChar>?, _ requestJSON: UnsafePointer<CChar>?,
                  _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) throws(AuthleteError) {
        let service = try Boundary.requiredString(serviceID, "service_id", limit: 128)
        let json = try Boundary.requiredString(requestJSON, "request_json", limit: FailRequest.jsonLimit)
        do {
            outJSON.pointee = try Boundary.allocate(try client.cibaFail(serviceID: service, requestJSON: json).body)
        } catch where error.status == .api {
            outJSON.pointee = try Boundary.allocate(error.body ?? "")
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
        out.pointee = OpaquePointer(Unmanaged.passRetained(try ClientBox(configuration)).toOpaque())
    }
}

@c @implementation
public func authlete_client_free(_ client: OpaquePointer?) {
    guard let client else { return }
    Unmanaged<ClientBox>.fromOpaque(UnsafeRawPointer(client)).release()
}

@c @implementation
public func authlete_client_base_url(_ client: OpaquePointer?) -> UnsafePointer<CChar>? {
    client.map { UnsafePointer(ClientBox.borrow($0).baseURL) }
}

@c @implementation
public func authlete_client_ciba_fail(_ client: OpaquePointer?, _ serviceID: UnsafePointer<CChar>?,
                                      _ requestJSON: UnsafePointer<CChar>?,
                                      _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> authlete_status {
    outJSON?.pointee = nil
    return Boundary.run { () throws(AuthleteError) in
        guard let client else { throw Boundary.nullArgument("client") }
        guard let outJSON else { throw Boundary.nullArgument("out_json") }
        try ClientBox.borrow(client).cibaFail(serviceID, requestJSON, outJSON)
    }
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
        guard let client else { throw Boundary.nullArgument("client") }
        guard let out else { throw Boundary.nullArgument("out") }
        let box = ClientBox.borrow(client)
        let service = try Boundary.requiredString(serviceID, "service_id", limit: 128)
        let request: FailRequest
        do throws(AuthleteError) {
            request = try FailRequest(cTicket: ticket, reason: reason, errorDescription: errorDescription, errorURI: errorURI)
        } catch {
            throw box.client.redacted(error)
        }
        do throws(AuthleteError) {
            out.pointee = try ResponseBox.handOut(try box.client.cibaFail(serviceID: service, request: request).response)
        } catch where error.status == .api {
            if let outErrorBody { outErrorBody.pointee = try Boundary.allocate(error.body ?? "") }
            throw error
        }
    }
}

@c @implementation
public func authlete_ciba_fail(_ serviceID: UnsafePointer<CChar>?, _ requestJSON: UnsafePointer<CChar>?,
                               _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> authlete_status {
    outJSON?.pointee = nil
    return Boundary.run { () throws(AuthleteError) in
        guard let outJSON else { throw Boundary.nullArgument("out_json") }
        let box = try processClient.withLock { current throws(AuthleteError) -> ClientBox in
            if let current { return current }
            let created = try ClientBox(try ClientConfiguration.fromEnvironment())
            current = created
            return created
        }
        try box.cibaFail(serviceID, requestJSON, outJSON)
    }
}
