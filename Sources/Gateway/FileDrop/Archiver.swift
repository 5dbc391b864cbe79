import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Moves processed inputs out of `processing/`: into `archive/<YYYY-MM-DD>/` once their
/// effects are durable, or into `error/` with an ``ErrorReport``.
///
/// Moves never replace a file (a taken name gets a numeric suffix) and never lose the input:
/// if any step fails, the input is still in `processing/` and the call throws.
public struct Archiver: Sendable {
    /// The data-root layout.
    public let directories: DropDirectories
    /// Writes the error reports.
    public let writer: DurableFileWriter

    /// Creates an archiver.
    public init(directories: DropDirectories, writer: DurableFileWriter = DurableFileWriter()) {
        self.directories = directories
        self.writer = writer
    }

    /// Moves `file` into the archive folder of `date`'s UTC day and flushes the folders.
    ///
    /// Call only once everything the input caused (outputs, ledger) is durable.
    /// - Returns: the archived path.
    @discardableResult
    public func archive(_ file: ClaimedFile, at date: Date = Date()) throws(FileDropError) -> String {
        try archive([file], at: date)[0]
    }

    /// Moves several processed inputs into the archive with one flush per folder.
    ///
    /// If a move fails, the files moved before it stay archived (and are flushed), the rest
    /// stay in `processing/`, and the call throws.
    /// - Returns: the archived paths, in order.
    @discardableResult
    public func archive(_ files: [ClaimedFile], at date: Date = Date()) throws(FileDropError) -> [String] {
        guard !files.isEmpty else { return [] }
        let target = directories.archiveDirectory(for: date)
        try POSIX.ensureDirectory(target)
        var archived: [String] = []
        do {
            for file in files {
                archived.append(try move(file, into: target, operation: .archive))
            }
        } catch {
            if !archived.isEmpty {
                try? POSIX.syncDirectory(target)
                try? POSIX.syncDirectory(directories.processing)
            }
            throw error
        }
        try POSIX.syncDirectory(target)
        try POSIX.syncDirectory(directories.processing)
        return archived
    }

    /// The paths of an input moved to `error/` and of its report.
    public struct RejectedFile: Sendable, Hashable {
        /// Where the input now is.
        public let inputPath: String
        /// Where its `.error.json` is.
        public let reportPath: String
    }

    /// Writes `report` durably as `error/<name>.error.json`, then moves the input to
    /// `error/<name>` and flushes the folders. If the name is taken in `error/`, both get the
    /// same numeric suffix (`x-2.xml` and `x-2.xml.error.json`).
    public func moveToError(_ file: ClaimedFile, report: ErrorReport) throws(FileDropError) -> RejectedFile {
        let errorDirectory = directories.error
        try POSIX.ensureDirectory(errorDirectory)
        let json = try report.jsonData()
        let attempts = 10_000
        for attempt in 0..<attempts {
            let name = OutputFile.candidateName(file.name, attempt: attempt)
            let inputPath = POSIX.path(errorDirectory, name)
            if try POSIX.exists(inputPath) { continue }
            // A report whose input is not beside it was left by a crash between the two steps
            // below (report written, input not yet moved): it is this input's, so replace it.
            let orphan = POSIX.path(errorDirectory, ErrorReport.fileName(forInput: name))
            if try POSIX.exists(orphan) { try POSIX.remove(orphan) }
            let reportOutput = OutputFile(
                data: json, directory: errorDirectory, name: ErrorReport.fileName(forInput: name),
                naming: .deterministic, source: file.name)
            let written: WrittenFile
            do {
                written = try writer.write(reportOutput)
            } catch let error where error.kind.isOutputConflict {
                continue  // a report of another input holds that name
            }
            switch try POSIX.renameNoReplace(file.path, inputPath) {
            case .renamed:
                try POSIX.syncDirectory(errorDirectory)
                try POSIX.syncDirectory(directories.processing)
                return RejectedFile(inputPath: inputPath, reportPath: written.path)
            case .destinationExists:
                if written.outcome == .written { try? POSIX.remove(written.path) }
                continue
            case .sourceMissing:
                if written.outcome == .written { try? POSIX.remove(written.path) }
                throw FileDropError(
                    .system(errno: ENOENT), operation: .reject, path: file.path, destination: inputPath)
            }
        }
        throw FileDropError(.noFreeName(attempts: attempts), operation: .reject, path: file.path)
    }

    private func move(
        _ file: ClaimedFile, into directory: String, operation: FileDropError.Operation
    ) throws(FileDropError) -> String {
        let attempts = 10_000
        for attempt in 0..<attempts {
            let destination = POSIX.path(directory, OutputFile.candidateName(file.name, attempt: attempt))
            switch try POSIX.renameNoReplace(file.path, destination) {
            case .renamed: return destination
            case .destinationExists: continue
            case .sourceMissing:
                throw FileDropError(.system(errno: ENOENT), operation: operation, path: file.path, destination: destination)
            }
        }
        throw FileDropError(.noFreeName(attempts: attempts), operation: operation, path: file.path)
    }
}

extension FileDropError.Kind {
    var isOutputConflict: Bool {
        if case .outputConflict = self { return true }
        return false
    }
}
