import ISO20022

/// An account as compliance compares it: one normalised string, and the IBAN country when the
/// account is an IBAN.
///
/// IBANs are kept in electronic format (no spaces, upper case), so `DE89 3704 ...` and
/// `DE893704...` are the same account; other identifiers (`Othr/Id`) are kept as written.
public struct AccountIdentifier: Sendable, Hashable {
    /// The IBAN in electronic format, or `Othr/Id` as written.
    public let value: String
    /// The IBAN's country (its first two letters), `nil` for a non-IBAN identifier.
    public let ibanCountry: CountryCode?

    /// An identifier read from a pacs.008 `Acct/Id` choice.
    public init(_ choice: AccountIdentification4Choice) {
        switch choice {
        case .iban(let iban):
            self.value = iban.electronicFormat
            self.ibanCountry = iban.countryCode
        case .othr(let other):
            self.value = other.id
            self.ibanCountry = nil
        }
    }

    /// An IBAN account.
    public init(iban: IBAN) { self.init(.iban(iban)) }

    /// A non-IBAN account identifier.
    public init(other id: String) {
        self.value = id
        self.ibanCountry = nil
    }
}

extension AccountIdentifier: CustomStringConvertible {
    public var description: String { value }
}
