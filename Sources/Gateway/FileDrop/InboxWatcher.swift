import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hint that `inbox/` may hold new files; the consumer rescans with ``InboxScanner``.
///
/// Events are hints only and coalesce (a consumer that is busy sees just the latest one), so
/// every event should be answered with a full scan, never by acting on the name alone.
public enum InboxEvent: Sendable, Hashable {
    /// How the watcher learns of changes.
    public enum Mode: Sendable, Hashable {
        /// Kernel notifications (inotify).
        case inotify
        /// Periodic polling.
        case polling
    }

    /// The watcher started (scan for files that arrived before it did).
    case started(Mode)
    /// A complete file arrived under this name (renamed in, or written and closed).
    case fileArrived(name: String)
    /// The kernel dropped notifications: anything may have arrived.
    case overflow
    /// A polling interval (or, with inotify, the optional rescan interval) elapsed.
    case tick
}

/// An endless sequence of ``InboxEvent``s for one folder, ending when the consuming task is
/// cancelled or the iterator is dropped.
///
/// On Linux it uses inotify (`IN_MOVED_TO | IN_CLOSE_WRITE`) read on a dedicated thread, so
/// no task of the cooperative pool is blocked. If inotify cannot be set up (or the watch
/// goes away, e.g. the folder is replaced), it falls back to polling every
/// ``Configuration/pollInterval``. Each iteration (each call of `makeAsyncIterator()`) gets
/// its own watch and thread, both released when iteration ends.
public struct InboxWatcher: AsyncSequence, Sendable {
    public typealias Element = InboxEvent
    public typealias Failure = Never

    /// Tuning of the watcher.
    public struct Configuration: Sendable, Hashable {
        /// Use inotify where available (`false` forces polling, e.g. on network file systems,
        /// where inotify does not see other machines' writes).
        public var useInotify: Bool
        /// The polling interval when inotify is not used.
        public var pollInterval: Duration
        /// With inotify, also emit ``InboxEvent/tick`` this often as a safety net
        /// (`nil`: only on notifications).
        public var rescanInterval: Duration?

        /// Creates a configuration.
        public init(useInotify: Bool = true, pollInterval: Duration = .seconds(1), rescanInterval: Duration? = nil) {
            self.useInotify = useInotify
            self.pollInterval = pollInterval
            self.rescanInterval = rescanInterval
        }
    }

    /// The watched folder.
    public let directory: String
    /// The tuning.
    public let configuration: Configuration

    /// Creates a watcher of `directory` (nothing starts until iteration begins).
    public init(directory: String, configuration: Configuration = Configuration()) {
        self.directory = directory
        self.configuration = configuration
    }

    /// Iterates the events of one watch.
    public struct Iterator: AsyncIteratorProtocol {
        public typealias Element = InboxEvent
        public typealias Failure = Never

        private var base: AsyncStream<InboxEvent>.Iterator

        init(_ base: AsyncStream<InboxEvent>.Iterator) {
            self.base = base
        }

        /// The next event, or `nil` once the consuming task is cancelled.
        public mutating func next() async -> InboxEvent? {
            await base.next()
        }
    }

    /// Starts a watch (and its thread) for this iteration.
    public func makeAsyncIterator() -> Iterator {
        let (stream, continuation) = AsyncStream.makeStream(of: InboxEvent.self, bufferingPolicy: .bufferingNewest(1))
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else {
            // Without a wake-up pipe the thread could not be stopped: poll from a task instead.
            let interval = configuration.pollInterval
            let task = Task {
                continuation.yield(.started(.polling))
                while (try? await Task.sleep(for: interval)) != nil {
                    continuation.yield(.tick)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
            return Iterator(stream.makeAsyncIterator())
        }
        let (wakeRead, wakeWrite) = (pipeEnds[0], pipeEnds[1])
        _ = fcntl(wakeRead, F_SETFD, FD_CLOEXEC)
        _ = fcntl(wakeWrite, F_SETFD, FD_CLOEXEC)
        // Closing the write end is the stop signal: the thread's poll sees POLLHUP on the read
        // end. onTermination runs exactly once, so the descriptor is closed exactly once.
        continuation.onTermination = { _ in close(wakeWrite) }
        let directory = self.directory
        let configuration = self.configuration
        let thread = Thread {
            Self.watch(directory: directory, configuration: configuration, wake: wakeRead, continuation: continuation)
        }
        thread.name = "InboxWatcher"
        thread.start()
        return Iterator(stream.makeAsyncIterator())
    }

    // MARK: - The watching thread

    private static let headerSize = 16  // struct inotify_event without its name

    private static func watch(
        directory: String, configuration: Configuration, wake: Int32,
        continuation: AsyncStream<InboxEvent>.Continuation
    ) {
        defer {
            close(wake)
            continuation.finish()
        }
        var notifications: Int32 = -1
        if configuration.useInotify {
            notifications = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if notifications >= 0,
               inotify_add_watch(notifications, directory, UInt32(IN_MOVED_TO | IN_CLOSE_WRITE | IN_ONLYDIR)) < 0 {
                close(notifications)
                notifications = -1
            }
        }
        defer { if notifications >= 0 { close(notifications) } }
        continuation.yield(.started(notifications >= 0 ? .inotify : .polling))

        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            var descriptors = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            if notifications >= 0 {
                descriptors.append(pollfd(fd: notifications, events: Int16(POLLIN), revents: 0))
            }
            let timeout = notifications >= 0
                ? configuration.rescanInterval.map(milliseconds) ?? -1
                : milliseconds(configuration.pollInterval)
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if descriptors[0].revents != 0 { return }  // stop requested
            if ready == 0 {
                continuation.yield(.tick)
                continue
            }
            if notifications >= 0, descriptors[1].revents != 0,
               !drain(notifications, into: buffer, continuation: continuation) {
                // The watch is gone (folder removed or replaced): poll from now on.
                close(notifications)
                notifications = -1
                continuation.yield(.tick)
            }
        }
    }

    /// Reads all pending inotify events; returns `false` if the watch was removed.
    private static func drain(
        _ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer,
        continuation: AsyncStream<InboxEvent>.Continuation
    ) -> Bool {
        while true {
            let count = read(descriptor, buffer.baseAddress!, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                return errno == EAGAIN || errno == EWOULDBLOCK
            }
            if count == 0 { return true }
            var offset = 0
            while offset + headerSize <= count {
                let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let nameLength = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameStart = offset + headerSize
                offset = nameStart + nameLength
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    continuation.yield(.overflow)
                    continue
                }
                if mask & UInt32(IN_IGNORED) != 0 { return false }
                guard nameLength > 0, offset <= count else { continue }
                let nameBytes = UnsafeRawBufferPointer(rebasing: buffer[nameStart..<offset])
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                if InboxScanner.isCompleteFileName(name) {
                    continuation.yield(.fileArrived(name: name))
                }
            }
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let parts = duration.components
        let total = parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: Swift.max(1, total))
    }
}
