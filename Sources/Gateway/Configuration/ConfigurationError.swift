/// A configuration file that could not be loaded, with every problem found in it.
///
/// Loading does not stop at the first problem: all errors are collected, each naming its line
/// and column, so one `corridor config check` run shows everything to fix. ``description`` is
/// one `file:line:column: key: message` line per error, followed by the warnings.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as named by the caller.
    public var file: String
    /// The problems that stop the configuration from loading, in document order. Never empty.
    public var errors: [ConfigurationIssue]
    /// Problems that alone would not have stopped loading.
    public var warnings: [ConfigurationIssue]

    /// Creates an error.
    public init(file: String, errors: [ConfigurationIssue], warnings: [ConfigurationIssue] = []) {
        self.file = file
        self.errors = errors
        self.warnings = warnings
    }

    /// One line per error, then one line per warning.
    public var description: String {
        (errors + warnings).map(\.description).joined(separator: "\n")
    }
}
