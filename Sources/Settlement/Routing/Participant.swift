import ISO20022

/// A participant of the settlement agent: a bank with prefunded settlement accounts.
public struct Participant: Sendable, Hashable {
    /// One settlement account, per currency.
    public struct Account: Sendable, Hashable {
        public var currency: CurrencyCode
        /// The opening balance.
        public var balance: ExactDecimal
        /// The balance may never go below this (0 for a prefunded account).
        public var minimumBalance: ExactDecimal

        public init(currency: CurrencyCode, balance: ExactDecimal, minimumBalance: ExactDecimal = .zero) {
            self.currency = currency
            self.balance = balance
            self.minimumBalance = minimumBalance
        }
    }

    public var bic: BIC
    public var name: String
    public var accounts: [Account]

    public init(bic: BIC, name: String, accounts: [Account]) {
        self.bic = bic
        self.name = name
        self.accounts = accounts
    }
}
