// The emulator's own endpoints under /_emulator (no authentication: a local test tool), and /elsewhere, the target
// of the `redirect` fault.
//   POST /_emulator/tickets   {"serviceId":"1000"[,"ticket":"v"]} -> 201 {"ticket":"...","serviceId":"1000"}
//   GET  /_emulator/tickets/T -> 200 {"ticket":"T","exists":true,"serviceId":"1000"} | 404 {"ticket":"T","exists":false}
//   POST /_emulator/services  a service object (ServiceConfig+JSON.swift) -> 201 {"serviceId":"...","replaced":bool}
//   GET  /_emulator/stats     -> 200 {"connections":N,"requests":M,"redirectsFollowed":K}
import Hummingbird

struct AdminRoutes: Sendable {
    let emulator: Emulator
    static let ticketsPrefix = "/_emulator/tickets/"

    func register(on router: Router<BasicRequestContext>) {
        router.post("/_emulator/tickets") { request, _ in try await createTicket(request) }
        router.get("/_emulator/tickets/:ticket") { request, _ in queryTicket(request) }
        router.post("/_emulator/services") { request, _ in try await putService(request) }
        router.get("/_emulator/stats") { _, _ in HTTPAnswers.json(.ok, emulator.stats.json) }
        for method in [HTTPRequest.Method.get, .post, .put, .delete] {
            router.on("/elsewhere", method: method) { _, _ in
                emulator.stats.redirectsFollowed.add(1, ordering: .relaxed)
                return HTTPAnswers.json(.ok, JSONWriter.object([("elsewhere", .bool(true))]))
            }
        }
    }

    private enum BodyObject {
        case object([String: JSONValue])
        case answer(Response)
    }

    private func readObject(_ request: Request) async throws -> BodyObject {
        guard let body = try? await request.body.collect(upTo: 1 << 20) else {
            return .answer(HTTPAnswers.adminError(.badRequest, "the body is too large"))
        }
        do {
            guard case .object(let members) = try JSONParser.parse(body.readableBytesView) else {
                return .answer(HTTPAnswers.adminError(.badRequest, "the body must be a JSON object"))
            }
            return .object(members)
        } catch {
            return .answer(HTTPAnswers.adminError(.badRequest, "the body is not valid JSON: \(error.description)"))
        }
    }

    func createTicket(_ request: Request) async throws -> Response {
        let members: [String: JSONValue]
        switch try await readObject(request) {
        case .object(let m): members = m
        case .answer(let answer): return answer
        }
        guard case .string(let serviceId)? = members["serviceId"] else {
            return HTTPAnswers.adminError(.badRequest, "\"serviceId\" must be a string")
        }
        guard emulator.registry.service(serviceId) != nil else {
            return HTTPAnswers.adminError(.notFound, "service \(serviceId) does not exist")
        }
        let ticket: String
        switch members["ticket"] {
        case nil, .null?: ticket = TicketStore.generate()
        case .string(let given)? where !given.isEmpty: ticket = given
        default: return HTTPAnswers.adminError(.badRequest, "\"ticket\" must be a non-empty string")
        }
        if case .ownedByOtherService(let owner) = emulator.tickets.add(ticket, serviceId: serviceId) {
            return HTTPAnswers.adminError(.conflict, "the ticket already exists for service \(owner)")
        }
        return HTTPAnswers.json(.created, JSONWriter.object([("ticket", .string(ticket)),
                                                             ("serviceId", .string(serviceId))]))
    }

    func queryTicket(_ request: Request) -> Response {
        // The raw path, percent-decoded here, so any ticket value can be queried.
        let path = request.uri.path
        let encoded = path.hasPrefix(Self.ticketsPrefix) ? path.dropFirst(Self.ticketsPrefix.count) : ""
        guard let ticket = try? FormDecoding.percentDecode(encoded.utf8, plusIsSpace: false)
        else {
            return HTTPAnswers.adminError(.badRequest, "the ticket in the path is not valid percent-encoded UTF-8")
        }
        if let owner = emulator.tickets.owner(of: ticket) {
            return HTTPAnswers.json(.ok, JSONWriter.object([("ticket", .string(ticket)), ("exists", .bool(true)),
                                                            ("serviceId", .string(owner))]))
        }
        return HTTPAnswers.json(.notFound, JSONWriter.object([("ticket", .string(ticket)), ("exists", .bool(false))]))
    }

    func putService(_ request: Request) async throws -> Response {
        let members: [String: JSONValue]
        switch try await readObject(request) {
        case .object(let m): members = m
        case .answer(let answer): return answer
        }
        let service: ServiceConfig
        do {
            service = try ServiceConfig(json: .object(members))
        } catch {
            return HTTPAnswers.adminError(.badRequest, error.message)
        }
        let replaced = emulator.putService(service)
        return HTTPAnswers.json(.created, JSONWriter.object([("serviceId", .string(service.serviceId)),
                                                             ("replaced", .bool(replaced))]))
    }
}
