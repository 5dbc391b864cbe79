/// What the compliance stage decided for one transaction.
///
/// Limits, duplicates and corridor policy only ever accept or reject; ``hold(_:)`` belongs to
/// sanctions screening, which parks a payment for human review instead of answering at once.
public enum ComplianceDecision: Sendable, Hashable {
    /// Every check passed.
    case accept
    /// The payment must be answered with a pacs.002 `RJCT` carrying this outcome.
    case reject(ComplianceOutcome)
    /// The payment waits for a review; the outcome says which rule asked for it and why.
    case hold(ComplianceOutcome)

    /// A rejection built from its parts.
    public static func reject(reason: String, narrative: String, rule: String) -> ComplianceDecision {
        .reject(ComplianceOutcome(reasonCode: reason, narrative: narrative, ruleID: rule))
    }

    /// The outcome of a rejection or hold, `nil` for ``accept``.
    public var outcome: ComplianceOutcome? {
        switch self {
        case .accept: return nil
        case .reject(let outcome), .hold(let outcome): return outcome
        }
    }

    /// `true` for ``accept``.
    public var isAccepted: Bool { self == .accept }
}
