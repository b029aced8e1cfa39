import AuthleteCore
internal import CAuthleteHeader
#if canImport(Glibc)
internal import Glibc
#endif

/// What every authlete_ciba_*_response points to: a parsed answer whose strings are C strings in one block (one
/// malloc and one free per response), so that getters hand out borrowed pointers that live as long as the response.
/// Immutable once made. The generated getters read it by member position.
final class ResponseObject {
    private enum Slot {
        case absent
        case text(UnsafePointer<CChar>)
        case number(Int64)
        case list([UnsafePointer<CChar>])
    }

    let action: Int32
    let httpStatus: Int32
    private let slots: [Slot]
    private let block: UnsafeMutablePointer<CChar>

    init(_ response: ParsedResponse) throws(AuthleteError) {
        action = response.action
        httpStatus = response.httpStatus
        var size = 1
        for value in response.values {
            switch value {
            case .text(let text)?: size += text.utf8.count + 1
            case .list(let texts)?: for text in texts { size += text.utf8.count + 1 }
            default: break
            }
        }
        guard let block = malloc(size)?.assumingMemoryBound(to: CChar.self) else {
            throw AuthleteError(.noMemory, "out of memory")
        }
        self.block = block
        var offset = 0
        slots = response.values.map { value -> Slot in
            switch value {
            case nil: .absent
            case .number(let number)?: .number(number)
            case .text(let text)?: .text(Self.place(text, in: block, capacity: size, at: &offset))
            case .list(let texts)?: .list(texts.map { Self.place($0, in: block, capacity: size, at: &offset) })
            }
        }
    }

    deinit { free(block) }

    /// Copies `text` NUL-terminated into `block` at `offset` and moves `offset` past it (never past `capacity`).
    private static func place(_ text: String, in block: UnsafeMutablePointer<CChar>, capacity: Int,
                              at offset: inout Int) -> UnsafePointer<CChar> {
        var text = text
        let start = block + offset
        let count = text.withUTF8 { bytes in
            let count = min(bytes.count, capacity - offset - 1)
            if let source = bytes.baseAddress, count > 0 { memcpy(start, source, count) }
            return max(count, 0)
        }
        start[count] = 0
        offset += count + 1
        return UnsafePointer(start)
    }

    /// A text member as a Swift string (for the library's own use of a handed-out response).
    func text(_ member: Int) -> String? {
        guard slots.indices.contains(member), case .text(let text) = slots[member] else { return nil }
        return String(cString: text)
    }

    // The getters' shared bodies: NULL or 0 for a NULL response, an absent member or an index past the end.
    static func action(_ response: OpaquePointer?) -> Int32 { OpaqueHandle<ResponseObject>.borrow(response)?.action ?? 0 }

    static func httpStatus(_ response: OpaquePointer?) -> Int32 {
        OpaqueHandle<ResponseObject>.borrow(response)?.httpStatus ?? 0
    }

    private static func slot(_ response: OpaquePointer?, _ member: Int) -> Slot {
        guard let object = OpaqueHandle<ResponseObject>.borrow(response), object.slots.indices.contains(member) else {
            return .absent
        }
        return object.slots[member]
    }

    static func text(_ response: OpaquePointer?, _ member: Int) -> UnsafePointer<CChar>? {
        guard case .text(let text) = slot(response, member) else { return nil }
        return text
    }

    static func number(_ response: OpaquePointer?, _ member: Int) -> Int64 {
        guard case .number(let number) = slot(response, member) else { return 0 }
        return number
    }

    static func count(_ response: OpaquePointer?, _ member: Int) -> Int {
        guard case .list(let list) = slot(response, member) else { return 0 }
        return list.count
    }

    static func item(_ response: OpaquePointer?, _ member: Int, _ index: Int) -> UnsafePointer<CChar>? {
        guard case .list(let list) = slot(response, member), list.indices.contains(index) else { return nil }
        return list[index]
    }

    /// A new response handle owning `response`, for the caller to free.
    static func handOut(_ response: ParsedResponse) throws(AuthleteError) -> OpaquePointer {
        OpaqueHandle.handOut(try ResponseObject(response))
    }

    /// authlete_ciba_*_response_parse.
    static func parse(_ endpoint: Endpoint, _ json: UnsafePointer<CChar>?,
                      _ out: UnsafeMutablePointer<OpaquePointer?>?) -> authlete_status {
        out?.pointee = nil
        return Boundary.run { () throws(AuthleteError) in
            guard let out else { throw Boundary.nullArgument("out") }
            let text = try Boundary.requiredString(json, "json", limit: ResponseSchema.sizeLimit)
            out.pointee = try handOut(try endpoint.response.parse(text))
        }
    }
}
