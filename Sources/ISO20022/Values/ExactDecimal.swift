/// An exact base-10 number for `xs:decimal` values such as ISO 20022 amounts and rates.
///
/// The value is `significand × 10^-scale`, where `scale` is the number of fraction digits as
/// written: `"1.50"` has significand 150 and scale 2, and ``description`` writes it back as
/// `"1.50"`. Equality, hashing and ordering are numeric, so `1.5 == 1.50`.
///
/// Arithmetic never overflows silently: operations whose result does not fit return `nil`.
/// Binary floating point is never used.
public struct ExactDecimal: Sendable {
    /// The integer whose digits are the number's digits, e.g. 150 for `1.50`.
    public let significand: Int64
    /// The number of fraction digits, e.g. 2 for `1.50`. Always in `0...maximumScale`.
    public let scale: Int

    /// The largest scale this type holds: 18. ISO 20022 decimal types allow at most 18 total
    /// digits, so every schema-valid value fits.
    ///
    /// Bounding the scale keeps every comparison and sum exact within `Int128`.
    public static let maximumScale = 18

    /// The largest number of significant digits ``init(_:)`` accepts from text.
    public static let maximumParsedDigits = 18

    /// Zero with no fraction digits.
    public static let zero = ExactDecimal(significand: 0, scale: 0)

    /// Creates `significand × 10^-scale`.
    ///
    /// - Precondition: `scale` is in `0...ExactDecimal.maximumScale`.
    public init(significand: Int64, scale: Int) {
        precondition((0...Self.maximumScale).contains(scale), "ExactDecimal scale \(scale) is out of range")
        self.significand = significand
        self.scale = scale
    }

    /// Parses the `xs:decimal` lexical form: an optional `+` or `-`, digits, and optionally a
    /// point followed by digits (`"12"`, `"-0.50"`, `".5"`, `"5."`).
    ///
    /// Returns `nil` for an empty string, exponents, spaces, more than
    /// ``maximumParsedDigits`` significant digits (leading zeros do not count, trailing
    /// fraction zeros do) or more than ``maximumScale`` fraction digits.
    /// A negative zero such as `"-0.0"` is read as `0.0`.
    public init?(_ text: String) {
        var negative = false
        var magnitude: UInt64 = 0
        var significantDigits = 0
        var fractionDigits = 0
        var anyDigit = false
        var seenPoint = false
        var first = true
        for byte in text.utf8 {
            defer { first = false }
            switch byte {
            case UInt8(ascii: "+") where first:
                continue
            case UInt8(ascii: "-") where first:
                negative = true
            case UInt8(ascii: ".") where !seenPoint:
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                anyDigit = true
                let digit = UInt64(byte &- 0x30)
                if magnitude != 0 || digit != 0 { significantDigits += 1 }
                guard significantDigits <= Self.maximumParsedDigits else { return nil }
                magnitude = magnitude * 10 + digit
                if seenPoint {
                    fractionDigits += 1
                    guard fractionDigits <= Self.maximumScale else { return nil }
                }
            default:
                return nil
            }
        }
        guard anyDigit else { return nil }
        // 18 digits always fit in Int64.
        let signed = Int64(magnitude)
        self.init(significand: negative ? -signed : signed, scale: fractionDigits)
    }

    /// `true` when the value is zero, whatever its scale.
    public var isZero: Bool { significand == 0 }

    /// `true` when the value is below zero.
    public var isNegative: Bool { significand < 0 }

    /// The number of fraction digits once trailing zeros are dropped: 0 for `"2.00"`, 1 for `"1.50"`.
    public var significantFractionDigits: Int { normalized.scale }

    /// The same value with trailing fraction zeros removed (`1.500` → `1.5`, `2.0` → `2`).
    public var normalized: ExactDecimal {
        guard significand != 0 else { return ExactDecimal(significand: 0, scale: 0) }
        var value = significand
        var scale = scale
        while scale > 0, value % 10 == 0 {
            value /= 10
            scale -= 1
        }
        return ExactDecimal(significand: value, scale: scale)
    }

    /// The same value written with exactly `newScale` fraction digits, by appending zeros
    /// (`1.5` → `1.500`) or removing trailing zeros (`1.500` → `1.5`).
    ///
    /// Returns `nil` when digits other than zeros would be dropped (use
    /// ``rounded(scale:rule:)`` for that), when `newScale` is outside
    /// `0...maximumScale`, or when the significand would overflow.
    public func withScale(_ newScale: Int) -> ExactDecimal? {
        guard (0...Self.maximumScale).contains(newScale) else { return nil }
        if newScale >= scale {
            guard let value = Self.fit(Int128(significand) * Self.powerOfTen(newScale - scale)) else { return nil }
            return ExactDecimal(significand: value, scale: newScale)
        }
        let divisor = Int64(Self.powerOfTen(scale - newScale))
        guard significand % divisor == 0 else { return nil }
        return ExactDecimal(significand: significand / divisor, scale: newScale)
    }

    // MARK: Arithmetic

    /// The exact sum, with the larger of the two scales, or `nil` if it does not fit.
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        let scale = max(self.scale, other.scale)
        let sum = self.scaledSignificand(to: scale) + other.scaledSignificand(to: scale)
        return Self.fit(sum).map { ExactDecimal(significand: $0, scale: scale) }
    }

    /// The exact difference, with the larger of the two scales, or `nil` if it does not fit.
    public func subtracting(_ other: ExactDecimal) -> ExactDecimal? {
        let scale = max(self.scale, other.scale)
        let difference = self.scaledSignificand(to: scale) - other.scaledSignificand(to: scale)
        return Self.fit(difference).map { ExactDecimal(significand: $0, scale: scale) }
    }

    /// The exact product, whose scale is the sum of the two scales (`1.5 × 0.25 = 0.375`),
    /// or `nil` if the significand or the scale does not fit.
    ///
    /// Round the result with ``rounded(scale:rule:)`` if fewer fraction digits are wanted.
    public func multiplied(by other: ExactDecimal) -> ExactDecimal? {
        let scale = self.scale + other.scale
        guard scale <= Self.maximumScale else { return nil }
        return Self.fit(Int128(significand) * Int128(other.significand))
            .map { ExactDecimal(significand: $0, scale: scale) }
    }

    /// The negated value, or `nil` for the one significand (`Int64.min`) whose negation does not fit.
    public func negated() -> ExactDecimal? {
        guard significand != .min else { return nil }
        return ExactDecimal(significand: -significand, scale: scale)
    }

    // MARK: Rounding

    /// How ``rounded(scale:rule:)`` resolves digits it drops.
    public enum RoundingRule: Sendable, Hashable, CaseIterable {
        /// Round to nearest; ties go to the even neighbour (banker's rounding): 2.5 → 2, 3.5 → 4.
        case halfEven
        /// Round to nearest; ties go away from zero (commercial rounding): 2.5 → 3, -2.5 → -3.
        case halfUp
        /// Drop the extra digits (truncate toward zero): 2.9 → 2, -2.9 → -2.
        case towardZero
    }

    /// The value rounded to at most `scale` fraction digits.
    ///
    /// Rounding never adds digits: when the value already has `scale` or fewer fraction
    /// digits it is returned unchanged (use ``withScale(_:)`` to pad with zeros). A negative
    /// `scale` is treated as 0. Rounding cannot overflow.
    public func rounded(scale newScale: Int, rule: RoundingRule) -> ExactDecimal {
        let newScale = max(newScale, 0)
        guard newScale < scale else { return self }
        let divisor = Int64(Self.powerOfTen(scale - newScale))
        var quotient = significand / divisor
        let remainder = (significand % divisor).magnitude
        let half = UInt64(divisor / 2)
        let roundAway: Bool
        switch rule {
        case .towardZero: roundAway = false
        case .halfUp: roundAway = remainder >= half
        case .halfEven: roundAway = remainder > half || (remainder == half && quotient % 2 != 0)
        }
        // |quotient| ≤ Int64.max / 10, so stepping one further from zero cannot overflow.
        if roundAway { quotient += significand < 0 ? -1 : 1 }
        return ExactDecimal(significand: quotient, scale: newScale)
    }

    // MARK: Internals

    private static let powersOfTen: [Int128] = {
        var powers: [Int128] = [1]
        for _ in 0..<(maximumScale * 2 + 1) { powers.append(powers.last! * 10) }
        return powers
    }()

    static func powerOfTen(_ exponent: Int) -> Int128 { powersOfTen[exponent] }

    /// The significand expressed at a larger or equal scale. Exact in `Int128`:
    /// |Int64| < 9.3e18 and the factor is at most 1e18.
    func scaledSignificand(to scale: Int) -> Int128 {
        Int128(significand) * Self.powerOfTen(scale - self.scale)
    }

    static func fit(_ value: Int128) -> Int64? {
        guard value >= Int128(Int64.min), value <= Int128(Int64.max) else { return nil }
        return Int64(value)
    }
}

extension ExactDecimal: Hashable, Comparable {
    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.scaledSignificand(to: scale) == rhs.scaledSignificand(to: scale)
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.scaledSignificand(to: scale) < rhs.scaledSignificand(to: scale)
    }

    /// Hashes the normalized value so that numerically equal values hash alike.
    public func hash(into hasher: inout Hasher) {
        let normal = normalized
        hasher.combine(normal.significand)
        hasher.combine(normal.scale)
    }
}

extension ExactDecimal: CustomStringConvertible {
    /// The canonical `xs:decimal` text keeping the scale: `"1.50"`, `"-0.5"`, `"12"`.
    ///
    /// No `+` sign, no exponent, a leading `0` before the point when needed.
    public var description: String {
        var digits = String(significand.magnitude)
        if scale > 0 {
            if digits.utf8.count <= scale {
                digits = String(repeating: "0", count: scale - digits.utf8.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return significand < 0 ? "-" + digits : digits
    }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
    /// An integer with scale 0, e.g. `let fee: ExactDecimal = 5`.
    public init(integerLiteral value: Int64) {
        self.init(significand: value, scale: 0)
    }
}
