// The answers of injected faults (all but `delay` and the passed `unavailable` calls, which answer normally).
import HTTPTypes
import Hummingbird

enum FaultResponses {
    /// The JSON of a fault's 200 body: the endpoint's result code, `action` as given (nil: none) and the
    /// responseContent of a server error.
    static func successShape(_ endpoint: CibaEndpoint, action: String?, resultMessageSuffix: String = "") -> [UInt8] {
        var members: [(String, JSONFragment)] = [
            ("resultCode", .string(endpoint.faultCode.code)),
            ("resultMessage", .string(endpoint.faultCode.resultMessage + resultMessageSuffix)),
        ]
        if let action { members.append(("action", .string(action))) }
        members.append(("responseContent", .string(ResponseContent.make(reason: .serverError, description: nil,
                                                                         uri: nil))))
        return JSONWriter.object(members)
    }

    static func response(for outcome: FaultSpec.Outcome, spec: FaultSpec, endpoint: CibaEndpoint,
                         redirectBase: String) -> Response {
        switch outcome {
        case .status(let code):
            var headers: HTTPFields = [:]
            if let seconds = spec.retryAfterSeconds { headers[.retryAfter] = String(seconds) }
            return HTTPAnswers.result(.init(code: code), ResultCode.forStatus(code), headers: headers)
        case .unavailable:
            return HTTPAnswers.result(.serviceUnavailable, .unavailable,
                                      headers: [.retryAfter: String(spec.retryAfterSeconds ?? 1)])
        case .nonJSON:
            return Response(status: .ok, headers: [.contentType: "text/plain"],
                            body: .init(byteBuffer: ByteBuffer(string: "this is not json")))
        case .noAction:
            return HTTPAnswers.json(.ok, successShape(endpoint, action: nil))
        case .unknownAction:
            return HTTPAnswers.json(.ok, successShape(endpoint, action: "TEAPOT"))
        case .oversized(let size):
            return HTTPAnswers.json(.ok, oversizedBody(endpoint, size: size))
        case .close:
            return Response(status: .ok, headers: [ConnectionTap.marker: ConnectionTap.closeNow])
        case .closeMid:
            let full = successShape(endpoint, action: endpoint.serverErrorAction)
            let sent = Array(full.prefix(full.count / 2))
            return Response(status: .ok,
                            headers: [.contentType: "application/json", .contentLength: String(full.count),
                                      ConnectionTap.marker: ConnectionTap.closeMid],
                            body: .init(byteBuffer: ByteBuffer(bytes: sent)))
        case .redirect:
            let location = redirectBase + "/elsewhere"
            return Response(status: .found, headers: [.location: location, .contentType: "text/plain"],
                            body: .init(byteBuffer: ByteBuffer(string: "Moved to \(location)\n")))
        }
    }

    /// A valid success-shaped JSON body of exactly `size` bytes, padded with `x` inside resultMessage; never shorter
    /// than the unpadded shape.
    static func oversizedBody(_ endpoint: CibaEndpoint, size: Int) -> [UInt8] {
        let base = successShape(endpoint, action: endpoint.serverErrorAction)
        let padding = max(0, size - base.count)
        return successShape(endpoint, action: endpoint.serverErrorAction,
                            resultMessageSuffix: String(repeating: "x", count: padding))
    }
}
