import Foundation

/// Reusable per-request working memory for query preparation and candidate generation, so
/// that no per-query dictionary, set or growing array is needed.
///
/// Holds one bit mask per indexed name plus the list of names touched, a "seen" stamp per
/// vocabulary token, the list of scored candidates, and the per-token and per-mask bounds of
/// the query being matched. Used by one screening at a time (see
/// ``MatchScratchPool``); nothing in it is read by a later query than the one that wrote it,
/// so it carries no results from one payment to the next.
final class MatchScratch {
    /// Per indexed name: which selected query tokens reached it, bit k for the k-th. Zero
    /// except for the names in `touched`. Eight bits cover nearly every query and keep the
    /// array small enough to stay in cache; `wideMasks` takes over for queries with more
    /// selected tokens (see ``reset(selectedTokens:)``).
    private let narrowMasks: UnsafeMutableBufferPointer<UInt8>
    private let wideMasks: UnsafeMutableBufferPointer<UInt32>
    private var wide = false
    /// The names with a non-zero mask, in the order they were first reached; the first
    /// `touchedCount` are valid. Every name is touched at most once per query, so the buffer
    /// never needs to grow.
    private let touched: UnsafeMutableBufferPointer<Int32>
    private(set) var touchedCount = 0
    /// Per vocabulary token: the generation in which it was last marked (see ``newTokenSet()``).
    private let tokenStamps: UnsafeMutableBufferPointer<UInt32>
    private var generation: UInt32 = 0
    /// Candidate names with their score bounds, kept here for the capacity only: see
    /// ``NameMatcher/candidateNames(_:minimumScore:scratch:includeVessels:)``.
    var scored: [(name: Int32, bound: Float)] = []

    // Per query, for ``NameMatcher/candidateNames(_:minimumScore:scratch:includeVessels:)``,
    // sized for the longest query it looks at; each query overwrites what it reads.
    /// The distinctive query tokens with their postings' total size, rarest first.
    let postingGroups: UnsafeMutableBufferPointer<(token: Int, size: Int)>
    /// Per query token: the weight of its best possible match, its own weight, and the most
    /// evidence it can add.
    let optimisticWeights: UnsafeMutableBufferPointer<Float>
    let weights: UnsafeMutableBufferPointer<Float>
    let evidenceCaps: UnsafeMutableBufferPointer<Float>
    /// Per mask of the selected tokens, when they are few: the score bound, whether it can
    /// reach the minimum, and the evidence bound.
    let maskBounds: UnsafeMutableBufferPointer<(bound: Float, passes: Bool, evidence: Float)>

    /// The most selected tokens that the narrow masks can tell apart.
    static let narrowMaskBits = 8

    init(nameCount: Int, tokenCount: Int) {
        narrowMasks = .allocate(capacity: max(1, nameCount))
        narrowMasks.initialize(repeating: 0)
        wideMasks = .allocate(capacity: max(1, nameCount))
        wideMasks.initialize(repeating: 0)
        touched = .allocate(capacity: max(1, nameCount))
        touched.initialize(repeating: 0)
        tokenStamps = .allocate(capacity: max(1, tokenCount))
        tokenStamps.initialize(repeating: 0)
        scored.reserveCapacity(1_024)
        postingGroups = .allocate(capacity: NameMatcher.maximumQueryTokens)
        postingGroups.initialize(repeating: (0, 0))
        optimisticWeights = .allocate(capacity: NameMatcher.maximumQueryTokens)
        optimisticWeights.initialize(repeating: 0)
        weights = .allocate(capacity: NameMatcher.maximumQueryTokens)
        weights.initialize(repeating: 0)
        evidenceCaps = .allocate(capacity: NameMatcher.maximumQueryTokens)
        evidenceCaps.initialize(repeating: 0)
        maskBounds = .allocate(capacity: 1 << NameMatcher.tabulatedBoundTokens)
        maskBounds.initialize(repeating: (0, false, 0))
    }

    deinit {
        narrowMasks.deallocate()
        wideMasks.deallocate()
        touched.deallocate()
        tokenStamps.deallocate()
        postingGroups.deallocate()
        optimisticWeights.deallocate()
        weights.deallocate()
        evidenceCaps.deallocate()
        maskBounds.deallocate()
    }

    /// Clears the masks set since the last reset, and prepares masks of `selectedTokens` bits.
    func reset(selectedTokens: Int) {
        if wide {
            for k in 0..<touchedCount { wideMasks[Int(touched[k])] = 0 }
        } else {
            for k in 0..<touchedCount { narrowMasks[Int(touched[k])] = 0 }
        }
        touchedCount = 0
        wide = selectedTokens > Self.narrowMaskBits
    }

    /// Sets bit `bit` (one of the selected tokens' bits) in the mask of `name`, recording the
    /// name when it is first reached.
    @inline(__always)
    func mark(_ name: Int32, _ bit: UInt32) {
        // A bit the narrow masks cannot hold would leave the mask 0 and record the name again,
        // past the end of `touched`: `reset(selectedTokens:)` must have chosen the width.
        assert(wide || bit < 1 << Self.narrowMaskBits, "bit \(bit) in a narrow mask")
        let old = mask(name)
        if old == 0 {
            touched[touchedCount] = name
            touchedCount += 1
        }
        if wide { wideMasks[Int(name)] = old | bit } else { narrowMasks[Int(name)] = UInt8(truncatingIfNeeded: old | bit) }
    }

    /// Sets bit `bit` in the mask of `name` if it was already reached.
    @inline(__always)
    func markIfReached(_ name: Int32, _ bit: UInt32) {
        assert(wide || bit < 1 << Self.narrowMaskBits, "bit \(bit) in a narrow mask")
        let old = mask(name)
        guard old != 0 else { return }
        if wide { wideMasks[Int(name)] = old | bit } else { narrowMasks[Int(name)] = UInt8(truncatingIfNeeded: old | bit) }
    }

    /// The mask of `name`.
    @inline(__always)
    func mask(_ name: Int32) -> UInt32 {
        wide ? wideMasks[Int(name)] : UInt32(narrowMasks[Int(name)])
    }

    /// Calls `body` with each touched name, in order, and its mask. (The loop reads the
    /// scratch's own state once, not for every name.)
    @inline(__always)
    func forEachTouched(_ body: (_ name: Int32, _ mask: UInt32) -> Void) {
        let count = touchedCount
        if wide {
            for k in 0..<count { body(touched[k], wideMasks[Int(touched[k])]) }
        } else {
            for k in 0..<count { body(touched[k], UInt32(narrowMasks[Int(touched[k])])) }
        }
    }

    /// Starts an empty set of vocabulary tokens, forgetting the previous one (which must no
    /// longer be used). The set points into this scratch: use it only while the scratch is
    /// held (within one ``MatchScratchPool/withScratch(_:)``).
    func newTokenSet() -> TokenSet {
        generation &+= 1
        if generation == 0 {
            // Wrapped after 2³² sets: old stamps could collide with new generations.
            tokenStamps.update(repeating: 0)
            generation = 1
        }
        return TokenSet(stamps: tokenStamps, generation: generation)
    }

    /// A set of vocabulary tokens: those whose stamp is the set's generation.
    struct TokenSet {
        fileprivate let stamps: UnsafeMutableBufferPointer<UInt32>
        fileprivate let generation: UInt32

        /// Adds `token`; false when it was already in the set.
        @inline(__always)
        func insert(_ token: Int32) -> Bool {
            if stamps[Int(token)] == generation { return false }
            stamps[Int(token)] = generation
            return true
        }
    }
}

/// A small lock-protected pool of ``MatchScratch`` buffers shared by concurrent screenings.
// Unchecked Sendable: the stack is only touched under `lock`; a scratch buffer is popped under
// the lock, used by one caller for the length of `withScratch`, and pushed back under the lock.
final class MatchScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [MatchScratch] = []
    private let nameCount: Int
    private let tokenCount: Int

    init(nameCount: Int, tokenCount: Int) {
        self.nameCount = nameCount
        self.tokenCount = tokenCount
    }

    func withScratch<R>(_ body: (MatchScratch) -> R) -> R {
        lock.lock()
        let scratch = free.popLast() ?? MatchScratch(nameCount: nameCount, tokenCount: tokenCount)
        lock.unlock()
        defer {
            lock.lock()
            free.append(scratch)
            lock.unlock()
        }
        return body(scratch)
    }
}
