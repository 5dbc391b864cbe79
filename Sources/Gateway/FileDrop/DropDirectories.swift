import Foundation
import ISO20022
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder layout of the gateway's data root (`gateway.data`).
///
/// ```
/// <root>/inbox/                  operators drop complete files here (write, then rename)
/// <root>/processing/             files claimed by the daemon, by an atomic rename
/// <root>/outbox/<BIC>/           status reports and forwarded messages for participants
/// <root>/outbound/<route>/       forwarded messages for routes
/// <root>/archive/<YYYY-MM-DD>/   inputs whose effects are durable (UTC date)
/// <root>/error/                  inputs that could not be processed, with `<name>.error.json`
/// ```
///
/// Only ``create()`` touches the disk; the other members compute paths.
public struct DropDirectories: Sendable, Hashable {
    /// The data root.
    public let root: String

    /// Creates the layout description for the data root at `root` (no trailing slash needed).
    public init(root: String) {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
    }

    /// Creates the layout description for the data root at the file URL `root`.
    public init(root: URL) {
        self.init(root: root.path)
    }

    /// Where operators drop files.
    public var inbox: String { POSIX.path(root, "inbox") }
    /// Where claimed files wait while they are processed.
    public var processing: String { POSIX.path(root, "processing") }
    /// The parent of the per-participant outboxes.
    public var outbox: String { POSIX.path(root, "outbox") }
    /// The parent of the per-route outbound folders.
    public var outbound: String { POSIX.path(root, "outbound") }
    /// The parent of the per-day archive folders.
    public var archive: String { POSIX.path(root, "archive") }
    /// Where failed inputs go, each with its `.error.json`.
    public var error: String { POSIX.path(root, "error") }

    /// The fixed folders, in creation order.
    public var fixedDirectories: [String] { [inbox, processing, outbox, outbound, archive, error] }

    /// Creates the data root and the fixed folders (and any missing parents), flushing each
    /// parent that gained an entry. Existing folders are left as they are.
    public func create() throws(FileDropError) {
        for directory in fixedDirectories {
            try POSIX.ensureDirectory(directory)
        }
    }

    /// The outbox of the participant with this BIC (8 or 11 characters: 4 letters of bank
    /// code, 2 of country, 2 letters or digits of location, optionally 3 of branch).
    ///
    /// The BIC is checked so that one participant always maps to one folder and no BIC can
    /// name a path outside `outbox/`.
    public func outboxDirectory(for bic: String) throws(FileDropError) -> String {
        guard Self.isValidBIC(bic) else {
            throw FileDropError(
                .invalidName(reason: "not a BIC (expected 8 or 11 upper-case letters and digits, "
                    + "letters in positions 5-6)"),
                operation: .validateName, path: POSIX.path(outbox, bic))
        }
        return POSIX.path(outbox, bic)
    }

    /// The outbound folder of the route with this name (a single path component).
    public func outboundDirectory(for route: String) throws(FileDropError) -> String {
        do {
            try POSIX.validateComponent(route, operation: .validateName)
        } catch {
            throw error.adding(context: "route name under '\(outbound)'")
        }
        return POSIX.path(outbound, route)
    }

    /// The archive folder for the UTC calendar day of `date`: `archive/YYYY-MM-DD`.
    public func archiveDirectory(for date: Date) -> String {
        POSIX.path(archive, Self.utcDayName(of: date))
    }

    /// `YYYY-MM-DD` of the UTC calendar day holding `date`.
    static func utcDayName(of date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900
        let month = Int(parts.tm_mon) + 1
        let day = Int(parts.tm_mday)
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(twoDigits(month))-\(twoDigits(day))"
    }

    /// Whether `bic` can name an outbox folder: the shape of an ISO 9362:2014 BIC, upper case.
    static func isValidBIC(_ bic: String) -> Bool { BIC(bic).hasValidShape }
}
