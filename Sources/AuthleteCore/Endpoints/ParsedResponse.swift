#if canImport(Glibc)
internal import Glibc
#endif

/// Authlete's 2xx answer read by its schema. Its strings are NUL-terminated in one malloc'd block, written once
/// from the parser's tree: the C boundary hands out pointers into it (this object is what an
/// authlete_ciba_*_response points to), and a parse makes no Swift String per member. Immutable once made.
public final class ParsedResponse: @unchecked Sendable, Equatable {
    /// What a member will hold, as the parser found it (pointers valid until the block is written).
    enum Piece {
        case absent
        case number(Int64)
        case text(UnsafePointer<CChar>)
        /// Text made by the reader (a member's own JSON text).
        case owned(String)
        case list([UnsafePointer<CChar>])
    }

    private enum Slot {
        case absent
        case number(Int64)
        case text(UnsafePointer<CChar>)
        case list([UnsafePointer<CChar>])
    }

    /// The action's position in the schema's list + 1 (never 0: an unknown action is refused).
    public let action: Int32
    /// The HTTP status the authorization server answers its client with for the action (0 when it has none).
    public let httpStatus: Int32
    /// One per member of the schema.
    private let slots: [Slot]
    private let block: UnsafeMutablePointer<CChar>

    init(action: Int32, httpStatus: Int32, pieces: [Piece]) throws(AuthleteError) {
        self.action = action
        self.httpStatus = httpStatus
        var size = 1
        for piece in pieces {
            switch piece {
            case .text(let text): size += strlen(text) + 1
            case .owned(let text): size += text.utf8.count + 1
            case .list(let texts): for text in texts { size += strlen(text) + 1 }
            case .absent, .number: break
            }
        }
        guard let block = malloc(size)?.assumingMemoryBound(to: CChar.self) else {
            throw AuthleteError(.noMemory, "out of memory")
        }
        self.block = block
        var writer = BlockWriter(block: block, capacity: size)
        slots = pieces.map { piece -> Slot in
            switch piece {
            case .absent: .absent
            case .number(let number): .number(number)
            case .text(let text): .text(writer.place(UnsafeRawPointer(text), count: strlen(text)))
            case .owned(var text): .text(text.withUTF8 { writer.place(UnsafeRawPointer($0.baseAddress), count: $0.count) })
            case .list(let texts): .list(texts.map { writer.place(UnsafeRawPointer($0), count: strlen($0)) })
            }
        }
    }

    deinit { free(block) }

    /// Copies byte runs NUL-terminated into the block, never past its capacity.
    private struct BlockWriter {
        let block: UnsafeMutablePointer<CChar>
        let capacity: Int
        var offset = 0

        mutating func place(_ source: UnsafeRawPointer?, count: Int) -> UnsafePointer<CChar> {
            // The block is sized for every piece, so this never happens; if it did, an empty string, not a write
            // past the end.
            guard offset < capacity else { return JSONObject.cString("") }
            let start = block + offset
            let count = max(min(count, capacity - offset - 1), 0)
            if let source, count > 0 { memcpy(start, source, count) }
            start[count] = 0
            offset += count + 1
            return UnsafePointer(start)
        }
    }

    private func slot(_ index: Int) -> Slot { slots.indices.contains(index) ? slots[index] : .absent }

    // For the C getters: borrowed pointers that live as long as this object; NULL or 0 when absent.
    public func cText(_ index: Int) -> UnsafePointer<CChar>? {
        guard case .text(let text) = slot(index) else { return nil }
        return text
    }

    public func count(_ index: Int) -> Int {
        guard case .list(let list) = slot(index) else { return 0 }
        return list.count
    }

    public func cItem(_ index: Int, _ item: Int) -> UnsafePointer<CChar>? {
        guard case .list(let list) = slot(index), list.indices.contains(item) else { return nil }
        return list[item]
    }

    // For Swift code.
    public func text(_ index: Int) -> String? { cText(index).map { String(cString: $0) } }

    public func number(_ index: Int) -> Int64 {
        guard case .number(let number) = slot(index) else { return 0 }
        return number
    }

    public func list(_ index: Int) -> [String] {
        guard case .list(let list) = slot(index) else { return [] }
        return list.map { String(cString: $0) }
    }

    /// One per member of the schema, nil when absent or null.
    public var values: [ResponseValue?] {
        slots.map { slot in
            switch slot {
            case .absent: nil
            case .number(let number): .number(number)
            case .text(let text): .text(String(cString: text))
            case .list(let list): .list(list.map { String(cString: $0) })
            }
        }
    }

    public static func == (lhs: ParsedResponse, rhs: ParsedResponse) -> Bool {
        lhs.action == rhs.action && lhs.httpStatus == rhs.httpStatus && lhs.values == rhs.values
    }
}
