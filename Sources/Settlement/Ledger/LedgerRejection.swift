/// Why the ledger refused one operation. Nothing was recorded for it; a later retry with the
/// same id may succeed (for instance once the account has been funded).
public enum LedgerRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The debit account's available funds (`balance - pendingDebits`) minus `requested` would
    /// fall below its minimum balance.
    case insufficientFunds(TransferID, participant: String, currency: String, available: Int64, requested: Int64, minimumBalance: Int64)
    /// No account exists for this participant in this currency.
    case unknownAccount(TransferID, participant: String, currency: String)
    /// No transfer with this id was recorded (post or void of an unknown reservation).
    case unknownTransfer(TransferID)
    /// The transfer to post or void is a settlement, not a reservation.
    case notPending(TransferID)
    /// The reservation was already resolved; `state` says how.
    case alreadyResolved(TransferID, state: Transfer.State)
    /// A transfer with this id was recorded with a different value of `field`.
    case conflictingReplay(TransferID, field: TransferField, recorded: String, submitted: String)
    /// The amount is zero or negative.
    case invalidAmount(TransferID, amount: Int64)
    /// Debit and credit name the same account.
    case sameAccount(TransferID, participant: String)
    /// Applying the transfer would overflow a 64-bit balance of this participant's account.
    case balanceOverflow(TransferID, participant: String)

    /// The ISO 20022 external status reason code (ExternalStatusReason1Code) to report in a
    /// pacs.002, where one fits: `AM04` insufficient funds, `AC01` unknown account, `AM05`
    /// duplication (conflicting replay), `AM12` invalid amount.
    public var isoReasonCode: String? {
        switch self {
        case .insufficientFunds: "AM04"
        case .unknownAccount: "AC01"
        case .conflictingReplay: "AM05"
        case .invalidAmount, .balanceOverflow: "AM12"
        case .unknownTransfer, .notPending, .alreadyResolved, .sameAccount: nil
        }
    }

    /// The transfer the rejected operation named.
    public var transferID: TransferID {
        switch self {
        case .insufficientFunds(let id, _, _, _, _, _), .unknownAccount(let id, _, _), .unknownTransfer(let id),
            .notPending(let id), .alreadyResolved(let id, _), .conflictingReplay(let id, _, _, _),
            .invalidAmount(let id, _), .sameAccount(let id, _), .balanceOverflow(let id, _):
            id
        }
    }

    public var description: String {
        switch self {
        case .insufficientFunds(let id, let participant, let currency, let available, let requested, let minimum):
            "transfer '\(id)': insufficient funds (AM04) on \(participant) \(currency): available \(available), "
                + "requested \(requested), minimum balance \(minimum)"
        case .unknownAccount(let id, let participant, let currency):
            "transfer '\(id)': no \(currency) account for participant \(participant) (AC01)"
        case .unknownTransfer(let id):
            "no transfer '\(id)' to resolve"
        case .notPending(let id):
            "transfer '\(id)' is a settlement, not a reservation: it cannot be posted or voided"
        case .alreadyResolved(let id, let state):
            "reservation '\(id)' was already resolved: it is \(state)"
        case .conflictingReplay(let id, let field, let recorded, let submitted):
            "transfer '\(id)' was already recorded with \(field) \(recorded); this request has \(field) \(submitted) (AM05)"
        case .invalidAmount(let id, let amount):
            "transfer '\(id)': amount \(amount) is not positive (AM12)"
        case .sameAccount(let id, let participant):
            "transfer '\(id)': debit and credit are both \(participant)"
        case .balanceOverflow(let id, let participant):
            "transfer '\(id)' would overflow a balance of \(participant)"
        }
    }
}
