/// Thresholds and policy for the screener.
public struct ScreeningConfiguration: Sendable, Hashable {
    /// A name score at or above this raises a review. Default 0.85.
    public var reviewThreshold: Double
    /// A name score at or above this blocks the payment. Default 0.92.
    public var blockThreshold: Double
    /// A weak alias (OFAC `a.k.a.` in Remarks, UN `Low` quality) is reported only at or above
    /// this score, and then as a review, never a block. Default 0.97.
    public var weakAliasThreshold: Double
    /// ISO 3166 country codes (or subdivision codes such as `UA-43`) under embargo, with the
    /// programme to report. Country, IBAN and BIC country codes are checked against it.
    public var embargoedJurisdictions: [String: String]
    /// The decision for a payment touching an embargoed jurisdiction. Default `.block`.
    public var embargoDecision: ScreeningDecision
    /// When true, a list that fails to load is reported but does not stop the screener from
    /// starting. Off by default: the gateway must not run unscreened by accident.
    public var allowUnscreened: Bool
    /// At most this many hits are reported per field. Default 10.
    public var maxHitsPerField: Int

    /// Comprehensively embargoed jurisdictions (US/EU/UK practice): Cuba, Iran, North Korea,
    /// Syria, and the occupied Ukrainian regions of Crimea, Sevastopol, Donetsk and Luhansk.
    public static let comprehensiveEmbargoes: [String: String] = [
        "CU": "CUBA", "IR": "IRAN", "KP": "DPRK", "SY": "SYRIA",
        "UA-43": "UKRAINE-EO13685 (Crimea)", "UA-40": "UKRAINE-EO13685 (Sevastopol)",
        "UA-14": "UKRAINE-EO14065 (Donetsk)", "UA-09": "UKRAINE-EO14065 (Luhansk)",
    ]

    public init(
        reviewThreshold: Double = 0.85, blockThreshold: Double = 0.92, weakAliasThreshold: Double = 0.97,
        embargoedJurisdictions: [String: String] = ScreeningConfiguration.comprehensiveEmbargoes,
        embargoDecision: ScreeningDecision = .block, allowUnscreened: Bool = false, maxHitsPerField: Int = 10
    ) {
        self.reviewThreshold = reviewThreshold
        self.blockThreshold = blockThreshold
        self.weakAliasThreshold = weakAliasThreshold
        self.embargoedJurisdictions = embargoedJurisdictions
        self.embargoDecision = embargoDecision
        self.allowUnscreened = allowUnscreened
        self.maxHitsPerField = maxHitsPerField
    }

    /// Checks `0 < review <= block <= 1`.
    public func validate() throws(ScreeningError) {
        guard reviewThreshold > 0, reviewThreshold <= blockThreshold, blockThreshold <= 1 else {
            throw .invalidThresholds(review: reviewThreshold, block: blockThreshold)
        }
    }

    /// This configuration with the review threshold set to `threshold` (the CLI's
    /// `--threshold`); the block threshold is raised to it when lower.
    public func withReviewThreshold(_ threshold: Double) -> ScreeningConfiguration {
        var copy = self
        copy.reviewThreshold = threshold
        copy.blockThreshold = max(blockThreshold, threshold)
        return copy
    }

    /// The decision a name score earns under these thresholds.
    public func decision(forScore score: Double) -> ScreeningDecision {
        score >= blockThreshold ? .block : (score >= reviewThreshold ? .review : .pass)
    }
}
