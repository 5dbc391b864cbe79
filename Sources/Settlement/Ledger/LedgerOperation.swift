/// One request to the ledger, as submitted to ``Ledger/apply(_:)`` or ``LedgerCommitter/submit(_:)``.
public enum LedgerOperation: Sendable, Hashable {
    /// Moves funds from `debit` to `credit` at once.
    case settle(TransferRequest)
    /// Holds funds on `debit` in favour of `credit` until posted, voided or expired.
    case reserve(TransferRequest)
    /// Completes the reservation with this id: the held funds move to the credit account.
    case post(pendingID: TransferID)
    /// Cancels the reservation with this id: the held funds are released to the debit account.
    case void(pendingID: TransferID)

    /// Funds `participant`'s account from the currency's system account: a settlement debiting
    /// ``Ledger/systemParticipant``. Use it for opening balances and top-ups (prefunding).
    public static func fund(id: TransferID, participant: String, currency: String, amount: Int64) -> Self {
        .settle(TransferRequest(id: id, debit: Ledger.systemParticipant, credit: participant, currency: currency, amount: amount))
    }

    /// Returns funds from `participant`'s account to the currency's system account (defunding).
    public static func defund(id: TransferID, participant: String, currency: String, amount: Int64) -> Self {
        .settle(TransferRequest(id: id, debit: participant, credit: Ledger.systemParticipant, currency: currency, amount: amount))
    }

    /// The transfer the operation creates (settle, reserve) or resolves (post, void).
    public var transferID: TransferID {
        switch self {
        case .settle(let request), .reserve(let request): request.id
        case .post(let id), .void(let id): id
        }
    }
}
