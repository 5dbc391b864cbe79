import Foundation

/// How an output's name is chosen when the desired name is already taken.
public enum OutputNaming: Sendable, Hashable {
    /// Use the desired name if free, otherwise add a numeric suffix before the last extension
    /// (`report.xml`, `report-2.xml`, `report-3.xml`, …). Never overwrites.
    case unique
    /// The name is derived from the input (see ``OutputFile/deterministicName(forInput:kind:extension:)``)
    /// so that re-running an input after a crash produces the same name. If a file of that
    /// name already exists with identical bytes the output counts as already written and is
    /// skipped. If it exists with *different* bytes the write fails with
    /// ``FileDropError/Kind/outputConflict(existingSize:newSize:)``: adding a suffix would
    /// send a participant a second, different report for the same input, so the conflict
    /// is left to the caller (typically: move that input to `error/`).
    case deterministic
    /// A deterministic name whose first write stands: if a file of that name exists, the
    /// output counts as already written whatever its bytes. For answers whose content carries
    /// the time they were made (a status report regenerated after a crash differs only in its
    /// timestamps and message id): the participant must see one answer, the first.
    case firstWriteWins
}

/// One output to write: bytes, the folder to write into, the desired name and how to resolve
/// a taken name.
public struct OutputFile: Sendable, Hashable {
    /// The bytes to write.
    public var data: Data
    /// The target folder (created, durably, if missing).
    public var directory: String
    /// The desired file name (a single path component, at most 255 bytes; the temporary
    /// name still fits).
    public var name: String
    /// How to resolve a taken name.
    public var naming: OutputNaming
    /// What the output was made from (usually the input file name); quoted in errors.
    public var source: String?

    /// Creates an output description.
    public init(
        data: Data, directory: String, name: String, naming: OutputNaming = .unique, source: String? = nil
    ) {
        self.data = data
        self.directory = directory
        self.name = name
        self.naming = naming
        self.source = source
    }

    /// The full desired path.
    public var desiredPath: String { POSIX.path(directory, name) }

    /// A deterministic output name for an input: `<input stem>.<kind>.<extension>`, for
    /// example `batch-17.pacs002.xml` for the `pacs002` report of `batch-17.xml`.
    public static func deterministicName(forInput inputName: String, kind: String, extension ext: String = "xml") -> String {
        let stem = ClaimedFile(name: inputName, path: inputName, isRecovered: false).stem
        return "\(stem).\(kind).\(ext)"
    }

    /// The name to try on the given attempt (0 is the desired name itself).
    static func candidateName(_ name: String, attempt: Int) -> String {
        guard attempt > 0 else { return name }
        let suffix = "-\(attempt + 1)"
        if let dot = name.lastIndex(of: "."), dot != name.startIndex, name.utf8.distance(from: dot, to: name.utf8.endIndex) <= 32 {
            let ext = String(name[dot...])
            let stem = FileNameFitting.fitting(String(name[..<dot]) + suffix, within: FileNameFitting.maximumBytes - ext.utf8.count)
            return stem + ext
        }
        return FileNameFitting.fitting(name + suffix, within: FileNameFitting.maximumBytes)
    }
}
