import Foundation

/// What the gateway remembers about one transaction: identifiers, route, status and timing.
///
/// The ledger is the record of money; this is the record of messages and statuses, used to
/// answer re-sent payments, correlate route answers, fire timeouts, and report.
public struct PaymentRecord: Sendable, Hashable {
    public var transferID: String
    public var uetr: String?
    public var messageId: String
    public var sender: String?
    public var instructingAgent: String?
    public var endToEndId: String
    public var txId: String?
    public var instrId: String?
    public var debtorAgent: String?
    public var creditorAgent: String?
    public var currency: String
    public var amount: String
    public var route: String?
    /// `settle`, `forward`, `reject`, `hold` or `none`.
    public var action: String
    /// The last status sent to the sender: ACSC, ACSP, ACCC, PDNG or RJCT.
    public var status: String
    public var reason: String?
    public var narrative: String?
    public var inputName: String
    public var inputDigest: String
    public var transactionIndex: Int
    /// Milliseconds since 1970 (UTC).
    public var receivedAt: Int64
    public var updatedAt: Int64
    /// For forwards awaiting the route's answer: when they time out.
    public var deadline: Int64?
    /// Whether the route sent any status for a forward (decides AB05 against AB06).
    public var routeAcknowledged: Bool
    public var forwardMessageId: String?
    /// A digest of the payment's fields: a re-sent payment with the same id and fingerprint is a
    /// replay, with a different one a duplicate (AM05).
    public var fingerprint: String
    /// From receipt to the durable status, in microseconds.
    public var latencyMicros: Int64?
    /// For a forward made final: the SHA-256 of the route report that did it, or `timeout`.
    /// A rerun of that report after a crash answers the sender again; any other report, late
    /// the first time, stays late.
    public var resolvedBy: String? = nil

    /// True for statuses after which nothing more happens to the payment.
    public var isFinal: Bool { ["ACSC", "ACCC", "RJCT"].contains(self.status) }
}

/// One line of a payment's audit trail.
public struct PaymentEvent: Sendable, Hashable {
    public var transferID: String?
    public var messageId: String?
    /// Milliseconds since 1970 (UTC).
    public var at: Int64
    /// E.g. `received`, `status`, `forwarded`, `route-status`, `timeout`, `late-status`, `replay`.
    public var kind: String
    public var detail: String

    public init(transferID: String?, messageId: String?, at: Int64, kind: String, detail: String) {
        self.transferID = transferID
        self.messageId = messageId
        self.at = at
        self.kind = kind
        self.detail = detail
    }
}
