import Foundation

/// Turns a name into comparable token sequences, the same way for list names and queries.
///
/// Steps: Unicode case and accent folding (with explicit folds for ł, ø, đ, ß, æ, œ, þ, ı);
/// transliteration of non-Latin scripts to Latin with ICU (`Any-Latin`, plus the BGN/PCGN
/// romanisation for Cyrillic, which is closer to how lists spell Russian names); a separate
/// original-script variant for Cyrillic, Arabic and other scripts; apostrophes deleted without
/// splitting (`O'Brien` → `obrien`), other punctuation splitting tokens; `&` read as `and`; and
/// legal forms replaced by class tokens (see ``LegalForm``). Word order is left alone: scoring
/// is order-insensitive, so "SURNAME, Given" and "Given Surname" compare equal.
enum NameNormalizer {
    /// Normalised variants of `text` (one for plain Latin text; up to three for other scripts).
    /// Each variant is a list of tokens; tokens are ASCII except in original-script variants.
    static func variants(of text: String) -> [[[UInt8]]] {
        let utf8 = text.utf8
        if text.isAllASCII {
            let tokens = utf8.withContiguousStorageIfAvailable { asciiTokens($0) } ?? asciiTokens(utf8)
            return tokens.isEmpty ? [] : [LegalForm.canonicalise(tokens)]
        }
        var hasOtherScript = false
        var hasCyrillic = false
        var hasArabic = false
        for scalar in text.unicodeScalars where scalar.value >= 0x250 {
            let v = scalar.value
            if (0x2000...0x206F).contains(v) || (0x1E00...0x1EFF).contains(v) || (0x300...0x36F).contains(v) { continue }
            if scalar.properties.isAlphabetic {
                hasOtherScript = true
                if (0x400...0x52F).contains(v) { hasCyrillic = true }
                if (0x600...0x6FF).contains(v) || (0x750...0x77F).contains(v) || (0xFB50...0xFEFF).contains(v) { hasArabic = true }
            }
        }
        var results: [[[UInt8]]] = []
        func add(_ tokens: [[UInt8]]) {
            guard !tokens.isEmpty else { return }
            let canonical = LegalForm.canonicalise(tokens)
            if !results.contains(canonical) { results.append(canonical) }
        }
        if !hasOtherScript {
            add(asciiTokens(foldLatin(text).utf8))
            return results
        }
        if hasCyrillic, let bgn = text.applyingTransform(StringTransform("Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower"), reverse: false) {
            add(asciiTokens(bgn.utf8))
        }
        // ICU romanises Arabic as an unvowelled skeleton that matches nothing useful; Arabic
        // names are matched in their own script instead.
        if !hasArabic, let latin = text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII; Lower"), reverse: false) {
            add(asciiTokens(latin.utf8))
        }
        add(originalScriptTokens(text))
        return results
    }

    /// Lower-case ASCII tokens from UTF-8 bytes: letters and digits kept, apostrophes deleted,
    /// `&` becomes the token `and`, anything else (including leftover non-ASCII) splits.
    static func asciiTokens<C: Collection>(_ bytes: C) -> [[UInt8]] where C.Element == UInt8 {
        var tokens: [[UInt8]] = []
        tokens.reserveCapacity(8)
        var current: [UInt8] = []
        current.reserveCapacity(16)
        for b in bytes {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                current.append(b)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                current.append(b + 32)
            case UInt8(ascii: "'"), UInt8(ascii: "`"):
                continue
            case UInt8(ascii: "&"):
                if !current.isEmpty { tokens.append(current); current.removeAll(keepingCapacity: true) }
                tokens.append(Array("and".utf8))
            default:
                if !current.isEmpty { tokens.append(current); current.removeAll(keepingCapacity: true) }
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Folds Latin-script text to ASCII without ICU: canonical decomposition, combining marks
    /// dropped, a few letters without decompositions mapped explicitly, and typographic
    /// apostrophes turned into `'`.
    static func foldLatin(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            let v = scalar.value
            if v < 0x80 { out.append(scalar); continue }
            if (0x300...0x36F).contains(v) { continue }
            switch v {
            case 0x2018, 0x2019, 0x201B, 0x2032, 0x02BC, 0x02BB, 0x02BE, 0x02BF, 0x00B4: out.append("'")
            case 0x0141, 0x0142: out.append("l")
            case 0x00D8, 0x00F8: out.append("o")
            case 0x0110, 0x0111, 0x00D0, 0x00F0: out.append("d")
            case 0x0131: out.append("i")
            case 0x00DF: out.append(contentsOf: "ss".unicodeScalars)
            case 0x00C6, 0x00E6: out.append(contentsOf: "ae".unicodeScalars)
            case 0x0152, 0x0153: out.append(contentsOf: "oe".unicodeScalars)
            case 0x00DE, 0x00FE: out.append(contentsOf: "th".unicodeScalars)
            case 0x0127: out.append("h")
            default: out.append(" ")
            }
        }
        return String(out)
    }

    /// Tokens in the original script: lower-cased, combining marks dropped, Arabic letter
    /// variants unified (alef forms, taa marbuta, alef maqsura), split on non-letters.
    static func originalScriptTokens(_ text: String) -> [[UInt8]] {
        var tokens: [[UInt8]] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { tokens.append(Array(String(current).utf8)); current.removeAll() }
        }
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            let props = scalar.properties
            if props.generalCategory == .nonspacingMark || props.generalCategory == .enclosingMark { continue }
            switch scalar.value {
            case 0x0640: continue  // tatweel
            case 0x0622, 0x0623, 0x0625, 0x0671: current.append(Unicode.Scalar(0x0627)!)
            case 0x0629: current.append(Unicode.Scalar(0x0647)!)
            case 0x0649: current.append(Unicode.Scalar(0x064A)!)
            case 0x06CC: current.append(Unicode.Scalar(0x064A)!)
            case 0x06A9: current.append(Unicode.Scalar(0x0643)!)
            case 0x0451: current.append(Unicode.Scalar(0x0435)!)  // ё → е
            default:
                if props.isAlphabetic || props.numericType != nil { current.append(scalar) } else { flush() }
            }
        }
        flush()
        return tokens
    }
}
