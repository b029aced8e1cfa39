// Tickets, each owned by one service: created by the admin endpoint (as /backchannel/authentication would issue
// them) and deleted by a fail call of the owning service. A ticket value is unique across the emulator.
import Synchronization

public final class TicketStore: Sendable {
    private let tickets = Mutex([String: String]())  // ticket -> serviceId

    public init() {}

    public enum AddResult: Equatable, Sendable {
        case added
        /// The ticket already exists for this service (nothing changes).
        case alreadyExists
        /// The ticket exists for another service.
        case ownedByOtherService(String)
    }

    public func add(_ ticket: String, serviceId: String) -> AddResult {
        tickets.withLock { tickets in
            if let owner = tickets[ticket] {
                return owner == serviceId ? .alreadyExists : .ownedByOtherService(owner)
            }
            tickets[ticket] = serviceId
            return .added
        }
    }

    /// The owning service of a ticket, or nil.
    public func owner(of ticket: String) -> String? {
        tickets.withLock { $0[ticket] }
    }

    /// Deletes the ticket when it belongs to `serviceId`; answers whether it did.
    @discardableResult
    public func delete(_ ticket: String, serviceId: String) -> Bool {
        tickets.withLock { tickets in
            guard tickets[ticket] == serviceId else { return false }
            tickets[ticket] = nil
            return true
        }
    }

    /// A new ticket value like Authlete's: 32 random bytes in base64url without padding (43 characters).
    public static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return base64URL(bytes)
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            if i + 1 < bytes.count { out.append(alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)]) }
            if i + 2 < bytes.count { out.append(alphabet[Int(b2 & 0x3F)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
