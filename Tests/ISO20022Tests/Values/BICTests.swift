import Testing
@testable import ISO20022

@Suite struct BICTests {
    @Test(arguments: ["DEUTDEFF", "DEUTDEFF500", "NWBKGB2L", "CHASUS33XXX", "BNPAFRPPXXX", "1234DEFFXXX", "RZOOAT2L303"])
    func acceptsWellFormedBICs(text: String) throws {
        try BIC(text).validate()
    }

    @Test(arguments: [
        ("DEUTDEF", IdentifierError.Problem.wrongLength(found: 7, expected: [8, 11])),
        ("DEUTDEFF50", .wrongLength(found: 10, expected: [8, 11])),
        ("DEUTD1FF", .invalidCharacter(position: 5, expected: "an upper-case letter")),
        ("deutDEFF", .invalidCharacter(position: 0, expected: "an upper-case letter or digit")),
        ("DEUTDEF-", .invalidCharacter(position: 7, expected: "an upper-case letter or digit")),
        ("DEUTQQFF", .unknownCountry("QQ")),
        ("", .wrongLength(found: 0, expected: [8, 11])),
    ])
    func rejectsMalformedBICs(text: String, problem: IdentifierError.Problem) {
        let error = #expect(throws: IdentifierError.self) { try BIC(text).validate() }
        #expect(error?.problem == problem)
        #expect(error?.reasonCode == "RC01")
    }

    @Test func splitsIntoComponents() {
        let bic = BIC("DEUTDEFF500")
        #expect(bic.institutionCode == "DEUT")
        #expect(bic.countryCode == "DE")
        #expect(bic.locationCode == "FF")
        #expect(bic.branchCode == "500")
        #expect(bic.bic8 == "DEUTDEFF")
        #expect(bic.bic11 == "DEUTDEFF500")
    }

    @Test func padsEightCharacterBICWithXXX() {
        let bic: BIC = "DEUTDEFF"
        #expect(bic.branchCode == nil)
        #expect(bic.bic11 == "DEUTDEFFXXX")
    }

    @Test func componentAccessorsDoNotTrapOnShortValues() {
        let bic = BIC("DEU")
        #expect(bic.institutionCode == "DEU")
        #expect(bic.countryCode == "")
        #expect(bic.branchCode == nil)
        #expect(!bic.isValid)
    }

    @Test func acceptsKosovoCountryCode() {
        #expect(BIC("RBKOXKPR").isValid)
    }
}
