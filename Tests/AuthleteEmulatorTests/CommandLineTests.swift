// The executable's contract: one JSON line on stdout, request log on stderr without credentials, flags and config
// file, clean exit on SIGTERM and SIGINT. Runs the built `authlete-emulator` (AUTHLETE_EMULATOR_BIN, else the newest
// .build*/{debug,release}/authlete-emulator of this package); skipped when none is built.
import Foundation
import Testing

let emulatorBinary: String? = {
    if let path = ProcessInfo.processInfo.environment["AUTHLETE_EMULATOR_BIN"] { return path }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let fm = FileManager.default
    let candidates = ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.hasPrefix(".build") }
        .flatMap { dir in ["debug", "release"].map { root.appendingPathComponent("\(dir)/\($0)/authlete-emulator").path } }
        .filter { fm.isExecutableFile(atPath: $0) }
    return candidates.max { a, b in
        let da = (try? fm.attributesOfItem(atPath: a)[.modificationDate] as? Date) ?? .distantPast
        let db = (try? fm.attributesOfItem(atPath: b)[.modificationDate] as? Date) ?? .distantPast
        return da < db
    }
}()

struct RunningEmulator {
    let process: Process
    let stdout: Pipe
    let stderr: Pipe
    let listening: [String: Any]
    var port: Int { listening["port"] as? Int ?? 0 }

    init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(emulatorBinary))
        process.arguments = arguments
        stdout = Pipe()
        stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        var line = Data()
        while true {
            let byte = stdout.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        listening = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
    }

    /// Sends `signal`, waits, and answers (exit status, the rest of stdout, all of stderr).
    func stop(_ signal: Int32 = SIGTERM) -> (Int32, String, String) {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, out, err)
    }
}

func post(port: Int, path: String, headers: [String: String], body: String) async throws -> (Int, String) {
    try await onThread {
        let connection = try RawConnection(port: port)
        connection.send(RawConnection.request(path: path, headers: headers, body: body))
        let response = try #require(connection.readResponse())
        let status = Int(response.head.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, String(decoding: response.body, as: UTF8.self))
    }
}

@Suite(.enabled(if: emulatorBinary != nil, "build the authlete-emulator product first"), .serialized)
struct CommandLineTests {
    @Test func defaultServiceListeningLineLogAndSIGTERM() async throws {
        let emulator = try RunningEmulator(["--port", "0"])
        #expect(emulator.listening["event"] as? String == "listening")
        #expect(emulator.listening["host"] as? String == "127.0.0.1")
        #expect(emulator.port > 0)
        #expect(emulator.listening.count == 3)
        let (status, body) = try await post(port: emulator.port, path: "/api/1000/backchannel/authentication/fail",
                                            headers: ["Authorization": "Bearer emulator-token",
                                                      "Content-Type": "application/json"],
                                            body: #"{"reason":"ACCESS_DENIED"}"#)
        #expect(status == 200)
        #expect(body.contains(#""action":"FORBIDDEN""#))
        let (v2, _) = try await post(port: emulator.port, path: "/api/backchannel/authentication/fail",
                                     headers: ["Authorization": "Basic " + Data("1000:emulator-secret".utf8).base64EncodedString()],
                                     body: "{}")
        #expect(v2 == 200)
        let (exit, rest, log) = emulator.stop(SIGTERM)
        #expect(exit == 0)
        #expect(rest.isEmpty)  // exactly one line on stdout
        #expect(log.contains("POST /api/1000/backchannel/authentication/fail 200 "))
        #expect(!log.contains("emulator-token"))
        #expect(!log.contains("emulator-secret"))
        #expect(!log.contains("ZW11bGF0b3Itc2VjcmV0"))  // the base64 of the secret
    }

    @Test func quietSIGINTAndFlags() async throws {
        let emulator = try RunningEmulator(["--port", "0", "--quiet", "--service", "42", "--token", "42=tok-42",
                                            "--api-secret", "42=sec-42"])
        let (status, _) = try await post(port: emulator.port, path: "/api/42/backchannel/authentication/fail",
                                         headers: ["Authorization": "Bearer tok-42"], body: "{}")
        #expect(status == 200)
        let (v2, _) = try await post(port: emulator.port, path: "/api/backchannel/authentication/fail",
                                     headers: ["Authorization": "Basic " + Data("42:sec-42".utf8).base64EncodedString()],
                                     body: "{}")
        #expect(v2 == 200)
        // With --service, the default service is not served.
        let (old, _) = try await post(port: emulator.port, path: "/api/1000/backchannel/authentication/fail",
                                      headers: ["Authorization": "Bearer emulator-token"], body: "{}")
        #expect(old == 401)
        let (exit, rest, log) = emulator.stop(SIGINT)
        #expect(exit == 0)
        #expect(rest.isEmpty)
        #expect(!log.contains("POST "))
    }

    @Test func configFileWithFault() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-\(UUID()).json")
        try Data(#"{"services":[{"serviceId":"7","tokens":["a","b"],"apiSecret":"s"},{"serviceId":"8","tokens":["c"],"fault":"status=503"}]}"#.utf8)
            .write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let emulator = try RunningEmulator(["--port", "0", "--config", file.path])
        for token in ["a", "b"] {
            let (status, _) = try await post(port: emulator.port, path: "/api/7/backchannel/authentication/fail",
                                             headers: ["Authorization": "Bearer \(token)"], body: "{}")
            #expect(status == 200)
        }
        let (faulty, body) = try await post(port: emulator.port, path: "/api/8/backchannel/authentication/fail",
                                            headers: ["Authorization": "Bearer c"], body: "{}")
        #expect(faulty == 503)
        #expect(body.contains("A001103"))
        #expect(emulator.stop().0 == 0)
    }

    @Test func printConfigPrintsTheServicesAndExits() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(emulatorBinary))
        process.arguments = ["--print-config", "--token", "1000=extra"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let config = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let services = try #require(config["services"] as? [[String: Any]])
        #expect(services.map { $0["serviceId"] as? String } == ["1000"])
        #expect(services[0]["tokens"] as? [String] == ["emulator-token", "extra"])
        let clients = try #require(services[0]["clients"] as? [[String: Any]])
        #expect(clients.map { $0["clientIdAlias"] as? String }
            == ["poll-client", "ping-client", "push-client", "usercode-client"])
        #expect(String(decoding: data, as: UTF8.self).contains(#""clientId":9007199254740993,"#))
    }

    @Test func configFileWithClientsRunsAFlow() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-\(UUID()).json")
        try Data(#"{"services":[{"serviceId":"9","tokens":["t9"],"ciba":{"pollingInterval":1},"clients":[{"clientId":77,"clientSecret":"s77"}]}]}"#.utf8)
            .write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let emulator = try RunningEmulator(["--port", "0", "--quiet", "--config", file.path])
        let (status, body) = try await post(port: emulator.port, path: "/api/9/backchannel/authentication",
                                            headers: ["Authorization": "Bearer t9", "Content-Type": "application/json"],
                                            body: #"{"parameters":"scope=openid&login_hint=a","clientId":"77","clientSecret":"s77"}"#)
        #expect(status == 200)
        let created = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let ticket = try #require(created["ticket"] as? String)
        let (_, issued) = try await post(port: emulator.port, path: "/api/9/backchannel/authentication/issue",
                                         headers: ["Authorization": "Bearer t9", "Content-Type": "application/json"],
                                         body: #"{"ticket":"\#(ticket)"}"#)
        #expect(issued.contains(#""interval":1"#))
        let (exit, rest, _) = emulator.stop()
        #expect(exit == 0)
        #expect(rest.isEmpty)
    }

    @Test func badConfigExitsNonZeroWithoutStdout() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(emulatorBinary))
        process.arguments = ["--port", "0", "--config", "/nonexistent/emulator.json"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(out.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }
}
