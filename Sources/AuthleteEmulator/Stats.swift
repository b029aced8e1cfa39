// Counters shown by GET /_emulator/stats.
import Synchronization

public final class Stats: Sendable {
    /// TCP connections accepted since start.
    public let connections = Atomic<Int>(0)
    /// Calls to the fail API (v2 and v3, any outcome) since start.
    public let requests = Atomic<Int>(0)
    /// Requests to /elsewhere, the target of the `redirect` fault: a client that follows redirects shows here.
    public let redirectsFollowed = Atomic<Int>(0)

    public init() {}

    public var json: [UInt8] {
        JSONWriter.object([
            ("connections", .int(connections.load(ordering: .relaxed))),
            ("requests", .int(requests.load(ordering: .relaxed))),
            ("redirectsFollowed", .int(redirectsFollowed.load(ordering: .relaxed))),
        ])
    }
}
