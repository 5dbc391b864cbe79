import ISO20022

/// One row of the routing table: what a payment must look like, and what to do with it.
public struct Route: Sendable, Hashable {
    /// What happens to a matching payment.
    public enum Action: Sendable, Hashable {
        /// Settle in-process between two participants.
        case settle
        /// Reserve the funds and forward the pacs.008 to `outbound/<route name>/`, instructing `nextAgent`.
        case forward(nextAgent: BIC)
        /// Reject with this ExternalStatusReason1Code.
        case reject(reason: String)
    }

    public var name: String
    public var match: RouteMatch
    public var action: Action

    public init(name: String, match: RouteMatch, action: Action) {
        self.name = name
        self.match = match
        self.action = action
    }
}

/// The conditions of a route; every condition given must hold (an empty match takes everything).
public struct RouteMatch: Sendable, Hashable {
    /// The creditor agent's BIC: a full BIC11, a BIC8 (any branch), or a prefix ending in `*`.
    public var instructedAgent: BICPattern?
    /// The destination country: the creditor agent's BIC country.
    public var country: CountryCode?
    /// The settlement currency (IntrBkSttlmAmt/@Ccy).
    public var currency: CurrencyCode?
    /// Inclusive lower bound on IntrBkSttlmAmt.
    public var minAmount: ExactDecimal?
    /// Inclusive upper bound on IntrBkSttlmAmt.
    public var maxAmount: ExactDecimal?
    /// PmtTpInf/SvcLvl/Cd (transaction level, else group level).
    public var serviceLevel: String?
    /// PmtTpInf/LclInstrm/Cd (transaction level, else group level).
    public var localInstrument: String?

    public init(instructedAgent: BICPattern? = nil, country: CountryCode? = nil, currency: CurrencyCode? = nil,
                minAmount: ExactDecimal? = nil, maxAmount: ExactDecimal? = nil, serviceLevel: String? = nil,
                localInstrument: String? = nil) {
        self.instructedAgent = instructedAgent
        self.country = country
        self.currency = currency
        self.minAmount = minAmount
        self.maxAmount = maxAmount
        self.serviceLevel = serviceLevel
        self.localInstrument = localInstrument
    }
}

/// A BIC condition: `BANKDEFFXXX` (exact, with `XXX` and no branch equal), `BANKDEFF` (any
/// branch of that BIC8) or `BANKDE*` (any BIC starting so).
public struct BICPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    /// Nil when the text is none of the three forms.
    public init?(_ text: String) {
        let upper = text.uppercased()
        let body = upper.hasSuffix("*") ? String(upper.dropLast()) : upper
        guard !body.isEmpty, body.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }) else { return nil }
        if !upper.hasSuffix("*") {
            guard body.count == 8 || body.count == 11 else { return nil }
            guard BIC(body).isValid else { return nil }
        } else if body.count > 11 {
            return nil
        }
        self.text = upper
    }

    public func matches(_ bic: BIC) -> Bool {
        let candidate = bic.rawValue.uppercased()
        if self.text.hasSuffix("*") { return candidate.hasPrefix(self.text.dropLast()) }
        if self.text.count == 8 { return candidate.hasPrefix(self.text) }
        return BIC(candidate).bic11 == BIC(self.text).bic11
    }

    public var description: String { self.text }
}
