import Foundation

/// Resolves country field values (codes, names, IBANs) to ISO 3166 codes.
enum CountryCodes {
    /// Normalised English country name → alpha-2 code, from Foundation's region list plus
    /// common list spellings.
    static let byName: [String: String] = {
        var map: [String: String] = [:]
        let english = Locale(identifier: "en_US")
        for region in Locale.Region.isoRegions where region.identifier.count == 2 {
            if let name = english.localizedString(forRegionCode: region.identifier) {
                map[key(name)] = region.identifier
            }
        }
        let extra: [String: String] = [
            "iran islamic republic of": "IR", "islamic republic of iran": "IR",
            "north korea": "KP", "korea north": "KP", "korea democratic peoples republic of": "KP",
            "democratic peoples republic of korea": "KP", "dprk": "KP",
            "syrian arab republic": "SY", "syria": "SY", "cuba": "CU",
            "russian federation": "RU", "burma": "MM", "turkey": "TR", "ivory coast": "CI",
            "cote divoire": "CI", "south korea": "KR", "korea south": "KR", "republic of korea": "KR",
            "united states of america": "US", "usa": "US", "uk": "GB", "great britain": "GB",
            "venezuela bolivarian republic of": "VE", "laos": "LA", "vietnam": "VN", "viet nam": "VN",
            "congo democratic republic of the": "CD", "democratic republic of the congo": "CD",
        ]
        map.merge(extra) { _, new in new }
        for subdivision in subdivisions {
            for name in subdivision.names { map[name] = subdivision.code }
        }
        return map
    }()

    /// Regions screened by their ISO 3166-2 code, with the spellings lists use for them; the
    /// first is the display name.
    static let subdivisions: [(code: String, names: [String])] = [
        ("UA-43", ["crimea", "crimea region of ukraine"]), ("UA-40", ["sevastopol"]),
        ("UA-14", ["donetsk"]), ("UA-09", ["luhansk", "lugansk"]),
    ]

    static func key(_ name: String) -> String {
        NameNormalizer.asciiTokens(NameNormalizer.foldLatin(name).utf8)
            .map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }

    /// The ISO code for a country field value, or nil when it is not recognised.
    static func code(for raw: String) -> String? {
        // The common case, ASCII without white space (a code or an IBAN): nothing to trim or
        // remove, so the shapes are checked on the value's own bytes.
        if raw.isAllASCII, !raw.utf8.contains(where: \.isASCIIWhitespace),
           let code: String? = raw.utf8.withContiguousStorageIfAvailable({ codeByShape($0) }) {
            return code ?? byName[key(raw)]
        }
        let value = raw.trimmingASCIIWhitespace()
        var compact = value.removingWhitespaceUppercased()
        return compact.withUTF8 { codeByShape($0) } ?? byName[key(value)]
    }

    /// The code a value spells by its shape alone, upper-cased: an alpha-2 code, a subdivision
    /// code (`UA-43`) or an IBAN's country (two letters, two check digits, 11–30 alphanumerics).
    /// `chars` holds no white space.
    private static func codeByShape(_ chars: UnsafeBufferPointer<UInt8>) -> String? {
        func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func upperCased(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> String { String(decoding: bytes.map(upper), as: UTF8.self) }
        if chars.count == 2, chars.allSatisfy(isLetter) { return upperCased(chars[...]) }
        if chars.count >= 4, chars.count <= 6, isLetter(chars[0]), isLetter(chars[1]), chars[2] == UInt8(ascii: "-") {
            return upperCased(chars[...])
        }
        if chars.count >= 15, chars.count <= 34, isLetter(chars[0]), isLetter(chars[1]), isDigit(chars[2]), isDigit(chars[3]),
           chars.allSatisfy({ isLetter($0) || isDigit($0) }) {
            return upperCased(chars[..<2])
        }
        return nil
    }

    @inline(__always)
    private static func upper(_ b: UInt8) -> UInt8 { b >= 97 && b <= 122 ? b - 32 : b }

    /// A display name for a code: the region's English name, a subdivision's first spelling,
    /// else the code itself.
    static func name(for code: String) -> String {
        if code.count == 2, let name = Locale(identifier: "en_US").localizedString(forRegionCode: code) { return name }
        return subdivisions.first { $0.code == code }?.names.first?.capitalized ?? code
    }
}
