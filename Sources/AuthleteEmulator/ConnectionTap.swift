// A per-connection NIO handler, added through Hummingbird's HTTP/1 `additionalChannelHandlers`: it counts accepted
// connections (for GET /_emulator/stats) and carries out the two faults that a Response cannot express. A response
// whose head carries the internal header `x-emulator-connection` is rewritten here:
//   close      nothing is sent; the connection is closed.
//   close-mid  the head (with its too-large Content-Length) and the partial body are sent, then the connection is
//              closed instead of ending the response.
import HTTPTypes
import NIOCore
import NIOHTTPTypes

final class ConnectionTap: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static let marker = HTTPField.Name("x-emulator-connection")!  // a valid literal name: cannot fail
    static let closeNow = "close"
    static let closeMid = "close-mid"

    private enum Mode { case pass, drop, closeAfterBody }
    private var mode = Mode.pass
    private let stats: Stats

    init(stats: Stats) {
        self.stats = stats
    }

    func handlerAdded(context: ChannelHandlerContext) {
        stats.connections.add(1, ordering: .relaxed)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            guard let instruction = head.headerFields[Self.marker] else {
                context.write(data, promise: promise)
                return
            }
            head.headerFields[Self.marker] = nil
            if instruction == Self.closeMid {
                mode = .closeAfterBody
                context.write(wrapOutboundOut(.head(head)), promise: promise)
            } else {
                mode = .drop
                promise?.succeed()
                context.close(promise: nil)
            }
        case .body:
            if mode == .drop {
                promise?.succeed()
            } else {
                context.write(data, promise: promise)
            }
        case .end:
            switch mode {
            case .pass:
                context.write(data, promise: promise)
            case .drop:
                promise?.succeed()
            case .closeAfterBody:
                mode = .drop
                // Close only once everything before has reached the socket.
                let written = context.eventLoop.makePromise(of: Void.self)
                context.write(wrapOutboundOut(.body(ByteBuffer())), promise: written)
                context.flush()
                promise?.succeed()
                let channel = context.channel
                written.futureResult.whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }
}
