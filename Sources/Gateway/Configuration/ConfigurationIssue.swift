/// One problem found in a configuration file, located by line and column.
///
/// ``description`` reads like a compiler diagnostic, so editors and terminals can jump to it:
/// `corridor.yaml:14:16: routes[1].nextAgent: FRNYUS3 is not a valid BIC: …`, with
/// `warning:` after the position for warnings.
public struct ConfigurationIssue: Sendable, Hashable, CustomStringConvertible {
    /// Whether the problem stops the configuration from loading.
    public enum Severity: String, Sendable, Hashable {
        /// The configuration is rejected.
        case error
        /// The configuration loads, but probably does not do what was meant.
        case warning
    }

    /// Whether the problem stops the configuration from loading.
    public var severity: Severity
    /// The file as named by the caller (the path given to ``GatewayConfiguration/load(from:)``).
    public var file: String
    /// The 1-based line, or `nil` when the problem concerns the file as a whole.
    public var line: Int?
    /// The 1-based column (counted in Unicode scalars), or `nil` with ``line``.
    public var column: Int?
    /// Where in the document, e.g. `routes[1].nextAgent` (list indexes are 0-based); empty for
    /// the document itself.
    public var key: String
    /// What is wrong, and where possible how to fix it.
    public var message: String

    /// Creates an issue.
    public init(severity: Severity, file: String, line: Int?, column: Int?, key: String, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `file:line:column: key: message`, with `warning: ` before the key for warnings.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ":"
        if severity == .warning { text += " warning:" }
        if !key.isEmpty { text += " \(key):" }
        return text + " " + message
    }
}
