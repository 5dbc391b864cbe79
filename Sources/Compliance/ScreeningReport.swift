/// Renders screening results for the `corridor screen` command, as text or JSON Lines.
///
/// The JSON form is one object per query with exactly the keys
/// `{"query", "decision", "hits": [{"list", "entityId", "name", "matchedAlias", "aliasType",
/// "score", "programs", "field"}]}`, hits best first.
public enum ScreeningReport {
    /// Output format.
    public enum Format: String, Sendable, CaseIterable {
        case text
        case json
    }

    /// Renders one query's result in `format` (a single JSON line, or a text block).
    public static func render(query: String, result: ScreeningResult, format: Format) -> String {
        switch format {
        case .text: text(query: query, result: result)
        case .json: jsonLine(query: query, result: result)
        }
    }

    /// Screens each query (one name per element; blank lines skipped) with `screener`, using
    /// all cores, and renders one result per query in input order: JSON Lines for `.json`,
    /// text blocks for `.text`. This is what `corridor screen --names-file` prints.
    public static func render(names: [String], screener: Screener, format: Format) -> [String] {
        let queries = names.map { $0.trimmingASCIIWhitespace() }.filter { !$0.isEmpty }
        let chunk = 64
        let starts = Array(stride(from: 0, to: queries.count, by: chunk))
        let rendered = ParallelMap.map(starts) { start -> [String] in
            queries[start..<min(start + chunk, queries.count)].map { query in
                render(query: query, result: screener.screen(name: query), format: format)
            }
        }
        return rendered.flatMap { $0 }
    }

    /// A human-readable block: the decision, then one paragraph per hit with list date,
    /// programmes and the reason.
    public static func text(query: String, result: ScreeningResult) -> String {
        var lines = ["\(query): \(result.decision.rawValue.uppercased())"]
        for hit in result.hits {
            let score = String(format2(hit.score))
            lines.append("  [\(hit.decision.rawValue)] \(score) \(hit.entityId) \(hit.name)")
            lines.append("      matched \(hit.aliasType) \"\(hit.matchedAlias)\" in \(hit.field)")
            let date = hit.listDate.isEmpty ? "" : " (\(hit.listDate))"
            let programs = hit.programs.isEmpty ? "" : "; programmes: \(hit.programs.joined(separator: ", "))"
            lines.append("      list \(hit.list)\(date)\(programs)")
            lines.append("      why: \(hit.reason)")
        }
        return lines.joined(separator: "\n")
    }

    /// One JSON object on one line, with the contract keys in a fixed order.
    public static func jsonLine(query: String, result: ScreeningResult) -> String {
        var out = "{\"query\":\(jsonString(query)),\"decision\":\(jsonString(result.decision.rawValue)),\"hits\":["
        for (i, hit) in result.hits.enumerated() {
            if i > 0 { out += "," }
            out += "{\"list\":\(jsonString(hit.list))"
            out += ",\"entityId\":\(jsonString(hit.entityId))"
            out += ",\"name\":\(jsonString(hit.name))"
            out += ",\"matchedAlias\":\(jsonString(hit.matchedAlias))"
            out += ",\"aliasType\":\(jsonString(hit.aliasType))"
            out += ",\"score\":\(format4(hit.score))"
            out += ",\"programs\":[\(hit.programs.map(jsonString).joined(separator: ","))]"
            out += ",\"field\":\(jsonString(hit.field))}"
        }
        return out + "]}"
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func format4(_ x: Double) -> String {
        let v = (x * 10_000).rounded() / 10_000
        return v == v.rounded() ? String(Int(v)) + ".0" : String(v)
    }

    static func format2(_ x: Double) -> String {
        let v = (x * 100).rounded() / 100
        return String(v)
    }
}
