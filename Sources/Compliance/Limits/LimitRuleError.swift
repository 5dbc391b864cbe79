/// A limit rule that cannot be enforced as configured.
public struct LimitRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the rule.
    public enum Problem: Sendable, Hashable {
        /// None of `maxAmount`, `maxTotal`, `maxCount` is set.
        case limitsNothing
        /// `maxTotal` or `maxCount` without `windowSeconds`.
        case windowMissing
        /// A window on the `transaction` scope, which has nothing to aggregate.
        case windowWithoutScope
        /// The named field is zero or negative.
        case nonPositive(String)
        /// The debtor agent is neither `*` nor a valid BIC.
        case invalidAgent(String)
    }

    /// ``LimitRule/id`` of the rule.
    public var ruleID: String
    public var problem: Problem

    public init(ruleID: String, problem: Problem) {
        self.ruleID = ruleID
        self.problem = problem
    }

    public var description: String {
        let detail: String
        switch problem {
        case .limitsNothing: detail = "sets none of maxAmount, maxTotal, maxCount"
        case .windowMissing: detail = "sets maxTotal or maxCount but no windowSeconds"
        case .windowWithoutScope: detail = "aggregates over a window but its scope is a single transaction; use debtorAgent or debtorAccount"
        case .nonPositive(let field): detail = "\(field) must be greater than zero"
        case .invalidAgent(let agent): detail = "debtor agent '\(agent)' is neither '*' nor a valid BIC"
        }
        return "limit rule \(ruleID) \(detail)"
    }
}
