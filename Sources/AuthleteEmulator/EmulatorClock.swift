// The emulator's clock: real time plus an offset that the admin API moves forward (or back), so tests see tickets
// and auth_req_ids expire without sleeping.
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

public final class EmulatorClock: Sendable {
    private let offset = Atomic<Int>(0)  // seconds

    public init() {}

    public var offsetSeconds: Int { offset.load(ordering: .acquiring) }

    /// Moves the clock; answers the total offset.
    @discardableResult
    public func advance(seconds: Int) -> Int {
        offset.wrappingAdd(seconds, ordering: .acquiringAndReleasing).newValue
    }

    /// Now, for lifetimes (monotonic).
    public var now: ContinuousClock.Instant { ContinuousClock.now + .seconds(offsetSeconds) }

    /// Now as seconds since the epoch, for token claims (iat, exp).
    public var epochSeconds: Int64 { Int64(time(nil)) + Int64(offsetSeconds) }
}
