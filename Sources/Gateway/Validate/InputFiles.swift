#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Expands command-line paths into the files to process.
public enum InputFiles {
    /// A path that does not exist or cannot be listed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(self.path): \(self.reason)" }
    }

    /// Files are taken as given; folders are walked recursively (hidden entries skipped) and
    /// their files returned in path order. Files need no `.xml` extension. Uses plain POSIX
    /// calls: thousands of files are listed in milliseconds.
    public static func expand(_ paths: [String]) throws(Failure) -> [String] {
        var files: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw Failure(path: path, reason: String(cString: strerror(errno)))
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var found: [String] = []
                try InputFiles.walk(path, into: &found)
                files += found.sorted()
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// `path` itself when it is a file, else the first regular file the folder lists (in
    /// listing order, not path order), searching one level deep; nil when there is none.
    static func firstFile(in path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        if (info.st_mode & S_IFMT) == S_IFREG { return path }
        guard (info.st_mode & S_IFMT) == S_IFDIR, let handle = opendir(path) else { return nil }
        defer { closedir(handle) }
        let base = path.hasSuffix("/") ? path : path + "/"
        while let entry = InputFiles.nextVisibleEntry(handle) {
            if entry.type == UInt8(DT_REG) { return base + entry.name }
        }
        return nil
    }

    /// The next entry of an open folder listing whose name does not start with a dot, with the
    /// type the listing reports (`DT_UNKNOWN` where the file system reports none).
    private static func nextVisibleEntry(_ handle: OpaquePointer) -> (name: String, type: UInt8)? {
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if !name.hasPrefix(".") { return (name, entry.pointee.d_type) }
        }
        return nil
    }

    private static func walk(_ directory: String, into found: inout [String]) throws(Failure) {
        guard let handle = opendir(directory) else {
            throw Failure(path: directory, reason: "cannot list the folder: \(String(cString: strerror(errno)))")
        }
        defer { closedir(handle) }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        while let entry = InputFiles.nextVisibleEntry(handle) {
            let path = base + entry.name
            // The entry's type from the listing saves a stat per file; links and file systems
            // that do not report types are resolved with stat (which follows links).
            var type = entry.type
            if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                var info = stat()
                guard stat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: type = UInt8(DT_DIR)
                case S_IFREG: type = UInt8(DT_REG)
                default: continue
                }
            }
            switch type {
            case UInt8(DT_DIR): try InputFiles.walk(path, into: &found)
            case UInt8(DT_REG): found.append(path)
            default: continue
            }
        }
    }
}
