import Testing
@testable import Compliance

@Suite struct NormalisationTests {
    private func tokens(_ s: String) -> [[String]] {
        NameNormalizer.variants(of: s).map { $0.map { t in
            t.first == 0x01 ? (LegalForm(rawValue: t[1])?.label ?? "?") : String(decoding: t, as: UTF8.self)
        } }
    }

    @Test(arguments: [
        ("ANGLO-CARIBBEAN CO., LTD.", ["anglo", "caribbean", "<co>", "<ltd>"]),
        ("O'Brien", ["obrien"]),
        ("Łódź Øster Straße", ["lodz", "oster", "strasse"]),
        ("Jérôme Kakwavu Bukandé", ["jerome", "kakwavu", "bukande"]),
        ("Türkiye İş Bankası A.Ş.", ["turkiye", "is", "bankasi", "<jsc>"]),
        ("Sun Properties L.L.C.", ["sun", "properties", "<ltd>"]),
        ("OOO Transoil", ["<ltd>", "transoil"]),
        ("Hwasong Shipping Company Limited", ["hwasong", "shipping", "<co>", "<ltd>"]),
        ("AL WASEL & BABEL", ["al", "wasel", "and", "babel"]),
        ("Operadora Los Famosos, S.A. de C.V.", ["operadora", "los", "famosos", "<jsc>"]),
        ("Grupo Xyz S. de R.L. de C.V.", ["grupo", "xyz", "<ltd>"]),
    ])
    func latinNamesFoldToASCIITokensWithLegalFormClasses(_ input: String, _ expected: [String]) {
        #expect(tokens(input).first == expected)
    }

    @Test func ambiguousLegalFormWordsOnlyCountAtTheEdges() {
        // "AS" ends the name: a legal form. "SA" inside a name is not.
        #expect(tokens("Turkiye Is Bankasi AS").first == ["turkiye", "is", "bankasi", "<jsc>"])
        #expect(tokens("Sa Mining Group").first == ["<jsc>", "mining", "group"])
        #expect(tokens("Banco Sa Nostra").first == ["banco", "sa", "nostra"])
        #expect(tokens("Limited").first == ["limited"])
    }

    @Test func cyrillicGetsBGNScientificAndOriginalScriptVariants() {
        let v = tokens("Сергей Андреевич Даниленко")
        #expect(v.contains(["sergey", "andreyevich", "danilenko"]))
        #expect(v.contains(["sergej", "andreevic", "danilenko"]))
        #expect(v.contains(["сергеи", "андреевич", "даниленко"]))
    }

    @Test func arabicIsMatchedInItsOwnScriptOnly() {
        let v = tokens("صدام حسين التكريتي")
        #expect(v.count == 1)
        #expect(v.first?.count == 3)
    }

    @Test func particlesAreGluedInAnExtraVariant() {
        let glued = ScreeningIndex.gluedVariant([Array("al".utf8), Array("qaida".utf8)])
        #expect(glued == [Array("alqaida".utf8)])
        #expect(ScreeningIndex.gluedVariant([Array("bank".utf8)]) == nil)
    }
}

@Suite struct TokenSimilarityTests {
    private func sim(_ a: String, _ b: String) -> Float {
        Array(a.utf8).withUnsafeBufferPointer { x in Array(b.utf8).withUnsafeBufferPointer { y in TokenSimilarity.similarity(x, y) } }
    }

    @Test(arguments: [("hernandes", "hernandez"), ("syal", "sayl"), ("herera", "herrera"), ("vakhitov", "vakhitof")])
    func oneEditTyposMatchBelowExact(_ a: String, _ b: String) {
        let s = sim(a, b)
        #expect(s > 0.85 && s < 1)
    }

    @Test(arguments: [("bush", "habbash"), ("ali", "alu"), ("cuba", "cube1"), ("kim", "kin"), ("maria", "marina1")])
    func pairsOutsideTheTypoBudgetDoNotMatch(_ a: String, _ b: String) {
        #expect(sim(a, b) == 0)
    }

    @Test func exactTokensScoreOne() {
        #expect(sim("soleimani", "soleimani") == 1)
    }

    @Test func damerauCountsATranspositionAsOneEdit() {
        let d = Array("abcd".utf8).withUnsafeBufferPointer { x in
            Array("acbd".utf8).withUnsafeBufferPointer { y in TokenSimilarity.boundedDamerau(x, y, budget: 2) }
        }
        #expect(d == 1)
    }
}

@Suite struct BICAndCountryTests {
    @Test(arguments: ["BKMTIRTH", "bkmtirthxxx", "DEUT DE FF 500"])
    func wellFormedBICsNormalise(_ raw: String) {
        #expect(BICCode.normalised(raw) != nil)
    }

    @Test(arguments: ["BKMTIRT", "BKMT1RTH", "Bank Mellat"])
    func malformedBICsAreRejected(_ raw: String) {
        #expect(BICCode.normalised(raw) == nil)
    }

    @Test(arguments: [("IR", "IR"), ("Iran", "IR"), ("North Korea", "KP"), ("DE89370400440532013000", "DE"), ("UA-43", "UA-43"), ("Syrian Arab Republic", "SY"),
                      ("ir", "IR"), (" de89 3704 0044 0532 0130 00 ", "DE"), ("ua-43", "UA-43"), ("Crimea", "UA-43"), ("Lugansk", "UA-09")])
    func countryValuesResolveToCodes(_ raw: String, _ code: String) {
        #expect(CountryCodes.code(for: raw) == code)
    }

    @Test(arguments: [("UA-43", "Crimea"), ("UA-09", "Luhansk"), ("IR", "Iran"), ("ZZ-99", "ZZ-99")])
    func codesHaveOneDisplayName(_ code: String, _ name: String) {
        #expect(CountryCodes.name(for: code) == name, "the same name in every process, whatever the hash seed")
    }

    @Test(arguments: ["deut de ff", "DE89 3704 0044\t0532 0130 00", "  gb\n", "", "ünïcode ß straße", "a\u{00A0}b"])
    func whitespaceRemovalAgreesWithCharacterRules(_ raw: String) {
        #expect(raw.removingWhitespaceUppercased() == raw.filter { !$0.isWhitespace }.uppercased())
    }

    @Test func bicsTypedWithSpacesAreNormalised() {
        #expect(BICCode.normalised("deut de ff 500") == "DEUTDEFF500")
        #expect(BICCode.normalised("DEUT DE") == nil)
        #expect(BICCode.normalised("ab12 gb2l") == "AB12GB2L", "ISO 9362:2014 allows digits in the institution code")
        #expect(BICCode.normalised("DEUTD1FF") == nil, "but not in the country code")
    }
}
