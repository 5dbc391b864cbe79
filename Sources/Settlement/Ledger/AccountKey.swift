/// The natural key of an account: participant and currency.
struct AccountKey: Sendable, Hashable {
    var participant: String
    var currency: String

    /// Whether `participant` is a BIC: 8 or 11 upper-case ASCII letters and digits.
    static func isValidParticipant(_ participant: String) -> Bool {
        let utf8 = participant.utf8
        guard utf8.count == 8 || utf8.count == 11 else { return false }
        return utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// Whether `currency` looks like an ISO 4217 alphabetic code: three upper-case ASCII letters.
    static func isValidCurrency(_ currency: String) -> Bool {
        let utf8 = currency.utf8
        return utf8.count == 3 && utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }
}
