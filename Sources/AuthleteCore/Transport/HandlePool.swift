internal import CAuthleteSupport

/// Reusable libcurl easy handles (each keeps its connection alive) and one share object (DNS cache, TLS sessions),
/// so that calls from many threads reuse connections instead of opening one per call.
///
/// fork(): a child must not touch its parent's connections (closing them would send TLS close_notify on the
/// parent's sockets). In a fork child (a wipe-on-fork page tells, else the process id) the pool abandons the
/// inherited handles without cleaning them up and starts afresh.
final class HandlePool: Sendable {
    typealias Handle = UnsafeMutablePointer<las_handle>

    /// Pointers owned by the pool and handed to one thread at a time, under the lock.
    private struct Owned<Pointer>: @unchecked Sendable { let pointer: Pointer }

    private struct State {
        var share: Owned<OpaquePointer>?
        var idle: [Owned<Handle>]
    }

    private let state = Locked(State(share: nil, idle: []))
    /// Tells a fork child (read under the lock): one byte read per call, getpid() only where the kernel cannot wipe
    /// a page on fork (fork_guard.c).
    private let forkGuard: Owned<OpaquePointer>
    private let bodyLimit: Int
    /// Sets the options that are the same on every call (headers, timeouts' companions, TLS); false on failure.
    private let prepare: @Sendable (Handle) -> Bool

    init(bodyLimit: Int, prepare: @escaping @Sendable (Handle) -> Bool) throws(AuthleteError) {
        guard let guardPage = las_fork_guard_new() else { throw AuthleteError(.noMemory, "could not map the fork guard") }
        forkGuard = Owned(pointer: guardPage)
        self.bodyLimit = bodyLimit
        self.prepare = prepare
    }

    deinit {
        state.withLock { state in
            guard las_fork_guard_forked(forkGuard.pointer) == 0 else { return }
            for handle in state.idle { las_handle_free(handle.pointer) }
            state.idle.removeAll()
            las_share_free(state.share?.pointer)
        }
        las_fork_guard_free(forkGuard.pointer)
    }

    /// An idle handle, or a new one ready for use.
    func checkout() throws(AuthleteError) -> Handle {
        let (reused, share) = state.withLock { state -> (Owned<Handle>?, Owned<OpaquePointer>?) in
            if las_fork_guard_forked(forkGuard.pointer) != 0 {
                // The parent's handles and share stay untouched (the parent still uses them): abandon them.
                state = State(share: nil, idle: [])
                las_fork_guard_rearm(forkGuard.pointer)
            }
            if state.share == nil { state.share = las_share_new().map(Owned.init) }
            return (state.idle.popLast(), state.share)
        }
        if let reused { return reused.pointer }
        guard let handle = las_handle_new(bodyLimit) else { throw AuthleteError(.noMemory, "could not create an HTTP handle") }
        if let share { _ = las_handle_use_share(handle, share.pointer) }
        guard prepare(handle) else {
            las_handle_free(handle)
            throw AuthleteError(.internal, "libcurl refused the client's options")
        }
        return handle
    }

    /// Returns a handle after a call (libcurl itself drops a connection that a failed transfer left unusable).
    /// No process check here: a handle goes back in the process that took it out (a fork copies only the forking
    /// thread, which is not inside a call), and checkout already made the pool this process's.
    func checkin(_ handle: Handle) {
        let handle = Owned(pointer: handle)
        state.withLock { state in state.idle.append(handle) }
    }
}
