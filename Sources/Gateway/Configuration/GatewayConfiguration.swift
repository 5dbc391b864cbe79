import Compliance
import Foundation
import ISO20022
import Settlement
import Yams

/// Everything `corridor.yaml` configures: the gateway itself, the participants and their
/// settlement accounts, the routing table, sanctions screening and limits.
///
/// Read it with ``load(from:)`` (or ``parse(yaml:file:baseDirectory:)`` for text in memory).
/// Loading checks the whole file and reports every problem at once, each with its line and
/// column, as a ``ConfigurationError``; problems that do not stop loading are kept in
/// ``warnings``. The keys and their meaning are shown, commented, by
/// ``ConfigurationTemplate/commented(gatewayBIC:)``.
public struct GatewayConfiguration: Sendable, Hashable {
    /// The usual name of the configuration file.
    public static let fileName = "corridor.yaml"

    /// The `gateway:` section.
    public var gateway: GatewaySettings
    /// The `participants:` section, in file order. BICs are in their 11-character form.
    public var participants: [Participant]
    /// The `routes:` section, in file order (the first matching route wins).
    public var routes: [Route]
    /// The `screening:` section.
    public var screening: ScreeningSettings
    /// The `limits:` section, in file order.
    public var limits: [LimitRule]
    /// The file the configuration was read from, as named in messages (the absolute path for
    /// ``load(from:)``).
    public var sourceFile: String
    /// Problems that did not stop loading, such as an empty participant list or a route that
    /// can never match.
    public var warnings: [ConfigurationIssue]

    /// Creates a configuration from its parts (no checks are made).
    public init(
        gateway: GatewaySettings, participants: [Participant], routes: [Route], screening: ScreeningSettings,
        limits: [LimitRule], sourceFile: String, warnings: [ConfigurationIssue] = []
    ) {
        self.gateway = gateway
        self.participants = participants
        self.routes = routes
        self.screening = screening
        self.limits = limits
        self.sourceFile = sourceFile
        self.warnings = warnings
    }

    /// Reads and checks the configuration file at `url`; relative paths in it are taken from
    /// the file's folder.
    ///
    /// - Throws: ``ConfigurationError`` listing every problem, or the reason the file could
    ///   not be read.
    public static func load(from url: URL) throws(ConfigurationError) -> GatewayConfiguration {
        let fileURL = url.absoluteURL.standardizedFileURL
        let file = fileURL.path
        func unreadable(_ message: String) -> ConfigurationError {
            ConfigurationError(file: file, errors: [
                ConfigurationIssue(severity: .error, file: file, line: nil, column: nil, key: "", message: message)
            ])
        }
        let data: Data
        do {
            data = try Data(contentsOf: fileURL)
        } catch {
            let exists = FileManager.default.fileExists(atPath: file)
            throw unreadable(exists ? "cannot read the configuration file: \(error.localizedDescription)"
                                    : "no configuration file here (create one with `corridor init`)")
        }
        guard let yaml = String(data: data, encoding: .utf8) else {
            throw unreadable("the configuration file is not UTF-8 text")
        }
        return try parse(yaml: yaml, file: file, baseDirectory: fileURL.deletingLastPathComponent())
    }

    /// Checks configuration text.
    ///
    /// - Parameters:
    ///   - yaml: The text of a `corridor.yaml`.
    ///   - file: The name used for the file in messages.
    ///   - baseDirectory: The folder relative paths (`data`, `lists`) are taken from.
    /// - Throws: ``ConfigurationError`` listing every problem found.
    public static func parse(
        yaml: String, file: String = GatewayConfiguration.fileName, baseDirectory: URL
    ) throws(ConfigurationError) -> GatewayConfiguration {
        var parser = ConfigurationParser(file: file, baseDirectory: baseDirectory)
        let configuration = parser.parse(yaml: yaml)
        let errors = Self.inDocumentOrder(parser.reader.errors)
        let warnings = Self.inDocumentOrder(parser.reader.warnings)
        guard errors.isEmpty, var configuration else {
            throw ConfigurationError(file: file, errors: errors, warnings: warnings)
        }
        configuration.warnings = warnings
        return configuration
    }

    /// Sorts issues by position, keeping whole-file issues first and ties in finding order.
    private static func inDocumentOrder(_ issues: [ConfigurationIssue]) -> [ConfigurationIssue] {
        issues.enumerated().sorted { a, b in
            let left = (a.element.line ?? 0, a.element.column ?? 0, a.offset)
            let right = (b.element.line ?? 0, b.element.column ?? 0, b.offset)
            return left < right
        }.map(\.element)
    }
}
