// authlete-emulator: a local emulator of Authlete's CIBA API family (backchannel authentication, issue, fail,
// complete). See the README's emulator section.
// stdout carries exactly one line, `{"event":"listening","host":"127.0.0.1","port":N}`, once the socket is bound;
// everything else (request log, errors) goes to stderr. SIGTERM and SIGINT shut it down gracefully (exit 0).
import ArgumentParser
import AuthleteEmulator
import CAuthleteHeader
import Foundation
import Hummingbird
import Logging

@main
struct AuthleteEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authlete-emulator",
        abstract: "A local emulator of Authlete's CIBA API family, for tests, demos and offline CI.",
        discussion: """
            Start it with --port 0 and read the one line it prints on stdout, \
            {"event":"listening","host":"127.0.0.1","port":N}; then point your authorization server at \
            http://127.0.0.1:N (API v3: POST /api/1000/backchannel/authentication with \
            `Authorization: Bearer emulator-token`, then .../issue, .../fail or .../complete). Requests are \
            logged on stderr. SIGTERM or SIGINT stops it (exit 0).

            With neither --config nor --service it serves service 1000 with the v3 token `emulator-token` and the \
            v2 API key 1000 / secret `emulator-secret`. --token and --api-secret add to the services (creating \
            a service when its id is new). A service without "ciba" or "clients" in the config gets the default \
            CIBA settings and the four default clients; --print-config shows them all.
            """,
        // The library's version (include/authlete.h): the emulator is released with it.
        version: AUTHLETE_VERSION_STRING)

    @Option(help: "The address to bind.")
    var host = "127.0.0.1"

    @Option(help: "The port to bind; 0 picks a free one (printed on stdout).")
    var port = 0

    @Option(help: "A JSON file: {\"services\":[{\"serviceId\":\"1000\",\"tokens\":[\"t\"],\"apiSecret\":\"s\",\"fault\":\"...\",\"ciba\":{...},\"clients\":[...]}]} (--print-config shows the shape).")
    var config: String?

    @Option(name: .customLong("service"), help: "A service id to serve (repeatable).")
    var services: [String] = []

    @Option(name: .customLong("token"), help: "ID=TOKEN: a v3 access token for service ID (repeatable).")
    var tokens: [String] = []

    @Option(name: .customLong("api-secret"), help: "ID=SECRET: the v2 API secret of service ID (repeatable).")
    var apiSecrets: [String] = []

    @Option(help: "Also write the listening line to this file once the socket is bound (written whole, then renamed into place), for shells and hosts that start the emulator in the background.")
    var readyFile: String?

    @Flag(help: "Do not log requests (for benchmarks).")
    var quiet = false

    @Flag(help: "Print the services (ids, tokens, secrets, CIBA settings, clients) as config-file JSON and exit.")
    var printConfig = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
        _ = try buildServices()
    }

    func buildServices() throws -> [ServiceConfig] {
        var services: [ServiceConfig] = []
        func index(of id: String) throws -> Int {
            guard ServiceConfig.isValidServiceId(id) else {
                throw ValidationError("service id '\(id)' must be 1 to 64 of A-Z a-z 0-9 . _ -")
            }
            if let i = services.firstIndex(where: { $0.serviceId == id }) { return i }
            services.append(ServiceConfig(serviceId: id))
            return services.count - 1
        }
        if let config {
            guard let data = FileManager.default.contents(atPath: config) else {
                throw ValidationError("cannot read --config \(config)")
            }
            do {
                services = try ServiceConfig.parseConfigFile(data)
            } catch {
                throw ValidationError("--config \(config): \(error.message)")
            }
        }
        for id in self.services { _ = try index(of: id) }
        if config == nil && self.services.isEmpty { services.insert(.default, at: 0) }
        for item in tokens {
            let (id, token) = try Self.split(item, option: "--token")
            services[try index(of: id)].tokens.append(token)
        }
        for item in apiSecrets {
            let (id, secret) = try Self.split(item, option: "--api-secret")
            services[try index(of: id)].apiSecret = secret
        }
        return services
    }

    static func split(_ item: String, option: String) throws -> (String, String) {
        guard let eq = item.firstIndex(of: "="), eq != item.startIndex, item.index(after: eq) != item.endIndex else {
            throw ValidationError("\(option) takes ID=VALUE")
        }
        return (String(item[..<eq]), String(item[item.index(after: eq)...]))
    }

    func run() async throws {
        if printConfig {
            let text = String(decoding: ServiceConfig.configJSON(try buildServices()), as: UTF8.self) + "\n"
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "authlete-emulator")
        logger.logLevel = quiet ? .warning : .info
        let log = logger
        let emulator = Emulator(services: try buildServices(), host: host)
        let app = EmulatorServer.makeApplication(
            emulator: emulator,
            options: EmulatorOptions(host: host, port: port, logRequests: !quiet),
            logger: logger,
            onListening: { host, port in
                let line = Emulator.listeningLine(host: host, port: port) + "\n"
                FileHandle.standardOutput.write(Data(line.utf8))  // unbuffered: no flush needed
                if let readyFile {
                    // A reader polling for the file never sees it half written.
                    let partial = readyFile + ".partial"
                    if FileManager.default.createFile(atPath: partial, contents: Data(line.utf8)) {
                        _ = rename(partial, readyFile)
                    } else {
                        log.error("cannot write --ready-file \(readyFile)")
                    }
                }
            })
        try await app.runService()
    }
}
