/// Legal-form classes: company suffixes and prefixes are canonicalised to a class token
/// instead of being deleted, so "OOO", "LLC" and "Limited Liability Company" compare equal
/// and "Co., Ltd." equals "Company Limited", while the legal form still counts (lightly).
enum LegalForm: UInt8, CaseIterable, Sendable {
    /// Private limited companies: Ltd, Limited, LLC, OOO, GmbH, SARL, SRL, d.o.o., TOO, Ltda, PT ...
    case limited = 1
    /// "Company" words: Co, Company, Compania, Compagnie, Cia, Sirketi ...
    case company
    /// Corporation and incorporated: Corp, Corporation, Inc, Incorporated.
    case corporation
    /// Joint-stock and public companies: JSC, PJSC, OAO, ZAO, AO, PAO, SA, AG, AS, A.S., NV, SpA, PLC ...
    case jointStock
    /// Free-zone establishments: FZE, FZCO, FZC, Free Zone Establishment/Company.
    case freeZone
    /// Partnerships: LLP, LP, KG, Partnership.
    case partnership

    /// The token that stands for this class in normalised names (never produced by text).
    var token: [UInt8] { [0x01, rawValue] }

    /// A short label for explanations.
    var label: String {
        switch self {
        case .limited: "<ltd>"
        case .company: "<co>"
        case .corporation: "<corp>"
        case .jointStock: "<jsc>"
        case .freeZone: "<fz>"
        case .partnership: "<lp>"
        }
    }

    /// A word that normalises back to this class.
    var representative: String {
        switch self {
        case .limited: "ltd"
        case .company: "company"
        case .corporation: "corp"
        case .jointStock: "jsc"
        case .freeZone: "fze"
        case .partnership: "llp"
        }
    }

    /// The class a normalised token stands for, if it is a class token.
    static func of(token: UnsafeBufferPointer<UInt8>) -> LegalForm? {
        guard token.count == 2, token[0] == 0x01 else { return nil }
        return LegalForm(rawValue: token[1])
    }

    /// A phrase (in normalised tokens) and the class it maps to. Ambiguous phrases (short
    /// words that are also ordinary words or initials) count only at the start or end of a name.
    struct Phrase {
        let tokens: [[UInt8]]
        let form: LegalForm
        let ambiguous: Bool
    }

    private static let table: [(LegalForm, [String], [String])] = [
        (.limited,
         ["ltd", "limited", "llc", "l l c", "ooo", "o o o", "gmbh", "g m b h", "sarl", "s a r l", "srl", "s r l",
          "doo", "d o o", "sp z o o", "spzoo", "kft", "ltda", "limitada", "too", "tov", "mchj", "bhd", "sdn bhd",
          "pty ltd", "pte ltd", "private limited", "limited liability company", "limited liability co",
          "limited company", "ltd co", "ltd company", "llc company",
          "obshchestvo s ogranichennoy otvetstvennostyu", "obshchestvo s ogranichennoi otvetstvennostiu",
          "obshestvo s ogranichennoy otvetstvennostyu", "tovarystvo z obmezhenoyu vidpovidalnistyu",
          "sociedad limitada", "societe a responsabilite limitee", "gesellschaft mit beschrankter haftung",
          "societa a responsabilita limitata", "limited liability partnership company",
          "s de rl de cv", "s de r l de c v", "s de rl", "s de r l", "sociedad de responsabilidad limitada", "eirl", "e i r l"],
         ["bv", "b v", "pt", "sl", "s l", "eood", "ood", "sro", "s r o", "ohg"]),
        (.company,
         ["company", "compania", "compagnie", "companhia", "sirketi", "shirketi", "kompaniya", "kompanii",
          "kompania", "sherkat", "sharikat", "sharikah", "sharika"],
         ["co", "cia", "cie", "ve"]),
        (.corporation,
         ["corp", "corporation", "inc", "incorporated", "korporatsiya", "korporatsiia", "corporacion"],
         []),
        (.jointStock,
         ["jsc", "ojsc", "cjsc", "pjsc", "oao", "zao", "pao", "jstc", "joint stock company", "joint stock co",
          "open joint stock company", "closed joint stock company", "public joint stock company",
          "joint stock", "jointstock company", "aktsionernoe obshchestvo", "aktsionernoye obshchestvo",
          "otkrytoe aktsionernoe obshchestvo", "zakrytoe aktsionernoe obshchestvo",
          "publichnoe aktsionernoe obshchestvo", "plc", "public limited company", "aktiengesellschaft",
          "societe anonyme", "sociedad anonima", "sociedade anonima", "societa per azioni", "anonim sirketi",
          "aksjeselskap", "aktieselskab", "aktiebolag", "naamloze vennootschap", "sae", "s a e", "saog", "saoc", "psc", "p s c", "qsc", "q s c", "bsc", "b s c",
          "kpsc", "k p s c", "jsco", "pjsco", "sa de cv", "s a de c v", "sapi de cv", "s a p i de c v",
          "sab de cv", "s a b de c v", "saic", "s a i c", "saci", "s a c i", "sociedad anonima de capital variable"],
         ["sa", "ag", "as", "ao", "nv", "spa", "ab", "asa", "oyj", "ad", "dd", "ae", "sas", "tas", "sc",
          "s a", "s p a", "a s", "a g", "n v"]),
        (.freeZone,
         ["fze", "fzco", "fzc", "fz llc", "fzllc", "free zone establishment", "free zone company", "fz co", "f z e",
          "f z c o", "dmcc"],
         []),
        (.partnership,
         ["llp", "l l p", "partnership", "limited partnership", "limited liability partnership"],
         ["lp", "l p", "kg", "snc"]),
    ]

    /// Phrases grouped by their first token, longest first.
    static let phrasesByFirstToken: [[UInt8]: [Phrase]] = {
        var byFirst: [[UInt8]: [Phrase]] = [:]
        for (form, plain, ambiguous) in table {
            for (words, isAmbiguous) in plain.map({ ($0, false) }) + ambiguous.map({ ($0, true) }) {
                let tokens = words.split(separator: " ").map { Array($0.utf8) }
                byFirst[tokens[0], default: []].append(Phrase(tokens: tokens, form: form, ambiguous: isAmbiguous))
            }
        }
        return byFirst.mapValues { $0.sorted { $0.tokens.count > $1.tokens.count } }
    }()

    /// A quick filter in front of ``phrasesByFirstToken``: one bit per (length, first byte,
    /// last byte) combination of the phrases' first tokens. A clear bit means that no phrase
    /// starts with the token, without hashing it.
    private static let firstTokenFilter: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 512)
        for first in phrasesByFirstToken.keys {
            let k = filterBit(first)
            bits[k >> 6] |= 1 << UInt64(k & 63)
        }
        return bits
    }()

    @inline(__always)
    private static func filterBit(_ token: [UInt8]) -> Int {
        (min(token.count, 31) << 10) | (Int(token.first ?? 0) & 31) << 5 | (Int(token.last ?? 0) & 31)
    }

    /// Whether some phrase may start with `token` (false means certainly none does).
    @inline(__always)
    private static func mayStartPhrase(_ token: [UInt8]) -> Bool {
        let k = filterBit(token)
        return firstTokenFilter[k >> 6] & (1 << UInt64(k & 63)) != 0
    }

    /// Replaces legal-form phrases in `tokens` with class tokens.
    ///
    /// Unambiguous phrases are replaced anywhere; ambiguous ones only in the run of legal
    /// forms that ends the name, or as the first token of a name of two or more tokens.
    static func canonicalise(_ tokens: [[UInt8]]) -> [[UInt8]] {
        guard tokens.count >= 2 else { return tokens }
        var matches: [(start: Int, length: Int, phrase: Phrase)] = []
        var i = 0
        while i < tokens.count {
            var matched: Phrase?
            if mayStartPhrase(tokens[i]), let phrases = phrasesByFirstToken[tokens[i]] {
                for phrase in phrases where i + phrase.tokens.count <= tokens.count {
                    var ok = true
                    for k in 1..<phrase.tokens.count where tokens[i + k] != phrase.tokens[k] { ok = false; break }
                    if ok { matched = phrase; break }
                }
            }
            if let matched {
                matches.append((i, matched.tokens.count, matched))
                i += matched.tokens.count
            } else {
                i += 1
            }
        }
        guard !matches.isEmpty else { return tokens }
        // The trailing run: matches that, together, reach the end of the name.
        var trailingStart = tokens.count
        for m in matches.reversed() where m.start + m.length == trailingStart { trailingStart = m.start }
        var accepted: [(start: Int, length: Int, phrase: Phrase)] = []
        for m in matches {
            let inTrailingRun = m.start >= trailingStart && trailingStart > 0
            let leading = m.start == 0 && m.length < tokens.count
            if !m.phrase.ambiguous || inTrailingRun || leading { accepted.append(m) }
        }
        // Never turn a whole name into legal forms.
        if accepted.reduce(0, { $0 + $1.length }) >= tokens.count { return tokens }
        var out: [[UInt8]] = []
        out.reserveCapacity(tokens.count)
        var next = 0
        for m in accepted {
            out.append(contentsOf: tokens[next..<m.start])
            out.append(m.phrase.form.token)
            next = m.start + m.length
        }
        out.append(contentsOf: tokens[next...])
        return out
    }
}
