import ISO20022

extension LimitRule {
    /// The identifier reported when the rule fires: ``name`` when set, otherwise one built
    /// from the rule, e.g. `limit.transaction.EUR`, `limit.debtorAgent.*.EUR.24h` or
    /// `limit.debtorAccount.EUR.10m`.
    public var id: String {
        if let name { return name }
        var parts = ["limit"]
        switch scope {
        case .transaction: parts.append("transaction")
        case .debtorAgent(let agent): parts += ["debtorAgent", agent]
        case .debtorAccount: parts.append("debtorAccount")
        }
        parts.append(currency.rawValue)
        if let windowSeconds { parts.append(LimitNarrative.duration(seconds: windowSeconds)) }
        return parts.joined(separator: ".")
    }

    /// `true` when the rule has a rolling window to enforce (a total or a count over time).
    var hasWindow: Bool { windowSeconds != nil && (maxTotal != nil || maxCount != nil) }

    /// Checks that the rule can be enforced as written.
    ///
    /// - Throws: ``LimitRuleError`` when the rule limits nothing, has a window but no scope
    ///   to aggregate over, has a non-positive window or maximum, or names a debtor agent that
    ///   is neither `*` nor an 8- or 11-character BIC.
    public func validate() throws(LimitRuleError) {
        func fail(_ problem: LimitRuleError.Problem) -> LimitRuleError { LimitRuleError(ruleID: id, problem: problem) }
        guard maxAmount != nil || maxTotal != nil || maxCount != nil else { throw fail(.limitsNothing) }
        if let maxAmount, maxAmount.isNegative || maxAmount.isZero { throw fail(.nonPositive("maxAmount")) }
        if let maxTotal, maxTotal.isNegative || maxTotal.isZero { throw fail(.nonPositive("maxTotal")) }
        if let maxCount, maxCount <= 0 { throw fail(.nonPositive("maxCount")) }
        if maxTotal != nil || maxCount != nil {
            guard let windowSeconds else { throw fail(.windowMissing) }
            guard windowSeconds > 0 else { throw fail(.nonPositive("windowSeconds")) }
            if case .transaction = scope { throw fail(.windowWithoutScope) }
        }
        if case .debtorAgent(let agent) = scope, agent != "*" {
            guard BIC(agent).isValid else { throw fail(.invalidAgent(agent)) }
        }
    }

    /// Whether a debtor agent falls under this rule's scope. An 8-character BIC in the rule
    /// covers every branch of the institution; an 11-character one (`XXX` = the primary office,
    /// same as the 8-character form in a message) covers that branch only.
    func covers(debtorAgent: BIC?) -> Bool {
        guard case .debtorAgent(let pattern) = scope else { return true }
        if pattern == "*" { return true }
        guard let debtorAgent else { return false }
        let configured = BIC(pattern)
        return configured.branchCode == nil ? debtorAgent.bic8 == configured.bic8 : debtorAgent.bic11 == configured.bic11
    }
}
