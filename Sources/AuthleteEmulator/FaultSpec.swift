// Fault injection specs: comma-separated items, from the `X-Emulator-Fault` header or a service's `fault`.
//   delay=MS          wait MS milliseconds, then answer as the rest of the spec says (combinable with any outcome)
//   status=CODE       answer CODE (400...599) with a result-code body
//   unavailable=K     the first K calls answer 503 with Retry-After; later calls answer normally
//   retry-after=S     the Retry-After seconds of `unavailable` (default 1) or of `status`
//   key=NAME          the name of the `unavailable` counter (default: per service, see FaultCounters)
//   on=ENDPOINT       only calls to that endpoint (authentication, issue, fail, complete) get the fault; the item
//                     may repeat; without it the fault applies to all four
//   non-json | no-action | unknown-action | oversized=BYTES | close | close-mid | redirect
// At most one outcome item (status, unavailable, non-json, ...) per spec. Whitespace around items is ignored;
// an empty spec means no fault.

public struct FaultSpec: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case status(Int)
        case unavailable(count: Int)
        case nonJSON
        case noAction
        case unknownAction
        case oversized(bytes: Int)
        case close
        case closeMid
        case redirect
    }

    public var delayMilliseconds: Int?
    public var outcome: Outcome?
    public var retryAfterSeconds: Int?
    public var key: String?
    /// The endpoints the fault applies to; empty means all.
    public var endpoints: Set<CibaEndpointName>

    public init(delayMilliseconds: Int? = nil, outcome: Outcome? = nil, retryAfterSeconds: Int? = nil,
                key: String? = nil, endpoints: Set<CibaEndpointName> = []) {
        self.delayMilliseconds = delayMilliseconds
        self.outcome = outcome
        self.retryAfterSeconds = retryAfterSeconds
        self.key = key
        self.endpoints = endpoints
    }

    public var isEmpty: Bool { delayMilliseconds == nil && outcome == nil }

    public func applies(to endpoint: CibaEndpointName) -> Bool { endpoints.isEmpty || endpoints.contains(endpoint) }

    /// The spec as text that parses back to the same spec (items in a fixed order).
    public var text: String {
        var items: [String] = []
        if let delayMilliseconds { items.append("delay=\(delayMilliseconds)") }
        switch outcome {
        case .status(let code)?: items.append("status=\(code)")
        case .unavailable(let count)?: items.append("unavailable=\(count)")
        case .nonJSON?: items.append("non-json")
        case .noAction?: items.append("no-action")
        case .unknownAction?: items.append("unknown-action")
        case .oversized(let bytes)?: items.append("oversized=\(bytes)")
        case .close?: items.append("close")
        case .closeMid?: items.append("close-mid")
        case .redirect?: items.append("redirect")
        case nil: break
        }
        if let retryAfterSeconds { items.append("retry-after=\(retryAfterSeconds)") }
        if let key { items.append("key=\(key)") }
        items += endpoints.map(\.rawValue).sorted().map { "on=" + $0 }
        return items.joined(separator: ",")
    }

    public static let maxDelayMilliseconds = 600_000
    public static let maxOversizedBytes = 64 * 1024 * 1024
}

public struct FaultSpecError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension FaultSpec {
    public init(parsing text: String) throws(FaultSpecError) {
        self.init()
        for rawItem in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = rawItem.trimmingASCIIWhitespace()
            if item.isEmpty {
                if text.trimmingASCIIWhitespaceString().isEmpty { continue }
                throw FaultSpecError(message: "empty item in fault spec")
            }
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0].trimmingASCIIWhitespace())
            let value = parts.count > 1 ? String(parts[1].trimmingASCIIWhitespace()) : nil
            switch name {
            case "delay":
                guard delayMilliseconds == nil else { throw Self.duplicate(name) }
                delayMilliseconds = try Self.number(name, value, in: 0...Self.maxDelayMilliseconds)
            case "retry-after":
                guard retryAfterSeconds == nil else { throw Self.duplicate(name) }
                retryAfterSeconds = try Self.number(name, value, in: 0...86_400)
            case "key":
                guard key == nil else { throw Self.duplicate(name) }
                guard let value, !value.isEmpty else { throw FaultSpecError(message: "key needs a name: key=NAME") }
                key = value
            case "on":
                guard let value, let endpoint = CibaEndpointName(rawValue: value) else {
                    throw FaultSpecError(message: "on needs an endpoint: on=authentication|issue|fail|complete")
                }
                endpoints.insert(endpoint)
            case "status":
                try setOutcome(.status(try Self.number(name, value, in: 400...599)))
            case "unavailable":
                try setOutcome(.unavailable(count: try Self.number(name, value, in: 0...1_000_000_000)))
            case "oversized":
                try setOutcome(.oversized(bytes: try Self.number(name, value, in: 0...Self.maxOversizedBytes)))
            case "non-json": try setOutcome(.nonJSON, flag: name, value)
            case "no-action": try setOutcome(.noAction, flag: name, value)
            case "unknown-action": try setOutcome(.unknownAction, flag: name, value)
            case "close": try setOutcome(.close, flag: name, value)
            case "close-mid": try setOutcome(.closeMid, flag: name, value)
            case "redirect": try setOutcome(.redirect, flag: name, value)
            default:
                throw FaultSpecError(message: "unknown fault item '\(name)'")
            }
        }
        if retryAfterSeconds != nil {
            switch outcome {
            case .status?, .unavailable?: break
            default: throw FaultSpecError(message: "retry-after needs status= or unavailable=")
            }
        }
    }

    private mutating func setOutcome(_ new: Outcome, flag name: String, _ value: String?) throws(FaultSpecError) {
        guard value == nil else { throw FaultSpecError(message: "'\(name)' takes no value") }
        try setOutcome(new)
    }

    private mutating func setOutcome(_ new: Outcome) throws(FaultSpecError) {
        guard outcome == nil else { throw FaultSpecError(message: "a fault spec takes at most one outcome item") }
        outcome = new
    }

    private static func duplicate(_ name: String) -> FaultSpecError {
        FaultSpecError(message: "'\(name)' given twice")
    }

    private static func number(_ name: String, _ value: String?, in range: ClosedRange<Int>) throws(FaultSpecError)
        -> Int
    {
        guard let value, !value.isEmpty, value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(value),
              range.contains(n)
        else {
            throw FaultSpecError(message: "\(name) needs a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return n
    }
}

extension String {
    func trimmingASCIIWhitespaceString() -> String { String(self[...].trimmingASCIIWhitespace()) }
}
