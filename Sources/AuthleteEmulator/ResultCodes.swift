// Authlete's result codes the emulator answers with, and the `{"resultCode","resultMessage"}` error body.
// In a result code the third digit from the right tells who erred: 0 success, 1 Authlete, 2 the caller.
// Codes marked "emulator" are not documented by Authlete: they follow that digit rule and are listed in the README's
// emulator section.

public struct ResultCode: Sendable, Equatable {
    public let code: String
    public let message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `[CODE] message`, the way Authlete writes resultMessage.
    public var resultMessage: String { "[\(code)] \(message)" }

    /// The same code with a more specific message.
    public func with(message: String) -> ResultCode { ResultCode(code, message) }

    /// `{"resultCode":"...","resultMessage":"[...] ..."}`
    public var body: [UInt8] {
        JSONWriter.object([("resultCode", .string(code)), ("resultMessage", .string(resultMessage))])
    }

    /// 200: the fail API generated the error response.
    public static let failSuccess = ResultCode(
        "A185001", "Successfully generated an error response for the backchannel authentication request.")
    /// 200 USER_IDENTIFICATION: /backchannel/authentication accepted the client's request.
    public static let authenticationSuccess = ResultCode(
        "A179001", "The backchannel authentication request was processed successfully.")
    /// 200 OK: /issue minted the auth_req_id.
    public static let issueSuccess = ResultCode("A183001", "An auth_req_id was issued successfully.")
    /// 200 NO_ACTION or NOTIFICATION: /complete recorded the result.
    public static func completeSuccess(mode: DeliveryMode, result: CompleteResult) -> ResultCode {
        ResultCode("A198001", "Successfully updated the database so that the token endpoint can generate tokens "
                   + "(mode = \(mode.lowercased), result = \(result.rawValue)).")
    }
    /// The code of /complete's fault bodies (no mode or result is known there).
    public static let completeSuccessFault = completeSuccess(mode: .poll, result: .authorized)

    /// emulator, 200 INTERNAL_SERVER_ERROR: /backchannel/authentication without `parameters`.
    public static let parametersMissing = ResultCode("A179201", "The request has no 'parameters'.")
    /// emulator, 200 UNAUTHORIZED: the client is unknown or did not authenticate.
    public static let clientUnauthorized = ResultCode("A179202", "Client authentication failed.")
    /// emulator, 200 BAD_REQUEST: the client's backchannel authentication request is invalid.
    public static let clientRequestInvalid = ResultCode("A179203", "The backchannel authentication request is invalid.")
    /// emulator, 200 INTERNAL_SERVER_ERROR: /issue without `ticket`.
    public static let issueTicketMissing = ResultCode("A183201", "The request has no 'ticket'.")
    /// emulator, 200 INVALID_TICKET: the ticket cannot be issued.
    public static let issueTicketInvalid = ResultCode("A183202", "The ticket is not valid.")
    /// emulator, 200 SERVER_ERROR: /complete without a usable ticket, or a poll completion that cannot be recorded.
    public static let completeRefused = ResultCode("A198201", "The completion could not be processed.")
    /// emulator, 200 NOTIFICATION: a ping/push completion failed after the ticket was loaded (the client is told).
    public static let completeLateError = ResultCode("A198202", "The completion failed; the client is notified.")

    /// 500: an error on Authlete's side.
    public static let serverError = ResultCode("A001101", "Authlete server error.")
    /// 400: the request was wrong (malformed body, wrong-typed field, unknown reason, ...).
    public static let badRequest = ResultCode("A001201", "The request is malformed.")
    /// 401: the Authorization header is missing.
    public static let authorizationMissing = ResultCode("A001202", "The Authorization header is missing.")
    /// 403: access is forbidden.
    public static let forbidden = ResultCode("A001215", "The API call is forbidden.")
    /// 401 (or 403 for another service's token): the access token or API credentials are not valid.
    public static let tokenInvalid = ResultCode("A458101", "The access token is not valid.")
    /// 403: the service in the path does not exist.
    public static let serviceNotFound = ResultCode("A458203", "The service was not found.")
    /// emulator: 429, too many requests (the caller's doing).
    public static let tooManyRequests = ResultCode("A001216", "Too many requests.")
    /// emulator: 502, a bad gateway in front of Authlete.
    public static let badGateway = ResultCode("A001102", "Bad gateway.")
    /// emulator: 503, Authlete is unavailable.
    public static let unavailable = ResultCode("A001103", "The service is temporarily unavailable.")
    /// emulator: 504, a gateway timed out in front of Authlete.
    public static let gatewayTimeout = ResultCode("A001104", "Gateway timeout.")

    /// The code an injected `status=CODE` fault answers with.
    public static func forStatus(_ status: Int) -> ResultCode {
        switch status {
        case 400: badRequest
        case 401: tokenInvalid
        case 403: forbidden
        case 429: tooManyRequests
        case 500: serverError
        case 502: badGateway
        case 503: unavailable
        case 504: gatewayTimeout
        case 400..<500: badRequest.with(message: "Client error \(status).")
        default: serverError.with(message: "Server error \(status).")
        }
    }
}
