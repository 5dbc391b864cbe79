import Foundation
@testable import Gateway

/// A fresh data root under the system temporary folder, removed by `remove()`.
struct TemporaryDataRoot {
    let url: URL
    let directories: DropDirectories

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-filedrop-\(UUID().uuidString)", isDirectory: true)
        directories = DropDirectories(root: url)
        try directories.create()
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `text` at `directory/name`, optionally with a given modification time.
    @discardableResult
    func put(_ text: String, in directory: String, as name: String, modified: Date? = nil) throws -> String {
        let path = POSIX.path(directory, name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        if let modified {
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        }
        return path
    }

    func names(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    func text(at path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }
}

/// Runs `body` with a fresh data root and removes it afterwards.
func withDataRoot<Result>(_ body: (TemporaryDataRoot) async throws -> Result) async throws -> Result {
    let root = try TemporaryDataRoot()
    defer { root.remove() }
    return try await body(root)
}
