/// Byte-level character classes for parsing identifiers and lexical values from `utf8` views.
///
/// These avoid `Character` and Foundation in hot paths: every ISO 20022 identifier and
/// lexical form handled in this folder is pure ASCII, so a non-ASCII byte is simply invalid.
enum ASCII {
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    static func isUpper(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
    static func isLower(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
    static func isUpperAlphanumeric(_ byte: UInt8) -> Bool { isUpper(byte) || isDigit(byte) }
    static func isLowerHex(_ byte: UInt8) -> Bool { isDigit(byte) || byte &- 0x61 < 6 }

    /// The value of a digit (0–9) or letter (A–Z / a–z → 10–35) as used by ISO 7064 MOD 97-10,
    /// or `nil` for any other byte.
    static func alphanumericValue(_ byte: UInt8) -> UInt64? {
        if isDigit(byte) { return UInt64(byte &- 0x30) }
        if isUpper(byte) { return UInt64(byte &- 0x41) + 10 }
        if isLower(byte) { return UInt64(byte &- 0x61) + 10 }
        return nil
    }

    /// Parses exactly `count` decimal digits starting at `start`, or returns `nil`.
    static func number<C: Collection>(_ bytes: C, from start: C.Index, count: Int) -> Int?
    where C.Element == UInt8 {
        var value = 0
        var index = start
        for _ in 0..<count {
            guard index != bytes.endIndex, isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] &- 0x30)
            index = bytes.index(after: index)
        }
        return value
    }
}
