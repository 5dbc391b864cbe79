import ISO20022

/// One rolling-window limit as the store enforces it: which payments it aggregates (``key``),
/// over how long, and up to what total and count.
public struct LimitWindow: Sendable, Hashable {
    /// What a window aggregates, e.g. `debtorAgent:BANKDEFFXXX:EUR` or
    /// `debtorAccount:DE89370400440532013000:EUR`. Windows of different lengths over the same
    /// payments share a key, so a payment is recorded once per key.
    public struct Key: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var key: Key
    /// The window length; a payment recorded at `t` counts until `t + seconds` (exclusive).
    public var seconds: Int
    /// The most the payments in the window may add up to, this payment included.
    public var maxTotal: ExactDecimal?
    /// The most payments the window may hold, this payment included.
    public var maxCount: Int?
    /// ``LimitRule/id`` of the rule behind the window.
    public var ruleID: String

    public init(key: Key, seconds: Int, maxTotal: ExactDecimal? = nil, maxCount: Int? = nil, ruleID: String) {
        self.key = key
        self.seconds = seconds
        self.maxTotal = maxTotal
        self.maxCount = maxCount
        self.ruleID = ruleID
    }
}

/// What a window already holds: accepted and reserved payments still inside it.
public struct LimitUsage: Sendable, Hashable {
    public var count: Int
    public var total: ExactDecimal

    public init(count: Int, total: ExactDecimal) {
        self.count = count
        self.total = total
    }

    public static let empty = LimitUsage(count: 0, total: .zero)
}
