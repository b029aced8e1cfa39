import AuthleteCore
public import CAuthleteHeader

@c @implementation
public func authlete_ciba_fail_reason_name(_ reason: Int32) -> UnsafePointer<CChar>? {
    FailReason(rawValue: reason).map { StaticNames.pointer($0.name) }
}

@c @implementation
public func authlete_ciba_fail_reason_from_name(_ name: UnsafePointer<CChar>?,
                                                _ out: UnsafeMutablePointer<authlete_ciba_fail_reason>?) -> authlete_status {
    Boundary.run { () throws(AuthleteError) in
        guard let out else { throw Boundary.nullArgument("out") }
        let text = try Boundary.requiredString(name, "name", limit: 64)
        guard let reason = FailReason(name: text) else { throw AuthleteError(.invalidArgument, "unknown reason \"\(text)\"") }
        out.pointee = authlete_ciba_fail_reason(rawValue: UInt32(reason.rawValue))
    }
}
