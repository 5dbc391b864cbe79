/// A duplicate store could not answer; the caller must not accept the payment, as its
/// uniqueness is unknown.
public struct DuplicateStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed, as the backing storage reported it.
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { "duplicate store failed: \(reason)" }
}
