import ISO20022

/// One allowed corridor: payments in ``currency`` from a debtor agent in one of ``from`` to a
/// creditor agent in one of ``to``, countries read from the agents' BICs (characters 5–6).
///
/// In configuration: `{ currency: EUR, from: [DE, FR, NL, ES], to: ["*"] }`.
public struct CorridorRule: Sendable, Hashable {
    /// The settlement currency (`IntrBkSttlmAmt/@Ccy`); `nil` for any currency.
    public var currency: CurrencyCode?
    /// Debtor agent BIC countries.
    public var from: CountrySet
    /// Creditor agent BIC countries.
    public var to: CountrySet
    /// The operator's name for the rule; when `nil`, ``id`` is derived from the rule.
    public var name: String?

    public init(currency: CurrencyCode?, from: CountrySet, to: CountrySet, name: String? = nil) {
        self.currency = currency
        self.from = from
        self.to = to
        self.name = name
    }

    /// `name`, else e.g. `corridor.EUR.DE,ES,FR,NL->*`.
    public var id: String {
        name ?? "corridor.\(currency?.rawValue ?? "*").\(from)->\(to)"
    }

    /// Whether the rule allows a payment in `currency` between agents in these countries.
    public func allows(currency: CurrencyCode, from debtorAgentCountry: CountryCode?,
                       to creditorAgentCountry: CountryCode?) -> Bool {
        (self.currency == nil || self.currency == currency)
            && from.contains(debtorAgentCountry) && to.contains(creditorAgentCountry)
    }
}
