// Small helpers that turn bytes into Hummingbird responses.
import HTTPTypes
import Hummingbird

enum HTTPAnswers {
    static let faultHeader = HTTPField.Name("X-Emulator-Fault")!  // a valid literal name: cannot fail

    static func json(_ status: HTTPResponse.Status, _ bytes: [UInt8], headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func result(_ status: HTTPResponse.Status, _ code: ResultCode, headers: HTTPFields = [:]) -> Response {
        json(status, code.body, headers: headers)
    }

    static func adminError(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(status, JSONWriter.object([("error", .string(message))]))
    }
}
