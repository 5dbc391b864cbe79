import Testing
@testable import ISO20022

@Suite struct ExactDecimalTests {
    @Test(arguments: [
        ("1.50", "1.50", Int64(150), 2),
        ("+1", "1", 1, 0),
        (".5", "0.5", 5, 1),
        ("5.", "5", 5, 0),
        ("-0.05", "-0.05", -5, 2),
        ("007.10", "7.10", 710, 2),
        ("-0.0", "0.0", 0, 1),
        ("0", "0", 0, 0),
        ("123456789012345678", "123456789012345678", 123_456_789_012_345_678, 0),
        ("0.000000000000000001", "0.000000000000000001", 1, 18),
    ])
    func parsesLexicalFormKeepingScale(text: String, canonical: String, significand: Int64, scale: Int) throws {
        let value = try #require(ExactDecimal(text))
        #expect(value.significand == significand)
        #expect(value.scale == scale)
        #expect(value.description == canonical)
    }

    @Test(arguments: [
        "", "+", "-", ".", "1e5", "1E5", " 1", "1 ", "1,5", "1..2", "1.2.3", "--1", "+-1", "1-",
        "0x10", "１", "1234567890123456789", "0.0000000000000000001", "NaN", "Infinity",
    ])
    func rejectsMalformedOrOversizedText(text: String) {
        #expect(ExactDecimal(text) == nil)
    }

    @Test func leadingZerosDoNotCountTowardsTheDigitLimit() {
        #expect(ExactDecimal("0000000000000000000012.5") != nil)
    }

    @Test func comparesNumericallyAcrossScales() throws {
        let a = try #require(ExactDecimal("1.5"))
        let b = try #require(ExactDecimal("1.50"))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(ExactDecimal("-2")! < ExactDecimal("-1.99")!)
        #expect(ExactDecimal("0.1")! < ExactDecimal("0.11")!)
        #expect(!(b < a))
        #expect(ExactDecimal("0.00")! == .zero)
    }

    @Test func countsSignificantFractionDigits() {
        #expect(ExactDecimal("1.500")!.significantFractionDigits == 1)
        #expect(ExactDecimal("2.00")!.significantFractionDigits == 0)
        #expect(ExactDecimal("0.125")!.significantFractionDigits == 3)
        #expect(ExactDecimal("0.000")!.significantFractionDigits == 0)
    }

    @Test func addsAndSubtractsExactly() {
        #expect(ExactDecimal("0.1")!.adding(ExactDecimal("0.2")!)?.description == "0.3")
        #expect(ExactDecimal("1.5")!.adding(ExactDecimal("2.25")!)?.description == "3.75")
        #expect(ExactDecimal("1")!.subtracting(ExactDecimal("1.01")!)?.description == "-0.01")
    }

    @Test func arithmeticOverflowReturnsNil() {
        let max = ExactDecimal(significand: .max, scale: 0)
        let min = ExactDecimal(significand: .min, scale: 0)
        #expect(max.adding(ExactDecimal(significand: 1, scale: 0)) == nil)
        #expect(min.subtracting(ExactDecimal(significand: 1, scale: 0)) == nil)
        #expect(max.multiplied(by: ExactDecimal(significand: 2, scale: 0)) == nil)
        // Aligning scales overflows Int64 even though both operands fit.
        #expect(ExactDecimal(significand: 9_000_000_000_000_000_000, scale: 0).adding(ExactDecimal("0.1")!) == nil)
        #expect(min.negated() == nil)
    }

    @Test func multipliesWithScaleEqualToSumOfScales() throws {
        let product = try #require(ExactDecimal("1.5")!.multiplied(by: ExactDecimal("0.25")!))
        #expect(product.description == "0.375")
        #expect(product.scale == 3)
        #expect(ExactDecimal("-2.0")!.multiplied(by: ExactDecimal("3.00")!)?.description == "-6.000")
        let tiny = ExactDecimal(significand: 1, scale: 10)
        #expect(tiny.multiplied(by: tiny) == nil, "scale 20 exceeds the maximum")
    }

    @Test(arguments: [
        ("2.5", ExactDecimal.RoundingRule.halfEven, "2"),
        ("3.5", .halfEven, "4"),
        ("-2.5", .halfEven, "-2"),
        ("-3.5", .halfEven, "-4"),
        ("2.51", .halfEven, "3"),
        ("2.5", .halfUp, "3"),
        ("-2.5", .halfUp, "-3"),
        ("2.49", .halfUp, "2"),
        ("2.9", .towardZero, "2"),
        ("-2.9", .towardZero, "-2"),
    ])
    func roundsToWholeUnits(text: String, rule: ExactDecimal.RoundingRule, expected: String) {
        #expect(ExactDecimal(text)!.rounded(scale: 0, rule: rule).description == expected)
    }

    @Test func roundsToFractionDigitsAndNeverAddsDigits() {
        #expect(ExactDecimal("1.005")!.rounded(scale: 2, rule: .halfEven).description == "1.00")
        #expect(ExactDecimal("1.015")!.rounded(scale: 2, rule: .halfEven).description == "1.02")
        #expect(ExactDecimal("1.005")!.rounded(scale: 2, rule: .halfUp).description == "1.01")
        #expect(ExactDecimal("0.999")!.rounded(scale: 2, rule: .halfUp).description == "1.00")
        #expect(ExactDecimal("1.5")!.rounded(scale: 4, rule: .halfUp).description == "1.5")
        let extreme = ExactDecimal(significand: .max, scale: 1)
        #expect(extreme.rounded(scale: 0, rule: .halfUp).significand == 922_337_203_685_477_581)
    }

    @Test func rescalesOnlyWithoutLosingDigits() {
        #expect(ExactDecimal("1.5")!.withScale(3)?.description == "1.500")
        #expect(ExactDecimal("1.500")!.withScale(1)?.description == "1.5")
        #expect(ExactDecimal("1.55")!.withScale(1) == nil)
        #expect(ExactDecimal(significand: .max, scale: 0).withScale(1) == nil)
    }

    @Test func reportsSignAndZero() {
        #expect(ExactDecimal("-0.00")!.isZero)
        #expect(!ExactDecimal("-0.00")!.isNegative)
        #expect(ExactDecimal("-0.01")!.isNegative)
        #expect(ExactDecimal.zero.description == "0")
        #expect(ExactDecimal(significand: .min, scale: 2).description == "-92233720368547758.08")
    }
}
