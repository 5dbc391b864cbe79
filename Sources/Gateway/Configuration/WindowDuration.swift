/// The `window` of a limit rule written as a count and a unit: `30s`, `15m`, `24h`, `7d`.
enum WindowDuration {
    /// The longest window accepted: 366 days.
    static let maximumSeconds = 366 * 86_400

    /// The number of seconds, or `nil` when the text is not a positive count followed by
    /// `s`, `m`, `h` or `d`, or is longer than ``maximumSeconds``.
    static func seconds(from text: String) -> Int? {
        guard let unit = text.last, text.count >= 2, text.count <= 10 else { return nil }
        let digits = text.dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(digits), count > 0 else { return nil }
        let multiplier: Int
        switch unit {
        case "s": multiplier = 1
        case "m": multiplier = 60
        case "h": multiplier = 3_600
        case "d": multiplier = 86_400
        default: return nil
        }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: multiplier)
        guard !overflow, seconds <= maximumSeconds else { return nil }
        return seconds
    }

    /// The text for `seconds` in the largest whole unit, keeping a single day in hours as
    /// people write it: 86400 → `24h`, 604800 → `7d`, 5400 → `90m`, 45 → `45s`.
    static func text(seconds: Int) -> String {
        if seconds > 86_400, seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds > 0, seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
        if seconds > 0, seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}
