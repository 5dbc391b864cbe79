/// An account row as held in memory while one transaction applies a batch.
///
/// The batch loads each account it touches once, checks and applies every operation against
/// this copy, and writes the dirty copies back before the transaction commits; so checks see the
/// effect of earlier operations in the batch, and the database sees one update per account.
struct AccountState: Sendable {
    let id: Int64
    let key: AccountKey
    /// `nil` for a system account (no lower bound).
    let minimumBalance: Int64?
    var balance: Int64
    var pendingDebits: Int64
    var pendingCredits: Int64
    var isDirty = false

    var available: Int64 { balance - pendingDebits }

    /// Whether a further debit of `amount` keeps ``available`` at or above the minimum.
    /// Written to avoid overflow: `available - amount >= minimum` as `available - minimum >= amount`.
    func canDebit(_ amount: Int64) -> Bool {
        guard let minimumBalance else { return true }
        let (headroom, overflow) = available.subtractingReportingOverflow(minimumBalance)
        return overflow || headroom >= amount
    }

    var snapshot: AccountBalance {
        AccountBalance(
            participant: key.participant, currency: key.currency, balance: balance, pendingDebits: pendingDebits,
            pendingCredits: pendingCredits, minimumBalance: minimumBalance)
    }
}
