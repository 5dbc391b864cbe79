import ISO20022

/// Which payments the gateway carries at all: embargoed jurisdictions and allowed corridors.
///
/// ``evaluate(_:)`` checks the embargo first, then the corridors:
/// - `RR04` (regulatory reason) when any country tied to the payment is embargoed: the
///   debtor or creditor agent's BIC country, the debtor or creditor IBAN country, or the
///   debtor or creditor postal address country.
/// - `AG01` (transaction forbidden) when no corridor rule allows the currency from the debtor
///   agent's BIC country to the creditor agent's BIC country.
///
/// An agent without a BIC has no known country: only rules with `*` on its side allow it.
public struct CorridorPolicy: Sendable, Hashable {
    /// The allowed corridors; `nil` means no corridor restriction, an empty list forbids every
    /// payment.
    public var allowed: [CorridorRule]?
    /// Countries with which no payment may be made, in any role.
    public var embargoed: Set<CountryCode>

    public init(allowed: [CorridorRule]? = nil, embargoed: Set<CountryCode> = []) {
        self.allowed = allowed
        self.embargoed = embargoed
    }

    /// `nil` when the payment may go ahead, otherwise the `RR04` or `AG01` outcome.
    public func evaluate(_ payment: PaymentFacts) -> ComplianceOutcome? {
        if let hit = embargoHit(payment) {
            return ComplianceOutcome(
                reasonCode: "RR04",
                narrative: "\(hit.role) country \(hit.country.rawValue) is under embargo",
                ruleID: "policy.embargo")
        }
        guard let allowed else { return nil }
        let currency = payment.amount.currency
        let from = payment.debtorAgent?.countryCode
        let to = payment.creditorAgent?.countryCode
        if allowed.contains(where: { $0.allows(currency: currency, from: from, to: to) }) { return nil }
        return ComplianceOutcome(
            reasonCode: "AG01",
            narrative: "no corridor allows \(currency.rawValue) payments from \(from?.rawValue ?? "an agent without BIC") "
                + "to \(to?.rawValue ?? "an agent without BIC")",
            ruleID: "policy.corridor")
    }

    /// The first country tied to the payment that is embargoed, with the role it came from.
    private func embargoHit(_ payment: PaymentFacts) -> (role: String, country: CountryCode)? {
        guard !embargoed.isEmpty else { return nil }
        let candidates: [(String, CountryCode?)] = [
            ("debtor agent BIC", payment.debtorAgent?.countryCode),
            ("creditor agent BIC", payment.creditorAgent?.countryCode),
            ("debtor IBAN", payment.debtorAccount?.ibanCountry),
            ("creditor IBAN", payment.creditorAccount?.ibanCountry),
            ("debtor address", payment.debtorCountry),
            ("creditor address", payment.creditorCountry),
        ]
        for (role, country) in candidates {
            if let country, embargoed.contains(country) { return (role, country) }
        }
        return nil
    }
}
