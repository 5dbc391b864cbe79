import Foundation
import Testing
@testable import Compliance

/// The fast paths of name matching against straightforward reference implementations: the
/// matcher must find exactly the same neighbours, candidates and scores as the plain algorithm
/// it replaced (stamped instead of searched neighbour lists, skipped lookups for short known
/// tokens, tabulated bounds, names ruled out by their evidence bound before scoring).
@Suite struct MatchingEquivalenceTests {
    // MARK: - Building blocks

    private static func strings(over alphabet: [UInt8], upTo length: Int) -> [[UInt8]] {
        var all: [[UInt8]] = [[]]
        var level: [[UInt8]] = [[]]
        for _ in 0..<length {
            level = level.flatMap { s in alphabet.map { s + [$0] } }
            all += level
        }
        return all
    }

    @Test func oneEditCheckAgreesWithTheBoundedDistance() {
        let all = Self.strings(over: Array("abc".utf8), upTo: 5)
        for a in all {
            for b in all {
                a.withUnsafeBufferPointer { x in
                    b.withUnsafeBufferPointer { y in
                        let expected = TokenSimilarity.boundedDamerau(x, y, budget: 1) <= 1
                        #expect(TokenSimilarity.isWithinOneEdit(x, y) == expected, "\(a) \(b)")
                    }
                }
            }
        }
    }

    @Test func deletionKeysAreTheSkippingHashes() {
        for length in 0...12 {
            let token = (0..<length).map { UInt8(97 + ($0 * 7) % 26) }
            token.withUnsafeBufferPointer { q in
                var expected = [ByteHash.fnv1a(q)]
                for skip in 0..<length { expected.append(ByteHash.fnv1a(q, skipping: skip)) }
                #expect(ByteHash.withDeletionKeys(of: q) { Array($0) } == expected)
                var expectedTwo: [UInt64] = []
                for a in 0..<length {
                    for b in (a + 1)..<length { expectedTwo.append(ByteHash.fnv1a(q, skipping: a, and: b)) }
                }
                #expect(ByteHash.withTwoDeletionKeys(of: q) { Array($0) } == expectedTwo)
            }
        }
    }

    @Test func shortTokenSetsHoldExactlyTheirWords() {
        let words = ["of", "the", "a", "della", "abdul", "bin"]
        let set = ShortToken.Set(words)
        for word in words { #expect(set.contains(Array(word.utf8))) }
        for other in ["", "o", "th", "thee", "dell", "abdula", "binbinbin", "x", "al"] { #expect(!set.contains(Array(other.utf8))) }
        for particle in ReferenceMatcher.particles { #expect(ScreeningIndex.isParticle(particle)) }
        for word in ["alqaida", "ali", "b", "abdul", "thee", ""] { #expect(!ScreeningIndex.isParticle(Array(word.utf8))) }
    }

    @Test(arguments: ["", " ", "  \t ", "abc", " abc", "abc ", "\t a b \n", "\r\nx\r\n", "\u{A0}x", "x\u{A0}", "\u{A0}\u{301}x",
                      "x \u{2003}", "\u{2003} x", " Zoë ", "a\u{A0}b", "\u{0B}\u{0C}q\u{0B}"])
    func trimmingMatchesFoundation(_ value: String) {
        let utf8 = value.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 32 || (9...13).contains(b) }
        let needsTrim = utf8.first.map(isSpace) == true || utf8.last.map(isSpace) == true
            || value.hasPrefix("\u{A0}") || value.hasSuffix("\u{A0}")
        let expected = needsTrim ? value.trimmingCharacters(in: .whitespacesAndNewlines) : value
        #expect(value.trimmingASCIIWhitespace() == expected)
    }

    // MARK: - Whole matching

    /// The queries to compare: normalised variants of listed names and of typos, reorderings
    /// and truncations of them, plus ordinary names.
    private static func queries(from index: ScreeningIndex, step: Int) -> [[[UInt8]]] {
        var texts = ["Maria Garcia", "GARCIA, Maria", "Global Trading Bank Ltd", "Ali Khan", "Ahmed Ali", "al qaida",
                     "Bank Melli Iran", "Ayoub Soleimany", "Hwasong Shipping Company Limited", "J Smith", "Savings Bank"]
        var k = 0
        for entry in index.entries {
            for name in entry.names {
                k += 1
                guard k % step == 0 else { continue }
                let scalars = Array(name.text.unicodeScalars)
                texts.append(name.text)
                if scalars.count > 4 {
                    var typo = scalars
                    typo[k % (scalars.count - 1) + 1] = "q"
                    texts.append(String(String.UnicodeScalarView(typo)))
                    var dropped = scalars
                    dropped.remove(at: k % scalars.count)
                    texts.append(String(String.UnicodeScalarView(dropped)))
                }
                let words = name.text.split(separator: " ")
                texts.append(words.reversed().joined(separator: " "))
                if words.count > 2 { texts.append(words.dropLast().joined(separator: " ")) }
            }
        }
        return texts.flatMap { text in
            var variants = NameNormalizer.variants(of: text)
            for v in variants { if let glued = ScreeningIndex.gluedVariant(v), !variants.contains(glued) { variants.append(glued) } }
            return variants
        }
    }

    private func compare(_ index: ScreeningIndex, step: Int, minimumScore: Float) {
        let matcher = NameMatcher(index: index)
        let reference = ReferenceMatcher(index: index)
        let scratch = MatchScratch(nameCount: index.nameCount, tokenCount: index.vocabularySize)
        for variant in Self.queries(from: index, step: step) {
            let query = matcher.prepare(variant, scratch: scratch)
            let expectedQuery = reference.prepare(variant)
            #expect(query.count == expectedQuery.count)
            for (q, e) in zip(query, expectedQuery) {
                var neighbours: [Int32] = [], similarities: [Float] = []
                q.forEachNeighbour { neighbours.append($0); similarities.append($1) }
                #expect(q.id == e.id && q.weight == e.weight && q.legal == e.legal && q.particle == e.particle)
                #expect(neighbours == e.neighbours && similarities == e.neighbourSims, "\(String(decoding: q.bytes, as: UTF8.self))")
            }
            let matches = matcher.match(query, minimumScore: minimumScore, scratch: scratch).map { "\($0.name):\($0.score)" }
            let expected = reference.match(expectedQuery, minimumScore: minimumScore).map { "\($0.name):\($0.score)" }
            #expect(matches == expected, "\(variant.map { String(decoding: $0, as: UTF8.self) })")
        }
    }

    @Test func matchingTheHandMadeListEqualsTheReference() throws {
        let index = try ScreenerUnitTests.screener().index
        compare(index, step: 1, minimumScore: 0.85)
        compare(index, step: 1, minimumScore: 0.5)
    }

    @Test(.enabled(if: SharedListData.isAvailable, "shared sanctions data not found at ../shared/sanctions"))
    func matchingTheListsEqualsTheReference() throws {
        let index = try #require(SharedListData.screener).index
        compare(index, step: 97, minimumScore: 0.85)
        compare(index, step: 331, minimumScore: 0.6)
    }
}

/// The matching algorithm as first written, kept as the reference for the optimised one.
private struct ReferenceMatcher {
    let index: ScreeningIndex

    static let particles: Set<[UInt8]> = Set([
        "of", "the", "and", "de", "la", "le", "les", "du", "des", "del", "della", "dela", "von", "van", "der", "den",
        "da", "di", "do", "dos", "das", "y", "e", "et", "und", "al", "el", "ul", "ud", "bin", "ibn", "bint", "ben",
        "abu", "abd", "a", "an", "for", "in", "on", "at", "to", "ad", "ar", "as", "ash", "az", "at",
    ].map { Array($0.utf8) })

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

    func prepare(_ tokens: [[UInt8]]) -> [QueryToken] {
        tokens.map { bytes in
            bytes.withUnsafeBufferPointer { q -> QueryToken in
                if bytes.count == 2 && bytes[0] == 0x01 {
                    return QueryToken(bytes: bytes, id: -1, weight: ScreeningIndex.legalFormWeight, legal: bytes[1], particle: false)
                }
                let id = index.tokenID(q)
                let particle = Self.particles.contains(bytes)
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
                        if id >= 0 && sim > 0 {
                            if min(q.count, listToken.count) <= NameMatcher.shortKnownTokenLength { sim = 0 } else { sim *= NameMatcher.knownTokenTypoFactor }
                        }
                        if sim > 0 { token.neighbours.append(candidate); token.neighbourSims.append(sim) }
                    }
                }
                consider(ByteHash.fnv1a(q))
                for skip in 0..<q.count { consider(ByteHash.fnv1a(q, skipping: skip)) }
                if id < 0 && TokenSimilarity.editBudget(q.count) >= 2 {
                    for a in 0..<q.count {
                        for b in (a + 1)..<q.count { consider(ByteHash.fnv1a(q, skipping: a, and: b), withinTwoEdits: false) }
                    }
                }
                return token
            }
        }
    }

    func match(_ query: [QueryToken], minimumScore: Float) -> [NameMatcher.Match] {
        var best: [NameMatcher.Match] = []
        for name in candidateNames(query, minimumScore: minimumScore) {
            let s = align(query, name: name)
            guard s >= minimumScore else { continue }
            let entry = index.names[Int(name)].entry
            if let k = best.firstIndex(where: { index.names[Int($0.name)].entry == entry }) {
                if best[k].score < s { best[k] = NameMatcher.Match(name: name, score: s) }
            } else {
                best.append(NameMatcher.Match(name: name, score: s))
            }
        }
        return best.sorted { $0.score != $1.score ? $0.score > $1.score : $0.name < $1.name }
    }

    func candidateNames(_ query: [QueryToken], minimumScore: Float) -> [Int32] {
        guard query.count <= 32 else { return candidateNames(Array(query.prefix(32)), minimumScore: minimumScore) }
        var masks: [Int32: UInt32] = [:]
        var touched: [Int32] = []
        var groups: [(token: Int, size: Int)] = []
        for (i, q) in query.enumerated() where q.isDistinctive && !q.neighbours.isEmpty {
            var size = 0
            for t in q.neighbours { size += Int(index.postingStarts[Int(t) + 1] - index.postingStarts[Int(t)]) }
            groups.append((i, size))
        }
        guard !groups.isEmpty else { return [] }
        groups.sort { $0.size < $1.size }
        var selected = groups.filter { $0.size <= NameMatcher.postingCap }
        if selected.count < min(2, groups.count) { selected = Array(groups.prefix(2)) }
        var assumedPresent: UInt32 = 0
        for (i, q) in query.enumerated() where !q.isDistinctive { assumedPresent |= 1 << UInt32(i) }
        for g in groups where !selected.contains(where: { $0.token == g.token }) { assumedPresent |= 1 << UInt32(g.token) }
        for g in selected {
            for t in query[g.token].neighbours {
                for p in Int(index.postingStarts[Int(t)])..<Int(index.postingStarts[Int(t) + 1]) {
                    let name = index.postings[p]
                    if masks[name] == nil { touched.append(name) }
                    masks[name, default: 0] |= 1 << UInt32(g.token)
                }
            }
        }
        let optimistic: [Float] = query.map { q in
            var w = q.weight
            for t in q.neighbours { w = max(w, index.tokenWeight[Int(t)]) }
            return w
        }
        var scored: [(name: Int32, bound: Float)] = []
        for name in touched {
            if name >= index.firstVesselName { continue }
            let present = masks[name]! | assumedPresent
            var matched: Float = 0, missing: Float = 0
            for i in 0..<query.count {
                if present & (1 << UInt32(i)) != 0 { matched += optimistic[i] } else { missing += query[i].weight }
            }
            let bound = matched / max(1e-6, matched + NameMatcher.unmatchedQueryFactor * missing)
            if bound + 0.12 >= minimumScore { scored.append((name, bound)) }
        }
        if scored.count > NameMatcher.candidateCap {
            scored.sort { $0.bound != $1.bound ? $0.bound > $1.bound : $0.name < $1.name }
            scored.removeLast(scored.count - NameMatcher.candidateCap)
        }
        return scored.map(\.name)
    }

    func similarity(_ q: QueryToken, _ t: Int32) -> Float {
        let listLegal = index.tokenLegal[Int(t)]
        if q.legal != 0 { return listLegal == 0 ? 0 : (listLegal == q.legal ? 1 : 0.7) }
        if listLegal != 0 { return 0 }
        if q.id == t { return 1 }
        for k in 0..<q.neighbours.count where q.neighbours[k] == t { return q.neighbourSims[k] }
        if q.particle { return 0 }
        let listToken = index.token(t)
        if q.bytes.count == 1, listToken.count > 1, listToken[0] == q.bytes[0] { return NameMatcher.initialSimilarity }
        if listToken.count == 1, q.bytes.count > 1, q.bytes[0] == listToken[0] { return NameMatcher.initialSimilarity }
        return 0
    }

    func align(_ query: [QueryToken], name: Int32) -> Float {
        let meta = index.names[Int(name)]
        let m = min(query.count, 32), n = min(Int(meta.tokenCount), 64)
        let listTokens = (0..<n).map { index.nameTokens[Int(meta.tokenStart) + $0] }
        var sims = [Float](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { sims[i * n + j] = similarity(query[i], listTokens[j]) } }
        var usedQuery = [Bool](repeating: false, count: m), usedList = [Bool](repeating: false, count: n)
        var numerator: Float = 0, denominator: Float = 0, evidence: Float = 0
        var distinctiveMatched = 0
        var legalAgree = false, legalDisagree = false
        while true {
            var bestS: Float = 0, bi = -1, bj = -1
            for i in 0..<m where !usedQuery[i] {
                for j in 0..<n where !usedList[j] {
                    let s = sims[i * n + j]
                    if s > bestS || (s == bestS && s > 0 && bj >= 0
                                     && index.tokenWeight[Int(listTokens[j])] > index.tokenWeight[Int(listTokens[bj])]) {
                        bestS = s; bi = i; bj = j
                    }
                }
            }
            if bi < 0 { break }
            usedQuery[bi] = true
            usedList[bj] = true
            let q = query[bi]
            if q.legal != 0 { if bestS >= 1 { legalAgree = true } else { legalDisagree = true } }
            let wl = index.tokenWeight[Int(listTokens[bj])]
            let w: Float = q.legal != 0 ? ScreeningIndex.legalFormWeight : (q.id >= 0 ? (bestS >= 1 ? (q.weight + wl) / 2 : min(q.weight, wl)) : wl)
            numerator += w * bestS
            denominator += w
            if q.isDistinctive && bestS >= 0.7 {
                distinctiveMatched += 1
                evidence += w * bestS
            }
        }
        if distinctiveMatched == 0 || evidence < NameMatcher.minimumEvidence { return 0 }
        for i in 0..<m where !usedQuery[i] { denominator += NameMatcher.unmatchedQueryFactor * query[i].weight }
        let alpha = meta.isIndividual ? NameMatcher.unmatchedListFactorPerson : NameMatcher.unmatchedListFactorOrganisation
        var listDistinctive = 0
        var partial = false
        for j in 0..<n {
            let t = Int(listTokens[j])
            let distinctive = index.tokenLegal[t] == 0 && !ScreeningIndex.isParticle(index.token(Int32(t)))
            if distinctive { listDistinctive += 1 }
            if !usedList[j] {
                if distinctive { partial = true }
                let w = index.tokenWeight[t]
                denominator += alpha * (distinctive ? max(w, NameMatcher.unmatchedListFloor) : w)
            }
        }
        if partial && evidence < NameMatcher.minimumPartialEvidence { return 0 }
        var score = numerator / max(denominator, 1e-6)
        if meta.isIndividual && distinctiveMatched < min(2, listDistinctive) { score *= 0.8 }
        if legalDisagree && !legalAgree { score *= NameMatcher.legalFormMismatchFactor }
        if meta.isIndividual && query.contains(where: { $0.legal != 0 }) { score *= NameMatcher.organisationVersusPersonFactor }
        return min(1, score)
    }
}
