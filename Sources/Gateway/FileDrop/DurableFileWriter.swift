import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes outputs so that after a crash each one is either complete under its final name or
/// absent (never partial, never overwriting another file).
///
/// Each output is written under a hidden temporary name in its target folder
/// (`.<name>.corridor-<process id>-<random>.tmp`, which inbox-style scanners ignore), made durable,
/// renamed to its final name without replacing anything, and then the folder is flushed so
/// the name is durable too.
///
/// A batch (``write(_:)-(OutputBatch)``) does the same for many outputs with one device flush
/// for all of their bytes, then one flush per touched folder: on the project's machines a
/// flush costs about a millisecond, so this is what lets throughput exceed ~1,000 files/s.
public struct DurableFileWriter: Sendable {
    /// How the bytes of a batch are made durable before the renames.
    ///
    /// Measured on a machine of the project's kind (ext4 on a virtio disk, 3,000-byte files,
    /// batches of 100; `DurabilityMeasurementTests`): one `syncfs` per batch ≈ 4,000 files/s,
    /// `fdatasync` of each file ≈ 270 files/s, single writes ≈ 125 files/s. Hence
    /// ``automatic`` picks `syncfs`.
    public enum Durability: Sendable, Hashable {
        /// ``syncFileSystem`` where `syncfs(2)` is available, otherwise ``syncEachFile``.
        case automatic
        /// One `syncfs(2)` per file system the batch writes to. Flushes everything dirty on
        /// that file system (other writers' data included), but as a single device flush.
        /// Note: before Linux 5.8, `syncfs` did not report write-back errors.
        case syncFileSystem
        /// `fdatasync(2)` of each file: one device flush per file.
        case syncEachFile
    }

    /// The strategy asked for.
    public let durability: Durability

    /// Creates a writer.
    public init(durability: Durability = .automatic) {
        self.durability = durability
    }

    /// The strategy actually used for batches of more than one output.
    public var effectiveDurability: Durability {
        switch durability {
        case .automatic, .syncFileSystem: LibC.syncfs == nil ? .syncEachFile : .syncFileSystem
        case .syncEachFile: .syncEachFile
        }
    }

    /// Longest desired name: the file system's limit (the temporary name shortens long names).
    static let maximumNameLength = FileNameFitting.maximumBytes

    /// Writes one output durably (temporary file, `fdatasync`, rename, folder `fsync`).
    public func write(_ output: OutputFile) throws(FileDropError) -> WrittenFile {
        try write(OutputBatch([output]))[0]
    }

    /// Writes all outputs of `batch` durably with one device flush for their bytes, then
    /// renames them and flushes each touched folder once.
    ///
    /// Deterministic outputs are checked before anything is written: if one conflicts
    /// (same name, different bytes) the call throws and writes nothing. Failures after that
    /// point (I/O errors, a conflicting file appearing concurrently) throw with temporary
    /// files removed; outputs renamed before the failure stay, which is safe because a
    /// re-run finds them and, for deterministic names, skips them.
    ///
    /// - Returns: one ``WrittenFile`` per output, in batch order, with the final names.
    public func write(_ batch: OutputBatch) throws(FileDropError) -> [WrittenFile] {
        let outputs = batch.outputs
        guard !outputs.isEmpty else { return [] }

        // 1. Names and folders.
        var directories: [String] = []
        for output in outputs {
            try validate(output)
            if !directories.contains(output.directory) { directories.append(output.directory) }
        }
        for directory in directories {
            try POSIX.ensureDirectory(directory)
        }

        // 2. Deterministic outputs already present (or conflicting) before any write.
        var results = [WrittenFile?](repeating: nil, count: outputs.count)
        var duplicateOf: [Int: Int] = [:]
        var firstDeterministic: [String: Int] = [:]
        for (index, output) in outputs.enumerated() where output.naming != .unique {
            let target = output.desiredPath
            let firstWins = output.naming == .firstWriteWins
            if let earlier = firstDeterministic[target] {
                guard firstWins || outputs[earlier].data == output.data else {
                    throw conflict(output, existingSize: outputs[earlier].data.count)
                }
                duplicateOf[index] = earlier
                continue
            }
            firstDeterministic[target] = index
            // A first-write-wins output needs no look-up here: its rename never replaces, and
            // one that finds the name taken drops its temporary file (see `rename`). Reruns
            // after a crash are rare; the look-up would cost every output a directory search.
            if firstWins { continue }
            if try POSIX.exists(target) {
                let existing = try POSIX.readFile(target)
                guard existing == output.data else { throw conflict(output, existingSize: existing.count) }
                results[index] = WrittenFile(name: output.name, directory: output.directory, outcome: .alreadyPresent)
            }
        }
        let pending = outputs.indices.filter { results[$0] == nil && duplicateOf[$0] == nil }

        // 3-5. Temporary files, one flush, renames, folder flushes.
        var temporaryPaths: [Int: String] = [:]
        do throws(FileDropError) {
            // A few files: flush each (cheaper than syncfs, which also flushes unrelated dirty data).
            let flushEach = pending.count <= DurableFileWriter.flushEachUpTo || effectiveDurability == .syncEachFile
            let handles = flushEach ? [] : try fileSystemHandles(holding: Set(pending.map { outputs[$0].directory }))
            defer { for handle in handles { close(handle.fd) } }
            if flushEach || pending.count < DurableFileWriter.parallelFrom {
                for index in pending {
                    temporaryPaths[index] = try Self.writeTemporary(outputs[index], flush: flushEach)
                }
            } else {
                // Many outputs: two threads create and fill the temporary files (the copying
                // into the page cache is most of the work and runs outside directory locks).
                let created = ResultSlots<Result<String, FileDropError>>(count: pending.count)
                let next = AtomicCounter()
                WorkerThreads.run(2) { _ in
                    while true {
                        let slot = next.increment()
                        guard slot < pending.count else { return }
                        let output = outputs[pending[slot]]
                        created.set(slot, Result { () throws(FileDropError) -> String in try Self.writeTemporary(output, flush: false) })
                    }
                }
                var failure: FileDropError? = nil
                for (slot, result) in created.values().enumerated() {
                    switch result {
                    case .success(let temporary): temporaryPaths[pending[slot]] = temporary
                    case .failure(let error): failure = failure ?? error
                    }
                }
                if let failure { throw failure }
            }
            if !flushEach {
                try syncFileSystems(handles)
            }

            var touched: Set<String> = []
            do throws(FileDropError) {
                for index in pending {
                    let output = outputs[index]
                    let temporary = temporaryPaths[index]!
                    results[index] = try rename(temporary, to: output)
                    temporaryPaths[index] = nil
                    touched.insert(output.directory)
                }
            } catch {
                // The outputs renamed before the failure are visible: make their names durable
                // too (a reader may already have taken them), then report the failure.
                for directory in directories where touched.contains(directory) { try? POSIX.syncDirectory(directory) }
                throw error
            }
            for directory in directories where touched.contains(directory) {
                try POSIX.syncDirectory(directory)
            }
        } catch {
            for path in temporaryPaths.values { unlink(path) }
            throw error
        }

        for (index, earlier) in duplicateOf {
            let first = results[earlier]!
            results[index] = WrittenFile(name: first.name, directory: first.directory, outcome: .alreadyPresent)
        }
        return results.map { $0! }
    }

    /// Removes temporary files this writer left behind in `directory` (after a crash).
    ///
    /// Another process may be writing into the same folder right now (the daemon while an
    /// operator runs `corridor review`), and its temporary files live for milliseconds. With
    /// `olderThan`, a file is removed when the process that named it (its name carries the
    /// process id) no longer runs or is this one (an earlier process that had the same id: call
    /// this before writing), or when it was last modified at least that many seconds ago.
    /// Writers sharing a data folder must share a process-id namespace.
    ///
    /// - Returns: the number of files removed.
    @discardableResult
    public func removeAbandonedTemporaryFiles(in directory: String, olderThan seconds: Int = 0) throws(FileDropError) -> Int {
        guard try POSIX.exists(directory) else { return 0 }
        let cutoff = Int(time(nil)) - seconds
        var removed = 0
        for entry in try POSIX.list(directory) where entry.isRegularFile && Self.isTemporaryName(entry.name) {
            let writer = Self.writerProcess(ofTemporaryName: entry.name)
            let abandoned = seconds == 0 || entry.modifiedSeconds <= cutoff
                || writer.map { $0 == Self.processID || (kill($0, 0) != 0 && errno == ESRCH) } == true
            guard abandoned else { continue }
            try POSIX.remove(POSIX.path(directory, entry.name))
            removed += 1
        }
        if removed > 0 { try POSIX.syncDirectory(directory) }
        return removed
    }

    // MARK: - Steps

    private func validate(_ output: OutputFile) throws(FileDropError) {
        let context = output.source.map { "output of '\($0)'" }
        do {
            try POSIX.validateComponent(output.name, operation: .writeOutput)
        } catch {
            throw FileDropError(error.kind, operation: .writeOutput, path: output.desiredPath, context: context)
        }
        if output.name.utf8.count > Self.maximumNameLength {
            throw FileDropError(
                .invalidName(reason: "longer than \(Self.maximumNameLength) bytes"),
                operation: .writeOutput, path: output.desiredPath, context: context)
        }
    }

    private func conflict(_ output: OutputFile, existingSize: Int) -> FileDropError {
        FileDropError(
            .outputConflict(existingSize: existingSize, newSize: output.data.count),
            operation: .writeOutput, path: output.desiredPath,
            context: output.source.map { "output of '\($0)'" })
    }

    /// Writes `output`'s bytes to a new temporary file beside its final name and returns the
    /// temporary path; with `flush`, also makes them durable (`fdatasync`). Nothing is left
    /// behind when it throws.
    private static func writeTemporary(_ output: OutputFile, flush: Bool) throws(FileDropError) -> String {
        let temporary = POSIX.path(output.directory, Self.temporaryName(for: output.name))
        let fd = try POSIX.createExclusive(temporary, data: output.data)
        defer { close(fd) }
        if flush {
            do {
                try POSIX.dataSync(fd, path: temporary)
            } catch {
                unlink(temporary)
                throw error
            }
        }
        return temporary
    }

    /// One open folder per distinct file system among `directories`, to `syncfs` through.
    ///
    /// Opened before the temporary files are written: `syncfs` reports the write-back errors
    /// of its file system only from the moment its descriptor was opened (Linux 5.8 and later),
    /// so a descriptor opened afterwards could miss an error of early background write-back.
    private func fileSystemHandles(holding directories: Set<String>) throws(FileDropError) -> [(fd: Int32, directory: String)] {
        var handles: [(fd: Int32, directory: String)] = []
        var devices: Set<UInt64> = []
        do throws(FileDropError) {
            for directory in directories.sorted() {
                guard let info = try POSIX.status(directory) else {
                    throw FileDropError(.system(errno: ENOENT), operation: .flushFileSystem, path: directory)
                }
                guard devices.insert(UInt64(info.st_dev)).inserted else { continue }
                handles.append((try POSIX.openDirectory(directory), directory))
            }
        } catch {
            for handle in handles { close(handle.fd) }
            throw error
        }
        return handles
    }

    /// `syncfs` through each handle.
    private func syncFileSystems(_ handles: [(fd: Int32, directory: String)]) throws(FileDropError) {
        guard let syncfs = LibC.syncfs else {
            throw FileDropError(.system(errno: ENOSYS), operation: .flushFileSystem, path: handles.first?.directory ?? "")
        }
        for handle in handles where POSIX.retryingOnInterrupt({ syncfs(handle.fd) }) != 0 {
            throw POSIX.systemError(.flushFileSystem, handle.directory)
        }
    }

    /// Renames a durable temporary file to the output's final name, never replacing.
    private func rename(_ temporary: String, to output: OutputFile) throws(FileDropError) -> WrittenFile {
        let context = output.source.map { "output of '\($0)'" }
        switch output.naming {
        case .deterministic, .firstWriteWins:
            let target = output.desiredPath
            switch try POSIX.renameNoReplace(temporary, target) {
            case .renamed:
                return WrittenFile(name: output.name, directory: output.directory, outcome: .written)
            case .destinationExists:
                // Appeared since the pre-check (a concurrent writer of the same output).
                if output.naming == .deterministic {
                    let existing = try POSIX.readFile(target)
                    guard existing == output.data else { throw conflict(output, existingSize: existing.count) }
                }
                try POSIX.remove(temporary)
                return WrittenFile(name: output.name, directory: output.directory, outcome: .alreadyPresent)
            case .sourceMissing:
                throw FileDropError(
                    .system(errno: ENOENT), operation: .rename, path: temporary, destination: target, context: context)
            }
        case .unique:
            let attempts = 10_000
            for attempt in 0..<attempts {
                let name = OutputFile.candidateName(output.name, attempt: attempt)
                let target = POSIX.path(output.directory, name)
                switch try POSIX.renameNoReplace(temporary, target) {
                case .renamed:
                    return WrittenFile(name: name, directory: output.directory, outcome: .written)
                case .destinationExists:
                    continue
                case .sourceMissing:
                    throw FileDropError(
                        .system(errno: ENOENT), operation: .rename, path: temporary, destination: target,
                        context: context)
                }
            }
            throw FileDropError(
                .noFreeName(attempts: attempts), operation: .writeOutput, path: output.desiredPath, context: context)
        }
    }

    // MARK: - Temporary names

    static let temporaryMarker = ".corridor-"

    /// Batches of at most this many files are flushed file by file rather than with `syncfs`.
    static let flushEachUpTo = 8

    /// Batches of at least this many files create their temporary files on two threads.
    static let parallelFrom = 64

    /// `.<name>.corridor-<writer's process id>-<16 random hex>.tmp`.
    static func temporaryName(for name: String) -> String {
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let padded = String(repeating: "0", count: 16 - token.count) + token
        // 43 bytes of marker, process id (up to 11), token and dots around at most 212 of the
        // name: within 255.
        return ".\(FileNameFitting.fitting(name, within: 212))\(temporaryMarker)\(Self.processID)-\(padded).tmp"
    }

    /// This process's id, asked once (glibc's `getpid` is a system call each time).
    private static let processID = getpid()

    /// The process id in a temporary name, nil for names written before it was included.
    static func writerProcess(ofTemporaryName name: String) -> pid_t? {
        guard let marker = name.range(of: temporaryMarker, options: .backwards) else { return nil }
        let rest = name[marker.upperBound...]
        guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { return nil }
        return pid
    }

    static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.hasSuffix(".tmp") && name.contains(temporaryMarker)
    }
}
