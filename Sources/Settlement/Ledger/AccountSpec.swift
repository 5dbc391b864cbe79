/// A settlement account to open: one per participant and currency.
public struct AccountSpec: Sendable, Hashable {
    /// The participant's BIC (8 or 11 upper-case letters and digits).
    public var participant: String
    /// The ISO 4217 alphabetic code of the account's currency, e.g. `"EUR"`.
    public var currency: String
    /// The lowest balance the account may reach, in minor units. `0` means the account must stay
    /// prefunded; a negative value is an intraday credit line.
    public var minimumBalance: Int64
    /// Funds moved from the currency's system account when the account is opened, in minor units.
    /// `0` opens an empty account.
    public var openingBalance: Int64

    /// Describes an account to open.
    public init(participant: String, currency: String, minimumBalance: Int64 = 0, openingBalance: Int64 = 0) {
        self.participant = participant
        self.currency = currency
        self.minimumBalance = minimumBalance
        self.openingBalance = openingBalance
    }
}
