/// ISO 7064 MOD 97-10 remainder over alphanumeric text, as used by IBAN (ISO 13616) and
/// LEI (ISO 17442).
///
/// Letters count as two-digit numbers (A = 10 … Z = 35). The remainder is computed in chunks:
/// digits accumulate in a `UInt64` and are reduced modulo 97 only when another two digits
/// could overflow it, so no big-number arithmetic or string expansion is needed.
enum Mod97 {
    /// The remainder modulo 97 of the number spelt by `bytes`, or `nil` if any byte is not a
    /// digit or an ASCII letter.
    ///
    /// Pass the remainder of a preceding part as `prefixRemainder` to continue the number
    /// across several byte sequences (as IBAN's "move the first four characters to the end"
    /// needs) without concatenating them.
    static func remainder<S: Sequence>(of bytes: S, prefixRemainder: UInt64 = 0) -> UInt64?
    where S.Element == UInt8 {
        var accumulator = prefixRemainder
        for byte in bytes {
            guard let value = ASCII.alphanumericValue(byte) else { return nil }
            accumulator = value < 10 ? accumulator * 10 + value : accumulator * 100 + value
            // Keep the accumulator below 10^15 so the next step (×100 + 35) cannot overflow.
            if accumulator >= 1_000_000_000_000_000 { accumulator %= 97 }
        }
        return accumulator % 97
    }
}
