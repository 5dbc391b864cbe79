/// The result of writing one ``OutputFile``.
public struct WrittenFile: Sendable, Hashable {
    /// Whether the bytes were written now or were already there.
    public enum Outcome: Sendable, Hashable {
        /// Written and made durable by this call.
        case written
        /// A deterministic output with identical bytes already existed (an earlier run, or
        /// an identical output earlier in the same batch); nothing was written.
        case alreadyPresent
    }

    /// The final file name (the desired one, or a suffixed one for ``OutputNaming/unique``).
    public let name: String
    /// The folder it is in.
    public let directory: String
    /// What happened.
    public let outcome: Outcome

    /// The full path.
    public var path: String { POSIX.path(directory, name) }
}
