/// A business identifier code (ISO 9362), e.g. `DEUTDEFF` or `DEUTDEFF500`.
///
/// Layout: 4-character institution code, 2-letter ISO 3166 country code, 2-character location
/// code, and an optional 3-character branch code. The institution code is letters in
/// practice, but the ISO 20022 `BICFIDec2014Identifier` pattern allows upper-case letters and
/// digits, and so does this type. Holds the text as given; call ``validate()`` to check it.
/// Component accessors never trap: on a too-short value they return what is there.
public struct BIC: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    /// The BIC exactly as written.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ text: String) { self.rawValue = text }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Characters 1–4: the institution (party prefix) code, e.g. `DEUT`.
    public var institutionCode: String { slice(0, 4) }
    /// Characters 5–6: the ISO 3166-1 country code, e.g. `DE`.
    public var countryCode: CountryCode { CountryCode(slice(4, 2)) }
    /// Characters 7–8: the location (party suffix) code, e.g. `FF`.
    public var locationCode: String { slice(6, 2) }
    /// Characters 9–11: the branch code, or `nil` for an 8-character BIC. `XXX` (primary office)
    /// is returned as is.
    public var branchCode: String? { rawValue.utf8.count > 8 ? slice(8, 3) : nil }
    /// The first 8 characters, identifying the institution's primary office location.
    public var bic8: String { slice(0, 8) }
    /// The 11-character form: the BIC itself if it has a branch code, otherwise ``bic8`` + `XXX`.
    public var bic11: String { branchCode.map { bic8 + $0 } ?? bic8 + "XXX" }

    /// `true` when ``validate()`` would not throw.
    public var isValid: Bool { (try? validate()) != nil }

    /// `true` when the text has the shape of an ISO 9362:2014 BIC (length and character
    /// classes: 4 letters or digits, 2 letters, 2 letters or digits, optionally 3 more), whatever
    /// its country code: what a file or folder named after a BIC needs.
    public var hasValidShape: Bool { (try? validateShape()) != nil }

    /// Checks length, character classes and that the country code is an ISO 3166 code.
    ///
    /// - Throws: ``IdentifierError`` of kind ``IdentifierError/Kind/bic`` (reason RC01).
    public func validate() throws(IdentifierError) {
        try validateShape()
        let country = Array(rawValue.utf8.dropFirst(4).prefix(2))
        guard CountryCode.isAssigned(country[0], country[1]) else {
            throw error(.unknownCountry(String(decoding: country, as: UTF8.self)))
        }
    }

    /// Length and character classes (upper case only), the country code's letters included.
    private func validateShape() throws(IdentifierError) {
        let bytes = rawValue.utf8
        guard bytes.count == 8 || bytes.count == 11 else {
            throw error(.wrongLength(found: bytes.count, expected: [8, 11]))
        }
        for (position, byte) in bytes.enumerated() {
            if position == 4 || position == 5 {
                guard ASCII.isUpper(byte) else {
                    throw error(.invalidCharacter(position: position, expected: "an upper-case letter"))
                }
            } else if !ASCII.isUpperAlphanumeric(byte) {
                throw error(.invalidCharacter(position: position, expected: "an upper-case letter or digit"))
            }
        }
    }

    private func error(_ problem: IdentifierError.Problem) -> IdentifierError {
        IdentifierError(kind: .bic, value: rawValue, problem: problem)
    }

    private func slice(_ offset: Int, _ length: Int) -> String {
        String(decoding: rawValue.utf8.dropFirst(offset).prefix(length), as: UTF8.self)
    }
}

extension BIC: CustomStringConvertible {
    public var description: String { rawValue }
}
