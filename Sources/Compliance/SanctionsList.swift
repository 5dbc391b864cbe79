/// A loaded sanctions list: its entries plus where and when it came from.
public struct SanctionsList: Sendable, Hashable {
    /// Which list this is.
    public var list: SanctionsListID
    /// The publication date as given by the source (ISO `yyyy-mm-dd` where the source allows).
    public var date: String
    /// The file or folder it was loaded from.
    public var source: String
    /// The entries, in file order.
    public var entries: [SanctionsEntry]

    public init(list: SanctionsListID, date: String, source: String, entries: [SanctionsEntry]) {
        self.list = list
        self.date = date
        self.source = source
        self.entries = entries
    }

    /// Number of names other than primary names (weak aliases included).
    public var aliasCount: Int { entries.reduce(0) { $0 + max(0, $1.names.count - 1) } }
    /// Number of addresses over all entries.
    public var addressCount: Int { entries.reduce(0) { $0 + $1.addresses.count } }
}
