/// An amount in a currency, as in ISO 20022 `ActiveCurrencyAndAmount` (`<InstdAmt Ccy="EUR">1234.50</InstdAmt>`).
///
/// The amount keeps the scale it was written with, so ``description`` round-trips the text.
/// Construction does not validate; call ``validate()`` to apply the ISO 4217 rules.
/// Equality is numeric within a currency: `EUR 1.5 == EUR 1.50`.
public struct Money: Sendable, Hashable {
    /// The amount, exactly as written.
    public let amount: ExactDecimal
    /// The currency the amount is in.
    public let currency: CurrencyCode

    /// Pairs an amount with a currency, without validating either.
    public init(amount: ExactDecimal, currency: CurrencyCode) {
        self.amount = amount
        self.currency = currency
    }

    /// An amount given as an integer count of minor units: `Money(minorUnits: 123450, currency: "EUR")`
    /// is `EUR 1234.50`, `Money(minorUnits: 5, currency: "JPY")` is `JPY 5`.
    ///
    /// A currency without minor units (unknown or "N.A.") is treated as having none, so the
    /// count is taken as whole units.
    public init(minorUnits: Int64, currency: CurrencyCode) {
        self.init(amount: ExactDecimal(significand: minorUnits, scale: currency.minorUnits ?? 0), currency: currency)
    }

    /// The amount as an exact integer count of the currency's minor units (`EUR 1234.5` → 123450),
    /// or `nil` when the currency has no defined minor units, the amount has more significant
    /// fraction digits than the currency allows, or the count does not fit in `Int64`.
    ///
    /// Trailing zeros do not count as decimals: `EUR 1.500` is 150 minor units.
    public var minorUnits: Int64? {
        guard let digits = currency.minorUnits else { return nil }
        return amount.withScale(digits)?.significand
    }

    /// Checks the amount against the rules an ISO 20022 amount must meet.
    ///
    /// - The currency must be an active ISO 4217 code.
    /// - The amount may have at most as many significant fraction digits as the currency's
    ///   minor units (trailing zeros are not counted, as for the XML Schema `fractionDigits`
    ///   facet); codes with "N.A." minor units, such as `XAU`, accept any number.
    /// - The amount must not be negative (ISO 20022 amounts are unsigned; direction is
    ///   carried by separate indicators).
    ///
    /// - Throws: ``MoneyError`` describing the first rule broken, with its status reason code.
    public func validate() throws(MoneyError) {
        guard let entry = currency.entry else { throw MoneyError(value: self, problem: .unknownCurrency) }
        guard entry.isActive else { throw MoneyError(value: self, problem: .inactiveCurrency) }
        if let allowed = entry.minorUnits, amount.significantFractionDigits > allowed {
            throw MoneyError(
                value: self,
                problem: .tooManyFractionDigits(allowed: allowed, found: amount.significantFractionDigits))
        }
        guard !amount.isNegative else { throw MoneyError(value: self, problem: .negativeAmount) }
    }

    /// `true` when ``validate()`` would not throw.
    public var isValid: Bool {
        do { try validate(); return true } catch { return false }
    }

    /// The exact sum of two amounts in the same currency, or `nil` if the currencies differ
    /// or the sum does not fit in ``ExactDecimal``. The result keeps the larger scale.
    public func adding(_ other: Money) -> Money? {
        guard currency == other.currency, let sum = amount.adding(other.amount) else { return nil }
        return Money(amount: sum, currency: currency)
    }

    /// The exact difference of two amounts in the same currency, or `nil` if the currencies
    /// differ or the difference does not fit.
    public func subtracting(_ other: Money) -> Money? {
        guard currency == other.currency, let difference = amount.subtracting(other.amount) else { return nil }
        return Money(amount: difference, currency: currency)
    }
}

extension Money: CustomStringConvertible {
    /// The currency code, a space and the amount as written: `"EUR 1234.50"`.
    public var description: String { "\(currency.rawValue) \(amount)" }
}
