/// When a failed attempt may be tried again, and after how long. The fail API deletes the ticket, so only what
/// Authlete cannot have processed is retried: connections that never opened, and HTTP 429, 502, 503, 504.
struct RetryPolicy: Sendable {
    static let retryableStatuses: Set<Int> = [429, 502, 503, 504]
    static let baseDelayMs = 100
    static let maxBackoffMs = 2_000
    /// Retry-After is honoured up to this; a longer wait gives up (the call would outlive any sane deadline).
    static let maxRetryAfterMs = 10_000

    let maxRetries: Int

    /// How long to wait before retry number `retry` (0-based): exponential backoff with "equal jitter" (half fixed,
    /// half random), or the server's Retry-After when it gave one, capped.
    func delayMs(retry: Int, retryAfterSeconds: Int?, random: (ClosedRange<Int>) -> Int = { Int.random(in: $0) }) -> Int {
        if let seconds = retryAfterSeconds {
            return min(max(seconds, 0), Self.maxRetryAfterMs / 1000) * 1000
        }
        let exponential = Self.baseDelayMs << min(max(retry, 0), 10)
        let ceiling = min(exponential, Self.maxBackoffMs)
        return ceiling / 2 + random(0...(ceiling / 2))
    }

    /// Retry-After as delta-seconds; an HTTP-date or anything else falls back to backoff.
    static func parseRetryAfter(_ value: String?) -> Int? {
        guard let value else { return nil }
        let trimmed = value.trimmingASCIISpaces()
        guard !trimmed.isEmpty, trimmed.utf8.count <= 9, trimmed.utf8.allSatisfy(TextRules.isDigit) else { return nil }
        return Int(trimmed)
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
              let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
