/// Name matching against a ``ScreeningIndex``: candidate generation and scoring.
///
/// Scoring is an order-insensitive alignment of query tokens to list tokens: pairs are taken
/// greedily from the most similar down, each token used once. The score is
///
///     Σ w·sim over pairs / (Σ w over pairs + 0.8·Σ w of unmatched query tokens
///                           + α·Σ w of unmatched list tokens)
///
/// with IDF weights, α = 0.25 for persons (a missing middle name costs little) and 0.5 for
/// organisations. Extra query tokens cost more than missing list tokens, so "Emma Daniels"
/// does not match "EMMA LLC" while "Ayrat Vakhitov" still matches "Airat Nailevich Vakhitov".
/// A person hit needs two matched distinctive tokens unless the listed name has only one.
struct NameMatcher {
    let index: ScreeningIndex

    /// Penalty factor for unmatched query tokens.
    static let unmatchedQueryFactor: Float = 0.8
    static let unmatchedListFactorPerson: Float = 0.25
    static let unmatchedListFactorOrganisation: Float = 0.5
    /// Similarity of an initial to a token starting with that letter.
    static let initialSimilarity: Float = 0.6
    /// Known query tokens up to this length never match a different token fuzzily.
    static let shortKnownTokenLength = 5
    /// Similarity factor for a fuzzy match of a known query token to a different token.
    static let knownTokenTypoFactor: Float = 0.9
    /// Score factor when both names carry legal forms and none of them agree.
    static let legalFormMismatchFactor: Float = 0.95

    /// Score factor when a query carrying a legal form is compared with a person's name.
    static let organisationVersusPersonFactor: Float = 0.9

    /// Query tokens whose postings are larger than this do not generate candidates
    /// unless no rarer token is available.
    static let postingCap = 400
    /// At most this many candidate names are scored per query variant.
    static let candidateCap = 150

    struct QueryToken {
        var bytes: [UInt8]
        var id: Int32
        var weight: Float
        var legal: UInt8
        var particle: Bool
        var neighbours: [Int32] = []
        var neighbourSims: [Float] = []

        var isDistinctive: Bool { legal == 0 && !particle }
    }

    /// A scored name.
    struct Match {
        var name: Int32
        var score: Float
    }

    /// Prepares query tokens: ids, weights, and the vocabulary tokens within the typo budget.
    func prepare(_ tokens: [[UInt8]]) -> [QueryToken] {
        tokens.map { bytes in
            bytes.withUnsafeBufferPointer { q -> QueryToken in
                if bytes.count == 2 && bytes[0] == 0x01 {
                    return QueryToken(bytes: bytes, id: -1, weight: ScreeningIndex.legalFormWeight, legal: bytes[1], particle: false)
                }
                let id = index.tokenID(q)
                let particle = ScreeningIndex.particles.contains(bytes)
                var token = QueryToken(bytes: bytes, id: id,
                                       weight: id >= 0 ? index.tokenWeight[Int(id)] : (particle ? ScreeningIndex.particleWeight : ScreeningIndex.unknownWeight),
                                       legal: 0, particle: particle)
                if id >= 0 { token.neighbours.append(id); token.neighbourSims.append(1) }
                guard !particle, TokenSimilarity.editBudget(q.count) > 0 else { return token }
                func consider(_ key: UInt64, withinTwoEdits: Bool = true) {
                    for i in index.deletionTable.lookup(key) {
                        let candidate = index.deletionTable.values[i]
                        if token.neighbours.contains(candidate) { continue }
                        let listToken = index.token(candidate)
                        var sim = TokenSimilarity.similarity(q, listToken, knownWithinTwoEdits: withinTwoEdits)
                        // A query token that is itself a listed name part is less likely a
                        // typo of a neighbouring one: Ahmed/Hamed, Khan/Chan, Kumar/Umar are
                        // different names. Short known tokens get no fuzzy match, longer ones
                        // a reduced one.
                        if id >= 0 && sim > 0 {
                            if min(q.count, listToken.count) <= Self.shortKnownTokenLength { sim = 0 } else { sim *= Self.knownTokenTypoFactor }
                        }
                        if sim > 0 { token.neighbours.append(candidate); token.neighbourSims.append(sim) }
                    }
                }
                consider(ByteHash.fnv1a(q))
                for skip in 0..<q.count { consider(ByteHash.fnv1a(q, skipping: skip)) }
                // Two-deletion keys only for tokens not in the vocabulary: a listed spelling is
                // rarely a two-edit typo of another, and this keeps common queries cheap.
                if id < 0 && TokenSimilarity.editBudget(q.count) >= 2 {
                    for a in 0..<q.count {
                        for b in (a + 1)..<q.count { consider(ByteHash.fnv1a(q, skipping: a, and: b), withinTwoEdits: false) }
                    }
                }
                return token
            }
        }
    }

    /// Best matches of `tokens` among indexed names, at most one per entry, best first.
    func match(_ query: [QueryToken], minimumScore: Float, scratch: MatchScratch, includeVessels: Bool = false) -> [Match] {
        let candidates = candidateNames(query, minimumScore: minimumScore, scratch: scratch, includeVessels: includeVessels)
        var best: [Match] = []
        for name in candidates {
            let s = score(query, name: name)
            guard s >= minimumScore else { continue }
            let entry = index.names[Int(name)].entry
            if let k = best.firstIndex(where: { index.names[Int($0.name)].entry == entry }) {
                if best[k].score < s { best[k] = Match(name: name, score: s) }
            } else {
                best.append(Match(name: name, score: s))
            }
        }
        return best.sorted { $0.score != $1.score ? $0.score > $1.score : $0.name < $1.name }
    }

    /// Names worth scoring: those sharing a (possibly misspelled) distinctive token with the
    /// query, pruned by an optimistic bound on their score and capped.
    func candidateNames(_ query: [QueryToken], minimumScore: Float, scratch: MatchScratch, includeVessels: Bool) -> [Int32] {
        guard query.count <= 32 else {
            return candidateNames(Array(query.prefix(32)), minimumScore: minimumScore, scratch: scratch, includeVessels: includeVessels)
        }
        scratch.reset()
        var groups: [(token: Int, size: Int)] = []
        for (i, q) in query.enumerated() where q.isDistinctive && !q.neighbours.isEmpty {
            var size = 0
            for t in q.neighbours { size += Int(index.postingStarts[Int(t) + 1] - index.postingStarts[Int(t)]) }
            groups.append((i, size))
        }
        guard !groups.isEmpty else { return [] }
        groups.sort { $0.size < $1.size }
        // Walk the postings of every token that is not too common, and of at least the two
        // rarest tokens, so that the bound below knows about them.
        var selected = groups.filter { $0.size <= Self.postingCap }
        if selected.count < min(2, groups.count) { selected = Array(groups.prefix(2)) }
        var assumedPresent: UInt32 = 0
        for (i, q) in query.enumerated() where !q.isDistinctive { assumedPresent |= 1 << UInt32(i) }
        for g in groups where !selected.contains(where: { $0.token == g.token }) { assumedPresent |= 1 << UInt32(g.token) }

        index.postings.withUnsafeBufferPointer { postings in
            scratch.masks.withUnsafeMutableBufferPointer { masks in
                for g in selected {
                    let bit: UInt32 = 1 << UInt32(g.token)
                    for t in query[g.token].neighbours {
                        for p in Int(index.postingStarts[Int(t)])..<Int(index.postingStarts[Int(t) + 1]) {
                            let name = postings[p]
                            if masks[Int(name)] == 0 { scratch.touched.append(name) }
                            masks[Int(name)] |= bit
                        }
                    }
                }
            }
        }
        // Optimistic score bound from which query tokens could be matched.
        let optimistic: [Float] = query.map { q in
            var w = q.weight
            for t in q.neighbours { w = max(w, index.tokenWeight[Int(t)]) }
            return w
        }
        let slack: Float = 0.12
        var scored: [(name: Int32, bound: Float)] = []
        scored.reserveCapacity(min(scratch.touched.count, 1_024))
        for name in scratch.touched {
            if name >= index.firstVesselName && !includeVessels { continue }
            let present = scratch.masks[Int(name)] | assumedPresent
            var matched: Float = 0, missing: Float = 0
            for i in 0..<query.count {
                if present & (1 << UInt32(i)) != 0 { matched += optimistic[i] } else { missing += query[i].weight }
            }
            let bound = matched / max(1e-6, matched + Self.unmatchedQueryFactor * missing)
            if bound + slack >= minimumScore { scored.append((name, bound)) }
        }
        if scored.count > Self.candidateCap {
            scored.sort { $0.bound != $1.bound ? $0.bound > $1.bound : $0.name < $1.name }
            scored.removeLast(scored.count - Self.candidateCap)
        }
        return scored.map(\.name)
    }

    /// Similarity of query token `q` to vocabulary token `t`.
    @inline(__always)
    func similarity(_ q: QueryToken, _ t: Int32) -> Float {
        let listLegal = index.tokenLegal[Int(t)]
        if q.legal != 0 { return listLegal == 0 ? 0 : (listLegal == q.legal ? 1 : 0.7) }
        if listLegal != 0 { return 0 }
        if q.id == t { return 1 }
        for k in 0..<q.neighbours.count where q.neighbours[k] == t { return q.neighbourSims[k] }
        if q.particle { return 0 }
        let listToken = index.token(t)
        if q.bytes.count == 1, listToken.count > 1, listToken[0] == q.bytes[0] { return Self.initialSimilarity }
        if listToken.count == 1, q.bytes.count > 1, q.bytes[0] == listToken[0] { return Self.initialSimilarity }
        return 0
    }

    /// One aligned pair, for explanations.
    struct Pair {
        var query: Int
        var list: Int
        var similarity: Float
    }

    /// Minimum evidence (Σ weight × similarity over matched distinctive tokens) for any hit:
    /// generic words alone ("services", "marine") cannot make one.
    static let minimumEvidence: Float = 0.6
    /// Minimum evidence when distinctive list tokens are left unmatched (a partial name):
    /// two common given names alone ("Ahmed Ali") do not identify "ALI, Ahmed Mohammed".
    static let minimumPartialEvidence: Float = 0.9
    /// Unmatched list tokens count at least this weight (before the α factor), so a common
    /// but missing given name still costs something.
    static let unmatchedListFloor: Float = 0.5

    /// Scores the alignment of the query with one name; fills `pairs` when given.
    func align(_ query: [QueryToken], name: Int32, pairs pairsOut: UnsafeMutablePointer<[Pair]>? = nil) -> Float {
        let meta = index.names[Int(name)]
        let m = min(query.count, 32), n = min(Int(meta.tokenCount), 64)
        let base = Int(meta.tokenStart)
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: m * n + 1) { sims -> Float in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: m + n + 1) { used -> Float in
                index.nameTokens.withUnsafeBufferPointer { nameTokens -> Float in
                    for i in 0..<m {
                        for j in 0..<n { sims[i * n + j] = similarity(query[i], nameTokens[base + j]) }
                    }
                    used.initialize(repeating: false)
                    var numerator: Float = 0, denominator: Float = 0, evidence: Float = 0
                    var distinctiveMatched = 0
                    var legalAgree = false, legalDisagree = false
                    // Greedy best pairs: repeatedly take the most similar unused pair.
                    while true {
                        var bestS: Float = 0, bi = -1, bj = -1
                        for i in 0..<m where !used[i] {
                            for j in 0..<n where !used[m + j] {
                                let s = sims[i * n + j]
                                if s > bestS || (s == bestS && s > 0 && bj >= 0
                                                 && index.tokenWeight[Int(nameTokens[base + j])] > index.tokenWeight[Int(nameTokens[base + bj])]) {
                                    bestS = s; bi = i; bj = j
                                }
                            }
                        }
                        if bi < 0 { break }
                        used[bi] = true
                        used[m + bj] = true
                        pairsOut?.pointee.append(Pair(query: bi, list: bj, similarity: bestS))
                        let q = query[bi]
                        if q.legal != 0 { if bestS >= 1 { legalAgree = true } else { legalDisagree = true } }
                        let wl = index.tokenWeight[Int(nameTokens[base + bj])]
                        let w: Float = q.legal != 0 ? ScreeningIndex.legalFormWeight
                            : (q.id >= 0 ? (bestS >= 1 ? (q.weight + wl) / 2 : min(q.weight, wl)) : wl)
                        numerator += w * bestS
                        denominator += w
                        if q.isDistinctive && bestS >= 0.7 {
                            distinctiveMatched += 1
                            evidence += w * bestS
                        }
                    }
                    if distinctiveMatched == 0 || evidence < Self.minimumEvidence { return 0 }
                    for i in 0..<m where !used[i] { denominator += Self.unmatchedQueryFactor * query[i].weight }
                    let alpha = meta.isIndividual ? Self.unmatchedListFactorPerson : Self.unmatchedListFactorOrganisation
                    var listDistinctive = 0
                    var partial = false
                    for j in 0..<n {
                        let t = Int(nameTokens[base + j])
                        let distinctive = index.tokenLegal[t] == 0 && !index.tokenIsParticle[t]
                        if distinctive { listDistinctive += 1 }
                        if !used[m + j] {
                            if distinctive { partial = true }
                            let w = index.tokenWeight[t]
                            denominator += alpha * (distinctive ? max(w, Self.unmatchedListFloor) : w)
                        }
                    }
                    if partial && evidence < Self.minimumPartialEvidence { return 0 }
                    var score = numerator / max(denominator, 1e-6)
                    if meta.isIndividual && distinctiveMatched < min(2, listDistinctive) { score *= 0.8 }
                    if legalDisagree && !legalAgree { score *= Self.legalFormMismatchFactor }
                    // A query with a legal form names an organisation, not this person.
                    if meta.isIndividual && query.contains(where: { $0.legal != 0 }) { score *= Self.organisationVersusPersonFactor }
                    return min(1, score)
                }
            }
        }
    }

    func score(_ query: [QueryToken], name: Int32) -> Float { align(query, name: name) }

    /// A one-line account of an alignment: `query=list`, `query~list (0.95)`, unmatched tokens.
    func explain(_ query: [QueryToken], name: Int32) -> String {
        var pairs: [Pair] = []
        _ = align(query, name: name, pairs: &pairs)
        let meta = index.names[Int(name)]
        let listTokens = Array(index.nameTokens[Int(meta.tokenStart)..<Int(meta.tokenStart) + Int(meta.tokenCount)])
        func text(_ q: QueryToken) -> String {
            q.legal != 0 ? (LegalForm(rawValue: q.legal)?.label ?? "<legal>") : String(decoding: q.bytes, as: UTF8.self)
        }
        var parts: [String] = []
        for p in pairs.sorted(by: { $0.query < $1.query }) {
            let q = text(query[p.query]), l = index.tokenText(listTokens[p.list])
            if p.similarity >= 1 { parts.append(q == l ? q : "\(q)=\(l)") }
            else { parts.append("\(q)~\(l) (\(Self.format(p.similarity)))") }
        }
        let unmatchedQuery = query.indices.filter { i in !pairs.contains { $0.query == i } }.map { text(query[$0]) }
        let unmatchedList = listTokens.indices.filter { j in !pairs.contains { $0.list == j } }.map { index.tokenText(listTokens[$0]) }
        var line = "tokens " + parts.joined(separator: ", ")
        if !unmatchedQuery.isEmpty { line += "; extra in query: " + unmatchedQuery.joined(separator: " ") }
        if !unmatchedList.isEmpty { line += "; not in query: " + unmatchedList.joined(separator: " ") }
        return line
    }

    static func format(_ x: Float) -> String {
        let v = (Double(x) * 100).rounded() / 100
        return String(v)
    }
}
