import Foundation
import ISO20022
import Yams

/// The entries of one YAML mapping, with the path that names it in messages.
struct ConfigurationFields {
    /// The mapping itself (its position is where "missing key" errors point).
    let node: Node
    /// Where the mapping is, e.g. `routes[1].match`; empty for the document.
    let path: String
    /// The entries whose keys are known, by key.
    let entries: [String: Node]

    /// The value of `key`, or `nil` when the key is absent.
    subscript(key: String) -> Node? { entries[key] }

    /// `true` when `key` is present (even with an empty value).
    func has(_ key: String) -> Bool { entries[key] != nil }

    /// The path of `key` within this mapping, e.g. `routes[1].match.currency`.
    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// Walks a composed YAML tree and reads typed values from it, collecting every problem with
/// its line and column instead of stopping at the first.
///
/// Values are read from the scalar text as written, never through YAML's implicit typing, so
/// `balance: 1000000.00` is an exact decimal and `country: NO` is Norway, not `false`.
struct ConfigurationReader {
    /// The file as named in messages.
    let file: String
    /// The folder relative paths are resolved against.
    let baseDirectory: URL
    private(set) var errors: [ConfigurationIssue] = []
    private(set) var warnings: [ConfigurationIssue] = []
    /// Paths of known keys already suggested for a misspelt key, so that the key is not also
    /// reported as missing.
    private var suggested: Set<String> = []

    init(file: String, baseDirectory: URL) {
        self.file = file
        self.baseDirectory = URL(fileURLWithPath: baseDirectory.path, isDirectory: true).standardizedFileURL
    }

    // MARK: Reporting

    /// Records an error at `node`'s position.
    mutating func error(_ message: String, at node: Node?, key: String) {
        report(.error, message, mark: node?.mark, key: key)
    }

    /// Records a warning at `node`'s position.
    mutating func warning(_ message: String, at node: Node?, key: String) {
        report(.warning, message, mark: node?.mark, key: key)
    }

    /// Records an issue at `mark`, or for the whole file when `mark` is `nil`.
    mutating func report(_ severity: ConfigurationIssue.Severity, _ message: String, mark: Mark?, key: String) {
        let issue = ConfigurationIssue(
            severity: severity, file: file, line: mark?.line, column: mark?.column, key: key, message: message)
        switch severity {
        case .error: errors.append(issue)
        case .warning: warnings.append(issue)
        }
    }

    // MARK: Structure

    /// The entries of `node`, which must be a mapping whose keys are all in `known`.
    ///
    /// An empty value (`gateway:` with nothing under it) reads as an empty mapping. Unknown
    /// keys are reported with the closest known key as a suggestion, and left out.
    mutating func fields(of node: Node, path: String, known: [String]) -> ConfigurationFields? {
        if Self.isEmpty(node) { return ConfigurationFields(node: node, path: path, entries: [:]) }
        guard case .mapping(let mapping) = node else {
            error("expected keys (\(known.joined(separator: ", "))), found \(Self.kind(of: node))",
                  at: node, key: path)
            return nil
        }
        var entries: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error("a key must be a plain name, found \(Self.kind(of: keyNode))", at: keyNode, key: path)
                continue
            }
            let key = scalar.string
            guard known.contains(key) else {
                let place = path.isEmpty ? "at the top level" : "in \(path)"
                var message = "unknown key '\(key)' \(place)"
                if let suggestion = KeySuggestion.closest(to: key, among: known) {
                    message += "; did you mean '\(suggestion)'?"
                    suggested.insert(path.isEmpty ? suggestion : "\(path).\(suggestion)")
                } else {
                    message += "; expected one of \(known.joined(separator: ", "))"
                }
                error(message, at: keyNode, key: path.isEmpty ? key : "\(path).\(key)")
                continue
            }
            entries[key] = value
        }
        return ConfigurationFields(node: node, path: path, entries: entries)
    }

    /// The items of the list under `key`, each with its path (`routes[0]`); `nil` when the key
    /// is absent or its value is not a list, an empty array for an empty value.
    mutating func items(_ fields: ConfigurationFields, _ key: String) -> [(node: Node, path: String)]? {
        guard let node = fields[key] else { return nil }
        return items(of: node, path: fields.path(key))
    }

    /// The items of `node`, which must be a list (or empty).
    mutating func items(of node: Node, path: String) -> [(node: Node, path: String)]? {
        if Self.isEmpty(node) { return [] }
        guard case .sequence(let sequence) = node else {
            error("expected a list, found \(Self.kind(of: node))", at: node, key: path)
            return nil
        }
        return sequence.enumerated().map { (node: $1, path: "\(path)[\($0)]") }
    }

    /// Reports `key` as missing from `fields`, unless a misspelling of it was reported.
    mutating func missing(_ key: String, in fields: ConfigurationFields, hint: String = "") {
        guard !suggested.contains(fields.path(key)) else { return }
        let place = fields.path.isEmpty ? "at the top level" : "in \(fields.path)"
        error("missing required key '\(key)' \(place)\(hint.isEmpty ? "" : "; \(hint)")",
              at: fields.node, key: fields.path(key))
    }

    // MARK: Scalars

    /// The text of the single value under `key`; reports a missing key when `required`, and a
    /// value that is empty or not a single value.
    mutating func text(_ fields: ConfigurationFields, _ key: String, required: Bool = false) -> String? {
        guard let node = fields[key] else {
            if required { missing(key, in: fields) }
            return nil
        }
        return text(of: node, path: fields.path(key))
    }

    /// The text of `node`, which must be a single, non-empty value.
    mutating func text(of node: Node, path: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error("expected a single value, found \(Self.kind(of: node))", at: node, key: path)
            return nil
        }
        guard !Self.isEmpty(node), !scalar.string.isEmpty else {
            error("has no value", at: node, key: path)
            return nil
        }
        return scalar.string
    }

    /// A BIC (8 or 11 characters), returned in its 11-character form.
    mutating func bic(_ fields: ConfigurationFields, _ key: String, required: Bool = false) -> BIC? {
        guard let text = text(fields, key, required: required) else { return nil }
        return bic(text, at: fields[key], path: fields.path(key))
    }

    /// `text` as a BIC in its 11-character form, or `nil` after reporting why it is not one.
    mutating func bic(_ text: String, at node: Node?, path: String) -> BIC? {
        let bic = BIC(text)
        do {
            try bic.validate()
            return BIC(bic.bic11)
        } catch {
            var message = error.description
            if BIC(text.uppercased()).isValid { message += "; BICs are written in upper case: \(text.uppercased())" }
            self.error(message, at: node, key: path)
            return nil
        }
    }

    /// An active ISO 4217 currency code.
    mutating func currency(_ fields: ConfigurationFields, _ key: String, required: Bool = false) -> CurrencyCode? {
        guard let text = text(fields, key, required: required) else { return nil }
        return currency(text, at: fields[key], path: fields.path(key))
    }

    /// `text` as an active ISO 4217 currency code, or `nil` after reporting why it is not one.
    mutating func currency(_ text: String, at node: Node?, path: String) -> CurrencyCode? {
        let code = CurrencyCode(text)
        guard code.isKnown else {
            var message = "'\(text)' is not an ISO 4217 currency code"
            if CurrencyCode(text.uppercased()).isKnown { message += "; currency codes are upper case: \(text.uppercased())" }
            error(message, at: node, key: path)
            return nil
        }
        guard code.isActive else {
            error("'\(text)' is a withdrawn ISO 4217 currency; payments cannot use it", at: node, key: path)
            return nil
        }
        return code
    }

    /// An ISO 3166-1 alpha-2 country code.
    mutating func country(_ text: String, at node: Node?, path: String) -> CountryCode? {
        let code = CountryCode(text)
        guard code.isValid else {
            var message = "'\(text)' is not an ISO 3166-1 alpha-2 country code"
            if CountryCode(text.uppercased()).isValid { message += "; country codes are upper case: \(text.uppercased())" }
            error(message, at: node, key: path)
            return nil
        }
        return code
    }

    /// An amount that is not negative (unless `allowNegative`; not zero when `positive`),
    /// with no more decimals than `currency` has minor units when a currency is known.
    mutating func amount(
        _ fields: ConfigurationFields, _ key: String, currency: CurrencyCode?, positive: Bool = false,
        allowNegative: Bool = false, required: Bool = false
    ) -> ExactDecimal? {
        guard let text = text(fields, key, required: required) else { return nil }
        let node = fields[key]
        let path = fields.path(key)
        guard let amount = ExactDecimal(text) else {
            error("'\(text)' is not a decimal amount; write digits with an optional decimal point, e.g. \"1000.00\"",
                  at: node, key: path)
            return nil
        }
        if amount.isNegative, !allowNegative {
            error("must not be negative, found \(text)", at: node, key: path)
            return nil
        }
        if positive, amount.isZero {
            error("must be greater than zero", at: node, key: path)
            return nil
        }
        if let currency, let allowed = currency.minorUnits, amount.significantFractionDigits > allowed {
            let decimals = allowed == 1 ? "1 decimal" : "\(allowed) decimals"
            error("\(currency) amounts have at most \(decimals), but \(text) has \(amount.significantFractionDigits)",
                  at: node, key: path)
            return nil
        }
        return amount
    }

    /// A whole number in `range`.
    mutating func integer(_ fields: ConfigurationFields, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = text(fields, key) else { return nil }
        guard let value = Int(text) else {
            error("'\(text)' is not a whole number", at: fields[key], key: fields.path(key))
            return nil
        }
        guard range.contains(value) else {
            let bounds = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "in \(range.lowerBound)...\(range.upperBound)"
            error("must be \(bounds), found \(value)", at: fields[key], key: fields.path(key))
            return nil
        }
        return value
    }

    /// A number (for scores, not money).
    mutating func number(_ fields: ConfigurationFields, _ key: String) -> Double? {
        guard let text = text(fields, key) else { return nil }
        guard let value = Double(text), value.isFinite else {
            error("'\(text)' is not a number", at: fields[key], key: fields.path(key))
            return nil
        }
        return value
    }

    /// `true` or `false` (any letter case).
    mutating func flag(_ fields: ConfigurationFields, _ key: String) -> Bool? {
        guard let text = text(fields, key) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            error("expected true or false, found '\(text)'", at: fields[key], key: fields.path(key))
            return nil
        }
    }

    /// One of `choices`, by raw value.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ fields: ConfigurationFields, _ key: String, as type: Choice.Type
    ) -> Choice? where Choice.RawValue == String {
        guard let text = text(fields, key) else { return nil }
        if let choice = Choice(rawValue: text) { return choice }
        let names = Choice.allCases.map(\.rawValue)
        var message = "'\(text)' is not one of \(names.joined(separator: ", "))"
        if let suggestion = KeySuggestion.closest(to: text, among: names) { message += "; did you mean '\(suggestion)'?" }
        error(message, at: fields[key], key: fields.path(key))
        return nil
    }

    /// A file or folder path; relative paths are taken from the configuration file's folder.
    mutating func location(of node: Node, path: String) -> URL? {
        guard let text = text(of: node, path: path) else { return nil }
        if text.hasPrefix("~") {
            error("'\(text)': '~' is not expanded; write an absolute path or one relative to the configuration file",
                  at: node, key: path)
            return nil
        }
        if text.hasPrefix("/") { return URL(fileURLWithPath: text).standardizedFileURL }
        return baseDirectory.appendingPathComponent(text).standardizedFileURL
    }

    // MARK: Node kinds

    /// `true` for a value left empty (`key:`), `~` or `null`.
    static func isEmpty(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// What a node is, for messages: "a list", "keys", "the value 'x'".
    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "keys"
        case .sequence: return "a list"
        case .scalar(let scalar): return isEmpty(node) ? "no value" : "the value '\(scalar.string)'"
        case .alias: return "an alias"
        }
    }
}
