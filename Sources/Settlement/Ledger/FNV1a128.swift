/// The 128-bit FNV-1a hash (Fowler–Noll–Vo, variant 1a).
///
/// Not cryptographic: it is used to derive stable, well-distributed transfer identifiers from
/// fields that are already unique per instructing agent, where only accidental collisions matter.
/// Its output is fixed by the published offset basis and prime, so identifiers derived today stay
/// the same across releases, platforms and processes (unlike `Hasher`, which is seeded per run).
struct FNV1a128: Sendable {
    /// The FNV-128 offset basis.
    static let offsetBasis: UInt128 = 0x6C62_272E_07BB_0142_62B8_2175_6295_C58D
    /// The FNV-128 prime, 2^88 + 2^8 + 0x3B.
    static let prime: UInt128 = 0x0000_0000_0100_0000_0000_0000_0000_013B

    /// The hash of the bytes combined so far.
    private(set) var value: UInt128 = FNV1a128.offsetBasis

    /// Folds `bytes` into the hash.
    mutating func combine(_ bytes: some Sequence<UInt8>) {
        var hash = value
        for byte in bytes {
            hash ^= UInt128(byte)
            hash &*= Self.prime
        }
        value = hash
    }

    /// Folds a length-prefixed field into the hash, so that field boundaries are unambiguous
    /// (`("AB", "C")` and `("A", "BC")` hash differently).
    mutating func combineField(_ field: String) {
        let utf8 = field.utf8
        var length = UInt32(truncatingIfNeeded: utf8.count).bigEndian
        withUnsafeBytes(of: &length) { combine($0) }
        combine(utf8)
    }

    /// The hash as 32 lowercase hexadecimal digits.
    var hexDigest: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 32 - digits.count) + digits
    }
}
