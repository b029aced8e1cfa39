// The emulator's own endpoints under /_emulator (no authentication: a local test tool), and /elsewhere, the target
// of the `redirect` fault.
//   POST /_emulator/tickets   {"serviceId":"1000"[,"ticket":"v"][,"clientId":N]} -> 201 {"ticket":"...","serviceId":"1000"}
//   GET  /_emulator/tickets/T -> 200 {"ticket":"T","exists":true,"serviceId":"1000","state":"created",...}
//                                | 404 {"ticket":"T","exists":false}
//   POST /_emulator/services  a service object (ServiceConfig+JSON.swift) -> 201 {"serviceId":"...","replaced":bool}
//   PUT  /_emulator/services/S/clients/C  a client object (CibaConfig+JSON.swift) -> 201 added | 200 replaced
//   POST /_emulator/clock     {"advanceSeconds":N} -> 200 {"offsetSeconds":total};  GET: the same answer
//   GET  /_emulator/config    -> 200 {"services":[...]} (the config-file shape, secrets included)
//   GET  /_emulator/stats     -> 200 {"connections":N,"requests":M,"redirectsFollowed":K,"byEndpoint":{...}}
import Hummingbird

struct AdminRoutes: Sendable {
    let emulator: Emulator
    static let ticketsPrefix = "/_emulator/tickets/"

    func register(on router: Router<BasicRequestContext>) {
        router.post("/_emulator/tickets") { request, _ in try await createTicket(request) }
        router.get("/_emulator/tickets/:ticket") { request, _ in queryTicket(request) }
        router.post("/_emulator/services") { request, _ in try await putService(request) }
        router.put("/_emulator/services/:serviceId/clients/:clientId") { request, context in
            try await putClient(request, serviceId: context.parameters.get("serviceId") ?? "",
                                clientId: context.parameters.get("clientId") ?? "")
        }
        router.post("/_emulator/clock") { request, _ in try await moveClock(request) }
        router.get("/_emulator/clock") { _, _ in clockAnswer() }
        router.get("/_emulator/config") { _, _ in
            HTTPAnswers.json(.ok, ServiceConfig.configJSON(emulator.registry.all()))
        }
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
        guard let service = emulator.registry.service(serviceId) else {
            return HTTPAnswers.adminError(.notFound, "service \(serviceId) does not exist")
        }
        var record = TicketRecord(serviceId: serviceId,
                                  expiresAt: emulator.clock.now + .seconds(service.ciba.authReqIdDuration))
        switch members["clientId"] {
        case nil, .null?: break
        case .number(let text)? where RequestSchema.isInt64(text):
            guard let id = Int64(text), let client = service.client(id: id) else {
                return HTTPAnswers.adminError(.notFound, "service \(serviceId) has no client \(text)")
            }
            record.clientId = id
            record.deliveryMode = client.deliveryMode
        default: return HTTPAnswers.adminError(.badRequest, "\"clientId\" must be an integer")
        }
        let ticket: String
        switch members["ticket"] {
        case nil, .null?: ticket = TicketStore.generate()
        case .string(let given)? where !given.isEmpty: ticket = given
        default: return HTTPAnswers.adminError(.badRequest, "\"ticket\" must be a non-empty string")
        }
        if case .ownedByOtherService(let owner) = emulator.tickets.add(ticket, record: record) {
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
        if let record = emulator.tickets.record(ticket) {
            return HTTPAnswers.json(.ok, JSONWriter.object(ticketView(ticket, record)))
        }
        return HTTPAnswers.json(.notFound, JSONWriter.object([("ticket", .string(ticket)), ("exists", .bool(false))]))
    }

    /// The admin view of a ticket: its state, client, auth_req_id and, once completed, the outcome.
    func ticketView(_ ticket: String, _ record: TicketRecord) -> [(String, JSONFragment)] {
        var members: [(String, JSONFragment)] = [("ticket", .string(ticket)), ("exists", .bool(true)),
                                                 ("serviceId", .string(record.serviceId)),
                                                 ("state", .string(record.state.rawValue))]
        if let clientId = record.clientId { members.append(("clientId", .int64(clientId))) }
        if let mode = record.deliveryMode { members.append(("deliveryMode", .string(mode.rawValue))) }
        if let authReqId = record.authReqId { members.append(("authReqId", .string(authReqId))) }
        let now = emulator.clock.now
        members.append(("expired", .bool(record.isExpired(at: now))))
        members.append(("expiresIn", .int64((record.expiresAt - now).components.seconds)))
        if let outcome = record.outcome { members.append(("outcome", .value(outcome))) }
        if let action = record.completeAction { members.append(("completeAction", .string(action))) }
        if let notification = record.notification { members.append(("notification", .string(notification))) }
        return members
    }

    func putClient(_ request: Request, serviceId: String, clientId: String) async throws -> Response {
        let members: [String: JSONValue]
        switch try await readObject(request) {
        case .object(let m): members = m
        case .answer(let answer): return answer
        }
        guard RequestSchema.isInt64(clientId), let pathId = Int64(clientId), pathId > 0 else {
            return HTTPAnswers.adminError(.badRequest, "the client id in the path must be a positive integer")
        }
        let client: ClientConfig
        do {
            client = try ClientConfig(json: .object(members), context: "service \(serviceId)", pathClientId: pathId)
        } catch {
            return HTTPAnswers.adminError(.badRequest, error.message)
        }
        let answer = JSONWriter.object([("serviceId", .string(serviceId)), ("client", client.json)])
        switch emulator.registry.putClient(client, serviceId: serviceId) {
        case .added: return HTTPAnswers.json(.created, answer)
        case .replaced: return HTTPAnswers.json(.ok, answer)
        case .noSuchService: return HTTPAnswers.adminError(.notFound, "service \(serviceId) does not exist")
        case .aliasTaken: return HTTPAnswers.adminError(.conflict, "another client of the service has that alias")
        }
    }

    func moveClock(_ request: Request) async throws -> Response {
        let members: [String: JSONValue]
        switch try await readObject(request) {
        case .object(let m): members = m
        case .answer(let answer): return answer
        }
        guard case .number(let text)? = members["advanceSeconds"], RequestSchema.isInt64(text),
              let seconds = Int(text), (-3_153_600_000...3_153_600_000).contains(seconds)
        else {
            return HTTPAnswers.adminError(.badRequest, "\"advanceSeconds\" must be an integer of at most 100 years")
        }
        emulator.clock.advance(seconds: seconds)
        return clockAnswer()
    }

    func clockAnswer() -> Response {
        HTTPAnswers.json(.ok, JSONWriter.object([("offsetSeconds", .int(emulator.clock.offsetSeconds))]))
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
