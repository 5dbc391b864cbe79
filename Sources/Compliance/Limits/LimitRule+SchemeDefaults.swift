import ISO20022

extension LimitRule {
    /// The instant-payment schemes whose published ceilings ``schemeDefaults(for:)-(Scheme)`` knows.
    public enum Scheme: String, Sendable, Hashable, CaseIterable {
        /// EPC SEPA Instant Credit Transfer (EUR).
        case sctInst = "SCTInst"
        /// Federal Reserve FedNow Service (USD).
        case fedNow = "FedNow"
        /// The Clearing House RTP network (USD).
        case rtp = "RTP"
        /// UK Faster Payments (GBP).
        case fps = "FPS"
    }

    /// The scheme-wide per-transaction ceiling, as rules named `scheme.<name>.maxAmount`.
    ///
    /// These are network maxima only. Participants may, and usually do, set lower limits
    /// (add a ``Scope/debtorAgent(_:)`` rule with a smaller `maxAmount`), and payers may set
    /// their own under the EU Instant Payments Regulation.
    ///
    /// | Scheme | Ceiling | Since | History and source |
    /// |---|---|---|---|
    /// | SCT Inst | none | 5 Oct 2025 | €15,000 at launch (Nov 2017), €100,000 from 1 Jul 2020; the EPC 2025 SCT Inst rulebook drops the scheme maximum and leaves limits to PSPs and payers (Regulation (EU) 2024/886) |
    /// | FedNow | USD 10,000,000 | Nov 2025 | USD 500,000 at launch (20 Jul 2023, participant default USD 100,000), USD 1,000,000 from 24 Jun 2025; Federal Reserve FedNow Service announcements. Participant defaults are lower than the network maximum |
    /// | RTP | USD 10,000,000 | 9 Feb 2025 | USD 25,000 → 100,000 (1 Feb 2020) → 1,000,000 (18 Apr 2022); The Clearing House announcements. Every participant must be able to receive up to the network limit |
    /// | FPS | GBP 1,000,000 | 8 Feb 2022 | GBP 250,000 before; Pay.UK scheme limit, each PSP sets its own below it |
    ///
    /// Compiled in the project's research notes (anchors, section c.1); re-check before relying
    /// on them, as schemes raise these figures every year or two.
    public static func schemeDefaults(for scheme: Scheme) -> [LimitRule] {
        func ceiling(_ currency: CurrencyCode, _ amount: ExactDecimal) -> [LimitRule] {
            [LimitRule(currency: currency, scope: .transaction, maxAmount: amount, name: "scheme.\(scheme.rawValue).maxAmount")]
        }
        switch scheme {
        case .sctInst: return []
        case .fedNow: return ceiling("USD", 10_000_000)
        case .rtp: return ceiling("USD", 10_000_000)
        case .fps: return ceiling("GBP", 1_000_000)
        }
    }

    /// ``schemeDefaults(for:)-(Scheme)`` by scheme name (`"SCTInst"`, `"FedNow"`, `"RTP"`,
    /// `"FPS"`, as in corridor.yaml), or `nil` for a name it does not know.
    public static func schemeDefaults(for scheme: String) -> [LimitRule]? {
        Scheme(rawValue: scheme).map { schemeDefaults(for: $0) }
    }
}
