import ArgumentParser
import Foundation
import Gateway
import ISO20022

/// Small helpers shared by the commands that read a `corridor.yaml` and its data folder.
enum CLISupport {
    /// Loads the configuration at `path`, or prints why it cannot be loaded and exits with 2
    /// (for commands that need a configuration but do not check one).
    static func configuration(at path: String, command: String) throws -> GatewayConfiguration {
        do {
            return try GatewayConfiguration.load(from: URL(fileURLWithPath: path))
        } catch {
            CLIOutput.error("corridor \(command): the configuration cannot be loaded:")
            CLIOutput.error(error.description)
            throw ExitCode(2)
        }
    }

    /// Reports a usage error found after parsing and returns the exit status for it: 2, which
    /// these commands document for usage errors (ArgumentParser's own `ValidationError` would
    /// exit with 64).
    static func usageError(_ message: String, command: String) -> ExitCode {
        CLIOutput.error("Error: \(message)")
        CLIOutput.error("  See 'corridor \(command) --help' for more information.")
        return ExitCode(2)
    }

    /// Fails with exit status 2 unless `file` exists: read-only commands must not create an
    /// empty database where a mistyped `data:` folder points.
    static func requireDatabase(_ file: URL, what: String, command: String) throws {
        guard FileManager.default.fileExists(atPath: file.path) else {
            CLIOutput.error("corridor \(command): no \(what) at \(file.path) (has the gateway run with this configuration?)")
            throw ExitCode(2)
        }
    }

    /// An amount in minor units as an exact decimal string with the currency's minor units,
    /// e.g. `123450` EUR → `1234.50`, `-5` JPY → `-5`. Unknown currencies are taken to have
    /// no minor units, as the gateway does when it books them.
    static func amount(_ minor: Int64, currency: String) -> String {
        amount(minor, scale: CurrencyCode(currency).minorUnits ?? 0)
    }

    /// An integer count of `10^-scale` units as an exact decimal string: `(123450, 2)` → `1234.50`.
    static func amount(_ minor: Int64, scale units: Int) -> String {
        let sign = minor < 0 ? "-" : ""
        let digits = String(minor.magnitude)
        guard units > 0 else { return sign + digits }
        let padded = String(repeating: "0", count: max(0, units + 1 - digits.count)) + digits
        return sign + padded.dropLast(units) + "." + padded.suffix(units)
    }

    /// A time given in milliseconds since 1970 as ISO 8601 in UTC with milliseconds, e.g.
    /// `2025-01-31T09:15:02.125Z` (the milliseconds are taken from the integer, not from a
    /// floating-point conversion).
    static func timestamp(milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let millis = milliseconds - seconds * 1000
        let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(Date.ISO8601FormatStyle())
        let fraction = String(millis)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - fraction.count) + fraction + "Z"
    }

    /// A time as ``timestamp(milliseconds:)``, rounded to the millisecond.
    static func timestamp(_ date: Date) -> String {
        timestamp(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    /// Lays out rows under a header in aligned columns, two spaces apart; columns in
    /// `rightAligned` (numbers) are aligned to the right.
    static func table(header: [String], rows: [[String]], rightAligned: Set<Int> = [], indent: String = "  ") -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            let cells = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }
            var line = indent + cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
