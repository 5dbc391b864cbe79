/// A unique end-to-end transaction reference: an RFC 4122 version-4 UUID in lower-case,
/// e.g. `eb6305c9-1f7f-49de-aed0-16487c27b42d`.
///
/// ``validate()`` applies the ISO 20022 `UUIDv4Identifier` pattern: lower-case hexadecimal in
/// 8-4-4-4-12 groups, version nibble `4`, variant nibble `8`, `9`, `a` or `b`. Upper-case
/// UUIDs are rejected, as the pattern requires. Holds the text as given.
public struct UETR: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    /// The UETR exactly as written.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ text: String) { self.rawValue = text }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// A new random version-4 UETR from the system's secure random number generator.
    public static func random() -> UETR {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A new version-4 UETR drawing its 122 random bits from `generator`.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> UETR {
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
        high = (high & ~0xF000) | 0x4000                       // version 4
        low = (low & ~(0xC000 << 48)) | (0x8000 << 48)          // variant 10xx
        let hex = Array("0123456789abcdef".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(36)
        for index in 0..<32 {
            if index == 8 || index == 12 || index == 16 || index == 20 { bytes.append(UInt8(ascii: "-")) }
            let word = index < 16 ? high : low
            let shift = UInt64(60 - (index % 16) * 4)
            bytes.append(hex[Int((word >> shift) & 0xF)])
        }
        return UETR(rawValue: String(decoding: bytes, as: UTF8.self))
    }

    /// `true` when ``validate()`` would not throw.
    public var isValid: Bool { (try? validate()) != nil }

    /// Checks the text against the `UUIDv4Identifier` pattern.
    ///
    /// - Throws: ``IdentifierError`` of kind ``IdentifierError/Kind/uetr`` (reason FF08).
    public func validate() throws(IdentifierError) {
        let bytes = rawValue.utf8
        guard bytes.count == 36 else {
            throw IdentifierError(kind: .uetr, value: rawValue, problem: .wrongLength(found: bytes.count, expected: [36]))
        }
        for (position, byte) in bytes.enumerated() {
            let expected: String?
            switch position {
            case 8, 13, 18, 23: expected = byte == UInt8(ascii: "-") ? nil : "a hyphen"
            case 14: expected = byte == UInt8(ascii: "4") ? nil : "version digit 4"
            case 19:
                expected = (byte == UInt8(ascii: "8") || byte == UInt8(ascii: "9")
                    || byte == UInt8(ascii: "a") || byte == UInt8(ascii: "b")) ? nil : "variant digit 8, 9, a or b"
            default: expected = ASCII.isLowerHex(byte) ? nil : "a lower-case hexadecimal digit"
            }
            if let expected {
                throw IdentifierError(
                    kind: .uetr, value: rawValue, problem: .invalidCharacter(position: position, expected: expected))
            }
        }
    }
}

extension UETR: CustomStringConvertible {
    public var description: String { rawValue }
}
