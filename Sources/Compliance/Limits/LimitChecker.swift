import Foundation
import ISO20022

/// Enforces a list of ``LimitRule``s on payments.
///
/// **Reason codes.**
/// - `AM02` (amount greater than allowed maximum) when one transaction is above a rule's
///   `maxAmount`, whatever the scope: the scheme ceiling and a participant's lower ceiling
///   alike.
/// - `AM13` (amount exceeds limits set by the clearing system) when a debtor agent's total or
///   count over a rolling window is used up: the gateway acts as the clearing system for its
///   participants, and these are limits it sets on a participant (FedNow's per-participant
///   limits are of this kind).
/// - `AM14` (amount exceeds limits agreed between bank and client) when a debtor account's
///   velocity (count or total per window) is used up: these thresholds protect one customer's
///   account, like FedNow's "account activity thresholds" set per customer segment.
///
/// **Check, reserve, then commit or release.** ``reserve(_:)`` checks every rule and, when
/// the payment fits, records it as pending in the same atomic store step; it returns a
/// ``LimitReservation``. The gateway calls ``commit(_:)`` once the payment is accepted, or
/// ``release(_:)`` when a later stage rejects it, so rejected payments never consume limits.
/// A plain "check, then record on acceptance" would let two concurrent payments both see the
/// same headroom and both pass; holding the capacity from the check onwards closes that gap,
/// exactly as TIPS reserves funds before forwarding and releases them on a negative reply.
///
/// Per-transaction maxima are checked first and need no store; window rules are checked in
/// configuration order and the first one exceeded is reported. A payment whose debtor account
/// is missing is not subject to account velocity rules (there is nothing to aggregate on); a
/// payment whose debtor agent has no BIC counts under the key `unidentified` for `*` agent
/// rules, so such payments are limited together rather than not at all.
public struct LimitChecker: Sendable {
    public let rules: [LimitRule]
    public let store: any LimitWindowStore
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - rules: the limits, in the order they are to be checked.
    ///   - store: where window usage lives.
    ///   - now: the clock; tests inject one they can move.
    /// - Throws: ``LimitRuleError`` for the first rule that cannot be enforced.
    public init(rules: [LimitRule], store: any LimitWindowStore = InMemoryLimitWindowStore(),
                now: @escaping @Sendable () -> Date = { Date() }) throws(LimitRuleError) {
        for rule in rules { try rule.validate() }
        self.rules = rules
        self.store = store
        self.now = now
    }

    /// The rules that apply to `payment`: same currency, and a debtor agent the scope covers.
    public func applicableRules(for payment: PaymentFacts) -> [LimitRule] {
        rules.filter { $0.currency == payment.amount.currency && $0.covers(debtorAgent: payment.debtorAgent) }
    }

    /// The per-transaction maxima alone: the first rule whose `maxAmount` the payment exceeds,
    /// as an `AM02` outcome, or `nil`. Needs no store and reserves nothing.
    public func checkTransactionMaximum(_ payment: PaymentFacts) -> ComplianceOutcome? {
        for rule in applicableRules(for: payment) {
            guard let maximum = rule.maxAmount, payment.amount.amount > maximum else { continue }
            let whose: String
            switch rule.scope {
            case .transaction, .debtorAccount: whose = ""
            case .debtorAgent: whose = " for debtor agent \(payment.debtorAgent?.rawValue ?? "(no BIC)")"
            }
            return ComplianceOutcome(
                reasonCode: "AM02",
                narrative: "\(LimitNarrative.money(payment.amount)) exceeds the "
                    + "\(LimitNarrative.money(maximum, rule.currency)) per-transaction limit\(whose)",
                ruleID: rule.id)
        }
        return nil
    }

    /// Checks every rule and, when the payment fits, reserves its place in every window.
    ///
    /// - Returns: ``LimitCheckResult/accepted(_:)`` with the reservation to commit or release
    ///   (``LimitReservation/none`` when no window rule applies), or
    ///   ``LimitCheckResult/rejected(_:)`` with the first limit exceeded.
    /// - Throws: ``LimitStoreError`` when the store fails; the caller must not accept the
    ///   payment then, as its limits could not be checked.
    public func reserve(_ payment: PaymentFacts) async throws(LimitStoreError) -> LimitCheckResult {
        if let outcome = checkTransactionMaximum(payment) { return .rejected(outcome) }
        let windows = self.windows(for: payment)
        guard !windows.isEmpty else { return .accepted(.none) }
        switch try await store.reserve(payment.amount.amount, against: windows, at: now()) {
        case .reserved(let reservation):
            return .accepted(reservation)
        case .exceeded(let window, let usage):
            let rule = windows.firstIndex(of: window).map { windowRules(for: payment)[$0] }
            return .rejected(outcome(for: window, rule: rule, usage: usage, payment: payment))
        }
    }

    /// Keeps the reserved capacity for good: call once the payment is accepted.
    public func commit(_ reservation: LimitReservation) async throws(LimitStoreError) {
        guard reservation != .none else { return }
        try await store.commit(reservation)
    }

    /// Gives the reserved capacity back: call when the payment is rejected after reservation.
    public func release(_ reservation: LimitReservation) async throws(LimitStoreError) {
        guard reservation != .none else { return }
        try await store.release(reservation)
    }

    // MARK: Windows

    private func windowRules(for payment: PaymentFacts) -> [LimitRule] {
        applicableRules(for: payment).filter { rule in
            guard rule.hasWindow else { return false }
            if case .debtorAccount = rule.scope { return payment.debtorAccount != nil }
            return true
        }
    }

    /// The distinct windows `payment` counts in, for recording its ``LimitUsageEntry``s.
    public func windowKeys(for payment: PaymentFacts) -> [LimitWindow.Key] {
        var seen = Set<LimitWindow.Key>()
        return self.windows(for: payment).map(\.key).filter { seen.insert($0).inserted }
    }

    /// The longest window of any rule, in seconds (0 without window rules): how far back a
    /// restart needs the recorded usage.
    public var longestWindowSeconds: Int { LimitChecker.longestWindowSeconds(of: self.rules) }

    /// The longest window of any of `rules`, in seconds (0 without window rules), before a
    /// checker (and the store it needs) exists.
    public static func longestWindowSeconds(of rules: [LimitRule]) -> Int {
        rules.compactMap { $0.hasWindow ? $0.windowSeconds : nil }.max() ?? 0
    }

    /// The windows `payment` counts in, one per applicable window rule, in rule order.
    func windows(for payment: PaymentFacts) -> [LimitWindow] {
        windowRules(for: payment).map { rule in
            LimitWindow(key: key(of: rule, for: payment), seconds: rule.windowSeconds ?? 0,
                        maxTotal: rule.maxTotal, maxCount: rule.maxCount, ruleID: rule.id)
        }
    }

    private func key(of rule: LimitRule, for payment: PaymentFacts) -> LimitWindow.Key {
        let currency = rule.currency.rawValue
        switch rule.scope {
        case .transaction:
            return LimitWindow.Key(rawValue: "transaction:\(currency)")
        case .debtorAgent(let pattern):
            // `*` keeps one window per agent (BIC11); a named BIC8 pools all its branches.
            let agent: String
            if pattern == "*" {
                agent = payment.debtorAgent?.bic11 ?? "unidentified"
            } else {
                let configured = BIC(pattern)
                agent = configured.branchCode == nil ? configured.bic8 : configured.bic11
            }
            return LimitWindow.Key(rawValue: "debtorAgent:\(agent):\(currency)")
        case .debtorAccount:
            return LimitWindow.Key(rawValue: "debtorAccount:\(payment.debtorAccount?.value ?? ""):\(currency)")
        }
    }

    private func outcome(for window: LimitWindow, rule: LimitRule?, usage: LimitUsage,
                         payment: PaymentFacts) -> ComplianceOutcome {
        let span = LimitNarrative.duration(seconds: window.seconds)
        let isAccount: Bool
        let subject: String
        if case .debtorAccount? = rule?.scope {
            isAccount = true
            subject = "debtor account \(payment.debtorAccount?.value ?? "")"
        } else {
            isAccount = false
            subject = "debtor agent \(payment.debtorAgent?.rawValue ?? "(no BIC)")"
        }
        let narrative: String
        if let maxCount = window.maxCount, usage.count + 1 > maxCount {
            narrative = "\(subject) already sent \(usage.count) payment\(usage.count == 1 ? "" : "s") "
                + "in the last \(span); the limit is \(maxCount) per \(span)"
        } else {
            let total = usage.total.adding(payment.amount.amount.normalized) ?? usage.total
            narrative = "\(LimitNarrative.money(payment.amount)) would bring \(subject) to "
                + "\(LimitNarrative.money(total, payment.amount.currency)) in \(span), over the "
                + "\(LimitNarrative.money(window.maxTotal ?? .zero, payment.amount.currency)) limit per \(span)"
        }
        return ComplianceOutcome(reasonCode: isAccount ? "AM14" : "AM13", narrative: narrative, ruleID: window.ruleID)
    }
}
