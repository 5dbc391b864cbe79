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
    /// their files returned in path order. Files need no `.xml` extension.
    public static func expand(_ paths: [String]) throws(Failure) -> [URL] {
        var files: [URL] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw Failure(path: path, reason: "no such file or directory")
            }
            guard isDirectory.boolValue else {
                files.append(URL(fileURLWithPath: path))
                continue
            }
            guard let walker = manager.enumerator(
                at: URL(fileURLWithPath: path, isDirectory: true),
                includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles]
            ) else {
                throw Failure(path: path, reason: "cannot list the folder")
            }
            var found: [URL] = []
            for case let url as URL in walker {
                if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                    found.append(url)
                }
            }
            files += found.sorted { $0.path < $1.path }
        }
        return files
    }
}
