/// The outcome of screening, from least to most severe.
public enum ScreeningDecision: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case pass
    case review
    case block

    private var rank: Int {
        switch self {
        case .pass: 0
        case .review: 1
        case .block: 2
        }
    }

    public static func < (a: ScreeningDecision, b: ScreeningDecision) -> Bool { a.rank < b.rank }
}

/// One alert: which field matched which list entry, how well, and why.
public struct ScreeningHit: Sendable, Hashable, Codable {
    /// The request field's path, e.g. `Cdtr/Nm`.
    public var field: String
    /// The field's value as received.
    public var fieldValue: String
    /// The list id (`ofac_sdn`, `un_sc`, `uk_hmt`, `eu_fsf`, `ofac_cons`), or `embargo` for a
    /// jurisdiction hit.
    public var list: String
    /// The list's publication date.
    public var listDate: String
    /// The entity id, e.g. `ofac_sdn:28919`, or `embargo:IR`.
    public var entityId: String
    /// The entry's primary name (or the country name for an embargo hit).
    public var name: String
    /// The listed name or identifier that matched.
    public var matchedAlias: String
    /// `primary`, `aka`, `fka`, `nka`, `weak_aka`, `original_script`, `bic` or `country`.
    public var aliasType: String
    /// Match score in [0, 1]; exact identifier and jurisdiction hits score 1.
    public var score: Double
    /// Programmes or regimes of the entry.
    public var programs: [String]
    /// Why it matched, in one line (token alignment, identifier, jurisdiction).
    public var reason: String
    /// What this hit alone decides.
    public var decision: ScreeningDecision

    public init(field: String, fieldValue: String, list: String, listDate: String, entityId: String, name: String,
                matchedAlias: String, aliasType: String, score: Double, programs: [String], reason: String,
                decision: ScreeningDecision) {
        self.field = field
        self.fieldValue = fieldValue
        self.list = list
        self.listDate = listDate
        self.entityId = entityId
        self.name = name
        self.matchedAlias = matchedAlias
        self.aliasType = aliasType
        self.score = score
        self.programs = programs
        self.reason = reason
        self.decision = decision
    }
}

/// The decision for a request and the hits behind it, best hit first.
public struct ScreeningResult: Sendable, Hashable, Codable {
    public var decision: ScreeningDecision
    public var hits: [ScreeningHit]

    public init(decision: ScreeningDecision, hits: [ScreeningHit]) {
        self.decision = decision
        self.hits = hits
    }

    /// Builds a result from hits: the decision is the most severe hit's, hits are ordered by
    /// severity then score.
    init(hits: [ScreeningHit]) {
        let ordered = hits.sorted {
            if $0.decision != $1.decision { return $0.decision > $1.decision }
            if $0.score != $1.score { return $0.score > $1.score }
            return $0.entityId < $1.entityId
        }
        self.init(decision: ordered.first?.decision ?? .pass, hits: ordered)
    }
}
