#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#endif

/// A value guarded by a pthread mutex, for the state that a client's threads share.
///
/// Why not `Synchronization.Mutex`: on Linux it locks with a futex from the Swift runtime's own, uninstrumented
/// code, so ThreadSanitizer sees no ordering between the threads that take it and reports every access it guards
/// as a race (hiding any real one). pthread_mutex_lock/unlock are intercepted by ThreadSanitizer, helgrind and DRD,
/// and cost the same on the uncontended path. `hardening/` runs the 8-thread tests under ThreadSanitizer.
package final class Locked<State>: @unchecked Sendable {
    // Every access to `state` happens between pthread_mutex_lock and pthread_mutex_unlock on `mutex`.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var state: State

    package init(_ state: State) {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        self.state = state
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    package func withLock<Result, Failure: Error>(_ body: (inout State) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state)
    }
}
