import AuthleteCore
internal import CAuthleteHeader
internal import CAuthleteSupport
#if canImport(Glibc)
internal import Glibc
#endif

/// What every exported function shares: reading C input safely, handing out C strings, and turning errors into a
/// status plus the thread's last-error text. Nothing here can trap on any input.
enum Boundary {
    /// Runs `body`; success clears the last error, failure records its detail and returns its status.
    static func run(_ body: () throws(AuthleteError) -> Void) -> authlete_status {
        do {
            try body()
            LastError.clear()
            return AUTHLETE_OK
        } catch {
            LastError.set(error.detail)
            return status(error.status)
        }
    }

    static func status(_ status: Status) -> authlete_status { authlete_status(rawValue: UInt32(status.rawValue)) }

    /// A NUL-terminated UTF-8 argument, nil when the pointer is NULL. Reads at most `limit + 1` bytes.
    static func optionalString(_ pointer: UnsafePointer<CChar>?, _ name: String, limit: Int) throws(AuthleteError) -> String? {
        guard let pointer else { return nil }
        let length = strnlen(pointer, limit + 1)
        guard length <= limit else { throw AuthleteError(.invalidArgument, "\(name) is over \(limit) bytes") }
        // validatingCString takes the stdlib's fast UTF-8 check; the generic String(validating:as:) costs several
        // times more per call (callgrind).
        guard let text = String(validatingCString: pointer) else {
            throw AuthleteError(.invalidArgument, "\(name) is not valid UTF-8")
        }
        return text
    }

    /// The same for an argument that must not be NULL.
    static func requiredString(_ pointer: UnsafePointer<CChar>?, _ name: String, limit: Int) throws(AuthleteError) -> String {
        guard let text = try optionalString(pointer, name, limit: limit) else { throw nullArgument(name) }
        return text
    }

    static func nullArgument(_ name: String) -> AuthleteError { AuthleteError(.nullArgument, "\(name) is NULL") }

    /// A malloc'd, NUL-terminated copy of `text`, for the caller to release with authlete_free().
    static func allocate(_ text: String) throws(AuthleteError) -> UnsafeMutablePointer<CChar> {
        var text = text
        return try text.withUTF8 { bytes in allocateCopy(bytes) }.get()
    }

    /// The same for UTF-8 bytes.
    static func allocate(_ bytes: [UInt8]) throws(AuthleteError) -> UnsafeMutablePointer<CChar> {
        try bytes.withUnsafeBufferPointer { allocateCopy($0) }.get()
    }

    private static func allocateCopy(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<UnsafeMutablePointer<CChar>, AuthleteError> {
        guard let memory = malloc(bytes.count + 1)?.assumingMemoryBound(to: CChar.self) else {
            return .failure(AuthleteError(.noMemory, "out of memory"))
        }
        if let source = bytes.baseAddress { memcpy(memory, source, bytes.count) }
        memory[bytes.count] = 0
        return .success(memory)
    }
}

/// authlete_last_error(): a thread-local buffer in C, written only here.
enum LastError {
    static func clear() { las_last_error_buffer()?[0] = 0 }

    /// Stores `detail`, cut at a character boundary to fit the buffer.
    static func set(_ detail: String) {
        guard let buffer = las_last_error_buffer() else { return }
        let capacity = las_last_error_capacity()
        var length = 0
        for character in detail {
            let size = character.utf8.count
            guard length + size < capacity else { break }
            for byte in character.utf8 {
                buffer[length] = CChar(bitPattern: byte)
                length += 1
            }
        }
        buffer[length] = 0
    }
}

/// The one way an opaque handle crosses the boundary: a retained Swift object handed out as a C pointer,
/// borrowed by getters and released by its _free function (NULL-safe everywhere).
enum OpaqueHandle<Object: AnyObject> {
    static func handOut(_ object: Object) -> OpaquePointer {
        OpaquePointer(Unmanaged.passRetained(object).toOpaque())
    }

    /// A pointer to an object that its owner keeps alive (a flow's responses): never released by the receiver.
    static func lend(_ object: Object) -> OpaquePointer {
        OpaquePointer(Unmanaged.passUnretained(object).toOpaque())
    }

    static func borrow(_ pointer: OpaquePointer?) -> Object? {
        pointer.map { Unmanaged<Object>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
    }

    static func release(_ pointer: OpaquePointer?) {
        guard let pointer else { return }
        Unmanaged<Object>.fromOpaque(UnsafeRawPointer(pointer)).release()
    }
}
