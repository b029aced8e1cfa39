// POST /api/{serviceId}/backchannel/authentication/fail (v3) and POST /api/backchannel/authentication/fail (v2).
// Order: count the call, read the body, apply a fault (header first, else the service's), authenticate, decode the
// body, delete the ticket when it belongs to the service, answer 200 with the action.
import HTTPTypes
import Hummingbird

struct FailHandler: Sendable {
    let emulator: Emulator
    static let maxBodyBytes = 1 << 20

    /// `serviceIdInPath` is nil for the v2 endpoint.
    func handle(_ request: Request, serviceIdInPath: String?) async throws -> Response {
        emulator.stats.requests.add(1, ordering: .relaxed)
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            return HTTPAnswers.result(.badRequest, ResultCode.badRequest.with(message: "The request body is too large."))
        }

        let authorization = request.headers[.authorization].map(Authorization.init(header:))
        let serviceId: String? = serviceIdInPath ?? {
            if case .basic(let apiKey, _)? = authorization { return apiKey }
            return nil
        }()

        if let answer = try await applyFault(request: request, serviceId: serviceId) { return answer }

        let authResult = authenticate(authorization, serviceIdInPath: serviceIdInPath)
        guard case .ok(let authenticatedServiceId) = authResult else { return Self.answer(authResult) }

        guard let format = BodyFormat.from(contentType: request.headers[.contentType]) else {
            return HTTPAnswers.result(.badRequest, ResultCode.badRequest.with(
                message: "The Content-Type must be application/json or application/x-www-form-urlencoded."))
        }
        let failRequest: FailRequest
        do {
            failRequest = try FailRequest.decode(body.readableBytesView, format: format)
        } catch {
            return HTTPAnswers.result(.badRequest, ResultCode.badRequest.with(message: error.message))
        }
        if let ticket = failRequest.ticket {
            emulator.tickets.delete(ticket, serviceId: authenticatedServiceId)
        }
        return HTTPAnswers.json(.ok, ResponseContent.successBody(for: failRequest))
    }

    func authenticate(_ authorization: Authorization?, serviceIdInPath: String?) -> AuthResult {
        guard let authorization else { return .missingAuthorization }
        switch (authorization, serviceIdInPath) {
        case (.bearer(let token), let serviceId?):
            return emulator.registry.authenticateBearer(token: token, serviceId: serviceId)
        case (.basic(let apiKey, let apiSecret), nil):
            return emulator.registry.authenticateBasic(apiKey: apiKey, apiSecret: apiSecret)
        default:
            return .invalidCredentials  // a malformed header, or the other version's scheme
        }
    }

    static func answer(_ result: AuthResult) -> Response {
        switch result {
        case .ok: HTTPAnswers.result(.ok, .failSuccess)  // not reached: callers answer .ok themselves
        case .missingAuthorization: HTTPAnswers.result(.unauthorized, .authorizationMissing)
        case .invalidCredentials: HTTPAnswers.result(.unauthorized, .tokenInvalid)
        case .serviceNotFound: HTTPAnswers.result(.forbidden, .serviceNotFound)
        case .otherServiceToken: HTTPAnswers.result(.forbidden, ResultCode.tokenInvalid.with(
            message: "The access token is not valid for this service."))
        }
    }

    /// Applies the header's fault, else the service's; answers the fault's response, or nil to go on normally.
    func applyFault(request: Request, serviceId: String?) async throws -> Response? {
        let spec: FaultSpec
        let counterKey: String
        if let header = request.headers[HTTPAnswers.faultHeader] {
            do {
                spec = try FaultSpec(parsing: header)
            } catch {
                return HTTPAnswers.result(.badRequest, ResultCode.badRequest.with(
                    message: "The X-Emulator-Fault header is invalid: \(error.message)."))
            }
            counterKey = spec.key.map { "key:" + $0 } ?? "header:" + (serviceId ?? "")
        } else if let serviceId, let serviceSpec = emulator.registry.service(serviceId)?.fault {
            spec = serviceSpec
            counterKey = spec.key.map { "key:" + $0 } ?? "service:" + serviceId
        } else {
            return nil
        }
        if let delay = spec.delayMilliseconds, delay > 0 {
            try await Task.sleep(for: .milliseconds(delay))
        }
        guard let outcome = spec.outcome else { return nil }
        if case .unavailable(let count) = outcome, emulator.counters.next(counterKey) > count {
            return nil
        }
        return FaultResponses.response(for: outcome, spec: spec,
                                       redirectBase: emulator.baseURL)
    }
}
