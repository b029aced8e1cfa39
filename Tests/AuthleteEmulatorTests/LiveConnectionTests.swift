// Faults and counters that live below HTTP: connection close, a cut body, the redirect's real port, and the
// connection/request counters of GET /_emulator/stats (proof of keep-alive reuse).
import AuthleteEmulator
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

let rawBearer = ["Authorization": "Bearer emulator-token", "Content-Type": "application/json"]

@Test func closeFaultClosesWithoutAnswering() async throws {
    let emulator = makeEmulator()
    try await makeApp(emulator).test(.live) { client in
        let port = try #require(client.port)
        _ = try await client.call("/_emulator/tickets", body: #"{"serviceId":"1000","ticket":"c1"}"#)
        let received = try await onThread {
            let connection = try RawConnection(port: port)
            connection.send(RawConnection.request(path: v3Path, headers: rawBearer.merging(["X-Emulator-Fault": "close"]) { $1 },
                                                  body: #"{"ticket":"c1"}"#))
            return connection.readToEnd()
        }
        #expect(received.isEmpty)
        #expect(try await exists(client, "c1").status == 200)
    }
}

@Test func closeMidSendsHeadAndPartOfTheBodyThenCloses() async throws {
    try await makeApp(makeEmulator()).test(.live) { client in
        let port = try #require(client.port)
        let received = try await onThread {
            let connection = try RawConnection(port: port)
            connection.send(RawConnection.request(path: v3Path,
                                                  headers: rawBearer.merging(["X-Emulator-Fault": "close-mid"]) { $1 },
                                                  body: "{}"))
            return connection.readToEnd()
        }
        let text = String(decoding: received, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        #expect(parts.count == 2)
        let head = parts[0]
        #expect(head.hasPrefix("HTTP/1.1 200"))
        #expect(!head.lowercased().contains("x-emulator"))
        let lengthLine = try #require(head.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("content-length:") })
        let declared = try #require(Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)))
        let sent = parts[1].utf8.count
        #expect(sent > 0)
        #expect(sent < declared)
    }
}

@Test func redirectFaultPointsAtTheEmulatorsOwnPort() async throws {
    let emulator = makeEmulator()
    try await makeApp(emulator).test(.live) { client in
        let port = try #require(client.port)
        let answer = try await client.fail("{}", headers: faulty("redirect"))
        #expect(answer.status == 302)
        #expect(answer.headers[.location] == "http://127.0.0.1:\(port)/elsewhere")
        #expect(!answer.body.isEmpty)
        let stats = try await client.call("/_emulator/stats", method: .get)
        #expect(try stats.json["redirectsFollowed"] as? Int == 0)
        _ = try await client.call("/elsewhere")
        #expect(try await client.call("/_emulator/stats", method: .get).json["redirectsFollowed"] as? Int == 1)
    }
}

@Test func statsCountConnectionsAndAPIRequests() async throws {
    let emulator = makeEmulator()
    try await makeApp(emulator).test(.live) { client in
        let port = try #require(client.port)
        let before = try await client.call("/_emulator/stats", method: .get).json
        let connectionsBefore = try #require(before["connections"] as? Int)
        let requestsBefore = try #require(before["requests"] as? Int)
        // Three API calls on one keep-alive connection, then one on a second connection.
        let statuses = try await onThread {
            var statuses: [String] = []
            let first = try RawConnection(port: port)
            for _ in 0..<3 {
                first.send(RawConnection.request(path: v3Path, headers: rawBearer, body: #"{"reason":"ACCESS_DENIED"}"#))
                statuses.append(first.readResponse().map { String($0.head.prefix(12)) } ?? "none")
            }
            let second = try RawConnection(port: port)
            second.send(RawConnection.request(path: v2Path, headers: ["Authorization": "Basic MTAwMDplbXVsYXRvci1zZWNyZXQ="],
                                              body: "{}"))
            statuses.append(second.readResponse().map { String($0.head.prefix(12)) } ?? "none")
            return statuses
        }
        #expect(statuses == Array(repeating: "HTTP/1.1 200", count: 4))
        let after = try await client.call("/_emulator/stats", method: .get).json
        #expect(after["connections"] as? Int == connectionsBefore + 2)
        #expect(after["requests"] as? Int == requestsBefore + 4)  // admin calls are not API requests
    }
}
