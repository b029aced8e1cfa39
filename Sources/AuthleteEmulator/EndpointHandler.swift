// Every CIBA endpoint, v3 (POST /api/{serviceId}/PATH, Bearer) and v2 (POST /api/PATH, Basic), takes the same
// steps: count the call, read the body, apply a fault (header first, else the service's) when it covers the
// endpoint, authenticate, decode the body by the endpoint's schema, answer 200 with the endpoint's body.
import HTTPTypes
import Hummingbird

struct EndpointHandler: Sendable {
    let emulator: Emulator
    static let maxBodyBytes = 1 << 20

    /// `serviceIdInPath` is nil for the v2 endpoint.
    func handle(_ request: Request, _ endpoint: CibaEndpoint, serviceIdInPath: String?) async throws -> Response {
        emulator.stats.count(endpoint.name)
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

        if let answer = try await applyFault(request: request, endpoint: endpoint, serviceId: serviceId) {
            return answer
        }

        let authResult = authenticate(authorization, serviceIdInPath: serviceIdInPath)
        guard case .ok(let authenticatedServiceId) = authResult else { return Self.answer(authResult) }

        guard let format = BodyFormat.from(contentType: request.headers[.contentType]) else {
            return HTTPAnswers.result(.badRequest, ResultCode.badRequest.with(
                message: "The Content-Type must be application/json or application/x-www-form-urlencoded."))
        }
        guard let service = emulator.registry.service(authenticatedServiceId) else {
            return HTTPAnswers.result(.forbidden, .serviceNotFound)  // removed since authentication: not expected
        }
        do {
            let fields = try endpoint.schema.decode(body.readableBytesView, format: format)
            return HTTPAnswers.json(.ok, try endpoint.answer(EndpointCall(emulator: emulator, service: service,
                                                                          fields: fields)))
        } catch {
            return HTTPAnswers.result(.badRequest, ResultCode.badRequest.with(message: error.message))
        }
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
        case .ok: HTTPAnswers.result(.internalServerError, .serverError)  // not reached: callers answer .ok themselves
        case .missingAuthorization: HTTPAnswers.result(.unauthorized, .authorizationMissing)
        case .invalidCredentials: HTTPAnswers.result(.unauthorized, .tokenInvalid)
        case .serviceNotFound: HTTPAnswers.result(.forbidden, .serviceNotFound)
        case .otherServiceToken: HTTPAnswers.result(.forbidden, ResultCode.tokenInvalid.with(
            message: "The access token is not valid for this service."))
        }
    }

    /// Applies the header's fault, else the service's, when it covers the endpoint; answers the fault's response, or
    /// nil to go on normally.
    func applyFault(request: Request, endpoint: CibaEndpoint, serviceId: String?) async throws -> Response? {
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
        guard spec.applies(to: endpoint.name) else { return nil }
        if let delay = spec.delayMilliseconds, delay > 0 {
            try await Task.sleep(for: .milliseconds(delay))
        }
        guard let outcome = spec.outcome else { return nil }
        if case .unavailable(let count) = outcome, emulator.counters.next(counterKey) > count {
            return nil
        }
        return FaultResponses.response(for: outcome, spec: spec, endpoint: endpoint, redirectBase: emulator.baseURL)
    }
}
