import Foundation

/// The immutable in-memory index that screening runs against.
///
/// Built once per list load and shared read-only between threads. Tokens are interned to
/// `Int32` ids and stored as bytes in one arena; each indexed name is a slice of token ids.
/// Candidate lookup is typo-tolerant: a token table for exact hits plus a symmetric deletion
/// table (every token and its one-character deletions, and two-character deletions for tokens
/// of eight bytes or more), so that any token within the typo budget of a query token is found
/// without scanning the vocabulary.
/// Inverse document frequency over entries gives each token a weight, so generic words such
/// as "bank" or "trading" count little. BICs from the lists are indexed separately by BIC8.
// Unchecked Sendable: every stored property is immutable after init, and the token arena is a
// private buffer that is written only in init and freed in deinit.
public final class ScreeningIndex: @unchecked Sendable {
    /// One indexed name variant of one entry.
    struct Name: Sendable {
        var entry: Int32
        var listedName: Int16
        var tokenStart: Int32
        var tokenCount: Int16
        var isWeak: Bool
        var isIndividual: Bool
        var isVesselOrAircraft: Bool
        /// How many of the tokens that scoring looks at (the first 64) are distinctive: not
        /// legal forms, not particles.
        var distinctiveTokens: UInt8 = 0
    }

    /// What name scoring needs to know about one vocabulary token, in eight bytes.
    struct TokenInfo: Sendable {
        var weight: Float
        /// The legal-form class (``LegalForm`` raw value), 0 for ordinary tokens.
        var legal: UInt8
        var isParticle: Bool
        /// The length in bytes, at most 255 (only compared with 1).
        var length: UInt8
        /// The first byte (0 for an empty token).
        var firstByte: UInt8
    }

    let lists: [SanctionsList]
    /// All entries of all lists; `entryList[i]` is the index into `lists` of entry `i`.
    let entries: [SanctionsEntry]
    let entryList: [Int16]
    let names: [Name]
    let nameTokens: [Int32]

    private let tokenArena: UnsafeMutableBufferPointer<UInt8>
    let tokenOffsets: [Int32]
    let tokenWeight: [Float]
    let tokenLegal: [UInt8]
    /// `tokenInfo` of each element of `nameTokens`, stored alongside it so that scoring a name
    /// reads its tokens' facts from one place instead of from all over the vocabulary.
    let nameTokenInfo: [TokenInfo]
    private let tokenTable: HashRangeTable
    let deletionTable: HashRangeTable
    let postingStarts: [Int32]
    let postings: [Int32]
    /// Names at or after this index belong to vessels or aircraft.
    let firstVesselName: Int32
    /// BIC8 → entry indices.
    let bicEntries: [String: [Int32]]
    /// Time spent building, in seconds (excludes list loading).
    public let buildSeconds: Double

    /// Weight of particles and stop words ("of", "al", "bin", ...).
    static let particleWeight: Float = 0.1
    /// Weight of legal-form class tokens.
    static let legalFormWeight: Float = 0.15
    /// Weight of a query token not found in the index (treated as rare).
    static let unknownWeight: Float = 1.0

    /// Particles and stop words, packed (see ``ShortToken``).
    private static let particles = ShortToken.Set([
        "of", "the", "and", "de", "la", "le", "les", "du", "des", "del", "della", "dela", "von", "van", "der", "den",
        "da", "di", "do", "dos", "das", "y", "e", "et", "und", "al", "el", "ul", "ud", "bin", "ibn", "bint", "ben",
        "abu", "abd", "a", "an", "for", "in", "on", "at", "to", "ad", "ar", "as", "ash", "az", "at",
    ])

    /// Particles glued to the next token in an extra variant ("al qaida" / "alqaida"), packed.
    private static let gluedParticles = ShortToken.Set(
        ["al", "el", "ul", "ud", "abd", "abdul", "abdel", "abu", "bin", "ibn", "bou", "ben"])

    /// Whether `token` is a particle or stop word ("of", "al", "bin", ...).
    @inline(__always)
    static func isParticle<C: Collection>(_ token: C) -> Bool where C.Element == UInt8 {
        particles.contains(token)
    }

    /// Whether `token` is a particle that is glued to the next token in an extra variant.
    @inline(__always)
    static func isGluedParticle(_ token: [UInt8]) -> Bool {
        gluedParticles.contains(token)
    }

    /// Number of entries.
    public var entryCount: Int { entries.count }
    /// Number of indexed name variants.
    public var nameCount: Int { names.count }
    /// Number of distinct tokens.
    public var vocabularySize: Int { tokenWeight.count }

    /// Builds the index over `lists`.
    public init(lists: [SanctionsList]) {
        let clock = ContinuousClock()
        let start = clock.now
        self.lists = lists
        var entries: [SanctionsEntry] = []
        var entryList: [Int16] = []
        for (i, list) in lists.enumerated() {
            entries += list.entries
            entryList += Array(repeating: Int16(i), count: list.entries.count)
        }

        // Normalise every name (in parallel: ICU transliteration is the expensive part).
        struct Normalised: Sendable { var entry: Int32; var name: Int16; var variants: [[[UInt8]]] }
        let chunks = 8
        let frozenEntries = entries
        let normalisedChunks = ParallelMap.map(Array(0..<chunks)) { chunk -> [Normalised] in
            var out: [Normalised] = []
            var e = chunk
            while e < frozenEntries.count {
                for (n, name) in frozenEntries[e].names.enumerated() {
                    var variants = NameNormalizer.variants(of: name.text)
                    for v in variants { if let glued = ScreeningIndex.gluedVariant(v), !variants.contains(glued) { variants.append(glued) } }
                    if !variants.isEmpty { out.append(Normalised(entry: Int32(e), name: Int16(n), variants: variants)) }
                }
                e += chunks
            }
            return out
        }
        // Vessel and aircraft names go last, so that "is this a vessel?" is a comparison with
        // `firstVesselName` instead of a memory load in the candidate loop.
        func isVessel(_ e: Int32) -> Int { entries[Int(e)].kind == .vessel || entries[Int(e)].kind == .aircraft ? 1 : 0 }
        let normalised = normalisedChunks.flatMap { $0 }.sorted {
            (isVessel($0.entry), $0.entry, $0.name) < (isVessel($1.entry), $1.entry, $1.name)
        }

        // Intern tokens.
        var tokenIDs: [[UInt8]: Int32] = [:]
        tokenIDs.reserveCapacity(64_000)
        var tokenList: [[UInt8]] = []
        var names: [Name] = []
        var nameTokens: [Int32] = []
        names.reserveCapacity(normalised.count * 2)
        nameTokens.reserveCapacity(normalised.count * 6)
        var df: [Int32] = []
        var lastEntrySeen: [Int32] = []
        for item in normalised {
            let entry = entries[Int(item.entry)]
            let type = entry.names[Int(item.name)].type
            for variant in item.variants {
                let start = Int32(nameTokens.count)
                for token in variant.prefix(Int(Int16.max)) {
                    let id: Int32
                    if let existing = tokenIDs[token] {
                        id = existing
                    } else {
                        id = Int32(tokenList.count)
                        tokenIDs[token] = id
                        tokenList.append(token)
                        df.append(0)
                        lastEntrySeen.append(-1)
                    }
                    if lastEntrySeen[Int(id)] != item.entry {
                        lastEntrySeen[Int(id)] = item.entry
                        df[Int(id)] += 1
                    }
                    nameTokens.append(id)
                }
                names.append(Name(entry: item.entry, listedName: item.name, tokenStart: start,
                                  tokenCount: Int16(variant.count), isWeak: type.isWeak,
                                  isIndividual: entry.kind == .individual,
                                  isVesselOrAircraft: entry.kind == .vessel || entry.kind == .aircraft))
            }
        }

        // Token arena, weights, flags.
        var arena: [UInt8] = []
        var offsets: [Int32] = [0]
        var weights: [Float] = []
        var legal: [UInt8] = []
        var isParticle: [Bool] = []
        let n = Float(max(2, entries.count))
        let logN = logf(n)
        for (id, token) in tokenList.enumerated() {
            arena += token
            offsets.append(Int32(arena.count))
            let form = token.count == 2 && token[0] == 0x01 ? token[1] : 0
            legal.append(form)
            let particle = ScreeningIndex.isParticle(token)
            isParticle.append(particle)
            if form != 0 {
                weights.append(ScreeningIndex.legalFormWeight)
            } else if particle {
                weights.append(ScreeningIndex.particleWeight)
            } else {
                let idf = logf(n / Float(df[id]))
                weights.append(min(1, max(0.1, idf / logN)))
            }
        }

        for k in names.indices {
            let start = Int(names[k].tokenStart)
            var distinctive: UInt8 = 0
            for t in nameTokens[start..<(start + min(Int(names[k].tokenCount), NameMatcher.maximumListTokens))]
            where legal[Int(t)] == 0 && !isParticle[Int(t)] {
                distinctive += 1
            }
            names[k].distinctiveTokens = distinctive
        }

        // Tables: exact tokens, deletion keys, postings.
        var tokenPairs: [(UInt64, Int32)] = []
        tokenPairs.reserveCapacity(tokenList.count)
        var deletionPairs: [(UInt64, Int32)] = []
        deletionPairs.reserveCapacity(tokenList.count * 9)
        arena.withUnsafeBufferPointer { arenaBuffer in
            for id in 0..<tokenList.count {
                let token = UnsafeBufferPointer(rebasing: arenaBuffer[Int(offsets[id])..<Int(offsets[id + 1])])
                let h = ByteHash.fnv1a(token)
                tokenPairs.append((h, Int32(id)))
                guard legal[id] == 0, TokenSimilarity.editBudget(token.count) > 0 else { continue }
                // The keys a query's look-up computes the same way (the token's own hash first).
                ByteHash.withDeletionKeys(of: token) { keys in
                    for key in keys { deletionPairs.append((key, Int32(id))) }
                }
                // Long tokens (budget two) also get two-deletion keys, so that two
                // substitutions (Hezbollah/Hizballah) are found.
                if TokenSimilarity.editBudget(token.count) >= 2 {
                    ByteHash.withTwoDeletionKeys(of: token) { keys in
                        for key in keys { deletionPairs.append((key, Int32(id))) }
                    }
                }
            }
        }
        var postingCounts = [Int32](repeating: 0, count: tokenList.count + 1)
        for t in nameTokens { postingCounts[Int(t) + 1] += 1 }
        for i in 1..<postingCounts.count { postingCounts[i] += postingCounts[i - 1] }
        var fill = postingCounts
        var postings = [Int32](repeating: 0, count: nameTokens.count)
        for (nameIndex, name) in names.enumerated() {
            for k in 0..<Int(name.tokenCount) {
                let t = Int(nameTokens[Int(name.tokenStart) + k])
                postings[Int(fill[t])] = Int32(nameIndex)
                fill[t] += 1
            }
        }

        var bics: [String: [Int32]] = [:]
        for (i, entry) in entries.enumerated() {
            for bic in entry.bics {
                let key = BICCode.bic8(bic)
                if bics[key]?.contains(Int32(i)) != true { bics[key, default: []].append(Int32(i)) }
            }
        }

        self.entries = entries
        self.entryList = entryList
        self.names = names
        self.nameTokens = nameTokens
        let arenaBuffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, arena.count))
        _ = arenaBuffer.initialize(from: arena)
        self.tokenArena = arenaBuffer
        self.tokenOffsets = offsets
        self.tokenWeight = weights
        self.tokenLegal = legal
        let tokenInfo = tokenList.indices.map { id in
            TokenInfo(weight: weights[id], legal: legal[id], isParticle: isParticle[id],
                      length: UInt8(min(tokenList[id].count, 255)), firstByte: tokenList[id].first ?? 0)
        }
        self.nameTokenInfo = nameTokens.map { tokenInfo[Int($0)] }
        self.tokenTable = HashRangeTable(pairs: tokenPairs)
        self.deletionTable = HashRangeTable(pairs: deletionPairs)
        self.postingStarts = postingCounts
        self.postings = postings
        self.bicEntries = bics
        self.firstVesselName = Int32(names.firstIndex { $0.isVesselOrAircraft } ?? names.count)
        let elapsed = clock.now - start
        self.buildSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    deinit { tokenArena.deallocate() }

    /// A variant with particles glued to the following token, or nil when there are none.
    static func gluedVariant(_ tokens: [[UInt8]]) -> [[UInt8]]? {
        guard tokens.count >= 2 else { return nil }
        // Most names have nothing to glue: say so before copying any token. (The loop below
        // glues at the first such position at the latest, so it changes the name exactly
        // when there is one.)
        guard tokens.indices.dropLast().contains(where: { isGluedParticle(tokens[$0]) && tokens[$0 + 1].first != 0x01 }) else {
            return nil
        }
        var out: [[UInt8]] = []
        var i = 0
        while i < tokens.count {
            if i + 1 < tokens.count, isGluedParticle(tokens[i]), tokens[i + 1].first != 0x01 {
                out.append(tokens[i] + tokens[i + 1])
                i += 2
            } else {
                out.append(tokens[i])
                i += 1
            }
        }
        return out
    }

    /// The id of `token`, or -1 when it is not in the vocabulary.
    func tokenID(_ token: UnsafeBufferPointer<UInt8>) -> Int32 {
        let range = tokenTable.lookup(ByteHash.fnv1a(token))
        for i in range {
            let id = tokenTable.values[i]
            let candidate = self.token(id)
            if candidate.count == token.count, TokenSimilarity.memcmpEqual(token, candidate) { return id }
        }
        return -1
    }

    /// The bytes of token `id` (valid while the index is alive).
    @inline(__always)
    func token(_ id: Int32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: tokenArena[Int(tokenOffsets[Int(id)])..<Int(tokenOffsets[Int(id) + 1])])
    }

    /// The token as a string, for explanations.
    func tokenText(_ id: Int32) -> String {
        if tokenLegal[Int(id)] != 0 { return LegalForm(rawValue: tokenLegal[Int(id)])?.label ?? "<legal>" }
        return String(decoding: token(id), as: UTF8.self)
    }

    /// The list an entry belongs to.
    func list(ofEntry entry: Int32) -> SanctionsList { lists[Int(entryList[Int(entry)])] }
}
