import Compliance
import ISO20022
import Yams

extension ConfigurationParser {
    /// The keys of one `limits:` rule.
    static let limitKeys = ["currency", "maxAmount", "debtorAgent", "debtorAccount", "window", "maxTotal", "maxCount"]

    /// Reads `limits:`. A rule names a `currency` and is one of:
    ///
    /// - a per-payment cap: `maxAmount`;
    /// - a rolling window: `window` (`30s`, `15m`, `24h`, `7d`) with `maxTotal` and/or
    ///   `maxCount`, aggregated per `debtorAgent` (`"*"` for each agent separately, or one BIC)
    ///   or per debtor account (`debtorAccount: true`); it may also carry a `maxAmount`.
    ///
    /// `debtorAgent` and `debtorAccount` exclude each other and need a `window`.
    mutating func parseLimits(_ document: ConfigurationFields) -> [LimitRule] {
        guard let items = reader.items(document, "limits") else { return [] }
        var rules: [LimitRule] = []
        for (node, path) in items {
            let errorsBefore = reader.errors.count
            guard let fields = reader.fields(of: node, path: path, known: Self.limitKeys) else { continue }
            let currency = reader.currency(fields, "currency", required: true)
            let maxAmount = reader.amount(fields, "maxAmount", currency: currency, positive: true)
            let maxTotal = reader.amount(fields, "maxTotal", currency: currency, positive: true)
            let maxCount = reader.integer(fields, "maxCount", in: 1...Int.max)
            var windowSeconds: Int?
            if let text = reader.text(fields, "window") {
                windowSeconds = WindowDuration.seconds(from: text)
                if windowSeconds == nil {
                    reader.error("'\(text)' is not a window; write a count and a unit s, m, h or d (30s, 15m, 24h, 7d), "
                                 + "at most 366d", at: fields["window"], key: fields.path("window"))
                }
            }
            let scope = parseScope(fields)
            let hasWindow = fields.has("window")
            let hasAggregate = fields.has("maxTotal") || fields.has("maxCount")

            if !fields.has("maxAmount"), !hasAggregate {
                reader.error("a limit needs maxAmount (per payment), or a window with maxTotal or maxCount",
                             at: node, key: path)
            }
            if hasAggregate, !hasWindow {
                let key = fields.has("maxTotal") ? "maxTotal" : "maxCount"
                reader.error("'\(key)' needs a window such as 24h", at: fields[key], key: fields.path(key))
            }
            if hasWindow, !hasAggregate {
                reader.error("a window needs maxTotal or maxCount", at: fields["window"], key: fields.path("window"))
            }
            if hasWindow, case .transaction? = scope {
                reader.error("a window needs a scope: debtorAgent: \"*\" (each agent), a BIC, or debtorAccount: true",
                             at: fields["window"], key: fields.path("window"))
            }
            if !hasWindow, let scope, scope != .transaction {
                let key = fields.has("debtorAgent") ? "debtorAgent" : "debtorAccount"
                reader.error("'\(key)' aggregates payments and needs a window such as 24h", at: fields[key], key: fields.path(key))
            }
            guard reader.errors.count == errorsBefore, let currency, let scope else { continue }
            rules.append(LimitRule(currency: currency, scope: scope, maxAmount: maxAmount, windowSeconds: windowSeconds,
                                   maxTotal: maxTotal, maxCount: maxCount))
        }
        return rules
    }

    /// The scope of a rule: per transaction, per debtor agent, or per debtor account.
    private mutating func parseScope(_ fields: ConfigurationFields) -> LimitRule.Scope? {
        var agent: String?
        if let text = reader.text(fields, "debtorAgent") {
            if text == "*" {
                agent = text
            } else if let bic = reader.bic(text, at: fields["debtorAgent"], path: fields.path("debtorAgent")) {
                agent = bic.rawValue
            } else {
                return nil
            }
        } else if fields.has("debtorAgent") {
            return nil
        }
        let perAccount = fields.has("debtorAccount") ? reader.flag(fields, "debtorAccount") : false
        guard let perAccount else { return nil }
        switch (agent, perAccount) {
        case (let agent?, true):
            reader.error("a rule aggregates per debtorAgent '\(agent)' or per debtorAccount, not both",
                         at: fields["debtorAccount"], key: fields.path("debtorAccount"))
            return nil
        case (let agent?, false): return .debtorAgent(agent)
        case (nil, true): return .debtorAccount
        case (nil, false): return .transaction
        }
    }
}
