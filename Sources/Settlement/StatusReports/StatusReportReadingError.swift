/// Why a message could not be read as a status report.
public enum StatusReportReadingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message is not a pacs.002.
    case notAStatusReport(messageType: String, messageId: String)

    public var description: String {
        switch self {
        case .notAStatusReport(let type, let id):
            return "message \(id) is a \(type), not a pacs.002 status report"
        }
    }
}
