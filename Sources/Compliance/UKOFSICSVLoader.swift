/// Loader for the UK HM Treasury / OFSI consolidated list CSV (2018 layout).
///
/// Line 1 is `Last Updated,dd/mm/yyyy`, line 2 the header; each further row is one name of one
/// group. Rows are grouped by `Group ID` (entity id `uk_hmt:<Group ID>`). `Name 1`–`Name 5` are
/// given names and `Name 6` the surname or entity name; names are joined in natural order.
/// `Prime Alias` rows give the primary name, `AKA`/`FKA` rows aliases. The file is Windows-1252.
public enum UKOFSICSVLoader {
    /// Loads the consolidated list CSV at `path`.
    public static func load(file path: String) throws(ScreeningError) -> SanctionsList {
        let bytes = try ListFileIO.readBytes(path)
        var date = ""
        var header: [String: Int] = [:]
        var order: [String] = []
        var groups: [String: SanctionsEntry] = [:]
        var formatError: ScreeningError?
        CSVReader(bytes: bytes).forEachRecord { f, line in
            guard formatError == nil else { return }
            if date.isEmpty {
                guard f.first?.listValue == "Last Updated", f.count >= 2 else {
                    formatError = .malformedList(path: path, line: line, reason: "expected 'Last Updated,dd/mm/yyyy'")
                    return
                }
                date = ListFileIO.isoFromDayMonthYear(f[1].listValue)
                return
            }
            if header.isEmpty {
                for (i, name) in f.enumerated() where header[name.listValue] == nil { header[name.listValue] = i }
                for required in ["Name 6", "Group ID", "Alias Type", "Group Type"] where header[required] == nil {
                    formatError = .malformedList(path: path, line: line, reason: "header lacks column '\(required)'")
                    return
                }
                return
            }
            func column(_ name: String) -> String {
                guard let i = header[name], i < f.count else { return "" }
                return f[i].listValue
            }
            let key = column("Group ID")
            guard !key.isEmpty else { return }
            let parts = ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"].map(column).filter { !$0.isEmpty }
            let name = parts.joined(separator: " ")
            let aliasType = column("Alias Type").lowercased()
            let type: NameType = aliasType.hasPrefix("prime") ? .primary : (aliasType == "fka" ? .fka : .aka)
            if groups[key] == nil {
                order.append(key)
                let kind: SanctionsEntryKind = column("Group Type").lowercased() == "individual" ? .individual : .organisation
                groups[key] = SanctionsEntry(list: .ukHMT, key: key, kind: kind, names: [])
            }
            var entry = groups[key]!
            groups[key] = nil
            if !name.isEmpty, !entry.names.contains(where: { $0.text == name && ($0.type == type || type != .primary) }) {
                if type == .primary {
                    entry.names.removeAll { $0.text == name }
                    let firstAlias = entry.names.firstIndex { $0.type != .primary } ?? entry.names.count
                    entry.names.insert(ListedName(name, type: .primary), at: firstAlias)
                } else {
                    entry.names.append(ListedName(name, type: type))
                }
            }
            let regime = column("Regime")
            if !regime.isEmpty, !entry.programs.contains(regime) { entry.programs.append(regime) }
            let addressText = ["Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6", "Post/Zip Code"]
                .map(column).filter { !$0.isEmpty }.joined(separator: ", ")
            let address = ListedAddress(text: addressText, country: column("Country"))
            if !(addressText.isEmpty && address.country.isEmpty), !entry.addresses.contains(address) {
                entry.addresses.append(address)
            }
            groups[key] = entry
        }
        if let formatError { throw formatError }
        guard !order.isEmpty else { throw .emptyList(path: path) }
        let entries = order.compactMap { key -> SanctionsEntry? in
            guard var entry = groups[key], !entry.names.isEmpty else { return nil }
            if entry.names[0].type != .primary { entry.names[0].type = .primary }
            return entry
        }
        return SanctionsList(list: .ukHMT, date: date, source: path, entries: entries)
    }
}
