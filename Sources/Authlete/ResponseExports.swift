import AuthleteCore
public import CAuthleteHeader
#if canImport(Glibc)
internal import Glibc
#endif

/// What an authlete_ciba_fail_response points to: the parsed answer with its strings kept as C strings, so that
/// getters hand out borrowed pointers that live as long as the response. The three strings share one block: one
/// malloc and one free per response.
final class ResponseBox {
    let action: Int32
    let httpStatus: Int32
    let content: UnsafePointer<CChar>?
    let resultCode: UnsafePointer<CChar>?
    let resultMessage: UnsafePointer<CChar>?
    private let block: UnsafeMutablePointer<CChar>

    init(_ response: FailResponse) throws(AuthleteError) {
        action = response.action.rawValue
        httpStatus = response.httpStatus
        let size = Self.size(response.responseContent) + Self.size(response.resultCode) + Self.size(response.resultMessage)
        guard let block = malloc(max(size, 1))?.assumingMemoryBound(to: CChar.self) else {
            throw AuthleteError(.noMemory, "out of memory")
        }
        self.block = block
        var offset = 0
        content = Self.place(response.responseContent, in: block, at: &offset)
        resultCode = Self.place(response.resultCode, in: block, at: &offset)
        resultMessage = Self.place(response.resultMessage, in: block, at: &offset)
    }

    deinit { free(block) }

    /// Bytes a string takes in the block, its NUL included.
    private static func size(_ text: String?) -> Int { text.map { $0.utf8.count + 1 } ?? 0 }

    /// Copies `text` NUL-terminated into `block` at `offset` and moves `offset` past it; nil for nil.
    private static func place(_ text: String?, in block: UnsafeMutablePointer<CChar>, at offset: inout Int) -> UnsafePointer<CChar>? {
        guard var text else { return nil }
        let start = block + offset
        let count = text.withUTF8 { bytes in
            if let source = bytes.baseAddress { memcpy(start, source, bytes.count) }
            return bytes.count
        }
        start[count] = 0
        offset += count + 1
        return UnsafePointer(start)
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
    ResponseBox.borrow(response)?.content
}

@c @implementation
public func authlete_ciba_fail_response_result_code(_ response: OpaquePointer?) -> UnsafePointer<CChar>? {
    ResponseBox.borrow(response)?.resultCode
}

@c @implementation
public func authlete_ciba_fail_response_result_message(_ response: OpaquePointer?) -> UnsafePointer<CChar>? {
    ResponseBox.borrow(response)?.resultMessage
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
