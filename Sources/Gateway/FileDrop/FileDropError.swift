#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of a file-drop operation, carrying what was being done, on which path, and why.
///
/// Every file-drop API throws this one type, so callers can decide what to do (retry later,
/// move the input to `error/`, stop the daemon) from ``kind`` while operators read
/// ``description``, which names the operation, the path(s) and the system error.
public struct FileDropError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// A system call failed with this `errno`.
        case system(errno: Int32)
        /// A deterministic output name already holds different bytes; writing a suffixed copy
        /// would duplicate the output, so nothing is written for it.
        case outputConflict(existingSize: Int, newSize: Int)
        /// A file or directory name is not a single safe path component.
        case invalidName(reason: String)
        /// No free name was found after this many attempts.
        case noFreeName(attempts: Int)
        /// A value could not be encoded (for example an error report as JSON).
        case encoding(reason: String)
    }

    /// What was being done when the failure happened.
    public enum Operation: String, Sendable, Equatable {
        case createDirectory = "create directory"
        case openDirectory = "open directory"
        case listDirectory = "list directory"
        case inspect = "inspect"
        case open = "open"
        case read = "read"
        case write = "write"
        case flush = "flush to disk"
        case flushFileSystem = "flush file system holding"
        case flushDirectory = "flush directory"
        case rename = "rename"
        case link = "link"
        case remove = "remove"
        case claim = "claim"
        case writeOutput = "write output"
        case archive = "archive"
        case reject = "move to error folder"
        case encodeReport = "encode error report for"
        case validateName = "use name"
    }

    /// What went wrong.
    public var kind: Kind
    /// What was being done.
    public var operation: Operation
    /// The path the operation was applied to.
    public var path: String
    /// The second path of a two-path operation (the destination of a rename), if any.
    public var destination: String?
    /// Extra context supplied by the caller, such as the input an output was derived from.
    public var context: String?

    /// Creates an error.
    public init(
        _ kind: Kind, operation: Operation, path: String,
        destination: String? = nil, context: String? = nil
    ) {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.destination = destination
        self.context = context
    }

    /// The `errno` of a failed system call, or `nil` for other kinds.
    public var errno: Int32? {
        if case .system(let code) = kind { return code }
        return nil
    }

    public var description: String {
        var text = "could not \(operation.rawValue) '\(path)'"
        if let destination { text += " to '\(destination)'" }
        if let context { text += " (\(context))" }
        switch kind {
        case .system(let code):
            text += ": \(String(cString: strerror(code))) (errno \(code))"
        case .outputConflict(let existingSize, let newSize):
            text += ": an output of that name already exists with different bytes "
                + "(\(existingSize) bytes on disk, \(newSize) bytes new); refusing to duplicate it"
        case .invalidName(let reason):
            text += ": invalid name: \(reason)"
        case .noFreeName(let attempts):
            text += ": no free name found after \(attempts) attempts"
        case .encoding(let reason):
            text += ": \(reason)"
        }
        return text
    }

    /// Returns a copy with `context` set (kept if already set, so the innermost context wins).
    func adding(context newContext: String?) -> FileDropError {
        var copy = self
        if copy.context == nil { copy.context = newContext }
        return copy
    }
}
