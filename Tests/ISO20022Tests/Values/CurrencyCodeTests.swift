import Testing
@testable import ISO20022

@Suite struct CurrencyCodeTests {
    @Test(arguments: [("EUR", 2), ("JPY", 0), ("BHD", 3), ("CLF", 4), ("UYW", 4), ("KWD", 3), ("ISK", 0), ("USD", 2)])
    func knowsMinorUnitsOfActiveCurrencies(code: String, minorUnits: Int) {
        let currency = CurrencyCode(code)
        #expect(currency.isKnown)
        #expect(currency.isActive)
        #expect(currency.minorUnits == minorUnits)
    }

    @Test(arguments: ["XAU", "XAG", "XPT", "XPD", "XDR", "XXX", "XTS", "XBA"])
    func treatsSpecialCodesAsHavingNoMinorUnits(code: String) {
        #expect(CurrencyCode(code).isActive)
        #expect(CurrencyCode(code).minorUnits == nil)
    }

    @Test(arguments: ["DEM", "FRF", "HRK", "ZWL", "VEF"])
    func marksWithdrawnCodesAsHistoric(code: String) {
        #expect(CurrencyCode(code).isKnown)
        #expect(!CurrencyCode(code).isActive)
    }

    @Test(arguments: ["ABC", "eur", "EU", "EURO", "", "€"])
    func doesNotKnowOtherCodes(code: String) {
        #expect(!CurrencyCode(code).isKnown)
        #expect(CurrencyCode(code).minorUnits == nil)
    }

    @Test func tableHasNoDuplicatesAndEveryActiveCodeIsUpperCase() {
        let entries = ISO4217.allEntries
        #expect(Set(entries.map(\.code)).count == entries.count)
        #expect(entries.filter(\.isActive).count > 170)
        #expect(entries.allSatisfy { ISO4217.key($0.code) != nil })
    }
}
