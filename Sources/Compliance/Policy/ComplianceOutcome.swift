/// Why a compliance check stopped a payment, in the shape a pacs.002 status reason needs.
///
/// The gateway turns an outcome into `TxInfAndSts/StsRsnInf`: ``reasonCode`` into `Rsn/Cd`,
/// ``narrative`` into `AddtlInf` (split into 105-character pieces when longer) and ``ruleID``
/// into its own logs and audit trail, so an operator can find the configuration line that fired.
public struct ComplianceOutcome: Sendable, Hashable {
    /// An ExternalStatusReason1Code, such as `AM02`, `AM05`, `AG01` or `RR04`.
    public var reasonCode: String
    /// One sentence for the sender saying what was wrong, with the figures that matter.
    public var narrative: String
    /// The identifier of the rule that fired, e.g. `limit.transaction.EUR` or `policy.embargo`.
    public var ruleID: String

    /// Creates an outcome from its three parts.
    public init(reasonCode: String, narrative: String, ruleID: String) {
        self.reasonCode = reasonCode
        self.narrative = narrative
        self.ruleID = ruleID
    }
}

extension ComplianceOutcome: CustomStringConvertible {
    /// `"AM02 (limit.transaction.EUR): 2,500,000.00 EUR exceeds ..."`.
    public var description: String { "\(reasonCode) (\(ruleID)): \(narrative)" }
}
