/// Loader for the EU consolidated financial sanctions list, CSV v1.0 layout.
///
/// Semicolon-separated; each row is one name, address, birth, identity or citizenship record
/// of one entity, keyed by `Entity_logical_id` (entity id `eu_fsf:<Entity_logical_id>`).
/// Some published copies wrap every line in double quotes and pad it with tabs; this loader
/// strips that wrapping first. Encoding is ISO-8859-1.
public enum EUFSFCSVLoader {
    /// Loads the EU CSV file at `path`.
    public static func load(file path: String) throws(ScreeningError) -> SanctionsList {
        let raw = try ListFileIO.readBytes(path)
        var header: [String: Int] = [:]
        var order: [String] = []
        var entries: [String: SanctionsEntry] = [:]
        var date = ""
        var lineNumber = 0
        for lineBytes in raw.split(separator: 10, omittingEmptySubsequences: false) {
            lineNumber += 1
            let fields = splitLine(unwrap(lineBytes))
            guard !fields.isEmpty, !(fields.count == 1 && fields[0].isEmpty) else { continue }
            if header.isEmpty {
                for (i, name) in fields.enumerated() where header[name] == nil { header[name] = i }
                for required in ["Entity_logical_id", "Subject_type", "Naal_wholename"] where header[required] == nil {
                    throw .malformedList(path: path, line: lineNumber, reason: "header lacks column '\(required)'")
                }
                continue
            }
            func column(_ name: String) -> String {
                guard let i = header[name], i < fields.count else { return "" }
                return fields[i].listValue
            }
            let key = column("Entity_logical_id")
            guard !key.isEmpty else { continue }
            if date.isEmpty, let first = fields.first { date = ListFileIO.isoFromDayMonthYear(first.listValue) }
            if entries[key] == nil {
                order.append(key)
                let kind: SanctionsEntryKind = column("Subject_type").uppercased() == "P" ? .individual : .organisation
                entries[key] = SanctionsEntry(list: .euFSF, key: key, kind: kind, names: [])
            }
            var entry = entries[key]!
            entries[key] = nil
            var whole = column("Naal_wholename")
            if whole.isEmpty {
                whole = [column("Naal_firstname"), column("Naal_middlename"), column("Naal_lastname")]
                    .filter { !$0.isEmpty }.joined(separator: " ")
            }
            if !whole.isEmpty, !entry.names.contains(where: { $0.text == whole }) {
                entry.names.append(ListedName(whole, type: entry.names.isEmpty ? .primary : .aka))
            }
            let programme = column("Programme")
            if !programme.isEmpty, !entry.programs.contains(programme) { entry.programs.append(programme) }
            let addressText = [column("Addr_number"), column("Addr_street"), column("Addr_zipcode"), column("Addr_city")]
                .filter { !$0.isEmpty }.joined(separator: ", ")
            let address = ListedAddress(text: addressText, country: column("Addr_country"))
            if !(addressText.isEmpty && address.country.isEmpty), !entry.addresses.contains(address) {
                entry.addresses.append(address)
            }
            entries[key] = entry
        }
        guard !order.isEmpty else { throw .emptyList(path: path) }
        return SanctionsList(list: .euFSF, date: date.isEmpty ? ListFileIO.modificationDate(path) : date,
                             source: path, entries: order.compactMap { entries[$0] }.filter { !$0.names.isEmpty })
    }

    /// Removes a spreadsheet's outer quotes and tab padding, and undoes the doubled quotes it added.
    private static func unwrap(_ line: ArraySlice<UInt8>) -> [UInt8] {
        var bytes = Array(line)
        func trimTail() { while let last = bytes.last, last == 9 || last == 13 || last == 32 { bytes.removeLast() } }
        trimTail()
        if bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") {
            bytes.removeFirst()
            bytes.removeLast()
            trimTail()
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                out.append(bytes[i])
                if bytes[i] == UInt8(ascii: "\""), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { i += 1 }
                i += 1
            }
            return out
        }
        return bytes
    }

    private static func splitLine(_ bytes: [UInt8]) -> [String] {
        var fields: [String] = []
        CSVReader(bytes: bytes, separator: UInt8(ascii: ";")).forEachRecord { f, _ in
            if fields.isEmpty { fields = f } else { fields += f }
        }
        return fields
    }
}
