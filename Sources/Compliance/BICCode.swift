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
        // Most values tried here are names: an ASCII value whose non-space bytes cannot make
        // 8 or 11 characters is rejected before any copy is made.
        if raw.isAllASCII {
            var length = 0
            for b in raw.utf8 where !b.isASCIIWhitespace { length += 1 }
            guard length == 8 || length == 11 else { return nil }
        }
        let code = raw.removingWhitespaceUppercased()
        return isWellFormed(code) ? code : nil
    }

    /// The first 8 characters (institution, country, location) of a well-formed BIC.
    public static func bic8(_ code: String) -> String { String(code.prefix(8)) }
}
