import Foundation

/// A small RFC 4180-style CSV reader over raw bytes.
///
/// Handles quoted fields with doubled quotes, CR/LF line ends, line breaks inside quotes,
/// a configurable separator, and a trailing 0x1A (DOS end-of-file) byte. Fields are decoded
/// with the given decoder, so each list can apply its own legacy encoding.
struct CSVReader {
    let bytes: [UInt8]
    let separator: UInt8
    let decode: (ArraySlice<UInt8>) -> String

    init(bytes: [UInt8], separator: UInt8 = UInt8(ascii: ","),
         decode: @escaping (ArraySlice<UInt8>) -> String = { LegacyTextDecoding.windows1252($0) }) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x1A { end -= 1 }
        self.bytes = end == bytes.count ? bytes : Array(bytes[..<end])
        self.separator = separator
        self.decode = decode
    }

    /// Calls `body` with each record's fields and the 1-based line number where it starts.
    /// Blank lines are skipped.
    func forEachRecord(_ body: (_ fields: [String], _ line: Int) -> Void) {
        let quote = UInt8(ascii: "\""), cr: UInt8 = 13, lf: UInt8 = 10
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(256)
        var i = 0
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        let n = bytes.count
        func endField() {
            fields.append(decode(field[...]))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < n, bytes[i + 1] == quote {
                        field.append(quote)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if b == lf { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case quote where field.isEmpty && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
            case separator:
                endField()
            case cr, lf:
                if b == cr, i + 1 < n, bytes[i + 1] == lf { i += 1 }
                if !(fields.isEmpty && field.isEmpty && !fieldWasQuoted) {
                    endField()
                    body(fields, recordLine)
                }
                fields.removeAll(keepingCapacity: true)
                line += 1
                recordLine = line
            default:
                field.append(b)
            }
            i += 1
        }
        if !(fields.isEmpty && field.isEmpty && !fieldWasQuoted) {
            endField()
            body(fields, recordLine)
        }
    }
}

extension String {
    /// The value with surrounding white space removed; OFAC's `-0-` placeholder becomes "".
    var listValue: String {
        let trimmed = trimmingASCIIWhitespace()
        return trimmed == "-0-" ? "" : trimmed
    }

    /// The value without leading and trailing white space. Only a value that starts or ends
    /// with ASCII white space or a no-break space is trimmed (ASCII text on a byte path, other
    /// text of all Unicode white space at both ends); any other value is returned as it is.
    func trimmingASCIIWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        // A leading no-break space starts with byte C2, a trailing one ends with A0: without
        // those bytes the Character comparisons below cannot succeed.
        if !first.isASCIIWhitespace && !last.isASCIIWhitespace && (first != 0xC2 || !hasPrefix("\u{A0}")) && (last != 0xA0 || !hasSuffix("\u{A0}")) {
            return self
        }
        // In ASCII text Foundation's white space and newlines are exactly the bytes of
        // `UInt8.isASCIIWhitespace`, so the trim needs no bridging.
        if isAllASCII {
            guard let start = utf8.firstIndex(where: { !$0.isASCIIWhitespace }), let end = utf8.lastIndex(where: { !$0.isASCIIWhitespace }) else { return "" }
            return String(decoding: utf8[start...end], as: UTF8.self)
        }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
