// Helpers: an emulator application per test (router or live), request shortcuts, and a raw-socket HTTP/1.1 client
// for what a normal client hides (connection reuse, closed connections, partial bodies).
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
#if canImport(Glibc)
import Glibc
#endif

let v3Path = "/api/1000/backchannel/authentication/fail"
let v2Path = "/api/backchannel/authentication/fail"
let goodBearer: HTTPFields = [.authorization: "Bearer emulator-token", .contentType: "application/json"]
/// base64("1000:emulator-secret")
let goodBasic: HTTPFields = [.authorization: "Basic MTAwMDplbXVsYXRvci1zZWNyZXQ=", .contentType: "application/json"]

func makeEmulator(_ services: [ServiceConfig] = [.default]) -> Emulator {
    Emulator(services: services)
}

func makeApp(_ emulator: Emulator) -> EmulatorServer.App {
    var logger = Logger(label: "emulator-test")
    logger.logLevel = .warning
    return EmulatorServer.makeApplication(emulator: emulator, options: EmulatorOptions(port: 0, logRequests: false),
                                          logger: logger)
}

/// The response of one call: status, headers and body text.
struct Answer: Sendable {
    let status: Int
    let headers: HTTPFields
    let body: String

    /// The body parsed by Foundation (an independent parser), as a dictionary.
    var json: [String: Any] {
        get throws {
            let value = try JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed])
            return try #require(value as? [String: Any])
        }
    }
}

extension TestClientProtocol {
    func call(_ path: String, method: HTTPRequest.Method = .post, headers: HTTPFields = [:], body: String? = nil)
        async throws -> Answer
    {
        try await execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            Answer(status: Int($0.status.code), headers: $0.headers, body: String(buffer: $0.body))
        }
    }

    func fail(_ body: String, headers: HTTPFields = goodBearer, path: String = v3Path) async throws -> Answer {
        try await call(path, headers: headers, body: body)
    }
}

/// Parses responseContent (a JSON string holding JSON) with Foundation.
func parseResponseContent(_ answer: Answer) throws -> [String: Any] {
    let content = try #require(try answer.json["responseContent"] as? String)
    let value = try JSONSerialization.jsonObject(with: Data(content.utf8))
    return try #require(value as? [String: Any])
}

/// Runs blocking socket code on its own thread, never on the concurrency pool the server needs.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// A blocking HTTP/1.1 client on one TCP connection to 127.0.0.1.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard rc == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Everything the server sends until it closes the connection (or 10 s pass).
    func readToEnd() -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return out }
            out.append(contentsOf: buffer[0..<n])
        }
    }

    /// One response with a Content-Length body: (head text, body bytes).
    func readResponse() -> (head: String, body: [UInt8])? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let end = data.firstRange(of: separator) {
                let head = String(decoding: data[..<end.lowerBound], as: UTF8.self)
                let length = head.split(separator: "\r\n").compactMap { line -> Int? in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                    return Int(parts[1].trimmingCharacters(in: .whitespaces))
                }.first ?? 0
                if data.count - end.upperBound >= length {
                    return (head, Array(data[end.upperBound..<(end.upperBound + length)]))
                }
            }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            data.append(contentsOf: buffer[0..<n])
        }
    }

    static func request(method: String = "POST", path: String, headers: [String: String] = [:], body: String = "")
        -> String
    {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.utf8.count)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return text + "\r\n" + body
    }
}
