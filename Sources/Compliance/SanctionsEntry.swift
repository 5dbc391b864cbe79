/// The sanctions lists this module can load, with the prefix used in entity ids.
public enum SanctionsListID: String, Sendable, Hashable, Codable, CaseIterable {
    /// US Treasury OFAC Specially Designated Nationals list (`ofac_sdn:<ent_num>`).
    case ofacSDN = "ofac_sdn"
    /// OFAC consolidated non-SDN lists (`ofac_cons:<ent_num>`).
    case ofacConsolidated = "ofac_cons"
    /// UN Security Council consolidated list (`un_sc:<reference number>`).
    case unSecurityCouncil = "un_sc"
    /// UK HM Treasury / OFSI consolidated list (`uk_hmt:<group id>`).
    case ukHMT = "uk_hmt"
    /// EU consolidated financial sanctions list (`eu_fsf:<entity logical id>`).
    case euFSF = "eu_fsf"
}

/// What kind of party a list entry describes.
public enum SanctionsEntryKind: String, Sendable, Hashable, Codable {
    case individual
    case organisation
    case vessel
    case aircraft
}

/// How a name is attached to a list entry.
///
/// Weak aliases (OFAC `a.k.a.` in Remarks, UN `Low` quality) are screened in a lower tier:
/// on their own they can raise a review but never a block.
public enum NameType: String, Sendable, Hashable, Codable {
    /// The entry's main name.
    case primary
    /// A strong alias ("also known as").
    case aka
    /// A former name.
    case fka
    /// A "now known as" name.
    case nka
    /// A weak or low-quality alias.
    case weakAka = "weak_aka"
    /// The name in its original (non-Latin) script.
    case originalScript = "original_script"

    /// Whether names of this type are in the weak tier.
    public var isWeak: Bool { self == .weakAka }
}

/// One name of a list entry.
public struct ListedName: Sendable, Hashable, Codable {
    /// The name as written on the list.
    public var text: String
    /// Primary, alias, weak alias, ...
    public var type: NameType

    public init(_ text: String, type: NameType) {
        self.text = text
        self.type = type
    }
}

/// One address of a list entry, kept for reporting and country screening.
public struct ListedAddress: Sendable, Hashable, Codable {
    /// Street, city and other lines joined with ", ".
    public var text: String
    /// The country as written on the list (a name, not a code), or empty.
    public var country: String

    public init(text: String, country: String) {
        self.text = text
        self.country = country
    }
}

/// One record of a sanctions list, normalised across list formats.
public struct SanctionsEntry: Sendable, Hashable, Codable {
    /// Which list the entry comes from.
    public var list: SanctionsListID
    /// The list's own key (`ent_num`, UN reference number, UK group id, EU logical id).
    public var key: String
    /// Person, organisation, vessel or aircraft.
    public var kind: SanctionsEntryKind
    /// All names; the first is the primary name.
    public var names: [ListedName]
    /// Programmes or regimes, e.g. `SDGT`, `RUSSIA-EO14024`.
    public var programs: [String]
    /// Addresses, if the list carries any.
    public var addresses: [ListedAddress]
    /// SWIFT/BIC codes (8 or 11 characters, upper case) the list gives for the entry.
    public var bics: [String]

    /// The entity id used in reports, `<list>:<key>`, e.g. `ofac_sdn:28919`.
    public var id: String { "\(list.rawValue):\(key)" }

    /// The primary name, or an empty string when the entry has no names.
    public var primaryName: String { names.first?.text ?? "" }

    public init(
        list: SanctionsListID, key: String, kind: SanctionsEntryKind, names: [ListedName],
        programs: [String] = [], addresses: [ListedAddress] = [], bics: [String] = []
    ) {
        self.list = list
        self.key = key
        self.kind = kind
        self.names = names
        self.programs = programs
        self.addresses = addresses
        self.bics = bics
    }
}
