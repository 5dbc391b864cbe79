import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, typed-throwing wrappers over the system calls the file-drop code needs.
///
/// Everything here retries on `EINTR` and reports failures as ``FileDropError`` with the
/// operation and path, so the callers above stay readable.
enum POSIX {
    /// One entry of a directory listing, with the metadata the scanner sorts and filters on.
    struct Entry: Sendable, Hashable {
        var name: String
        var isRegularFile: Bool
        var size: Int
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
    }

    static func path(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Checks that `name` is a single path component that cannot escape its directory.
    static func validateComponent(_ name: String, operation: FileDropError.Operation) throws(FileDropError) {
        let reason: String?
        if name.isEmpty {
            reason = "empty"
        } else if name == "." || name == ".." {
            reason = "'\(name)' refers to a directory"
        } else if name.contains("/") {
            reason = "contains '/'"
        } else if name.utf8.contains(0) {
            reason = "contains a NUL byte"
        } else if name.utf8.count > 255 {
            reason = "longer than 255 bytes"
        } else {
            reason = nil
        }
        if let reason {
            throw FileDropError(.invalidName(reason: reason), operation: operation, path: name)
        }
    }

    static func systemError(
        _ operation: FileDropError.Operation, _ path: String, destination: String? = nil
    ) -> FileDropError {
        FileDropError(.system(errno: errno), operation: operation, path: path, destination: destination)
    }

    // MARK: Metadata

    /// `lstat` of `path`, or `nil` if it does not exist.
    static func status(_ path: String) throws(FileDropError) -> stat? {
        var info = stat()
        if lstat(path, &info) == 0 { return info }
        if errno == ENOENT { return nil }
        throw systemError(.inspect, path)
    }

    static func exists(_ path: String) throws(FileDropError) -> Bool {
        try status(path) != nil
    }

    static func isRegular(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFREG }
    static func isDirectory(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFDIR }

    /// Lists `directory` without following symbolic links; `.` and `..` are left out.
    static func list(_ directory: String) throws(FileDropError) -> [Entry] {
        guard let handle = opendir(directory) else { throw systemError(.listDirectory, directory) }
        defer { closedir(handle) }
        let directoryFD = dirfd(handle)
        var entries: [Entry] = []
        while true {
            errno = 0
            guard let raw = readdir(handle) else {
                if errno != 0 { throw systemError(.listDirectory, directory) }
                break
            }
            let name = withUnsafePointer(to: &raw.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard fstatat(directoryFD, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                if errno == ENOENT { continue }  // removed or claimed meanwhile
                throw systemError(.inspect, path(directory, name))
            }
            entries.append(Entry(
                name: name,
                isRegularFile: isRegular(info),
                size: Int(info.st_size),
                modifiedSeconds: Int(info.st_mtim.tv_sec),
                modifiedNanoseconds: Int(info.st_mtim.tv_nsec)))
        }
        return entries
    }

    // MARK: Directories

    /// Creates `directory` and any missing parents, flushing each parent that gained an entry
    /// so the new directories survive a crash. Existing directories are left alone.
    static func ensureDirectory(_ directory: String) throws(FileDropError) {
        if let info = try status(directory) {
            guard isDirectory(info) else {
                throw FileDropError(.system(errno: ENOTDIR), operation: .createDirectory, path: directory)
            }
            return
        }
        let parentPath = parent(of: directory)
        if parentPath != directory { try ensureDirectory(parentPath) }
        if mkdir(directory, 0o755) != 0 {
            if errno == EEXIST, let info = try status(directory), isDirectory(info) { return }
            throw systemError(.createDirectory, directory)
        }
        try syncDirectory(parentPath)
    }

    static func openDirectory(_ directory: String) throws(FileDropError) -> Int32 {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw systemError(.openDirectory, directory) }
        return fd
    }

    /// `fsync` of a directory, making the names created or removed in it durable.
    static func syncDirectory(_ directory: String) throws(FileDropError) {
        let fd = try openDirectory(directory)
        defer { close(fd) }
        if retryingOnInterrupt({ fsync(fd) }) != 0 { throw systemError(.flushDirectory, directory) }
    }

    // MARK: Files

    /// Creates `path` exclusively and writes `data` to it; returns the open descriptor.
    static func createExclusive(_ path: String, data: Data) throws(FileDropError) -> Int32 {
        let fd = retryingOnInterrupt { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644) }
        if fd < 0 { throw systemError(.open, path) }
        do {
            try writeAll(fd, data, path: path)
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
        return fd
    }

    static func writeAll(_ fd: Int32, _ data: Data, path: String) throws(FileDropError) {
        let failure: FileDropError? = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return systemError(.write, path)
                }
                offset += written
            }
            return nil
        }
        if let failure { throw failure }
    }

    static func dataSync(_ fd: Int32, path: String) throws(FileDropError) {
        if retryingOnInterrupt({ fdatasync(fd) }) != 0 { throw systemError(.flush, path) }
    }

    /// Reads the whole file at `path`.
    static func readFile(_ path: String) throws(FileDropError) -> Data {
        var result = Data()
        try POSIX.readChunks(path) { result.append(contentsOf: $0) }
        return result
    }

    /// Reads `path` in chunks, handing each to `body` (for hashing large files).
    static func readChunks(
        _ path: String, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(FileDropError) {
        let fd = retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC) }
        if fd < 0 { throw systemError(.open, path) }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw systemError(.read, path)
            }
            if count == 0 { break }
            chunk.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }

    static func remove(_ path: String) throws(FileDropError) {
        if unlink(path) != 0 && errno != ENOENT { throw systemError(.remove, path) }
    }

    // MARK: Renames

    /// The outcome of a rename that must not replace an existing file.
    enum RenameOutcome: Sendable, Equatable {
        case renamed
        /// The destination already exists; nothing changed.
        case destinationExists
        /// The source no longer exists (someone else moved it first); nothing changed.
        case sourceMissing
    }

    /// Renames `source` to `destination` atomically, never replacing an existing destination.
    ///
    /// Uses `renameat2(RENAME_NOREPLACE)` where the C library and file system offer it, and
    /// otherwise `link(2)` + `unlink(2)` (which also fails with `EEXIST` rather than replace;
    /// a crash between the two leaves both names, which the callers' recovery tolerates
    /// because the content is identical).
    static func renameNoReplace(_ source: String, _ destination: String) throws(FileDropError) -> RenameOutcome {
        if let renameat2 = LibC.renameat2 {
            let result = retryingOnInterrupt {
                renameat2(AT_FDCWD, source, AT_FDCWD, destination, LibC.renameNoReplaceFlag)
            }
            if result == 0 { return .renamed }
            switch errno {
            case EEXIST: return .destinationExists
            case ENOENT where try !exists(source): return .sourceMissing
            case EINVAL, ENOSYS: break  // flag unsupported here: fall back to link + unlink
            default: throw systemError(.rename, source, destination: destination)
            }
        }
        if link(source, destination) != 0 {
            switch errno {
            case EEXIST: return .destinationExists
            case ENOENT where try !exists(source): return .sourceMissing
            default: throw systemError(.link, source, destination: destination)
            }
        }
        if unlink(source) != 0 && errno != ENOENT {
            throw systemError(.remove, source)
        }
        return .renamed
    }

    static func retryingOnInterrupt(_ call: () -> Int32) -> Int32 {
        while true {
            let result = call()
            if result == -1 && errno == EINTR { continue }
            return result
        }
    }
}
