/// A deliberately naive reference matcher, for benchmarks only: every query is compared with
/// every listed name by token best-pairs Jaro-Winkler (watchman-style), with no index.
///
/// It shares the normaliser with ``Screener`` so the comparison measures the index and the
/// scorer, not the text handling. Do not use it for screening.
public struct LinearScanBaseline: Sendable {
    private let names: [[[UInt8]]]
    private let threshold: Float

    /// Prepares the normalised names of every person and organisation entry in `index`.
    public init(index: ScreeningIndex, threshold: Double = 0.85) {
        var names: [[[UInt8]]] = []
        for entry in index.entries where entry.kind == .individual || entry.kind == .organisation {
            for name in entry.names {
                names += NameNormalizer.variants(of: name.text)
            }
        }
        self.names = names
        self.threshold = Float(threshold)
    }

    /// Number of names scanned per query.
    public var nameCount: Int { names.count }

    /// The number of names scoring at or above the threshold for `query`.
    public func countMatches(_ query: String) -> Int {
        var count = 0
        for variant in NameNormalizer.variants(of: query) {
            for name in names where Self.bestPairs(variant, name) >= threshold { count += 1 }
        }
        return count
    }

    /// Length-weighted greedy best-pairs Jaro-Winkler with a penalty for unmatched list tokens.
    static func bestPairs(_ query: [[UInt8]], _ name: [[UInt8]]) -> Float {
        var pairs: [(Float, Int, Int)] = []
        pairs.reserveCapacity(query.count * name.count)
        for (i, q) in query.enumerated() {
            for (j, l) in name.enumerated() {
                let s = q.withUnsafeBufferPointer { qb in l.withUnsafeBufferPointer { lb in TokenSimilarity.jaroWinkler(qb, lb) } }
                pairs.append((s, i, j))
            }
        }
        pairs.sort { $0.0 > $1.0 }
        var usedQ = Set<Int>(), usedL = Set<Int>()
        var total: Float = 0, weight: Float = 0, matchedListChars = 0, listChars = 0
        for l in name { listChars += l.count }
        for (s, i, j) in pairs where !usedQ.contains(i) && !usedL.contains(j) {
            usedQ.insert(i)
            usedL.insert(j)
            let w = Float(query[i].count + name[j].count)
            total += s * w
            weight += w
            matchedListChars += name[j].count
        }
        guard weight > 0 else { return 0 }
        let fraction = Float(matchedListChars) / Float(max(1, listChars))
        return total / weight * (1 - (1 - fraction) * 0.15)
    }
}
