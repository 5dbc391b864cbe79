import Foundation
import ISO20022

/// The `screening:` section of `corridor.yaml`: which sanctions lists to screen against and
/// what to do with the matches.
///
/// Scores are similarities in `0...1`, not money, so the thresholds are plain `Double`s. A
/// score at or above ``blockThreshold`` rejects the payment; a score at or above
/// ``reviewThreshold`` (and below the block threshold) is handled as ``onReview`` says.
public struct ScreeningSettings: Sendable, Hashable {
    /// What happens to a payment whose best match scores in the review band.
    public enum ReviewAction: String, Sendable, Hashable, CaseIterable {
        /// Hold it with status `PDNG` until an operator decides with `corridor review`.
        case hold
        /// Reject it.
        case reject
        /// Let it through (the match is still logged).
        case pass
    }

    /// The `reviewThreshold` used when the key is absent.
    public static let defaultReviewThreshold = 0.85
    /// The `blockThreshold` used when the key is absent.
    public static let defaultBlockThreshold = 0.92

    /// Absolute paths of the list files or folders (relative paths in the file are resolved
    /// against the configuration file's folder). Whether they exist is checked when the lists
    /// are loaded, and reported by ``ConfigurationSummary``.
    public var lists: [URL]
    /// Scores at or above this go to review; in `0 < review <= block`.
    public var reviewThreshold: Double
    /// Scores at or above this are rejected; at most 1.
    public var blockThreshold: Double
    /// Countries whose agents or parties are rejected outright.
    public var embargoedCountries: [CountryCode]
    /// What happens to a payment in the review band (key `onReview`, default `hold`).
    public var onReview: ReviewAction
    /// Whether the gateway may run with no lists at all (key `allowUnscreened`, default
    /// `false`). With `false`, an empty `lists` is a configuration error, so screening can
    /// never be switched off by accident.
    public var allowUnscreened: Bool
    /// Whether unstructured remittance information is screened too (key `screenRemittance`,
    /// default `false`): catches names in free text, at the cost of more reviews.
    public var screenRemittance: Bool

    /// Creates the settings.
    public init(
        lists: [URL], reviewThreshold: Double = ScreeningSettings.defaultReviewThreshold,
        blockThreshold: Double = ScreeningSettings.defaultBlockThreshold,
        embargoedCountries: [CountryCode] = [], onReview: ReviewAction = .hold,
        allowUnscreened: Bool = false, screenRemittance: Bool = false
    ) {
        self.lists = lists
        self.reviewThreshold = reviewThreshold
        self.blockThreshold = blockThreshold
        self.embargoedCountries = embargoedCountries
        self.onReview = onReview
        self.allowUnscreened = allowUnscreened
        self.screenRemittance = screenRemittance
    }
}
