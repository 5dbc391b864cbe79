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

    /// Scoring looks at no more than this many query tokens...
    static let maximumQueryTokens = 32
    /// ... and this many tokens of a listed name.
    static let maximumListTokens = 64

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
    /// Score bounds of candidates are tabulated per combination of matched tokens when at
    /// most this many tokens generate candidates (a table of 2ⁿ bounds).
    static let tabulatedBoundTokens = 6

    struct QueryToken {
        var bytes: [UInt8]
        var id: Int32
        var weight: Float
        var legal: UInt8
        var particle: Bool
        /// Vocabulary tokens other than `id` within the typo budget, with their similarity, in
        /// the order they were found. Empty (no allocation) for most tokens.
        var typos: [(token: Int32, similarity: Float)] = []

        var isDistinctive: Bool { legal == 0 && !particle }

        /// Whether the token matches any vocabulary token: its own or a typo neighbour.
        var hasNeighbours: Bool { id >= 0 || !typos.isEmpty }

        /// Calls `body` with each vocabulary token the token matches and the similarity: its
        /// own id first (similarity 1), then the typo neighbours.
        @inline(__always)
        func forEachNeighbour(_ body: (_ token: Int32, _ similarity: Float) -> Void) {
            if id >= 0 { body(id, 1) }
            for typo in typos { body(typo.token, typo.similarity) }
        }
    }

    /// A scored name.
    struct Match {
        var name: Int32
        var score: Float
    }

    /// Prepares query tokens: ids, weights, and the vocabulary tokens within the typo budget.
    ///
    /// A token equal to one of `earlier` (another variant of the same name: a glued variant
    /// repeats most tokens) is taken from there instead of being prepared again.
    func prepare(_ tokens: [[UInt8]], scratch: MatchScratch, reusing earlier: [QueryToken] = []) -> [QueryToken] {
        tokens.map { bytes in earlier.first { $0.bytes == bytes } ?? prepare(token: bytes, scratch: scratch) }
    }

    /// Prepares one query token (see ``prepare(_:scratch:reusing:)``).
    private func prepare(token bytes: [UInt8], scratch: MatchScratch) -> QueryToken {
        if bytes.count == 2 && bytes[0] == 0x01 {
            return QueryToken(bytes: bytes, id: -1, weight: ScreeningIndex.legalFormWeight, legal: bytes[1], particle: false)
        }
        return bytes.withUnsafeBufferPointer { q -> QueryToken in
            let id = index.tokenID(q)
            let particle = ScreeningIndex.isParticle(q)
            var token = QueryToken(bytes: bytes, id: id,
                                   weight: id >= 0 ? index.tokenWeight[Int(id)] : (particle ? ScreeningIndex.particleWeight : ScreeningIndex.unknownWeight),
                                   legal: 0, particle: particle)
            guard !particle, TokenSimilarity.editBudget(q.count) > 0 else { return token }
            // A query token that is itself a listed name part is less likely a typo of a
            // neighbouring one: Ahmed/Hamed, Khan/Chan, Kumar/Umar are different names. Short
            // known tokens get no fuzzy match (so there is nothing to look up), longer ones a
            // reduced one, and never to a short list token.
            if id >= 0 && q.count <= Self.shortKnownTokenLength { return token }
            // Tokens already judged, accepted or not: a token reached again under another key
            // would get the same similarity (or, under a two-deletion key, no more than it got
            // under a one-deletion key, which are all looked up first).
            let seen = scratch.newTokenSet()
            if id >= 0 { _ = seen.insert(id) }
            let table = index.deletionTable
            // All keys are looked up before any token found is judged, so that the probes'
            // memory accesses overlap; the tokens are then judged in key order.
            func consider(_ keys: UnsafeBufferPointer<UInt64>, withinTwoEdits: Bool) {
                withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: keys.count) { ranges in
                    for k in keys.indices { ranges[k] = table.lookup(keys[k]) }
                    for range in ranges {
                        for i in range {
                            let candidate = table.values[i]
                            guard seen.insert(candidate) else { continue }
                            let listToken = index.token(candidate)
                            if id >= 0 && listToken.count <= Self.shortKnownTokenLength { continue }
                            var sim = TokenSimilarity.similarity(q, listToken, knownWithinTwoEdits: withinTwoEdits)
                            if id >= 0 { sim *= Self.knownTokenTypoFactor }
                            if sim > 0 { token.typos.append((candidate, sim)) }
                        }
                    }
                }
            }
            ByteHash.withDeletionKeys(of: q) { consider($0, withinTwoEdits: true) }
            // Two-deletion keys only for tokens not in the vocabulary: a listed spelling is
            // rarely a two-edit typo of another, and this keeps common queries cheap.
            if id < 0 && TokenSimilarity.editBudget(q.count) >= 2 {
                ByteHash.withTwoDeletionKeys(of: q) { consider($0, withinTwoEdits: false) }
            }
            return token
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
    /// query, pruned by an optimistic bound on their score and capped, less those that
    /// certainly score 0.
    func candidateNames(_ query: [QueryToken], minimumScore: Float, scratch: MatchScratch, includeVessels: Bool) -> [Int32] {
        guard query.count <= Self.maximumQueryTokens else {
            return candidateNames(Array(query.prefix(Self.maximumQueryTokens)), minimumScore: minimumScore, scratch: scratch,
                                  includeVessels: includeVessels)
        }
        let groups = postingGroups(query, into: scratch.postingGroups)
        guard !groups.isEmpty else { return [] }
        // Walk the postings of every token that is not too common, and of at least the two
        // rarest tokens, so that the bound below knows about them. Sizes are ascending, so
        // the tokens within the cap are a prefix.
        var selectedCount = 0
        while selectedCount < groups.count && groups[selectedCount].size <= Self.postingCap { selectedCount += 1 }
        selectedCount = max(selectedCount, min(2, groups.count))
        let selected = groups[..<selectedCount]
        var assumedPresent: UInt32 = 0
        for (i, q) in query.enumerated() where !q.isDistinctive { assumedPresent |= 1 << UInt32(i) }
        for g in groups[selectedCount...] { assumedPresent |= 1 << UInt32(g.token) }

        let optimistic = scratch.optimisticWeights, weight = scratch.weights, evidenceCap = scratch.evidenceCaps
        for (i, q) in query.enumerated() {
            // Optimistic score bound from which query tokens could be matched.
            var w = q.weight
            q.forEachNeighbour { t, _ in w = max(w, index.tokenWeight[Int(t)]) }
            optimistic[i] = w
            weight[i] = q.weight
            evidenceCap[i] = self.evidenceCap(q)
        }
        // A name's mask has bit k set when the k-th selected token reached it. Its
        // bound depends on the mask only.
        func bound(mask: UInt32) -> Float {
            var present = assumedPresent
            for (k, g) in selected.enumerated() where mask & (1 << UInt32(k)) != 0 { present |= 1 << UInt32(g.token) }
            var matched: Float = 0, missing: Float = 0
            for i in 0..<query.count {
                if present & (1 << UInt32(i)) != 0 { matched += optimistic[i] } else { missing += weight[i] }
            }
            return matched / max(1e-6, matched + Self.unmatchedQueryFactor * missing)
        }
        let slack: Float = 0.12
        // The most evidence a name can gather (see `evidenceCap`): only a token that
        // reached it (or one that was not looked up) can pair with one of its tokens at
        // the similarity evidence needs.
        var unselectedEvidence: Float = 0
        for g in groups[selectedCount...] { unselectedEvidence += evidenceCap[g.token] }
        func evidenceBound(mask: UInt32) -> Float {
            var evidence = unselectedEvidence
            for (k, g) in selected.enumerated() where mask & (1 << UInt32(k)) != 0 { evidence += evidenceCap[g.token] }
            return evidence + Self.evidenceRoundingMargin
        }
        let tabulated = selectedCount <= Self.tabulatedBoundTokens
        let table = scratch.maskBounds
        // With few selected tokens, work out each mask's bound once. A name can
        // then only pass when its mask has one of the passing masks' lowest bits:
        // it is first reached by one of the tokens up to the highest such bit, and
        // the tokens after it need only update names already reached.
        var openingTokens = selectedCount
        if tabulated {
            var highestLowestBit = -1
            for mask in 0..<(1 << selectedCount) {
                let b = bound(mask: UInt32(mask))
                table[mask] = (b, b + slack >= minimumScore, evidenceBound(mask: UInt32(mask)))
                if mask != 0 && table[mask].passes { highestLowestBit = max(highestLowestBit, mask.trailingZeroBitCount) }
            }
            openingTokens = highestLowestBit + 1
            if openingTokens == 0 { return [] }  // no mask passes
        }
        scratch.reset(selectedTokens: selectedCount)
        markPostings(of: query, selected: selected, openingTokens: openingTokens, scratch: scratch)

        let limit = includeVessels ? Int32.max : index.firstVesselName
        // The scratch's list, borrowed for the call (kept for its capacity).
        var scored: [(name: Int32, bound: Float)] = []
        swap(&scored, &scratch.scored)
        defer { swap(&scored, &scratch.scored) }
        scored.removeAll(keepingCapacity: true)
        scratch.forEachTouched { name, mask in
            if name >= limit { return }
            let (bound, passes) = tabulated ? (table[Int(mask)].bound, table[Int(mask)].passes) : {
                let b = bound(mask: mask)
                return (b, b + slack >= minimumScore)
            }()
            if passes { scored.append((name, bound)) }
        }
        if scored.count > Self.candidateCap {
            // Keep the best bounds, ties to the lowest name, in that order. One
            // integer per candidate sorts the same way: bounds are finite and not
            // negative, so their bit patterns order like their values.
            var keys = scored.map { (UInt64(~$0.bound.bitPattern) << 32) | UInt64(UInt32(bitPattern: $0.name)) }
            keys.sort()
            scored.removeAll(keepingCapacity: true)
            for key in keys.prefix(Self.candidateCap) {
                scored.append((Int32(bitPattern: UInt32(truncatingIfNeeded: key)), Float(bitPattern: ~UInt32(key >> 32))))
            }
        }
        // A name that cannot gather the minimum evidence (or, when it is certainly
        // matched partially, the minimum partial evidence) scores 0: it need not be
        // scored when 0 is below the minimum. It is dropped only now, after the
        // cap, so that it does not make room for another name. Distinctive list
        // tokens only pair with distinctive query tokens: a name with more of them
        // than the query is certainly matched partially.
        guard minimumScore > 0 else { return scored.map(\.name) }
        var distinctiveQueryTokens = 0
        for q in query where q.isDistinctive { distinctiveQueryTokens += 1 }
        var names: [Int32] = []
        names.reserveCapacity(scored.count)
        for candidate in scored {
            let mask = scratch.mask(candidate.name)
            let evidence = tabulated ? table[Int(mask)].evidence : evidenceBound(mask: mask)
            if evidence < Self.minimumEvidence { continue }
            if evidence < Self.minimumPartialEvidence
                && Int(index.names[Int(candidate.name)].distinctiveTokens) > distinctiveQueryTokens { continue }
            names.append(candidate.name)
        }
        return names
    }

    /// The distinctive query tokens that match some vocabulary token, with their postings'
    /// total size, rarest first (a stable insertion sort: equal sizes keep query order).
    private func postingGroups(_ query: [QueryToken], into buffer: UnsafeMutableBufferPointer<(token: Int, size: Int)>)
        -> UnsafeBufferPointer<(token: Int, size: Int)> {
        var count = 0
        for (i, q) in query.enumerated() where q.isDistinctive && q.hasNeighbours {
            var size = 0
            q.forEachNeighbour { t, _ in size += Int(index.postingStarts[Int(t) + 1] - index.postingStarts[Int(t)]) }
            var k = count
            while k > 0 && buffer[k - 1].size > size {
                buffer[k] = buffer[k - 1]
                k -= 1
            }
            buffer[k] = (i, size)
            count += 1
        }
        return UnsafeBufferPointer(rebasing: buffer[..<count])
    }

    /// Sets bit k in the masks of the names reached by the k-th selected token. The first
    /// `openingTokens` tokens record the names they reach in `scratch.touched`, in order; the
    /// others only update names already reached.
    private func markPostings(of query: [QueryToken], selected: Slice<UnsafeBufferPointer<(token: Int, size: Int)>>,
                              openingTokens: Int, scratch: MatchScratch) {
        index.postings.withUnsafeBufferPointer { postings in
            index.postingStarts.withUnsafeBufferPointer { starts in
                for (k, g) in selected.enumerated() {
                    let bit: UInt32 = 1 << UInt32(k)
                    let opening = k < openingTokens
                    query[g.token].forEachNeighbour { t, _ in
                        let range = Int(starts[Int(t)])..<Int(starts[Int(t) + 1])
                        if opening {
                            for p in range { scratch.mark(postings[p], bit) }
                        } else {
                            for p in range { scratch.markIfReached(postings[p], bit) }
                        }
                    }
                }
            }
        }
    }

    /// The most evidence (weight × similarity, see ``align(_:name:pairs:)``) that query token
    /// `q` can add to any alignment: 0 unless it is distinctive, and only pairs with its
    /// neighbours reach the similarity that evidence needs.
    func evidenceCap(_ q: QueryToken) -> Float {
        guard q.isDistinctive else { return 0 }
        var cap: Float = 0
        q.forEachNeighbour { t, s in
            guard s >= Self.evidenceSimilarity else { return }
            let wl = index.tokenWeight[Int(t)]
            let w: Float = q.id >= 0 ? (s >= 1 ? (q.weight + wl) / 2 : min(q.weight, wl)) : wl
            cap = max(cap, w * s)
        }
        return cap
    }

    /// Similarity of query token `q` to vocabulary token `t`, whose facts are `info`.
    @inline(__always)
    func similarity(_ q: QueryToken, _ t: Int32, _ info: ScreeningIndex.TokenInfo) -> Float {
        let listLegal = info.legal
        if q.legal != 0 { return listLegal == 0 ? 0 : (listLegal == q.legal ? 1 : 0.7) }
        if listLegal != 0 { return 0 }
        if q.id == t { return 1 }
        for typo in q.typos where typo.token == t { return typo.similarity }
        if q.particle { return 0 }
        if q.bytes.count == 1, info.length > 1, info.firstByte == q.bytes[0] { return Self.initialSimilarity }
        if info.length == 1, q.bytes.count > 1, q.bytes[0] == info.firstByte { return Self.initialSimilarity }
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
    /// A pair only counts as evidence at or above this similarity.
    static let evidenceSimilarity: Float = 0.7
    /// Bounds on evidence are summed in another order than the evidence itself: they only
    /// rule a name out when they fall short by more than any rounding difference.
    static let evidenceRoundingMargin: Float = 1e-4
    /// Unmatched list tokens count at least this weight (before the α factor), so a common
    /// but missing given name still costs something.
    static let unmatchedListFloor: Float = 0.5

    /// Scores the alignment of the query with one name; fills `pairs` when given.
    func align(_ query: [QueryToken], name: Int32, pairs pairsOut: UnsafeMutablePointer<[Pair]>? = nil) -> Float {
        let meta = index.names[Int(name)]
        let m = min(query.count, Self.maximumQueryTokens), n = min(Int(meta.tokenCount), Self.maximumListTokens)
        let base = Int(meta.tokenStart)
        // The pairs of positive similarity, in order of query token then list token: the only
        // ones the greedy alignment can take.
        return withUnsafeTemporaryAllocation(of: (i: Int, j: Int, s: Float).self, capacity: m * n + 1) { candidates -> Float in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: m + n + 1) { used -> Float in
                index.nameTokenInfo.withUnsafeBufferPointer { nameTokenInfo -> Float in
                    index.nameTokens.withUnsafeBufferPointer { nameTokens -> Float in
                        let list = UnsafeBufferPointer(rebasing: nameTokenInfo[base..<(base + n)])
                        var candidateCount = 0
                        for i in 0..<m {
                            for j in 0..<n {
                                let s = similarity(query[i], nameTokens[base + j], list[j])
                                if s > 0 {
                                    candidates[candidateCount] = (i, j, s)
                                    candidateCount += 1
                                }
                            }
                        }
                        used.initialize(repeating: false)
                        var numerator: Float = 0, denominator: Float = 0, evidence: Float = 0
                        var distinctiveMatched = 0
                        var legalAgree = false, legalDisagree = false
                        // Greedy best pairs: repeatedly take the most similar unused pair (the
                        // first of equals, unless a later one has a heavier list token).
                        while true {
                            var bestS: Float = 0, bi = -1, bj = -1
                            for (i, j, s) in candidates[..<candidateCount] where !used[i] && !used[m + j] {
                                if s > bestS || (s == bestS && bj >= 0 && list[j].weight > list[bj].weight) {
                                    bestS = s; bi = i; bj = j
                                }
                            }
                            if bi < 0 { break }
                            used[bi] = true
                            used[m + bj] = true
                            pairsOut?.pointee.append(Pair(query: bi, list: bj, similarity: bestS))
                            let qLegal = query[bi].legal, qID = query[bi].id, qWeight = query[bi].weight
                            if qLegal != 0 { if bestS >= 1 { legalAgree = true } else { legalDisagree = true } }
                            let wl = list[bj].weight
                            let w: Float = qLegal != 0 ? ScreeningIndex.legalFormWeight
                                : (qID >= 0 ? (bestS >= 1 ? (qWeight + wl) / 2 : min(qWeight, wl)) : wl)
                            numerator += w * bestS
                            denominator += w
                            if query[bi].isDistinctive && bestS >= Self.evidenceSimilarity {
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
                            let distinctive = list[j].legal == 0 && !list[j].isParticle
                            if distinctive { listDistinctive += 1 }
                            if !used[m + j] {
                                if distinctive { partial = true }
                                let w = list[j].weight
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
