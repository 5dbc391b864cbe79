import Testing
@testable import ISO20022

@Suite struct MoneyTests {
    @Test func describesCurrencyThenAmountAsWritten() {
        #expect(Money(amount: ExactDecimal("1234.50")!, currency: "EUR").description == "EUR 1234.50")
        #expect(Money(minorUnits: 123_450, currency: "EUR").description == "EUR 1234.50")
        #expect(Money(minorUnits: 5, currency: "JPY").description == "JPY 5")
        #expect(Money(minorUnits: 1, currency: "BHD").description == "BHD 0.001")
    }

    @Test func convertsToExactMinorUnits() {
        #expect(Money(amount: ExactDecimal("1234.5")!, currency: "EUR").minorUnits == 123_450)
        #expect(Money(amount: ExactDecimal("1.500")!, currency: "EUR").minorUnits == 150)
        #expect(Money(amount: ExactDecimal("1.505")!, currency: "EUR").minorUnits == nil)
        #expect(Money(amount: ExactDecimal("10")!, currency: "JPY").minorUnits == 10)
        #expect(Money(amount: ExactDecimal("1")!, currency: "XAU").minorUnits == nil)
        #expect(Money(amount: ExactDecimal(significand: .max, scale: 0), currency: "EUR").minorUnits == nil)
    }

    @Test(arguments: ["EUR 0.01", "JPY 100", "BHD 1.234", "CLF 1.2345", "XAU 1.23456", "EUR 1.500", "USD 0"])
    func acceptsValidAmounts(text: String) throws {
        try money(text).validate()
    }

    @Test(arguments: [
        ("ABC 1.00", MoneyError.Problem.unknownCurrency, "AM11"),
        ("DEM 1.00", .inactiveCurrency, "AM11"),
        ("JPY 10.5", .tooManyFractionDigits(allowed: 0, found: 1), "CH20"),
        ("EUR 1.234", .tooManyFractionDigits(allowed: 2, found: 3), "CH20"),
        ("EUR -1.00", .negativeAmount, "AM12"),
    ])
    func rejectsInvalidAmountsWithReasonCode(text: String, problem: MoneyError.Problem, reasonCode: String) {
        let error = #expect(throws: MoneyError.self) { try money(text).validate() }
        #expect(error?.problem == problem)
        #expect(error?.reasonCode == reasonCode)
        #expect(error?.description.contains(text) == true)
    }

    @Test func errorDescriptionReadsWell() {
        let error = #expect(throws: MoneyError.self) { try money("JPY 10.5").validate() }
        #expect(error?.description == "Amount JPY 10.5 has 1 decimal(s) but JPY allows 0")
    }

    @Test func addsOnlySameCurrencyAmounts() {
        let sum = money("EUR 1.5").adding(money("EUR 0.25"))
        #expect(sum?.description == "EUR 1.75")
        #expect(money("EUR 1").adding(money("USD 1")) == nil)
        #expect(Money(minorUnits: .max, currency: "JPY").adding(Money(minorUnits: 1, currency: "JPY")) == nil)
        #expect(money("EUR 2.00").subtracting(money("EUR 0.5"))?.description == "EUR 1.50")
    }

    private func money(_ text: String) -> Money {
        let parts = text.split(separator: " ")
        return Money(amount: ExactDecimal(String(parts[1]))!, currency: CurrencyCode(String(parts[0])))
    }
}
