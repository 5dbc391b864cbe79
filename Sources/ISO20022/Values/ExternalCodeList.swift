/// The codes of one ISO 20022 external code set, each with a short definition.
///
/// Obtain one from ``ExternalCodeSets`` (`ExternalCodeSets.statusReason`) or from
/// ``ExternalCodeSet/list``. Look-ups are dictionary look-ups and case-sensitive, as the
/// codes are.
public struct ExternalCodeList: Sendable, Hashable {
    /// Which set this is.
    public let set: ExternalCodeSet
    private let entries: [String: String]

    init(set: ExternalCodeSet, entries: [String: String]) {
        self.set = set
        self.entries = entries
    }

    /// `true` when `code` is in the set, e.g. `ExternalCodeSets.statusReason.contains("AM04")`.
    public func contains(_ code: String) -> Bool { entries[code] != nil }

    /// The short definition of `code` (the first sentence of the published one), or `nil`
    /// when the set does not contain it.
    public func definition(of code: String) -> String? { entries[code] }

    /// All codes of the set, sorted.
    public var codes: [String] { entries.keys.sorted() }

    /// The number of codes in the set.
    public var count: Int { entries.count }

    public static func == (lhs: ExternalCodeList, rhs: ExternalCodeList) -> Bool { lhs.set == rhs.set }
    public func hash(into hasher: inout Hasher) { hasher.combine(set) }
}
