import Testing
import Foundation
@testable import Compliance

/// Extra labelled cases of every kind in the held-out set, built from real list names.
@Suite(.enabled(if: SharedListData.isAvailable, "shared sanctions data not found at ../shared/sanctions; skipping variation cases"))
struct ScreeningVariationTests {
    static let cases: [LabelledQuery] = [
        .init(query: "Oleg Vladimirovich Deripaska", expected: ["ofac_sdn:24283"], kind: "exact_primary"),
        .init(query: "Bank Melli Iran", expected: ["ofac_sdn:25578"], kind: "exact_primary"),
        .init(query: "National Bank of Iran", expected: ["ofac_sdn:25578"], kind: "exact_alt"),
        .init(query: "Guennadi Timtchenko", expected: ["ofac_sdn:16666"], kind: "exact_alt"),
        .init(query: "Timchenko Gennady Nikolayevich", expected: ["ofac_sdn:16666"], kind: "reordered_tokens"),
        .init(query: "Vladimirovich Oleg Deripaska", expected: ["ofac_sdn:24283"], kind: "reordered_tokens"),
        .init(query: "Oleg Vladímirovich Derípaska", expected: ["ofac_sdn:24283"], kind: "diacritics_added"),
        .init(query: "Bänk Mellí Irán", expected: ["ofac_sdn:25578"], kind: "diacritics_added"),
        .init(query: "Gennadiy Timchenco", expected: ["ofac_sdn:16666"], kind: "typo_1char_substitution"),
        .init(query: "Oleg Deripaksa", expected: ["ofac_sdn:24283"], kind: "typo_1char_transposition"),
        .init(query: "Mahaan Air", expected: ["ofac_sdn:12927"], kind: "typo_1char_insertion"),
        .init(query: "Transoil LLC", expected: ["ofac_sdn:16807"], kind: "company_suffix_variant"),
        .init(query: "Kohas Aktiengesellschaft", expected: ["ofac_sdn:9618"], kind: "company_suffix_variant"),
        .init(query: "Macpar Makina San ve Tic Anonim Sirketi", expected: ["ofac_sdn:12550"], kind: "company_suffix_variant"),
        .init(query: "Galax Trading Company Limited", expected: ["ofac_sdn:815"], kind: "company_suffix_variant"),
        .init(query: "Rosneft Trading SA", expected: ["ofac_sdn:18299"], kind: "company_suffix_variant"),
        .init(query: "Al Wasel & Babel General Trading L.L.C.", expected: ["ofac_sdn:8210"], kind: "company_suffix_variant"),
        .init(query: "Oleg Deripaska", expected: ["ofac_sdn:24283"], kind: "partial_name"),
        .init(query: "ONeill Assets Corporation", expected: ["ofac_sdn:37449"], kind: "punctuation_removed"),
        .init(query: "AL WASEL AND BABEL GENERAL TRADING, L.L.C.", expected: ["ofac_sdn:8210"], kind: "punctuation_added"),
        .init(query: "BKMTIRTHXXX", expected: ["ofac_sdn:25019"], kind: "bic_code"),
        .init(query: "MELIGB2L", expected: ["ofac_sdn:25420"], kind: "bic_code"),
        .init(query: "Геннадий Николаевич Тимченко", expected: ["ofac_sdn:16666"], kind: "non_latin_script"),
        .init(query: "Айрат Насимович Вахитов", expected: ["un_sc:QDi.397", "ofac_sdn:20240", "uk_hmt:13377"], kind: "non_latin_script"),
        .init(query: "صدام حسين التكريتي", expected: ["un_sc:IQi.001"], kind: "non_latin_script"),
        .init(query: "John Smith", expected: [], kind: "nonmatch_common_name"),
        .init(query: "Global Trading International LLC", expected: [], kind: "nonmatch_shared_tokens"),
        .init(query: "First National Bank", expected: [], kind: "nonmatch_shared_tokens"),
        .init(query: "Standard Chartered Bank", expected: [], kind: "nonmatch_shared_tokens"),
        .init(query: "Air France", expected: [], kind: "nonmatch_shared_tokens"),
        .init(query: "Elena Petrova Consulting Ltd", expected: [], kind: "nonmatch_shared_given_name"),
        .init(query: "International Bank of Commerce", expected: [], kind: "nonmatch_shared_tokens"),
        .init(query: "Emma Daniels", expected: [], kind: "nonmatch_shared_given_name"),
        .init(query: "Mohammad Ali Trading Company", expected: [], kind: "nonmatch_shared_tokens"),
    ]

    @Test(arguments: cases)
    func variationIsScreenedCorrectly(_ c: LabelledQuery) throws {
        let screener = try #require(SharedListData.screener)
        checkLabelled(c, screener: screener)
    }

    @Test func weakAliasAloneNeverBlocks() throws {
        let screener = try #require(SharedListData.screener)
        // 'BNC' is a weak a.k.a. of BANCO NACIONAL DE CUBA (ofac_sdn:306).
        let result = screener.screen(name: "BNC")
        #expect(result.decision != .block)
        #expect(result.hits.allSatisfy { $0.aliasType == "weak_aka" ? $0.decision == .review : true })
    }

    @Test func hitReportCarriesListDateProgrammesAndReason() throws {
        let screener = try #require(SharedListData.screener)
        let hit = try #require(screener.screen(name: "Ayoub Soleimani", path: "Cdtr/Nm").hits.first)
        #expect(hit.field == "Cdtr/Nm")
        #expect(hit.entityId == "ofac_sdn:28919")
        #expect(hit.list == "ofac_sdn")
        #expect(!hit.listDate.isEmpty)
        #expect(!hit.programs.isEmpty)
        #expect(hit.reason.contains("soleimani"))
        #expect(hit.decision == .block)
    }

    @Test func paymentRequestScreensNamesBICsAndCountries() throws {
        let screener = try #require(SharedListData.screener)
        let request = ScreeningRequest(fields: [
            ScreeningField(path: "Dbtr/Nm", kind: .name, value: "John Smith"),
            ScreeningField(path: "Cdtr/Nm", kind: .name, value: "Acme Widgets GmbH"),
            ScreeningField(path: "DbtrAgt/FinInstnId/BICFI", kind: .bic, value: "DEUTDEFFXXX"),
            ScreeningField(path: "Dbtr/PstlAdr/Ctry", kind: .country, value: "DE"),
        ])
        #expect(screener.screen(request).decision == .pass)

        let listed = ScreeningRequest(fields: [
            ScreeningField(path: "CdtrAgt/FinInstnId/BICFI", kind: .bic, value: "BKMTIRTH"),
        ])
        let result = screener.screen(listed)
        #expect(result.decision == .block)
        #expect(result.hits.contains { $0.entityId == "ofac_sdn:25019" && $0.aliasType == "bic" })
        #expect(result.hits.contains { $0.entityId == "embargo:IR" })
    }

    @Test func remittanceTextFindsAListedNameInsideASentence() throws {
        let screener = try #require(SharedListData.screener)
        let result = screener.screen(ScreeningRequest(fields: [
            ScreeningField(path: "RmtInf/Ustrd", kind: .text, value: "Invoice 4471 for services of Bank Melli Iran, March"),
        ]))
        #expect(result.hits.contains { $0.entityId == "ofac_sdn:25578" })
    }
}
