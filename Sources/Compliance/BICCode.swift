import ISO20022

/// Helpers for SWIFT/BIC codes (ISO 9362).
public enum BICCode {
    /// Whether `code` has the BIC shape of ISO 9362:2014 (see `BIC.hasValidShape`), in either case.
    public static func isWellFormed(_ code: some StringProtocol) -> Bool {
        // Screening passes upper-case codes: no second copy for them.
        let text = String(code)
        return BIC(text).hasValidShape || BIC(text.uppercased()).hasValidShape
    }

    /// The upper-case BIC with spaces removed, or nil when it is not well formed.
    public static func normalised(_ raw: String) -> String? {
        guard raw.utf8.count >= 8, raw.utf8.count <= 16 else { return nil }
        let code = raw.removingWhitespaceUppercased()
        return isWellFormed(code) ? code : nil
    }

    /// The first 8 characters (institution, country, location) of a well-formed BIC.
    public static func bic8(_ code: String) -> String { String(code.prefix(8)) }

    /// The ISO 3166 country code inside a BIC (characters 5–6).
    public static func countryCode(_ code: String) -> String {
        let chars = Array(code)
        return chars.count >= 6 ? String(chars[4...5]).uppercased() : ""
    }
}
