/// Bounds on what the reader accepts before it looks at a single element.
public struct ParseLimits: Sendable, Hashable {
    /// The largest input in bytes (default 10 MiB).
    public var maxBytes: Int
    /// The deepest element nesting (default 64: ISO 20022 messages inside an envelope stay
    /// well under 30).
    public var maxDepth: Int

    public init(maxBytes: Int = 10 * 1024 * 1024, maxDepth: Int = 64) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    public static let `default` = ParseLimits()
}
