/// A snapshot of one settlement account.
///
/// All amounts are in minor units of ``currency``. ``balance`` counts posted transfers only;
/// reservations show in ``pendingDebits`` (funds held for outgoing payments) and
/// ``pendingCredits`` (funds promised by incoming payments, not spendable until posted).
public struct AccountBalance: Sendable, Hashable, CustomStringConvertible {
    /// The participant's BIC, or ``Ledger/systemParticipant`` for the currency's system account.
    public let participant: String
    /// The ISO 4217 alphabetic currency code.
    public let currency: String
    /// Credits minus debits of all posted transfers.
    public let balance: Int64
    /// The sum of open reservations debiting this account.
    public let pendingDebits: Int64
    /// The sum of open reservations crediting this account.
    public let pendingCredits: Int64
    /// The lowest value ``available`` may reach, or `nil` for a system account, which has no
    /// lower bound (it is the counterpart of funding and may go negative).
    public let minimumBalance: Int64?

    /// The funds that a new transfer may still debit down to ``minimumBalance``:
    /// `balance - pendingDebits`. Pending credits are not counted: a reservation in favour of
    /// this account may still be voided or expire.
    public var available: Int64 { balance - pendingDebits }

    /// Whether this is a currency's system account rather than a participant's.
    public var isSystemAccount: Bool { minimumBalance == nil }

    /// Creates a snapshot.
    public init(
        participant: String, currency: String, balance: Int64, pendingDebits: Int64, pendingCredits: Int64,
        minimumBalance: Int64?
    ) {
        self.participant = participant
        self.currency = currency
        self.balance = balance
        self.pendingDebits = pendingDebits
        self.pendingCredits = pendingCredits
        self.minimumBalance = minimumBalance
    }

    public var description: String {
        let floor = minimumBalance.map(String.init) ?? "none"
        return "\(participant) \(currency): balance \(balance), pending debits \(pendingDebits), "
            + "pending credits \(pendingCredits), available \(available), minimum \(floor)"
    }
}
