/// The ISO 4217 currency code table: every active code with its minor units, the fund,
/// precious-metal and special codes, and a selection of historic codes.
///
/// Look-ups go through ``entry(for:)`` and are dictionary look-ups on a packed three-letter
/// key, cheap enough to run for every amount of every message.
///
/// The table reflects ISO 4217 as amended up to 2025 (e.g. `ZWG` and `XCG` active;
/// `ZWL`, `ANG`, `HRK`, `SLL` and `CUC` historic). Codes outside ISO 4217 are unknown.
public enum ISO4217 {
    /// What the standard says about one currency code.
    public struct Entry: Sendable, Hashable {
        /// The three-letter alphabetic code, e.g. `"EUR"`.
        public let code: String
        /// The number of minor-unit digits (2 for EUR, 0 for JPY, 3 for BHD, 4 for CLF), or
        /// `nil` where ISO 4217 says "N.A." (precious metals, SDR, testing and no-currency codes).
        public let minorUnits: Int?
        /// `false` for codes withdrawn from ISO 4217 List One (kept in List Three).
        public let isActive: Bool

        init(_ code: String, _ minorUnits: Int?, active: Bool = true) {
            self.code = code
            self.minorUnits = minorUnits
            self.isActive = active
        }
    }

    /// The table entry for `code`, or `nil` if ISO 4217 (as far as this table knows) does not
    /// define it. Matching is case-sensitive: ISO 4217 codes are upper-case.
    public static func entry(for code: String) -> Entry? {
        guard let key = key(code) else { return nil }
        return table[key]
    }

    /// All entries in the table, active and historic, in alphabetical order.
    public static var allEntries: [Entry] { entries.sorted { $0.code < $1.code } }

    /// Packs three upper-case ASCII letters into one integer key; `nil` for anything else.
    static func key(_ code: String) -> UInt32? {
        var key: UInt32 = 0
        var count = 0
        for byte in code.utf8 {
            guard count < 3, ASCII.isUpper(byte) else { return nil }
            key = key << 8 | UInt32(byte)
            count += 1
        }
        return count == 3 ? key : nil
    }

    private static let table: [UInt32: Entry] = {
        var table: [UInt32: Entry] = [:]
        table.reserveCapacity(entries.count)
        for entry in entries { table[key(entry.code)!] = entry }
        return table
    }()

    private static let entries: [Entry] = active + fundsAndSpecial + historic

    private static let active: [Entry] = [
        Entry("AED", 2), Entry("AFN", 2), Entry("ALL", 2), Entry("AMD", 2), Entry("AOA", 2),
        Entry("ARS", 2), Entry("AUD", 2), Entry("AWG", 2), Entry("AZN", 2), Entry("BAM", 2),
        Entry("BBD", 2), Entry("BDT", 2), Entry("BGN", 2), Entry("BHD", 3), Entry("BIF", 0),
        Entry("BMD", 2), Entry("BND", 2), Entry("BOB", 2), Entry("BRL", 2), Entry("BSD", 2),
        Entry("BTN", 2), Entry("BWP", 2), Entry("BYN", 2), Entry("BZD", 2), Entry("CAD", 2),
        Entry("CDF", 2), Entry("CHF", 2), Entry("CLP", 0), Entry("CNY", 2), Entry("COP", 2),
        Entry("CRC", 2), Entry("CUP", 2), Entry("CVE", 2), Entry("CZK", 2), Entry("DJF", 0),
        Entry("DKK", 2), Entry("DOP", 2), Entry("DZD", 2), Entry("EGP", 2), Entry("ERN", 2),
        Entry("ETB", 2), Entry("EUR", 2), Entry("FJD", 2), Entry("FKP", 2), Entry("GBP", 2),
        Entry("GEL", 2), Entry("GHS", 2), Entry("GIP", 2), Entry("GMD", 2), Entry("GNF", 0),
        Entry("GTQ", 2), Entry("GYD", 2), Entry("HKD", 2), Entry("HNL", 2), Entry("HTG", 2),
        Entry("HUF", 2), Entry("IDR", 2), Entry("ILS", 2), Entry("INR", 2), Entry("IQD", 3),
        Entry("IRR", 2), Entry("ISK", 0), Entry("JMD", 2), Entry("JOD", 3), Entry("JPY", 0),
        Entry("KES", 2), Entry("KGS", 2), Entry("KHR", 2), Entry("KMF", 0), Entry("KPW", 2),
        Entry("KRW", 0), Entry("KWD", 3), Entry("KYD", 2), Entry("KZT", 2), Entry("LAK", 2),
        Entry("LBP", 2), Entry("LKR", 2), Entry("LRD", 2), Entry("LSL", 2), Entry("LYD", 3),
        Entry("MAD", 2), Entry("MDL", 2), Entry("MGA", 2), Entry("MKD", 2), Entry("MMK", 2),
        Entry("MNT", 2), Entry("MOP", 2), Entry("MRU", 2), Entry("MUR", 2), Entry("MVR", 2),
        Entry("MWK", 2), Entry("MXN", 2), Entry("MYR", 2), Entry("MZN", 2), Entry("NAD", 2),
        Entry("NGN", 2), Entry("NIO", 2), Entry("NOK", 2), Entry("NPR", 2), Entry("NZD", 2),
        Entry("OMR", 3), Entry("PAB", 2), Entry("PEN", 2), Entry("PGK", 2), Entry("PHP", 2),
        Entry("PKR", 2), Entry("PLN", 2), Entry("PYG", 0), Entry("QAR", 2), Entry("RON", 2),
        Entry("RSD", 2), Entry("RUB", 2), Entry("RWF", 0), Entry("SAR", 2), Entry("SBD", 2),
        Entry("SCR", 2), Entry("SDG", 2), Entry("SEK", 2), Entry("SGD", 2), Entry("SHP", 2),
        Entry("SLE", 2), Entry("SOS", 2), Entry("SRD", 2), Entry("SSP", 2), Entry("STN", 2),
        Entry("SVC", 2), Entry("SYP", 2), Entry("SZL", 2), Entry("THB", 2), Entry("TJS", 2),
        Entry("TMT", 2), Entry("TND", 3), Entry("TOP", 2), Entry("TRY", 2), Entry("TTD", 2),
        Entry("TWD", 2), Entry("TZS", 2), Entry("UAH", 2), Entry("UGX", 0), Entry("USD", 2),
        Entry("UYU", 2), Entry("UZS", 2), Entry("VED", 2), Entry("VES", 2), Entry("VND", 0),
        Entry("VUV", 0), Entry("WST", 2), Entry("XAF", 0), Entry("XCD", 2), Entry("XCG", 2),
        Entry("XOF", 0), Entry("XPF", 0), Entry("YER", 2), Entry("ZAR", 2), Entry("ZMW", 2),
        Entry("ZWG", 2),
    ]

    /// Fund codes (which have minor units) and the special `X` codes (which mostly do not).
    private static let fundsAndSpecial: [Entry] = [
        Entry("BOV", 2), Entry("CHE", 2), Entry("CHW", 2), Entry("CLF", 4), Entry("COU", 2),
        Entry("MXV", 2), Entry("USN", 2), Entry("UYI", 0), Entry("UYW", 4),
        Entry("XAG", nil), Entry("XAU", nil), Entry("XBA", nil), Entry("XBB", nil),
        Entry("XBC", nil), Entry("XBD", nil), Entry("XDR", nil), Entry("XPD", nil),
        Entry("XPT", nil), Entry("XSU", nil), Entry("XTS", nil), Entry("XUA", nil),
        Entry("XXX", nil),
    ]

    /// Withdrawn codes still met in archives, returns and tests, with their former minor units.
    private static let historic: [Entry] = [
        Entry("ANG", 2, active: false), Entry("ATS", 2, active: false), Entry("BEF", 0, active: false),
        Entry("BYR", 0, active: false), Entry("CUC", 2, active: false), Entry("CYP", 2, active: false),
        Entry("DEM", 2, active: false), Entry("EEK", 2, active: false), Entry("ESP", 0, active: false),
        Entry("FIM", 2, active: false), Entry("FRF", 2, active: false), Entry("GRD", 0, active: false),
        Entry("HRK", 2, active: false), Entry("IEP", 2, active: false), Entry("ITL", 0, active: false),
        Entry("LTL", 2, active: false), Entry("LUF", 0, active: false), Entry("LVL", 2, active: false),
        Entry("MRO", 2, active: false), Entry("MTL", 2, active: false), Entry("NLG", 2, active: false),
        Entry("PTE", 0, active: false), Entry("SIT", 2, active: false), Entry("SKK", 2, active: false),
        Entry("SLL", 2, active: false), Entry("STD", 2, active: false), Entry("TRL", 0, active: false),
        Entry("VEF", 2, active: false), Entry("XEU", nil, active: false), Entry("ZMK", 2, active: false),
        Entry("ZWL", 2, active: false),
    ]
}
