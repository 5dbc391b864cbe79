import Foundation

/// Buffered standard output for the CLI (one write per batch of lines, not per line).
enum CLIOutput {
    nonisolated(unsafe) private static var buffer: [UInt8] = []  // main-thread only: the CLI prints from one thread

    static func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { flush() }
    }

    /// Appends bytes as they are (lines already terminated).
    static func append(_ data: [UInt8]) {
        buffer.append(contentsOf: data)
        if buffer.count > 1 << 16 { flush() }
    }

    static func bytes(_ data: [UInt8]) {
        buffer.append(contentsOf: data)
        buffer.append(0x0A)
        flush()
    }

    static func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    static func error(_ text: String) {
        flush()
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
