import Foundation
import ISO20022
import Yams

extension ConfigurationParser {
    /// The keys of `screening:`.
    static let screeningKeys = [
        "lists", "reviewThreshold", "blockThreshold", "embargoedCountries", "onReview", "allowUnscreened",
        "screenRemittance",
    ]

    /// Reads `screening:`, which is required so that screening is never off by omission:
    /// `lists` may only be empty with `allowUnscreened: true`. Thresholds must satisfy
    /// `0 < reviewThreshold <= blockThreshold <= 1`.
    mutating func parseScreening(_ document: ConfigurationFields) -> ScreeningSettings? {
        guard let node = document["screening"] else {
            reader.missing("screening", in: document,
                           hint: "list sanctions files under lists, or set allowUnscreened: true to run without screening")
            return nil
        }
        let errorsBefore = reader.errors.count
        guard let fields = reader.fields(of: node, path: "screening", known: Self.screeningKeys) else { return nil }

        var lists: [URL] = []
        for (item, path) in reader.items(fields, "lists") ?? [] {
            if let url = reader.location(of: item, path: path) { lists.append(url) }
        }
        let allowUnscreened = reader.flag(fields, "allowUnscreened") ?? false
        if lists.isEmpty, !allowUnscreened, reader.errors.count == errorsBefore {
            reader.error("no sanctions lists: add files or folders under lists, or set allowUnscreened: true "
                         + "to run without screening on purpose",
                         at: fields["lists"] ?? fields.node, key: fields.path("lists"))
        }

        let review = fields.has("reviewThreshold")
            ? threshold(fields, "reviewThreshold") : ScreeningSettings.defaultReviewThreshold
        let block = fields.has("blockThreshold")
            ? threshold(fields, "blockThreshold") : ScreeningSettings.defaultBlockThreshold
        if let review, let block, review > block {
            reader.error("reviewThreshold \(review) is above blockThreshold \(block); review must be at or below block",
                         at: fields["reviewThreshold"] ?? fields["blockThreshold"], key: fields.path("reviewThreshold"))
        }

        var embargoed: [CountryCode] = []
        for (item, path) in reader.items(fields, "embargoedCountries") ?? [] {
            guard let text = reader.text(of: item, path: path),
                  let country = reader.country(text, at: item, path: path) else { continue }
            if embargoed.contains(country) {
                reader.warning("\(country) is listed twice", at: item, key: path)
            } else {
                embargoed.append(country)
            }
        }

        let onReview = fields.has("onReview") ? reader.choice(fields, "onReview", as: ScreeningSettings.ReviewAction.self)
            : ScreeningSettings.ReviewAction.hold
        let screenRemittance = reader.flag(fields, "screenRemittance") ?? false
        guard reader.errors.count == errorsBefore, let review, let block, let onReview else { return nil }
        return ScreeningSettings(
            lists: lists, reviewThreshold: review, blockThreshold: block, embargoedCountries: embargoed,
            onReview: onReview, allowUnscreened: allowUnscreened, screenRemittance: screenRemittance)
    }

    /// A score threshold: above 0, at most 1.
    private mutating func threshold(_ fields: ConfigurationFields, _ key: String) -> Double? {
        guard let value = reader.number(fields, key) else { return nil }
        guard value > 0, value <= 1 else {
            reader.error("must be above 0 and at most 1 (a match score), found \(value)", at: fields[key], key: fields.path(key))
            return nil
        }
        return value
    }
}
