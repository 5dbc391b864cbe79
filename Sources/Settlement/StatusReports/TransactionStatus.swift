import ISO20022

/// The outcome of one transaction, as a status report states it (`TxSts` and `StsRsnInf`).
public struct TransactionStatus: Sendable, Hashable {
    /// An ExternalPaymentTransactionStatus1Code: `ACSC`, `ACSP`, `ACCC`, `RJCT` or `PDNG`.
    public var status: String
    /// An ExternalStatusReason1Code (`Rsn/Cd`); required for `RJCT`.
    public var reason: String?
    /// Free text for `AddtlInf`; split into lines of at most 105 characters when written.
    public var narrative: String?
    /// When the gateway accepted the transaction (`AccptncDtTm`).
    public var acceptance: ISODateTime?

    public init(status: String, reason: String? = nil, narrative: String? = nil, acceptance: ISODateTime? = nil) {
        self.status = status
        self.reason = reason
        self.narrative = narrative
        self.acceptance = acceptance
    }

    /// The statuses the gateway writes: settled (`ACSC`), accepted and in settlement (`ACSP`),
    /// credited to the creditor (`ACCC`), rejected (`RJCT`), pending (`PDNG`).
    public static let writable: Set<String> = ["ACSC", "ACSP", "ACCC", "RJCT", "PDNG"]

    /// Settlement completed (`ACSC`).
    public static func settled(at acceptance: ISODateTime? = nil) -> TransactionStatus {
        TransactionStatus(status: "ACSC", acceptance: acceptance)
    }

    /// Accepted, settlement in process (`ACSP`): e.g. reserved and forwarded.
    public static func inSettlement(at acceptance: ISODateTime? = nil) -> TransactionStatus {
        TransactionStatus(status: "ACSP", acceptance: acceptance)
    }

    /// Rejected (`RJCT`) with an ExternalStatusReason1Code and optional explanation.
    public static func rejected(_ reason: String, narrative: String? = nil) -> TransactionStatus {
        TransactionStatus(status: "RJCT", reason: reason, narrative: narrative)
    }

    /// Whether the status can no longer change: `ACSC`, `ACCC`, `RJCT` (also `ACWC` and `BLCK`
    /// when read from others' reports).
    public var isFinal: Bool { ["ACSC", "ACCC", "RJCT", "ACWC", "BLCK"].contains(self.status) }
}
