// Builds the Hummingbird application: routes, the request log, the connection tap, the bind address.
import Hummingbird
import Logging
import NIOCore

public struct EmulatorOptions: Sendable {
    public var host: String
    public var port: Int
    /// One stderr line per request (false with --quiet).
    public var logRequests: Bool

    public init(host: String = "127.0.0.1", port: Int = 0, logRequests: Bool = true) {
        self.host = host
        self.port = port
        self.logRequests = logRequests
    }
}

public enum EmulatorServer {
    public typealias App = Application<RouterResponder<BasicRequestContext>>

    /// The emulator's application. `onListening(host, port)` runs once the socket is bound.
    public static func makeApplication(
        emulator: Emulator,
        options: EmulatorOptions,
        logger: Logger,
        onListening: @escaping @Sendable (String, Int) async -> Void = { _, _ in }
    ) -> App {
        let router = Router(context: BasicRequestContext.self)
        if options.logRequests { router.add(middleware: RequestLogMiddleware()) }
        let handler = EndpointHandler(emulator: emulator)
        for endpoint in CibaEndpoint.all {
            router.post(RouterPath("/api/:serviceId/" + endpoint.path)) { request, context in
                try await handler.handle(request, endpoint, serviceIdInPath: context.parameters.get("serviceId") ?? "")
            }
            router.post(RouterPath("/api/" + endpoint.path)) { request, _ in
                try await handler.handle(request, endpoint, serviceIdInPath: nil)
            }
        }
        AdminRoutes(emulator: emulator).register(on: router)

        let stats = emulator.stats
        return Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionTap(stats: stats)])),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                let host = channel.localAddress?.ipAddress ?? options.host
                emulator.setPort(port)
                await onListening(host, port)
            },
            logger: logger
        )
    }
}
