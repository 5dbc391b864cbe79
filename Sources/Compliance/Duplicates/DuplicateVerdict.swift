/// The duplicate check's answer for one transaction.
public enum DuplicateVerdict: Sendable, Hashable {
    /// None of the transaction's identifiers was seen within the retention window.
    case unique
    /// An identifier was seen before; the match points to its first occurrence.
    case duplicate(DuplicateMatch)

    /// The `AM05` rejection for a duplicate, `nil` when unique.
    public var outcome: ComplianceOutcome? {
        if case .duplicate(let match) = self { return match.outcome }
        return nil
    }
}
