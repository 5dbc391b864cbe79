import ISO20022

/// Text for limit narratives: amounts with thousands separators and windows as short durations.
enum LimitNarrative {
    /// `2,500,000.00 EUR`: the amount shown with the currency's minor units (padding zeros,
    /// never dropping digits), grouped by thousands, then the currency code.
    static func money(_ amount: ExactDecimal, _ currency: CurrencyCode) -> String {
        let shown = currency.minorUnits.flatMap { amount.withScale($0) } ?? amount
        let text = shown.description
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let integer = unsigned.prefix { $0 != "." }
        let fraction = unsigned.dropFirst(integer.count)
        var grouped = ""
        for (offset, digit) in integer.enumerated() {
            if offset > 0, (integer.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + fraction + " " + currency.rawValue
    }

    static func money(_ money: Money) -> String { self.money(money.amount, money.currency) }

    /// `90s`, `10m`, `24h`, `7d`: the largest unit that divides the duration exactly.
    static func duration(seconds: Int) -> String {
        if seconds > 0, seconds % 86_400 == 0, seconds / 86_400 != 1 { return "\(seconds / 86_400)d" }
        if seconds > 0, seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
        if seconds > 0, seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}
