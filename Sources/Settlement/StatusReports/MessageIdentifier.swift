/// Checks on the `Max35Text` identifiers the gateway writes (`MsgId`, `BizMsgIdr`).
enum MessageIdentifier {
    /// The longest identifier ISO 20022 `Max35Text` allows, in Unicode scalars (XSD characters).
    static let maximumLength = 35

    /// Whether `text` can be written as a new message identifier: 1–35 characters, no leading
    /// or trailing white space (which many receivers trim, breaking correlation).
    static func isValid(_ text: String) -> Bool {
        let count = text.unicodeScalars.count
        guard count >= 1, count <= maximumLength else { return false }
        let first = text.unicodeScalars.first!, last = text.unicodeScalars.last!
        return !first.properties.isWhitespace && !last.properties.isWhitespace
    }

    /// An identifier read from someone else's (possibly invalid) message, made writable:
    /// trimmed and cut to 35 characters, or `fallback` when nothing is left.
    static func clamped(_ text: String?, fallback: String) -> String {
        let trimmed = (text ?? "").trimmingWhitespace()
        guard !trimmed.isEmpty else { return fallback }
        return String(String.UnicodeScalarView(trimmed.unicodeScalars.prefix(maximumLength))).trimmingWhitespace()
    }
}

extension String {
    /// The text without leading and trailing white space (Unicode definition).
    func trimmingWhitespace() -> String {
        let scalars = self.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
