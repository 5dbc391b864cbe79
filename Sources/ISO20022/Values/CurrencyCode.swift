/// An ISO 4217 alphabetic currency code such as `EUR`, as written in a `Ccy` attribute.
///
/// Holds the text as given; ``isKnown``, ``isActive`` and ``minorUnits`` consult the
/// ``ISO4217`` table. Comparison is exact and case-sensitive (`"eur"` is not known).
public struct CurrencyCode: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    /// The code exactly as written.
    public let rawValue: String

    /// Wraps `rawValue` without checking it.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps `code` without checking it.
    public init(_ code: String) { self.rawValue = code }

    public init(stringLiteral value: String) { self.rawValue = value }

    /// The ISO 4217 table entry, or `nil` for an unknown code.
    public var entry: ISO4217.Entry? { ISO4217.entry(for: rawValue) }

    /// `true` when ISO 4217 defines the code, active or historic.
    public var isKnown: Bool { entry != nil }

    /// `true` when the code is in current use (ISO 4217 List One).
    public var isActive: Bool { entry?.isActive ?? false }

    /// The number of minor-unit digits (EUR 2, JPY 0, BHD 3, CLF 4), or `nil` when the code is
    /// unknown or ISO 4217 gives "N.A." (e.g. `XAU`, `XDR`, `XXX`).
    public var minorUnits: Int? { entry?.minorUnits }
}

extension CurrencyCode: CustomStringConvertible {
    public var description: String { rawValue }
}
