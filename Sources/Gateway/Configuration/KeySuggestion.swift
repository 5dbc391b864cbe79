/// Finds the known key an unknown key was probably meant to be (`timeout` → `timeoutSeconds`,
/// `BIC` → `bic`, `curency` → `currency`).
enum KeySuggestion {
    /// The closest of `known` to `key`, or `nil` when none is close enough to be a likely typo.
    ///
    /// A key matches when it differs only in case, when one is a prefix of the other (at least
    /// three characters), or when the edit distance (ignoring case) is small for its length.
    static func closest(to key: String, among known: [String]) -> String? {
        let lowered = key.lowercased()
        if let sameLetters = known.first(where: { $0.lowercased() == lowered }) { return sameLetters }
        var best: (key: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(lowered, candidate.lowercased())
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        if let best, best.distance <= max(1, min(3, lowered.count / 3)) { return best.key }
        if lowered.count >= 3, let prefixed = known.first(where: {
            $0.lowercased().hasPrefix(lowered) || lowered.hasPrefix($0.lowercased())
        }) {
            return prefixed
        }
        return nil
    }

    /// The Levenshtein distance between two strings, by characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let source = Array(a)
        let target = Array(b)
        if source.isEmpty { return target.count }
        if target.isEmpty { return source.count }
        var previous = Array(0...target.count)
        var current = [Int](repeating: 0, count: target.count + 1)
        for i in 1...source.count {
            current[0] = i
            for j in 1...target.count {
                let substitution = previous[j - 1] + (source[i - 1] == target[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[target.count]
    }
}
