/// A small deterministic hash for identifiers that must be the same in every process and on
/// every platform (Swift's `Hasher` is seeded per process, so it cannot be stored).
///
/// Two FNV-1a 64-bit passes over the same bytes, one from the standard offset basis and one
/// from a basis perturbed by a fixed seed, give 128 bits written as 32 lower-case hex digits.
/// Not a cryptographic hash: it names records, it does not protect them.
enum StableHash {
    static let prime: UInt64 = 0x0000_0100_0000_01B3
    static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    /// The second pass's seed (the 64-bit golden-ratio constant).
    static let secondSeed: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// FNV-1a 64 of `bytes`, starting from `basis`.
    static func fnv1a64<Bytes: Sequence<UInt8>>(_ bytes: Bytes, basis: UInt64 = offsetBasis) -> UInt64 {
        var hash = basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    /// 32 lower-case hex digits: the two FNV-1a passes over the UTF-8 of `text`.
    static func hex128(_ text: String) -> String {
        let first = fnv1a64(text.utf8)
        let second = fnv1a64(text.utf8, basis: offsetBasis ^ secondSeed)
        return hex(first) + hex(second)
    }

    static func hex(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 {
            bytes[index] = digits[Int((value >> UInt64(60 - index * 4)) & 0xF)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
