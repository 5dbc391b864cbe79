import ISO20022

/// One configured limit (`limits:` in corridor.yaml).
///
/// A rule with `maxAmount` caps each transaction; a rule with a `window` caps what a debtor
/// agent (or a debtor account) may send within that rolling window, by total and/or count.
/// A rule applies only to payments whose `IntrBkSttlmAmt` is in its ``currency``; amounts in
/// different currencies are never added together.
///
/// ``LimitChecker`` enforces the rules; ``validate()`` says whether a rule can be enforced.
public struct LimitRule: Sendable, Hashable {
    /// Whose payments the window aggregates.
    public enum Scope: Sendable, Hashable {
        /// Each transaction on its own.
        case transaction
        /// Per debtor agent: `*` for every agent separately, or one BIC.
        case debtorAgent(String)
        /// Per debtor account (IBAN or other id): velocity.
        case debtorAccount
    }

    public var currency: CurrencyCode
    public var scope: Scope
    /// Per-transaction maximum (AM02 when exceeded).
    public var maxAmount: ExactDecimal?
    /// Rolling window length in seconds, for aggregated scopes.
    public var windowSeconds: Int?
    /// Maximum total amount within the window.
    public var maxTotal: ExactDecimal?
    /// Maximum number of payments within the window.
    public var maxCount: Int?
    /// The operator's name for the rule, reported as the rule that fired; when `nil`, ``id``
    /// is derived from the rule's contents.
    public var name: String?

    public init(currency: CurrencyCode, scope: Scope = .transaction, maxAmount: ExactDecimal? = nil,
                windowSeconds: Int? = nil, maxTotal: ExactDecimal? = nil, maxCount: Int? = nil, name: String? = nil) {
        self.currency = currency
        self.scope = scope
        self.maxAmount = maxAmount
        self.windowSeconds = windowSeconds
        self.maxTotal = maxTotal
        self.maxCount = maxCount
        self.name = name
    }
}
