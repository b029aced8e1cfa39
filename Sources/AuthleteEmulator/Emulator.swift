// The emulator's shared state: services, tickets, the clock, fault counters and stats. One instance per server.
import Synchronization

public final class Emulator: Sendable {
    public let registry: ServiceRegistry
    public let tickets = TicketStore()
    public let clock = EmulatorClock()
    public let counters = FaultCounters()
    public let stats = Stats()
    private let boundPort = Atomic<Int>(0)
    public let host: String

    public init(services: [ServiceConfig], host: String = "127.0.0.1") {
        self.registry = ServiceRegistry(services)
        self.host = host
    }

    /// Adds or replaces a service, resetting the `unavailable` counter of its own fault; answers whether it replaced.
    @discardableResult
    public func putService(_ service: ServiceConfig) -> Bool {
        let replaced = registry.put(service)
        counters.reset("service:" + service.serviceId)
        return replaced
    }

    /// The port the server listens on (0 until it does).
    public var port: Int {
        get { boundPort.load(ordering: .acquiring) }
    }

    /// `http://HOST:PORT` of this server (an IPv6 host in brackets).
    public var baseURL: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "http://\(host):\(port)"
    }

    func setPort(_ port: Int) { boundPort.store(port, ordering: .releasing) }

    /// The single line printed to stdout once listening: `{"event":"listening","host":"127.0.0.1","port":54321}`.
    public static func listeningLine(host: String, port: Int) -> String {
        String(decoding: JSONWriter.object([("event", .string("listening")), ("host", .string(host)),
                                            ("port", .int(port))]), as: UTF8.self)
    }
}
