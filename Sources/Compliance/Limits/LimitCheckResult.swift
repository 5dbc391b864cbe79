/// The answer of ``LimitChecker/reserve(_:)``.
public enum LimitCheckResult: Sendable, Hashable {
    /// Every limit has room; the payment holds this reservation until committed or released.
    case accepted(LimitReservation)
    /// A limit would be exceeded; nothing was reserved.
    case rejected(ComplianceOutcome)

    /// The outcome of a rejection, `nil` when accepted.
    public var outcome: ComplianceOutcome? {
        if case .rejected(let outcome) = self { return outcome }
        return nil
    }

    /// The reservation of an acceptance, `nil` when rejected.
    public var reservation: LimitReservation? {
        if case .accepted(let reservation) = self { return reservation }
        return nil
    }
}
