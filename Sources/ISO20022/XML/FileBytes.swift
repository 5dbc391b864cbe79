#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file with plain POSIX calls, refusing it when it is over a size limit.
public enum FileBytes {
    public enum Failure: Error {
        case tooLarge(Int)
        /// The path names a folder.
        case directory
        /// The path does not resolve: nothing is there, or a folder on the way is missing, not a
        /// folder, not searchable, or a link loop (what `stat` fails on).
        case missing(String)
        /// Any other reason, as the system words it.
        case system(String)

        /// Why, in words.
        public var reason: String {
            switch self {
            case .tooLarge(let size): "the file is \(size) bytes"
            case .directory: "not a regular file (a folder)"
            case .missing(let reason), .system(let reason): reason
            }
        }
    }

    public static func read(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
        var bytes: [UInt8] = []
        return FileBytes.read(path, limit: limit, into: &bytes).map { bytes }
    }

    /// Reads the file into `bytes`, replacing its contents but keeping its capacity, so that a
    /// loop over many files allocates its buffer once (a fresh buffer of a few kilobytes per
    /// file costs a heap consolidation in glibc's allocator each time).
    public static func read(_ path: String, limit: Int, into bytes: inout [UInt8]) -> Result<Void, Failure> {
        bytes.removeAll(keepingCapacity: true)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            // Tell a path that does not resolve (missing, a loop, no search permission on a
            // folder: `stat` fails too) from a folder or file that exists but cannot be opened.
            let reason = FileBytes.errorText()
            var info = stat()
            guard stat(path, &info) == 0 else { return .failure(.missing(FileBytes.errorText())) }
            return .failure((info.st_mode & S_IFMT) == S_IFDIR ? .directory : .system(reason))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.system(FileBytes.errorText())) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.directory)
        default: return .failure(.system("not a regular file"))
        }
        let size = Int(info.st_size)
        guard size <= limit else { return .failure(.tooLarge(size)) }
        bytes.append(contentsOf: repeatElement(0, count: size))
        var offset = 0
        while offset < size {
            let n = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + offset, size - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.system(FileBytes.errorText()))
            }
            if n == 0 { break }
            offset += n
        }
        if offset < size { bytes.removeLast(size - offset) }
        return .success(())
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
