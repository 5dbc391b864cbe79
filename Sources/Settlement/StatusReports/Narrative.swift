/// Free text cut into ISO 20022 `Max105Text` lines (`StsRsnInf/AddtlInf`) and joined back.
enum Narrative {
    /// The most characters (Unicode scalars, as the XSD counts) in one `AddtlInf`.
    static let lineLength = 105

    /// `text` in lines of at most `lineLength` characters, broken at the last space that fits
    /// (the space itself dropped) or, for a longer word, inside it. Empty for blank text.
    static func lines(_ text: String, lineLength: Int = Narrative.lineLength) -> [String] {
        var rest = Substring.UnicodeScalarView(text.trimmingWhitespace().unicodeScalars)
        var lines: [String] = []
        while !rest.isEmpty {
            if rest.count <= lineLength {
                lines.append(String(String.UnicodeScalarView(rest)))
                break
            }
            let window = rest.prefix(lineLength + 1)
            var cut = rest.index(rest.startIndex, offsetBy: lineLength)
            var next = cut
            if let space = window.lastIndex(where: { $0 == " " }), space > rest.startIndex {
                cut = space
                next = rest.index(after: space)
            }
            let line = String(String.UnicodeScalarView(rest[..<cut])).trimmingWhitespace()
            if !line.isEmpty { lines.append(line) }
            rest = rest[next...]
            while let first = rest.first, first == " " { rest.removeFirst() }
        }
        return lines
    }

    /// Lines written by ``lines(_:lineLength:)`` (or anyone else) joined with single spaces.
    static func joined(_ lines: [String]) -> String? {
        lines.isEmpty ? nil : lines.joined(separator: " ")
    }
}
