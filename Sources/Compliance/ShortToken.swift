/// A byte string of at most seven bytes packed into one integer (the bytes in order from the
/// low end, the length in the top byte), so that checking a token against a small fixed set
/// of short words (particles, glued particles) needs no array and no byte-array hashing.
enum ShortToken {
    /// The longest byte string that can be packed.
    static let maximumLength = 7

    /// The packed value of `bytes`, or nil when it is longer than ``maximumLength``. Two byte
    /// strings pack to the same value exactly when they are equal.
    @inline(__always)
    static func pack<C: Collection>(_ bytes: C) -> UInt64? where C.Element == UInt8 {
        guard bytes.count <= maximumLength else { return nil }
        var value = UInt64(bytes.count) << 56
        var shift: UInt64 = 0
        for b in bytes {
            value |= UInt64(b) << shift
            shift += 8
        }
        return value
    }

    /// A fixed set of short words: an open-addressing table of packed values with a
    /// multiplicative hash, at most a quarter full, so a lookup is a multiply and a probe or two.
    struct Set: Sendable {
        private let slots: [UInt64]
        private let shift: UInt64

        /// The set of `words`, each at most ``ShortToken/maximumLength`` bytes long.
        init(_ words: [String]) {
            var bits: UInt64 = 4
            while (1 << bits) < 4 * words.count { bits += 1 }
            var slots = [UInt64](repeating: 0, count: 1 << bits)
            let shift = 64 - bits
            for word in words {
                guard let packed = ShortToken.pack(Array(word.utf8)) else { preconditionFailure("\(word) is too long to pack") }
                var slot = Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while slots[slot] != 0 && slots[slot] != packed { slot = (slot + 1) & (slots.count - 1) }
                slots[slot] = packed
            }
            self.slots = slots
            self.shift = shift
        }

        /// Whether `bytes` is one of the words.
        @inline(__always)
        func contains<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
            // A packed value is never 0 (the length byte of the empty string is 0, but so are
            // all its bytes: guard it explicitly).
            guard let packed = ShortToken.pack(bytes), packed != 0 else { return false }
            var slot = Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let value = slots[slot]
                if value == packed { return true }
                if value == 0 { return false }
                slot = (slot + 1) & (slots.count - 1)
            }
        }
    }
}
