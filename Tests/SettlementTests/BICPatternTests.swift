import ISO20022
import Testing
@testable import Settlement

@Suite struct BICPatternTests {
    @Test(arguments: [
        ("BANKDEFFXXX", "BANKDEFF", true), ("BANKDEFFXXX", "BANKDEFFXXX", true), ("BANKDEFF", "BANKDEFFXXX", true),
        ("BANKDEFF", "BANKDEFF123", true), ("BANKDEFFXXX", "BANKDEFF123", false), ("BANKDE*", "BANKDEMMXXX", true),
        ("BANKDE*", "BANKFRPPXXX", false), ("US*", "USBKUS33", true),
    ])
    func matchesExactBIC8AndPrefixForms(_ pattern: String, _ bic: String, _ expected: Bool) throws {
        let p = try #require(BICPattern(pattern))
        #expect(p.matches(BIC(bic)) == expected)
    }

    @Test(arguments: ["BANK", "BANKXXFF", "BANK-DE*", "", "*"])
    func rejectsMalformedPatterns(_ text: String) {
        #expect(BICPattern(text) == nil)
    }
}
