import ISO20022

/// An exact running sum of non-negative amounts, wide enough that adding schema-valid amounts
/// cannot overflow in practice (Int128 at 18 fraction digits holds totals up to about 1.7e20).
/// On the impossible overflow it saturates, which errs on the side of "limit exceeded".
struct AmountSum: Sendable, Hashable, Comparable {
    private static let scale = ExactDecimal.maximumScale
    private(set) var units: Int128 = 0

    static let zero = AmountSum()

    init() {}

    init(_ amount: ExactDecimal) {
        self.units = Self.units(of: amount)
    }

    mutating func add(_ amount: ExactDecimal) {
        let (sum, overflow) = units.addingReportingOverflow(Self.units(of: amount))
        units = overflow ? .max : sum
    }

    mutating func subtract(_ amount: ExactDecimal) {
        guard units != .max else { return }  // saturated: stays saturated rather than undercounting
        units -= Self.units(of: amount)
    }

    func adding(_ amount: ExactDecimal) -> AmountSum {
        var copy = self
        copy.add(amount)
        return copy
    }

    static func < (lhs: AmountSum, rhs: AmountSum) -> Bool { lhs.units < rhs.units }

    /// The sum as a decimal with trailing zeros dropped; saturates at `Int64.max` for display.
    var decimal: ExactDecimal {
        var value = units
        var scale = Self.scale
        while scale > 0, value % 10 == 0 {
            value /= 10
            scale -= 1
        }
        while value > Int128(Int64.max) || value < Int128(Int64.min) {
            guard scale > 0 else { return ExactDecimal(significand: value > 0 ? .max : .min, scale: 0) }
            value /= 10
            scale -= 1
        }
        return ExactDecimal(significand: Int64(value), scale: scale)
    }

    /// Never negative: amounts below zero are not payments and count as zero.
    private static func units(of amount: ExactDecimal) -> Int128 {
        guard !amount.isNegative else { return 0 }
        var factor: Int128 = 1
        for _ in 0..<(scale - amount.scale) { factor *= 10 }
        return Int128(amount.significand) * factor
    }
}
