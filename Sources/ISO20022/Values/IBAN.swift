/// An international bank account number (ISO 13616), e.g. `GB82WEST12345698765432`.
///
/// Layout: 2-letter country code, 2 check digits, then the country's BBAN (upper-case letters
/// and digits). Holds the text as given, which may be in the spaced print format
/// (`GB82 WEST 1234 5698 7654 32`); ``electronicFormat`` is the canonical form, and equality
/// and hashing use it.
///
/// ``validate()`` checks the electronic format: the country must be in the SWIFT IBAN
/// registry, the length must be that country's registered length, and the ISO 7064
/// MOD 97-10 check must give 1. The per-country BBAN structure (which positions are letters
/// or digits) is not checked.
public struct IBAN: RawRepresentable, Sendable, ExpressibleByStringLiteral {
    /// The IBAN exactly as written.
    public let rawValue: String
    /// The IBAN in upper case without spaces, as it must appear in an ISO 20022 message.
    public let electronicFormat: String

    /// Wraps `rawValue` without checking it, computing its ``electronicFormat``.
    public init(rawValue: String) {
        self.rawValue = rawValue
        self.electronicFormat = Self.normalize(rawValue)
    }

    public init(_ text: String) { self.init(rawValue: text) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    /// The first two characters of the electronic format, e.g. `GB`.
    public var countryCode: CountryCode {
        CountryCode(String(decoding: electronicFormat.utf8.prefix(2), as: UTF8.self))
    }

    /// Characters 3–4 of the electronic format, e.g. `82`.
    public var checkDigits: String {
        String(decoding: electronicFormat.utf8.dropFirst(2).prefix(2), as: UTF8.self)
    }

    /// The basic bank account number: the electronic format after the first four characters.
    public var bban: String {
        String(decoding: electronicFormat.utf8.dropFirst(4), as: UTF8.self)
    }

    /// `true` when ``validate()`` would not throw.
    public var isValid: Bool { (try? validate()) != nil }

    /// Checks the electronic format against the IBAN registry and the MOD 97-10 check.
    ///
    /// - Throws: ``IdentifierError`` of kind ``IdentifierError/Kind/iban`` (reason AC01).
    public func validate() throws(IdentifierError) {
        let bytes = electronicFormat.utf8
        guard bytes.count >= 4 else { throw error(.wrongLength(found: bytes.count, expected: [])) }
        for (position, byte) in bytes.enumerated() {
            switch position {
            case 0, 1:
                guard ASCII.isUpper(byte) else { throw error(.invalidCharacter(position: position, expected: "a letter")) }
            case 2, 3:
                guard ASCII.isDigit(byte) else { throw error(.invalidCharacter(position: position, expected: "a digit")) }
            default:
                guard ASCII.isUpperAlphanumeric(byte) else {
                    throw error(.invalidCharacter(position: position, expected: "a letter or digit"))
                }
            }
        }
        let country = countryCode.rawValue
        guard let length = IBANRegistry.length(forCountry: country) else {
            let problem: IdentifierError.Problem =
                countryCode.isValid ? .countryWithoutIBAN(country) : .unknownCountry(country)
            throw error(problem)
        }
        guard bytes.count == length else { throw error(.wrongLength(found: bytes.count, expected: [length])) }
        // Move the first four characters to the end: continue the BBAN's remainder with them.
        guard let bbanRemainder = Mod97.remainder(of: bytes.dropFirst(4)),
              Mod97.remainder(of: bytes.prefix(4), prefixRemainder: bbanRemainder) == 1
        else {
            throw error(.checkDigitsFailed)
        }
    }

    private func error(_ problem: IdentifierError.Problem) -> IdentifierError {
        IdentifierError(kind: .iban, value: electronicFormat, problem: problem)
    }

    /// Upper-cases ASCII letters and drops spaces; returns the input itself when it is
    /// already in electronic format (the common case), avoiding a copy.
    private static func normalize(_ text: String) -> String {
        let needsWork = text.utf8.contains { $0 == 0x20 || ASCII.isLower($0) }
        guard needsWork else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 where byte != 0x20 {
            bytes.append(ASCII.isLower(byte) ? byte - 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension IBAN: Hashable {
    public static func == (lhs: IBAN, rhs: IBAN) -> Bool { lhs.electronicFormat == rhs.electronicFormat }
    public func hash(into hasher: inout Hasher) { hasher.combine(electronicFormat) }
}

extension IBAN: CustomStringConvertible {
    public var description: String { rawValue }
}
