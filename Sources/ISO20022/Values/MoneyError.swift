/// Why a ``Money`` value breaks an ISO 20022 amount rule, with the status reason code to report.
///
/// Reason codes are taken from the ISO 20022 `ExternalStatusReason1Code` set:
///
/// | Problem                         | Code | Definition in the code set                                  |
/// |---------------------------------|------|-------------------------------------------------------------|
/// | unknown or inactive currency    | AM11 | Transaction currency is invalid or missing                  |
/// | too many fraction digits        | CH20 | Number of decimal points not compatible with the currency   |
/// | negative amount                 | AM12 | Amount is invalid or missing                                |
public struct MoneyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule a money value breaks.
    public enum Problem: Sendable, Hashable {
        /// ISO 4217 does not define the currency code.
        case unknownCurrency
        /// The currency code exists but has been withdrawn.
        case inactiveCurrency
        /// The amount has more significant fraction digits than the currency's minor units.
        case tooManyFractionDigits(allowed: Int, found: Int)
        /// The amount is below zero.
        case negativeAmount
    }

    /// The offending value.
    public let value: Money
    /// What is wrong with it.
    public let problem: Problem

    public init(value: Money, problem: Problem) {
        self.value = value
        self.problem = problem
    }

    /// The `ExternalStatusReason1Code` to use when rejecting a payment for this problem.
    public var reasonCode: String {
        switch problem {
        case .unknownCurrency, .inactiveCurrency: "AM11"
        case .tooManyFractionDigits: "CH20"
        case .negativeAmount: "AM12"
        }
    }

    /// A sentence naming the value and the problem, e.g.
    /// `"Amount JPY 10.5 has 1 decimal(s) but JPY allows 0"`.
    public var description: String {
        let subject = "Amount \(value)"
        switch problem {
        case .unknownCurrency:
            return "\(subject) has currency code \(value.currency.rawValue), which is not in ISO 4217"
        case .inactiveCurrency:
            return "\(subject) has currency code \(value.currency.rawValue), which ISO 4217 has withdrawn"
        case .tooManyFractionDigits(let allowed, let found):
            return "\(subject) has \(found) decimal(s) but \(value.currency.rawValue) allows \(allowed)"
        case .negativeAmount:
            return "\(subject) is negative"
        }
    }
}
