/// Why an identifier (BIC, IBAN, LEI, UETR, country code) is invalid, with the status reason
/// code a rule should report.
///
/// Reason codes come from the ISO 20022 `ExternalStatusReason1Code` set. It has no code per
/// identifier scheme for every case, so these are the closest fits:
///
/// | Identifier   | Code | Definition in the code set                                        |
/// |--------------|------|-------------------------------------------------------------------|
/// | IBAN         | AC01 | Account number is invalid or missing                              |
/// | BIC          | RC01 | Bank identifier code specified in the message has an incorrect format |
/// | LEI          | BE15 | Identification code missing or invalid (no LEI-specific code exists) |
/// | UETR         | FF08 | End to End Id missing or invalid (the UETR is the unique end-to-end reference; no UETR-specific code exists) |
/// | Country code | BE09 | Country code is missing or invalid                                |
///
/// A rule that knows more context (for example that the account is the debtor's, AC02) may
/// report a more specific code of its own.
public struct IdentifierError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The identifier scheme being validated.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case bic = "BIC"
        case iban = "IBAN"
        case lei = "LEI"
        case uetr = "UETR"
        case countryCode = "Country code"
    }

    /// What is wrong with the identifier.
    public enum Problem: Sendable, Hashable {
        /// The identifier has `found` characters where one of `expected` is required
        /// (`expected` is empty when the value is too short to tell which length applies).
        case wrongLength(found: Int, expected: [Int])
        /// The character at zero-based `position` is not allowed there; `expected` says what is.
        case invalidCharacter(position: Int, expected: String)
        /// The embedded country code is not an ISO 3166-1 alpha-2 code.
        case unknownCountry(String)
        /// The country does not issue IBANs (it is not in the IBAN registry).
        case countryWithoutIBAN(String)
        /// The ISO 7064 MOD 97-10 check fails.
        case checkDigitsFailed
    }

    /// Which scheme the value was checked against.
    public let kind: Kind
    /// The offending value, as given.
    public let value: String
    /// What is wrong with it.
    public let problem: Problem

    public init(kind: Kind, value: String, problem: Problem) {
        self.kind = kind
        self.value = value
        self.problem = problem
    }

    /// The `ExternalStatusReason1Code` to report; see the table in the type's documentation.
    public var reasonCode: String {
        switch kind {
        case .iban: "AC01"
        case .bic: "RC01"
        case .lei: "BE15"
        case .uetr: "FF08"
        case .countryCode: "BE09"
        }
    }

    /// A sentence naming the value and what is wrong, e.g.
    /// `"IBAN DE89370400440532013001 has check digits that fail mod-97"`.
    public var description: String {
        let subject = "\(kind.rawValue) \(value.isEmpty ? "(empty)" : value)"
        switch problem {
        case .wrongLength(let found, let expected) where expected.isEmpty:
            return "\(subject) is too short (\(found) characters)"
        case .wrongLength(let found, let expected):
            let allowed = expected.map(String.init).joined(separator: " or ")
            return "\(subject) has \(found) characters but must have \(allowed)"
        case .invalidCharacter(let position, let expected):
            return "\(subject) has an invalid character at position \(position + 1): expected \(expected)"
        case .unknownCountry(let country):
            return "\(subject) has country code \(country), which is not an ISO 3166-1 code"
        case .countryWithoutIBAN(let country):
            return "\(subject) has country code \(country), which does not issue IBANs"
        case .checkDigitsFailed:
            return "\(subject) has check digits that fail mod-97"
        }
    }
}
