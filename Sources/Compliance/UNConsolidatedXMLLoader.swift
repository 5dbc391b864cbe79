/// Loader for the UN Security Council consolidated list XML.
///
/// Entity ids are `un_sc:<REFERENCE_NUMBER>` (e.g. `un_sc:QDi.397`). The name is the
/// `FIRST_NAME`…`FOURTH_NAME` parts joined in order; `NAME_ORIGINAL_SCRIPT` is kept as an
/// ``NameType/originalScript`` name; aliases of quality `Low` are weak, others are strong.
/// The list date is the root's `dateGenerated` attribute (day part).
public enum UNConsolidatedXMLLoader {
    /// Loads the consolidated XML file at `path`.
    public static func load(file path: String) throws(ScreeningError) -> SanctionsList {
        let bytes = try ListFileIO.readBytes(path)
        let root: XMLPullScanner.Element
        do {
            root = try XMLPullScanner(bytes: bytes).parse()
        } catch {
            throw .malformedList(path: path, line: error.line, reason: error.reason)
        }
        guard root.name == "CONSOLIDATED_LIST" else {
            throw .malformedList(path: path, line: 1, reason: "root element is <\(root.name)>, expected <CONSOLIDATED_LIST>")
        }
        var entries: [SanctionsEntry] = []
        for group in root.children {
            for record in group.children where record.name == "INDIVIDUAL" || record.name == "ENTITY" {
                entries.append(entry(from: record, individual: record.name == "INDIVIDUAL"))
            }
        }
        guard !entries.isEmpty else { throw .emptyList(path: path) }
        let generated = root.attributes["dateGenerated"] ?? ""
        let date = generated.count >= 10 ? String(generated.prefix(10)) : ListFileIO.modificationDate(path)
        return SanctionsList(list: .unSecurityCouncil, date: date, source: path, entries: entries)
    }

    private static func entry(from record: XMLPullScanner.Element, individual: Bool) -> SanctionsEntry {
        let parts = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
            .map { record.value($0) }.filter { !$0.isEmpty }
        var names = [ListedName(parts.joined(separator: " "), type: .primary)]
        let original = record.value("NAME_ORIGINAL_SCRIPT")
        if !original.isEmpty { names.append(ListedName(original, type: .originalScript)) }
        for alias in record.children(individual ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS") {
            let name = alias.value("ALIAS_NAME")
            guard !name.isEmpty else { continue }
            let weak = alias.value("QUALITY").lowercased() == "low"
            names.append(ListedName(name, type: weak ? .weakAka : .aka))
        }
        var addresses: [ListedAddress] = []
        for address in record.children(individual ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS") {
            let text = ["STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE"].map { address.value($0) }
                .filter { !$0.isEmpty }.joined(separator: ", ")
            let country = address.value("COUNTRY")
            if !text.isEmpty || !country.isEmpty { addresses.append(ListedAddress(text: text, country: country)) }
        }
        let program = record.value("UN_LIST_TYPE")
        return SanctionsEntry(list: .unSecurityCouncil, key: record.value("REFERENCE_NUMBER"),
                              kind: individual ? .individual : .organisation, names: names,
                              programs: program.isEmpty ? [] : [program], addresses: addresses)
    }
}
