import Testing
@testable import ISO20022

@Suite struct CountryCodeTests {
    @Test(arguments: ["DE", "GB", "US", "XK", "AX", "SS", "BQ", "ZW"])
    func acceptsAssignedCodes(code: String) throws {
        try CountryCode(code).validate()
    }

    @Test(arguments: ["UK", "EU", "QQ", "XX", "AA", "de", "D", "DEU", "", "D1"])
    func rejectsUnassignedOrMalformedCodes(code: String) {
        #expect(!CountryCode(code).isValid)
        let error = #expect(throws: IdentifierError.self) { try CountryCode(code).validate() }
        #expect(error?.reasonCode == "BE09")
    }

    @Test func acceptsAllAssignedCodesPlusKosovo() {
        #expect(CountryCode.acceptedCount == 250)
    }
}
