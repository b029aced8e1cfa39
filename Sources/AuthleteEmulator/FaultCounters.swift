// The call counters of `unavailable=K` faults. A service's own fault counts in "service:<id>" (reset when the
// service is replaced); a header fault counts in "key:<NAME>" with key=NAME, else in "header:<id>" for the
// request's service.
import Synchronization

public final class FaultCounters: Sendable {
    private let counts = Mutex([String: Int]())

    public init() {}

    /// Counts one more call under `key`; answers the call's number, from 1.
    public func next(_ key: String) -> Int {
        counts.withLock { counts in
            let n = (counts[key] ?? 0) + 1
            counts[key] = n
            return n
        }
    }

    public func reset(_ key: String) {
        _ = counts.withLock { $0.removeValue(forKey: key) }
    }
}
