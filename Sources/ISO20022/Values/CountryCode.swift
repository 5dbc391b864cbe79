/// An ISO 3166-1 alpha-2 country code such as `DE`, as used in addresses, BICs and IBANs.
///
/// Holds the text as given; ``isValid`` accepts the 249 officially assigned codes plus `XK`,
/// the user-assigned code that SWIFT and the payments industry use for Kosovo. Codes are
/// upper-case; `"de"` is not valid.
public struct CountryCode: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    /// The code exactly as written.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ code: String) { self.rawValue = code }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// `true` when the code is an assigned ISO 3166-1 alpha-2 code or `XK`.
    public var isValid: Bool {
        var bytes = rawValue.utf8.makeIterator()
        guard let first = bytes.next(), let second = bytes.next(), bytes.next() == nil else { return false }
        return Self.isAssigned(first, second)
    }

    /// Checks the code.
    ///
    /// - Throws: ``IdentifierError`` of kind ``IdentifierError/Kind/countryCode`` (reason BE09).
    public func validate() throws(IdentifierError) {
        let count = rawValue.utf8.count
        guard count == 2 else {
            throw IdentifierError(kind: .countryCode, value: rawValue, problem: .wrongLength(found: count, expected: [2]))
        }
        for (position, byte) in rawValue.utf8.enumerated() where !ASCII.isUpper(byte) {
            throw IdentifierError(
                kind: .countryCode, value: rawValue,
                problem: .invalidCharacter(position: position, expected: "an upper-case letter"))
        }
        guard isValid else {
            throw IdentifierError(kind: .countryCode, value: rawValue, problem: .unknownCountry(rawValue))
        }
    }

    /// `true` when the two ASCII bytes spell an assigned code.
    static func isAssigned(_ first: UInt8, _ second: UInt8) -> Bool {
        guard ASCII.isUpper(first), ASCII.isUpper(second) else { return false }
        return assigned[Int(first &- 0x41)] & (1 << UInt32(second &- 0x41)) != 0
    }

    /// For each first letter A–Z, a bit mask of the second letters that form an assigned code.
    private static let assigned: [UInt32] = {
        var masks = [UInt32](repeating: 0, count: 26)
        let codes = """
            AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
            BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
            CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
            DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
            GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY \
            HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP \
            KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY \
            MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
            NA NC NE NF NG NI NL NO NP NR NU NZ OM \
            PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW \
            SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
            TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ \
            VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK
            """
        for code in codes.split(separator: " ") {
            let bytes = Array(code.utf8)
            masks[Int(bytes[0] - 0x41)] |= 1 << UInt32(bytes[1] - 0x41)
        }
        return masks
    }()

    /// The number of codes ``isValid`` accepts (249 assigned plus `XK`).
    static var acceptedCount: Int { assigned.reduce(0) { $0 + $1.nonzeroBitCount } }
}

extension CountryCode: CustomStringConvertible {
    public var description: String { rawValue }
}
