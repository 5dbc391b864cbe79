/// Why a ledger call failed as a whole.
///
/// Per-operation refusals inside a batch are ``LedgerRejection`` outcomes instead; the
/// single-operation conveniences (``Ledger/settle(_:)`` and the like) throw them wrapped in
/// ``rejected(_:)``.
public enum LedgerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A transfer id is not acceptable.
    case invalidTransferID(String, reason: String)
    /// A participant is not a BIC (8 or 11 upper-case letters and digits).
    case invalidParticipant(String)
    /// A currency is not three upper-case letters.
    case invalidCurrency(String)
    /// An account spec asks for a negative opening balance.
    case invalidOpeningBalance(participant: String, currency: String, amount: Int64)
    /// An account exists already with another minimum balance.
    case accountConflict(participant: String, currency: String, existingMinimum: Int64, requestedMinimum: Int64)
    /// The single operation was refused.
    case rejected(LedgerRejection)
    /// The database failed; nothing of the call was committed. `context` names the call,
    /// `message` is SQLite's account of the failure.
    case storage(context: String, message: String)

    public var description: String {
        switch self {
        case .invalidTransferID(let id, let reason):
            "invalid transfer id '\(id)': \(reason)"
        case .invalidParticipant(let participant):
            "invalid participant '\(participant)': expected a BIC of 8 or 11 upper-case letters and digits"
        case .invalidCurrency(let currency):
            "invalid currency '\(currency)': expected three upper-case letters (ISO 4217)"
        case .invalidOpeningBalance(let participant, let currency, let amount):
            "invalid opening balance \(amount) for \(participant) \(currency): it must not be negative"
        case .accountConflict(let participant, let currency, let existing, let requested):
            "account \(participant) \(currency) exists with minimum balance \(existing), not \(requested)"
        case .rejected(let rejection):
            "rejected: \(rejection)"
        case .storage(let context, let message):
            "ledger storage failed during \(context): \(message)"
        }
    }
}
