import ISO20022

/// A set of countries in a corridor rule: `*` for any country, or a list.
public enum CountrySet: Sendable, Hashable {
    /// Every country, including an unknown one (an agent without a BIC).
    case any
    /// These countries only.
    case only(Set<CountryCode>)

    /// Reads configuration: `["*"]` (or any list containing `*`) is ``any``, otherwise the codes
    /// (upper-cased, so `de` is `DE`).
    public init(_ codes: [String]) {
        self = codes.contains("*") ? .any : .only(Set(codes.map { CountryCode($0.uppercased()) }))
    }

    /// Whether `country` is in the set; an unknown country is only in ``any``.
    public func contains(_ country: CountryCode?) -> Bool {
        switch self {
        case .any: return true
        case .only(let countries): return country.map(countries.contains) ?? false
        }
    }
}

extension CountrySet: CustomStringConvertible {
    /// `*`, or the codes sorted and comma-separated.
    public var description: String {
        switch self {
        case .any: return "*"
        case .only(let countries): return countries.map(\.rawValue).sorted().joined(separator: ",")
        }
    }
}
