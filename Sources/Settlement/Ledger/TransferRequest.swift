/// The fields of a settlement or a reservation: who pays whom, how much, in which currency.
public struct TransferRequest: Sendable, Hashable {
    /// The idempotency key.
    public var id: TransferID
    /// The BIC of the participant whose account is debited.
    public var debit: String
    /// The BIC of the participant whose account is credited.
    public var credit: String
    /// The ISO 4217 alphabetic currency code; both accounts are in this currency.
    public var currency: String
    /// The amount in minor units of `currency`; must be positive.
    public var amount: Int64

    /// Describes a transfer of `amount` minor units of `currency` from `debit` to `credit`.
    public init(id: TransferID, debit: String, credit: String, currency: String, amount: Int64) {
        self.id = id
        self.debit = debit
        self.credit = credit
        self.currency = currency
        self.amount = amount
    }
}
