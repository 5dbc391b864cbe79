import Foundation

/// Why an input was moved to `error/`: written beside it as `<name>.error.json`.
///
/// The JSON object has the keys `file`, `reason`, `code`, `detail` and `time` (ISO 8601,
/// UTC), and `sha256` when the digest of the input is known. Keys are sorted so equal
/// reports are byte-identical.
public struct ErrorReport: Sendable, Hashable, Codable {
    /// The input's file name as delivered.
    public var file: String
    /// A short human-readable reason ("schema validation failed").
    public var reason: String
    /// A stable machine-readable code (`XSD_INVALID`, `DUPLICATE`, …).
    public var code: String
    /// Details for the operator: the validator's message, the conflicting path, ….
    public var detail: String
    /// When the input was rejected.
    public var time: Date
    /// The lowercase hex SHA-256 of the input, if known.
    public var sha256: String?

    /// Creates a report.
    public init(file: String, reason: String, code: String, detail: String, time: Date = Date(), sha256: String? = nil) {
        self.file = file
        self.reason = reason
        self.code = code
        self.detail = detail
        self.time = time
        self.sha256 = sha256
    }

    /// The report as pretty-printed JSON with sorted keys.
    public func jsonData() throws(FileDropError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            var data = try encoder.encode(self)
            data.append(0x0A)
            return data
        } catch {
            throw FileDropError(
                .encoding(reason: String(describing: error)), operation: .encodeReport, path: file)
        }
    }

    /// The name of the report file for an input named `name` in `error/`: `<name>.error.json`,
    /// with the name shortened and tagged with a hash when that would pass 255 bytes.
    public static func fileName(forInput name: String) -> String {
        FileNameFitting.fitting(name, within: FileNameFitting.maximumBytes - 11) + ".error.json"
    }
}
