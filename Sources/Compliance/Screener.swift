import ISO20022

/// Screens payments against loaded sanctions lists.
///
/// Create it once at start with ``load(paths:configuration:)`` (or from already loaded lists)
/// and share it: it is an immutable value over an immutable index, safe to use from any
/// number of threads. Names are matched fuzzily (see ``NameMatcher``), BICs exactly by BIC8,
/// countries, IBAN and BIC country codes against the configured embargoes. Weak aliases can
/// raise a review but never a block.
public struct Screener: Sendable {
    /// The index screened against.
    public let index: ScreeningIndex
    /// Thresholds and policy.
    public let configuration: ScreeningConfiguration
    private let scratchPool: MatchScratchPool

    /// Builds a screener over `lists`.
    ///
    /// - Throws: ``ScreeningError/invalidThresholds(review:block:)`` for a bad configuration, or
    ///   ``ScreeningError/noListsConfigured`` when `lists` is empty and unscreened operation is
    ///   not allowed.
    public init(lists: [SanctionsList], configuration: ScreeningConfiguration = ScreeningConfiguration()) throws(ScreeningError) {
        try configuration.validate()
        if lists.isEmpty && !configuration.allowUnscreened { throw .noListsConfigured }
        self.index = ScreeningIndex(lists: lists)
        self.configuration = configuration
        self.scratchPool = MatchScratchPool(nameCount: index.nameCount, tokenCount: index.vocabularySize)
    }

    /// Loads the lists at `paths` (files or folders, in parallel) and builds the screener.
    ///
    /// - Throws: the first list error (missing, unreadable, unrecognised, malformed or empty
    ///   list) unless `configuration.allowUnscreened` is set, in which case failures are only
    ///   listed in the report.
    public static func load(paths: [String], configuration: ScreeningConfiguration = ScreeningConfiguration()) throws(ScreeningError) -> (screener: Screener, report: ListLoadReport) {
        try configuration.validate()
        let (lists, report) = try SanctionsListLoader.loadAll(paths: paths, allowUnscreened: configuration.allowUnscreened)
        return (try Screener(lists: lists, configuration: configuration), report)
    }

    /// True when no list entries are loaded (only possible with `allowUnscreened`).
    public var isUnscreened: Bool { index.entryCount == 0 }

    /// Screens every field of `request`.
    public func screen(_ request: ScreeningRequest) -> ScreeningResult {
        var hits: [ScreeningHit] = []
        scratchPool.withScratch { scratch in
            for field in request.fields {
                switch field.kind {
                case .name: hits += nameHits(field, scratch: scratch)
                case .bic: hits += bicHits(field)
                case .country: hits += countryHits(field, code: CountryCodes.code(for: field.value), source: "country")
                case .text: hits += textHits(field, scratch: scratch)
                }
            }
        }
        return ScreeningResult(hits: hits)
    }

    /// Screens a single name (for the CLI and ad-hoc checks). A value shaped like a BIC is
    /// also looked up as a BIC.
    public func screen(name: String, path: String = "name") -> ScreeningResult {
        ScreeningResult(hits: scratchPool.withScratch { nameHits(ScreeningField(path: path, kind: .name, value: name), scratch: $0) })
    }

    // MARK: - Names

    private var matcher: NameMatcher { NameMatcher(index: index) }

    private var minimumNameScore: Float {
        Float(min(configuration.reviewThreshold, configuration.weakAliasThreshold))
    }

    /// Normalised query variants, including particle-glued ones.
    private func queryVariants(_ text: String) -> [[[UInt8]]] {
        var variants = NameNormalizer.variants(of: text)
        for v in variants {
            if let glued = ScreeningIndex.gluedVariant(v), !variants.contains(glued) { variants.append(glued) }
        }
        return variants
    }

    private func nameHits(_ field: ScreeningField, scratch: MatchScratch) -> [ScreeningHit] {
        var hits: [ScreeningHit] = []
        let trimmed = field.value.trimmingASCIIWhitespace()
        if let bic = BICCode.normalised(trimmed), index.bicEntries[BICCode.bic8(bic)] != nil {
            hits += bicHits(ScreeningField(path: field.path, kind: .bic, value: bic), checkCountry: false)
        }
        let matcher = self.matcher
        var best: [Int32: (match: NameMatcher.Match, query: [NameMatcher.QueryToken])] = [:]
        let variants = queryVariants(trimmed)
        var prepared: [NameMatcher.QueryToken] = []  // tokens of the variants before this one
        for (v, variant) in variants.enumerated() {
            let query = matcher.prepare(variant, scratch: scratch, reusing: prepared)
            if v + 1 < variants.count { prepared += query }
            let matches = matcher.match(query, minimumScore: minimumNameScore, scratch: scratch)
            for m in matches {
                let entry = index.names[Int(m.name)].entry
                if let existing = best[entry], existing.match.score >= m.score { continue }
                best[entry] = (m, query)
            }
        }
        var nameHits: [ScreeningHit] = []
        for (entryIndex, item) in best {
            let meta = index.names[Int(item.match.name)]
            let score = Double(item.match.score)
            var decision = configuration.decision(forScore: score)
            if meta.isWeak {
                guard score >= configuration.weakAliasThreshold else { continue }
                decision = .review
            }
            guard decision != .pass else { continue }
            let entry = index.entries[Int(entryIndex)]
            let listed = entry.names[Int(meta.listedName)]
            let list = index.list(ofEntry: entryIndex)
            var reason = matcher.explain(item.query, name: item.match.name)
            if meta.isWeak { reason += "; weak alias: review only" }
            nameHits.append(ScreeningHit(
                field: field.path, fieldValue: field.value, list: list.list.rawValue, listDate: list.date,
                entityId: entry.id, name: entry.primaryName, matchedAlias: listed.text, aliasType: listed.type.rawValue,
                score: (score * 10_000).rounded() / 10_000, programs: entry.programs, reason: reason, decision: decision))
        }
        nameHits.sort { $0.score != $1.score ? $0.score > $1.score : $0.entityId < $1.entityId }
        return hits + nameHits.prefix(configuration.maxHitsPerField)
    }

    // MARK: - BICs and countries

    private func bicHits(_ field: ScreeningField, checkCountry: Bool = true) -> [ScreeningHit] {
        guard let bic = BICCode.normalised(field.value) else { return [] }
        var hits: [ScreeningHit] = []
        for entryIndex in index.bicEntries[BICCode.bic8(bic)] ?? [] {
            let entry = index.entries[Int(entryIndex)]
            let list = index.list(ofEntry: entryIndex)
            let listed = entry.bics.first { BICCode.bic8($0) == BICCode.bic8(bic) } ?? bic
            hits.append(ScreeningHit(
                field: field.path, fieldValue: field.value, list: list.list.rawValue, listDate: list.date,
                entityId: entry.id, name: entry.primaryName, matchedAlias: listed, aliasType: "bic", score: 1,
                programs: entry.programs, reason: "BIC8 \(BICCode.bic8(bic)) is listed as SWIFT/BIC \(listed)",
                decision: .block))
        }
        if checkCountry {
            // `bic` is normalised (upper case, 8 or 11 characters).
            hits += countryHits(field, code: BIC(bic).countryCode.rawValue, source: "BIC country")
        }
        return hits
    }

    private func countryHits(_ field: ScreeningField, code: String?, source: String) -> [ScreeningHit] {
        guard let code else { return [] }
        var matched: [(String, String)] = []
        if let programme = configuration.embargoedJurisdictions[code] { matched.append((code, programme)) }
        guard !matched.isEmpty else { return [] }
        return matched.map { code, programme in
            ScreeningHit(
                field: field.path, fieldValue: field.value, list: "embargo", listDate: "", entityId: "embargo:\(code)",
                name: CountryCodes.name(for: code), matchedAlias: code, aliasType: "country", score: 1,
                programs: [programme], reason: "\(source) \(code) is an embargoed jurisdiction (\(programme))",
                decision: configuration.embargoDecision)
        }
    }

    // MARK: - Free text

    /// Searches listed names inside free text by scoring windows of 1–6 consecutive tokens.
    /// A single-token window only counts for single-token listed names.
    private func textHits(_ field: ScreeningField, scratch: MatchScratch) -> [ScreeningHit] {
        var hits: [ScreeningHit] = []
        var seen: Set<String> = []
        // Legal forms are normalised to a class token, 0x01 and the form's raw value.
        func isLegalForm(_ token: [UInt8]) -> Bool { token.count == 2 && token[0] == 0x01 }
        for tokens in NameNormalizer.variants(of: field.value) {
            for start in tokens.indices {
                for length in 1...6 where start + length <= tokens.count {
                    let window = tokens[start..<(start + length)]
                    guard window.contains(where: { !isLegalForm($0) && !ScreeningIndex.isParticle($0) }) else { continue }
                    let phrase = window.map { token in
                        isLegalForm(token) ? (LegalForm(rawValue: token[1])?.representative ?? "") : String(decoding: token, as: UTF8.self)
                    }.joined(separator: " ")
                    let sub = ScreeningField(path: field.path, kind: .name, value: phrase)
                    for hit in nameHits(sub, scratch: scratch) where !seen.contains(hit.entityId) {
                        if length == 1 && hit.matchedAlias.split(separator: " ").count > 1 { continue }
                        seen.insert(hit.entityId)
                        var h = hit
                        h.fieldValue = field.value
                        h.reason = "in text \"\(phrase)\": " + h.reason
                        hits.append(h)
                    }
                }
            }
        }
        return hits
    }
}
