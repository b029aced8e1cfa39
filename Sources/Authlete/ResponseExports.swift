import AuthleteCore
public import CAuthleteHeader
#if canImport(Glibc)
internal import Glibc
#endif

/// What an authlete_ciba_fail_response points to: the parsed answer with its strings kept as C strings, so that
/// getters hand out borrowed pointers that live as long as the response.
final class ResponseBox {
    let action: Int32
    let httpStatus: Int32
    let content: UnsafeMutablePointer<CChar>?
    let resultCode: UnsafeMutablePointer<CChar>?
    let resultMessage: UnsafeMutablePointer<CChar>?

    init(_ response: FailResponse) throws(AuthleteError) {
        action = response.action.rawValue
        httpStatus = response.httpStatus
        var allocated: [UnsafeMutablePointer<CChar>?] = []
        do {
            for text in [response.responseContent, response.resultCode, response.resultMessage] {
                allocated.append(try text.map { (text) throws(AuthleteError) in try Boundary.allocate(text) })
            }
        } catch {
            allocated.forEach { free($0) }
            throw error
        }
        content = allocated[0]
        resultCode = allocated[1]
        resultMessage = allocated[2]
    }

    deinit {
        free(content)
        free(resultCode)
        free(resultMessage)
    }

    static func borrow(_ pointer: OpaquePointer?) -> ResponseBox? {
        pointer.map { Unmanaged<ResponseBox>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
    }
}

@c @implementation
public func authlete_ciba_fail_response_parse(_ json: UnsafePointer<CChar>?,
                                              _ out: UnsafeMutablePointer<OpaquePointer?>?) -> authlete_status {
    out?.pointee = nil
    return Boundary.run { () throws(AuthleteError) in
        guard let out else { throw Boundary.nullArgument("out") }
        let text = try Boundary.requiredString(json, "json", limit: FailResponse.sizeLimit)
        out.pointee = try ResponseBox.handOut(try FailResponse(json: text))
    }
}

@c @implementation
public func authlete_ciba_fail_response_action(_ response: OpaquePointer?) -> Int32 {
    ResponseBox.borrow(response)?.action ?? 0
}

@c @implementation
public func authlete_ciba_fail_response_http_status(_ response: OpaquePointer?) -> Int32 {
    ResponseBox.borrow(response)?.httpStatus ?? 0
}

@c @implementation
public func authlete_ciba_fail_response_content(_ response: OpaquePointer?) -> UnsafePointer<CChar>? {
    ResponseBox.borrow(response)?.content.map { UnsafePointer($0) }
}

@c @implementation
public func authlete_ciba_fail_response_result_code(_ response: OpaquePointer?) -> UnsafePointer<CChar>? {
    ResponseBox.borrow(response)?.resultCode.map { UnsafePointer($0) }
}

@c @implementation
public func authlete_ciba_fail_response_result_message(_ response: OpaquePointer?) -> UnsafePointer<CChar>? {
    ResponseBox.borrow(response)?.resultMessage.map { UnsafePointer($0) }
}

@c @implementation
public func authlete_ciba_fail_response_free(_ response: OpaquePointer?) {
    guard let response else { return }
    Unmanaged<ResponseBox>.fromOpaque(UnsafeRawPointer(response)).release()
}

extension ResponseBox {
    /// A new authlete_ciba_fail_response owning `response`, for the caller to free.
    static func handOut(_ response: FailResponse) throws(AuthleteError) -> OpaquePointer {
        OpaquePointer(Unmanaged.passRetained(try ResponseBox(response)).toOpaque())
    }
}
