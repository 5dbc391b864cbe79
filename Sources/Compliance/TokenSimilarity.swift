/// Similarity of two normalised tokens, on bytes.
///
/// A typo budget decides whether two different tokens may match at all: no edits for tokens of
/// three bytes or fewer, one edit (Damerau: substitution, insertion, deletion or adjacent
/// transposition) for four to seven, two for eight or more. Within the budget the graded value
/// is Jaro-Winkler, capped below 1 so that an exact match always ranks higher. Tokens with
/// digits must be equal. This rejects pairs that only share a prefix and length
/// (e.g. Habbash/Bush) while keeping one-character typos.
enum TokenSimilarity {
    /// The highest similarity a non-identical pair can get.
    static let typoCeiling: Float = 0.97

    /// Edits allowed between tokens whose shorter length is `length`.
    @inline(__always)
    static func editBudget(_ length: Int) -> Int {
        length <= 3 ? 0 : (length <= 7 ? 1 : 2)
    }

    /// Similarity in [0, 1]; 0 when the tokens differ by more than the budget.
    ///
    /// - Parameter knownWithinTwoEdits: the caller found the pair through shared one-deletion
    ///   keys only (not two-deletion keys), which bounds the distance by two, so a budget of
    ///   two needs no distance check.
    static func similarity(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, knownWithinTwoEdits: Bool = false) -> Float {
        if a.count == b.count && memcmpEqual(a, b) { return 1 }
        let budget = editBudget(min(a.count, b.count))
        if budget == 0 || abs(a.count - b.count) > budget { return 0 }
        if hasDigit(a) || hasDigit(b) { return 0 }
        if budget == 1 {
            guard isWithinOneEdit(a, b) else { return 0 }
        } else if !knownWithinTwoEdits {
            guard boundedDamerau(a, b, budget: budget) <= budget else { return 0 }
        }
        return min(typoCeiling, jaroWinkler(a, b))
    }

    @inline(__always)
    static func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<a.count where a[i] != b[i] { return false }
        return true
    }

    @inline(__always)
    static func hasDigit(_ a: UnsafeBufferPointer<UInt8>) -> Bool {
        a.contains { $0 >= 48 && $0 <= 57 }
    }

    /// Whether the optimal-string-alignment distance of `a` and `b` is at most one, in linear
    /// time: the same answer as `boundedDamerau(a, b, budget: 1) <= 1`.
    ///
    /// One edit is one substitution, insertion, deletion or adjacent transposition. Whichever
    /// it is, it can be taken at the first position where the strings differ: everything
    /// before it must be equal, and a deletion inside a run of equal bytes is the same as one
    /// at the run's end.
    static func isWithinOneEdit(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = a.count, m = b.count
        guard abs(n - m) <= 1 else { return false }
        var i = 0
        while i < n && i < m && a[i] == b[i] { i += 1 }
        // Whether a[x...] equals b[y...] (lengths already agree).
        func tailsEqual(_ x: Int, _ y: Int) -> Bool {
            var x = x, y = y
            while x < n {
                if a[x] != b[y] { return false }
                x += 1
                y += 1
            }
            return true
        }
        if n == m {
            if i == n { return true }
            if tailsEqual(i + 1, i + 1) { return true }
            return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && tailsEqual(i + 2, i + 2)
        }
        return n > m ? tailsEqual(i + 1, i) : tailsEqual(i, i + 1)
    }

    /// Optimal-string-alignment distance, or `budget + 1` as soon as it must exceed `budget`.
    static func boundedDamerau(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, budget: Int) -> Int {
        let n = a.count, m = b.count
        if n == 0 { return m }
        if m == 0 { return n }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { buffer -> Int in
            var prev2 = buffer.baseAddress!
            var prev = prev2 + (m + 1)
            var curr = prev + (m + 1)
            for j in 0...m { prev[j] = j }
            for i in 1...n {
                curr[0] = i
                var rowMin = i
                let ai = a[i - 1]
                for j in 1...m {
                    let cost = ai == b[j - 1] ? 0 : 1
                    var v = min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + cost)
                    if i > 1 && j > 1 && ai == b[j - 2] && a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                    curr[j] = v
                    rowMin = min(rowMin, v)
                }
                if rowMin > budget { return budget + 1 }
                let t = prev2
                prev2 = prev
                prev = curr
                curr = t
            }
            return prev[m]
        }
    }

    /// Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters).
    static func jaroWinkler(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Float {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return 0 }
        let window = max(0, max(n, m) / 2 - 1)
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: n + m) { flags -> Float in
            flags.initialize(repeating: false)
            var matches = 0
            for i in 0..<n {
                let lo = max(0, i - window), hi = min(m - 1, i + window)
                if lo > hi { continue }
                for j in lo...hi where !flags[n + j] && a[i] == b[j] {
                    flags[i] = true
                    flags[n + j] = true
                    matches += 1
                    break
                }
            }
            if matches == 0 { return 0 }
            var transpositions = 0
            var k = 0
            for i in 0..<n where flags[i] {
                while !flags[n + k] { k += 1 }
                if a[i] != b[k] { transpositions += 1 }
                k += 1
            }
            let mf = Float(matches)
            let jaro = (mf / Float(n) + mf / Float(m) + (mf - Float(transpositions / 2)) / mf) / 3
            var prefix = 0
            while prefix < min(4, n, m) && a[prefix] == b[prefix] { prefix += 1 }
            return jaro + Float(prefix) * 0.1 * (1 - jaro)
        }
    }
}

/// 64-bit FNV-1a hashing of byte strings, for the index's open-addressing tables.
enum ByteHash {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// Calls `body` with the one-deletion keys of a token: `fnv1a(bytes)` and then
    /// `fnv1a(bytes, skipping: k)` for each `k` in order. Hash states of the prefixes are
    /// shared instead of rehashing the whole token for every key.
    @inline(__always)
    static func withDeletionKeys<R>(of bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt64>) -> R) -> R {
        let n = bytes.count
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * n + 1) { buffer in
            let prefix = buffer.baseAddress!, keys = prefix + n
            var h = offsetBasis
            for i in 0..<n {
                prefix[i] = h
                h ^= UInt64(bytes[i])
                h &*= prime
            }
            keys[0] = h | 1
            for skip in 0..<n {
                var g = prefix[skip]
                for i in (skip + 1)..<n {
                    g ^= UInt64(bytes[i])
                    g &*= prime
                }
                keys[skip + 1] = g | 1
            }
            return body(UnsafeBufferPointer(start: keys, count: n + 1))
        }
    }

    /// Calls `body` with the two-deletion keys of a token: `fnv1a(bytes, skipping: a, and: b)`
    /// for every `a < b`, in order of `a` then `b`.
    @inline(__always)
    static func withTwoDeletionKeys<R>(of bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt64>) -> R) -> R {
        let n = bytes.count
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, n * (n - 1) / 2)) { keys in
            var count = 0
            var prefix = offsetBasis  // the state after bytes[..<a]
            for a in 0..<n {
                var middle = prefix  // the state after bytes[..<a] and bytes[(a + 1)..<b]
                for b in (a + 1)..<n {
                    var g = middle
                    for i in (b + 1)..<n {
                        g ^= UInt64(bytes[i])
                        g &*= prime
                    }
                    keys[count] = g | 1
                    count += 1
                    middle ^= UInt64(bytes[b])
                    middle &*= prime
                }
                prefix ^= UInt64(bytes[a])
                prefix &*= prime
            }
            return body(UnsafeBufferPointer(rebasing: keys[..<count]))
        }
    }

    /// The key of `bytes`, leaving out the bytes at `skip` and `skip2` when given. The index and
    /// the queries only call it without them; with them it is the definition that
    /// ``withDeletionKeys(of:_:)`` and ``withTwoDeletionKeys(of:_:)`` compute faster (the tests
    /// hold them to it).
    @inline(__always)
    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>, skipping skip: Int = -1, and skip2: Int = -1) -> UInt64 {
        var h = offsetBasis
        for i in 0..<bytes.count where i != skip && i != skip2 {
            h ^= UInt64(bytes[i])
            h &*= prime
        }
        return h | 1  // 0 marks an empty slot
    }
}

/// An immutable open-addressing map from hash keys to ranges of an Int32 array.
///
/// Keys are folded to 32 bits; a collision only adds values that the caller verifies anyway
/// (token bytes are compared, typo candidates are distance-checked).
struct HashRangeTable: Sendable {
    /// One slot: a folded key (0 when empty) and its range of `values`, side by side so that a
    /// probe costs one memory access.
    private struct Slot {
        var key: UInt32
        var start: Int32
        var count: Int32
    }

    private let slots: [Slot]
    let values: [Int32]
    private let mask: Int

    @inline(__always)
    static func fold(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash ^ (hash >> 32)) | 1 }

    /// Builds the table from (key, value) pairs; values with the same key form one range.
    init(pairs: [(UInt64, Int32)]) {
        // Pack (folded key, value) into one UInt64 so a plain integer sort groups them.
        var packed = pairs.map { (UInt64(Self.fold($0.0)) << 32) | UInt64(UInt32(bitPattern: $0.1)) }
        packed.sort()
        // Count the distinct keys first, so that the slots can be filled in the same pass that
        // collects the values (no list of groups in between).
        var groupCount = 0
        for i in packed.indices where i == 0 || packed[i] >> 32 != packed[i - 1] >> 32 { groupCount += 1 }
        var capacity = 16
        while capacity < groupCount * 2 { capacity <<= 1 }
        var slots = [Slot](repeating: Slot(key: 0, start: 0, count: 0), count: capacity)
        let mask = capacity - 1
        var values: [Int32] = []
        values.reserveCapacity(packed.count)
        var i = 0
        while i < packed.count {
            let key = UInt32(truncatingIfNeeded: packed[i] >> 32)
            let start = values.count
            var last: UInt64 = .max
            while i < packed.count && UInt32(truncatingIfNeeded: packed[i] >> 32) == key {
                if packed[i] != last { values.append(Int32(bitPattern: UInt32(truncatingIfNeeded: packed[i]))); last = packed[i] }
                i += 1
            }
            var slot = Self.slot(key) & mask
            while slots[slot].key != 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: key, start: Int32(start), count: Int32(values.count - start))
        }
        self.slots = slots
        self.values = values
        self.mask = mask
    }

    @inline(__always)
    private static func slot(_ key: UInt32) -> Int { Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 29) }

    /// The range of `values` stored under `hash` (empty when absent).
    @inline(__always)
    func lookup(_ hash: UInt64) -> Range<Int> {
        let key = Self.fold(hash)
        var slot = Self.slot(key) & mask
        while true {
            let s = slots[slot]
            if s.key == key { return Int(s.start)..<Int(s.start + s.count) }
            if s.key == 0 { return 0..<0 }
            slot = (slot + 1) & mask
        }
    }
}
