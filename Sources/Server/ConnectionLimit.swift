import Foundation
import NIOCore
import NIOHTTPTypes

/// The open connections, so that their number stays bounded: when a new one would pass the
/// limit, the connection idle the longest (no request under way, or headers never finished) is
/// closed for it. Idle sockets held open by one client cannot starve real requests.
final class ConnectionRegistry: @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var open: [ObjectIdentifier: (channel: any Channel, idleSince: UInt64, busy: Bool)] = [:]

    init(limit: Int) { self.limit = max(1, limit) }

    var count: Int { lock.withLock { open.count } }

    func opened(_ channel: any Channel) {
        let victim: (any Channel)? = lock.withLock {
            open[ObjectIdentifier(channel)] = (channel, DispatchTime.now().uptimeNanoseconds, false)
            guard open.count > limit else { return nil }
            let idle = open.filter { !$0.value.busy && $0.key != ObjectIdentifier(channel) }
            guard let oldest = idle.min(by: { $0.value.idleSince < $1.value.idleSince }) else { return nil }
            open[oldest.key] = nil
            return oldest.value.channel
        }
        victim?.close(promise: nil)
    }

    func mark(_ channel: any Channel, busy: Bool) {
        lock.withLock {
            guard open[ObjectIdentifier(channel)] != nil else { return }
            open[ObjectIdentifier(channel)]!.busy = busy
            if !busy { open[ObjectIdentifier(channel)]!.idleSince = DispatchTime.now().uptimeNanoseconds }
        }
    }

    func closed(_ channel: any Channel) {
        lock.withLock { open[ObjectIdentifier(channel)] = nil }
    }
}

/// Reports a connection's life to the registry: opened, busy from a request's head to the end
/// of its answer, closed.
final class ConnectionLimitHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let registry: ConnectionRegistry
    private var registered = false

    init(registry: ConnectionRegistry) { self.registry = registry }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { register(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        register(context)
        context.fireChannelActive()
    }

    private func register(_ context: ChannelHandlerContext) {
        guard !registered else { return }
        registered = true
        registry.opened(context.channel)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { registry.mark(context.channel, busy: true) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { registry.mark(context.channel, busy: false) }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        registry.closed(context.channel)
        context.fireChannelInactive()
    }
}
