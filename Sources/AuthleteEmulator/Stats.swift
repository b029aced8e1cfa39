// Counters shown by GET /_emulator/stats.
import Synchronization

public final class Stats: Sendable {
    /// TCP connections accepted since start.
    public let connections = Atomic<Int>(0)
    /// Calls to the four CIBA endpoints (v2 and v3, any outcome) since start.
    public let requests = Atomic<Int>(0)
    /// The same per endpoint.
    private let authentication = Atomic<Int>(0), issue = Atomic<Int>(0), fail = Atomic<Int>(0),
                complete = Atomic<Int>(0)
    /// Requests to /elsewhere, the target of the `redirect` fault: a client that follows redirects shows here.
    public let redirectsFollowed = Atomic<Int>(0)

    public init() {}

    func count(_ endpoint: CibaEndpointName) {
        requests.add(1, ordering: .relaxed)
        switch endpoint {
        case .authentication: authentication.add(1, ordering: .relaxed)
        case .issue: issue.add(1, ordering: .relaxed)
        case .fail: fail.add(1, ordering: .relaxed)
        case .complete: complete.add(1, ordering: .relaxed)
        }
    }

    public func calls(_ endpoint: CibaEndpointName) -> Int {
        switch endpoint {
        case .authentication: authentication.load(ordering: .relaxed)
        case .issue: issue.load(ordering: .relaxed)
        case .fail: fail.load(ordering: .relaxed)
        case .complete: complete.load(ordering: .relaxed)
        }
    }

    public var json: [UInt8] {
        JSONWriter.object([
            ("connections", .int(connections.load(ordering: .relaxed))),
            ("requests", .int(requests.load(ordering: .relaxed))),
            ("redirectsFollowed", .int(redirectsFollowed.load(ordering: .relaxed))),
            ("byEndpoint", .object(CibaEndpointName.allCases.map { ($0.rawValue, .int(calls($0))) })),
        ])
    }
}
