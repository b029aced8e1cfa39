import AuthleteCore
public import CAuthleteHeader

@c @implementation
public func authlete_ciba_fail_request_json(_ ticket: UnsafePointer<CChar>?, _ reason: UnsafePointer<CChar>?,
                                            _ errorDescription: UnsafePointer<CChar>?, _ errorURI: UnsafePointer<CChar>?,
                                            _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> authlete_status {
    outJSON?.pointee = nil
    return Boundary.run { () throws(AuthleteError) in
        guard let outJSON else { throw Boundary.nullArgument("out_json") }
        let request = try FailRequest(cTicket: ticket, reason: reason, errorDescription: errorDescription, errorURI: errorURI)
        outJSON.pointee = try Boundary.allocate(request.jsonBytes)
    }
}

extension FailRequest {
    /// A request from the four C strings of the header's functions (each may be NULL: the field is omitted).
    init(cTicket ticket: UnsafePointer<CChar>?, reason: UnsafePointer<CChar>?, errorDescription: UnsafePointer<CChar>?,
         errorURI: UnsafePointer<CChar>?) throws(AuthleteError) {
        let limit = FailRequest.fieldLimit
        var failReason: FailReason?
        if let name = try Boundary.optionalString(reason, "reason", limit: 64) {
            guard let known = FailReason(name: name) else { throw AuthleteError(.invalidArgument, "unknown reason \"\(name)\"") }
            failReason = known
        }
        try self.init(ticket: try Boundary.optionalString(ticket, "ticket", limit: limit),
                      reason: failReason,
                      errorDescription: try Boundary.optionalString(errorDescription, "error_description", limit: limit),
                      errorURI: try Boundary.optionalString(errorURI, "error_uri", limit: limit))
    }
}
