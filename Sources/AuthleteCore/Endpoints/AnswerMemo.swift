#if canImport(Glibc)
internal import Glibc
#endif

/// The three-call path (request JSON, call, parse) reads each answer twice: the call checks it and hands out the
/// text, then the caller parses that text. The call leaves its parsed answer here, per thread (no lock), and the
/// parse of the same bytes with the same schema takes it instead of reading them again. Only small answers are
/// kept, and a taken or replaced one is released: a thread holds at most one between a call and its parse.
package enum AnswerMemo {
    package static let sizeLimit = 4096

    private final class Entry {
        let schema: ObjectIdentifier
        let body: String
        let response: ParsedResponse

        init(schema: ObjectIdentifier, body: String, response: ParsedResponse) {
            self.schema = schema
            self.body = body
            self.response = response
        }
    }

    /// The thread's entry as a retained pointer; released when the thread exits.
    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        let made = pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<Entry>.fromOpaque(pointer).release() }
        }
        return made == 0 ? key : nil
    }()

    /// Leaves `response`, read from `body` by `schema`, for this thread's next `take`.
    package static func leave(_ response: ParsedResponse, body: String, schema: ResponseSchema) {
        guard let key else { return }
        release(key)
        guard body.utf8.count <= sizeLimit else { return }
        let entry = Entry(schema: ObjectIdentifier(schema), body: body, response: response)
        if pthread_setspecific(key, Unmanaged.passRetained(entry).toOpaque()) != 0 {
            Unmanaged.passUnretained(entry).release()
        }
    }

    /// The answer left for exactly these NUL-terminated bytes and this schema, if any; the entry is taken either way.
    package static func take(_ text: UnsafePointer<CChar>, schema: ResponseSchema) -> ParsedResponse? {
        guard let key, let pointer = pthread_getspecific(key) else { return nil }
        let entry = Unmanaged<Entry>.fromOpaque(pointer).takeUnretainedValue()
        defer { release(key) }
        guard entry.schema == ObjectIdentifier(schema) else { return nil }
        var body = entry.body
        let same = body.withUTF8 { bytes in
            guard strnlen(text, bytes.count + 1) == bytes.count else { return false }
            guard let base = bytes.baseAddress else { return true }
            return memcmp(text, base, bytes.count) == 0
        }
        return same ? entry.response : nil
    }

    private static func release(_ key: pthread_key_t) {
        guard let pointer = pthread_getspecific(key) else { return }
        _ = pthread_setspecific(key, nil)
        Unmanaged<Entry>.fromOpaque(pointer).release()
    }
}
