// One line per request on stderr: `METHOD PATH STATUS MILLISECONDSms` (and ` fault=close|close-mid` when the
// connection is closed by a fault). Never a header, a query string, a token or a secret. Off with --quiet.
import Hummingbird
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            let fault = response.headers[ConnectionTap.marker].map { " fault=\($0)" } ?? ""
            Self.log(request, status: response.status.code, since: start, suffix: fault)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            Self.log(request, status: status, since: start, suffix: "")
            throw error
        }
    }

    static func log(_ request: Request, status: Int, since start: ContinuousClock.Instant, suffix: String) {
        let elapsed = ContinuousClock.now - start
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        let millis = "\(micros / 1000).\(String(micros % 1000 + 1000).dropFirst())"
        StandardError.write("\(request.method) \(request.uri.path) \(status) \(millis)ms\(suffix)\n")
    }
}

public enum StandardError {
    /// Writes `text` to stderr in one write(2) call, so concurrent lines do not interleave.
    public static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
