import Foundation
import ISO20022
import Logging

/// One JSON object per line on standard error: `{"time", "level", "label", "message", …metadata}`.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        let explicit = event.metadata
        var members: [(String, JSONValue)] = [
            ("time", .string(ISODateTime.now().rawValue)), ("level", .string(level.rawValue)),
            ("label", .string(self.label)), ("message", .string(message.description)),
        ]
        let merged = self.metadata.merging(explicit ?? [:]) { $1 }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) { members.append((key, .string(value.description))) }
        var bytes: [UInt8] = []
        JSONValue.object(members).write(to: &bytes)
        bytes.append(0x0A)
        FileHandle.standardError.write(Data(bytes))
    }
}
