// Tickets and their life cycle, each owned by one service. Created by /backchannel/authentication (or the admin
// endpoint), issued once by /issue (which mints the auth_req_id), completed once by /complete (which records the
// outcome and keeps the ticket visible to the admin view), deleted by /fail in any state. A ticket lives the
// service's authReqIdDuration from creation; /issue restarts that lifetime with the auth_req_id's expiresIn.
// A ticket value is unique across the emulator.
import Synchronization

public struct TicketRecord: Equatable, Sendable {
    public enum State: String, Sendable { case created, issued, completed }

    public var serviceId: String
    public var state: State = .created
    public var expiresAt: ContinuousClock.Instant
    /// The client of the backchannel request; nil for a ticket made by the admin endpoint without one.
    public var clientId: Int64?
    public var clientIdAliasUsed = false
    public var deliveryMode: DeliveryMode?
    public var clientNotificationToken: String?
    public var scopes: [String] = []
    public var requestedExpiry = 0
    public var authReqId: String?
    /// The /complete request's fields as received, the action it was answered with and, for NOTIFICATION, the
    /// responseContent the authorization server sends to the client's notification endpoint.
    public var outcome: JSONValue?
    public var completeAction: String?
    public var notification: String?

    public init(serviceId: String, expiresAt: ContinuousClock.Instant) {
        self.serviceId = serviceId
        self.expiresAt = expiresAt
    }

    public func isExpired(at now: ContinuousClock.Instant) -> Bool { now >= expiresAt }
}

public final class TicketStore: Sendable {
    private let tickets = Mutex([String: TicketRecord]())

    public init() {}

    public enum AddResult: Equatable, Sendable {
        case added
        /// The ticket already exists for this service (nothing changes).
        case alreadyExists
        /// The ticket exists for another service.
        case ownedByOtherService(String)
    }

    public func add(_ ticket: String, record: TicketRecord) -> AddResult {
        tickets.withLock { tickets in
            if let owner = tickets[ticket]?.serviceId {
                return owner == record.serviceId ? .alreadyExists : .ownedByOtherService(owner)
            }
            tickets[ticket] = record
            return .added
        }
    }

    /// A new ticket (a fresh random value) for `record`.
    public func create(_ record: TicketRecord) -> String {
        let ticket = Self.generate()
        tickets.withLock { $0[ticket] = record }
        return ticket
    }

    /// The owning service of a ticket, or nil.
    public func owner(of ticket: String) -> String? {
        tickets.withLock { $0[ticket]?.serviceId }
    }

    public func record(_ ticket: String) -> TicketRecord? {
        tickets.withLock { $0[ticket] }
    }

    /// Deletes the ticket when it belongs to `serviceId`; answers whether it did.
    @discardableResult
    public func delete(_ ticket: String, serviceId: String) -> Bool {
        tickets.withLock { tickets in
            guard tickets[ticket]?.serviceId == serviceId else { return false }
            tickets[ticket] = nil
            return true
        }
    }

    /// Why a ticket cannot take the next step.
    public enum Refusal: String, Error, Sendable {
        case unknown = "does not exist"
        case expired = "has expired"
        case notIssued = "has not been issued"
        case alreadyIssued = "has already been issued"
        case completed = "has already been completed"
    }

    /// Runs `change` on the service's ticket when it is in `state` and not expired; answers the changed record.
    public func advance(_ ticket: String, serviceId: String, from state: TicketRecord.State,
                        at now: ContinuousClock.Instant, _ change: (inout TicketRecord) -> Void)
        -> Result<TicketRecord, Refusal>
    {
        tickets.withLock { tickets in
            guard var record = tickets[ticket], record.serviceId == serviceId else { return .failure(.unknown) }
            guard record.state == state else {
                switch record.state {
                case .created: return .failure(.notIssued)
                case .issued: return .failure(.alreadyIssued)
                case .completed: return .failure(.completed)
                }
            }
            guard !record.isExpired(at: now) else { return .failure(.expired) }
            change(&record)
            tickets[ticket] = record
            return .success(record)
        }
    }

    /// A new ticket value like Authlete's: 32 random bytes in base64url without padding (43 characters).
    public static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 { withUnsafeBytes(of: rng.next() as UInt64) { bytes.append(contentsOf: $0) } }
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

    static func base64URL(_ text: String) -> String { base64URL(Array(text.utf8)) }
}
