/// One screenable value of a payment.
///
/// The gateway fills these from a pacs.008/pacs.009 message; `path` is the message path
/// reported back in hits (e.g. `Cdtr/Nm`, `CdtrAgt/FinInstnId/BICFI`).
public struct ScreeningField: Sendable, Hashable, Codable {
    /// What the value is, which decides how it is screened.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A party or agent name: fuzzy name matching (a value shaped like a listed BIC is also
        /// looked up as a BIC).
        case name
        /// A BIC8 or BIC11: exact BIC lookup plus the BIC's country against embargoes.
        case bic
        /// A country: ISO 3166 alpha-2 code, subdivision code (`UA-43`), country name, or an
        /// IBAN (its country prefix is used). Checked against embargoed jurisdictions.
        case country
        /// Free text such as unstructured remittance: listed names are searched inside it.
        case text
    }

    public var path: String
    public var kind: Kind
    public var value: String

    public init(path: String, kind: Kind, value: String) {
        self.path = path
        self.kind = kind
        self.value = value
    }
}

/// The screenable fields of one payment.
public struct ScreeningRequest: Sendable, Hashable, Codable {
    public var fields: [ScreeningField]

    public init(fields: [ScreeningField]) {
        self.fields = fields
    }
}
