import Foundation

/// Loader for OFAC's legacy CSV files (SDN and the consolidated non-SDN lists).
///
/// The files have no header, use `-0-` for empty values, are Windows-1252 and may end with a
/// 0x1A byte. A folder holds a primary file (`sdn.csv` or `cons_prim.csv`) and optionally alias
/// (`alt*.csv` / `cons_alt.csv`), address (`add*.csv` / `cons_add.csv`) and remarks overflow
/// (`sdn_comments*.csv` / `cons_comments.csv`) files; dated names such as `alt.2025-01.csv` are
/// accepted. Rows of the auxiliary files whose `ent_num` is not in the primary file are ignored.
/// Weak aliases (`a.k.a. 'X'` in Remarks) become ``NameType/weakAka`` names, and
/// `SWIFT/BIC XXXXXXXX` remarks become ``SanctionsEntry/bics``.
public enum OFACLegacyCSVLoader {
    /// The files that make up one OFAC list in a folder.
    struct FileSet {
        var list: SanctionsListID
        var primary: String
        var aliases: String?
        var addresses: String?
        var comments: String?
    }

    /// Finds the OFAC file sets in a folder (an SDN set, a non-SDN set, or both).
    static func fileSets(in folder: String) -> [FileSet] {
        let names = ListFileIO.files(in: folder)
        func find(_ prefix: String) -> String? {
            names.first { $0.lowercased().hasPrefix(prefix) && $0.lowercased().hasSuffix(".csv") }
                .map { (folder as NSString).appendingPathComponent($0) }
        }
        var sets: [FileSet] = []
        if let sdn = find("sdn.") {
            sets.append(FileSet(list: .ofacSDN, primary: sdn, aliases: find("alt."),
                                addresses: find("add."), comments: find("sdn_comments")))
        }
        if let prim = find("cons_prim") {
            sets.append(FileSet(list: .ofacConsolidated, primary: prim, aliases: find("cons_alt"),
                                addresses: find("cons_add"), comments: find("cons_comments")))
        }
        return sets
    }

    /// Loads the OFAC list(s) found in `folder`.
    ///
    /// - Throws: ``ScreeningError/unrecognisedListFormat(path:)`` when the folder holds no
    ///   primary file, or a read or format error for any file of the set.
    public static func load(folder: String) throws(ScreeningError) -> [SanctionsList] {
        let sets = fileSets(in: folder)
        guard !sets.isEmpty else { throw .unrecognisedListFormat(path: folder) }
        var lists: [SanctionsList] = []
        for set in sets { lists.append(try load(set)) }
        return lists
    }

    /// Loads an OFAC primary file (`sdn.csv` or `cons_prim.csv`) with no auxiliary files.
    public static func load(primaryFile path: String, list: SanctionsListID = .ofacSDN) throws(ScreeningError) -> SanctionsList {
        try load(FileSet(list: list, primary: path))
    }

    static func load(_ set: FileSet) throws(ScreeningError) -> SanctionsList {
        // Parse the (up to four) files of the set in parallel, then join on ent_num.
        let paths = [set.primary, set.comments, set.aliases, set.addresses]
        let parsed = ParallelMap.map(paths) { path -> Result<[([String], Int)], ScreeningError> in
            guard let path else { return .success([]) }
            do throws(ScreeningError) {
                let bytes = try ListFileIO.readBytes(path)
                var rows: [([String], Int)] = []
                CSVReader(bytes: bytes).forEachRecord { rows.append(($0, $1)) }
                return .success(rows)
            } catch {
                return .failure(error)
            }
        }
        var files: [[([String], Int)]] = []
        for result in parsed {
            switch result {
            case .success(let rows): files.append(rows)
            case .failure(let error): throw error
            }
        }
        var entries: [SanctionsEntry] = []
        entries.reserveCapacity(files[0].count)
        var indexByKey: [String: Int] = [:]
        var remarks: [String] = []
        for (f, line) in files[0] {
            guard f.count >= 12, Int(f[0].listValue) != nil else {
                throw .malformedList(path: set.primary, line: line,
                                     reason: "expected 12 columns starting with a numeric ent_num, got \(f.count)")
            }
            let key = f[0].listValue
            let kind: SanctionsEntryKind
            switch f[2].listValue.lowercased() {
            case "individual": kind = .individual
            case "vessel": kind = .vessel
            case "aircraft": kind = .aircraft
            default: kind = .organisation
            }
            let programs = f[3].listValue
                .components(separatedBy: "] [")
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")) }
                .filter { !$0.isEmpty }
            indexByKey[key] = entries.count
            entries.append(SanctionsEntry(list: set.list, key: key, kind: kind,
                                          names: [ListedName(f[1].listValue, type: .primary)],
                                          programs: programs))
            remarks.append(f[11].listValue)
        }
        guard !entries.isEmpty else { throw .emptyList(path: set.primary) }
        for (f, _) in files[1] {
            guard f.count >= 2, let i = indexByKey[f[0].listValue] else { continue }
            remarks[i] += f[1].listValue
        }
        for i in entries.indices {
            let parsed = parseRemarks(remarks[i])
            entries[i].names += parsed.weakAliases.map { ListedName($0, type: .weakAka) }
            entries[i].bics = parsed.bics
        }
        for (f, _) in files[2] {
            guard f.count >= 4, let i = indexByKey[f[0].listValue] else { continue }
            let name = f[3].listValue
            guard !name.isEmpty else { continue }
            let type: NameType
            switch f[2].listValue.lowercased() {
            case "fka": type = .fka
            case "nka": type = .nka
            default: type = .aka
            }
            entries[i].names.append(ListedName(name, type: type))
        }
        for (f, _) in files[3] {
            guard f.count >= 5, let i = indexByKey[f[0].listValue] else { continue }
            let text = [f[2].listValue, f[3].listValue].filter { !$0.isEmpty }.joined(separator: ", ")
            entries[i].addresses.append(ListedAddress(text: text, country: f[4].listValue))
        }
        return SanctionsList(list: set.list, date: ListFileIO.modificationDate(set.primary),
                             source: set.primary, entries: entries)
    }

    /// Weak aliases and BICs found in an OFAC Remarks field.
    static func parseRemarks(_ remarks: String) -> (weakAliases: [String], bics: [String]) {
        guard !remarks.isEmpty else { return ([], []) }
        var weak: [String] = []
        var bics: [String] = []
        for rawPart in remarks.split(separator: ";") {
            var part = Substring(rawPart.trimmingCharacters(in: .whitespaces))
            if part.hasPrefix("a.k.a. '") || part.hasPrefix("f.k.a. '") || part.hasPrefix("n.k.a. '") {
                part = part.dropFirst(7)
                while part.last == "." || part.last == " " { part = part.dropLast() }
                if let open = part.firstIndex(of: "'"), let close = part.lastIndex(of: "'"), open < close {
                    let value = part[part.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
                    if !value.isEmpty { weak.append(value) }
                }
            } else if let range = part.range(of: "SWIFT/BIC ") {
                for word in part[range.upperBound...].split(whereSeparator: { $0 == " " || $0 == "," }) {
                    let code = word.trimmingCharacters(in: CharacterSet(charactersIn: ".()")).uppercased()
                    if BICCode.isWellFormed(code) { bics.append(code) } else { break }
                }
            }
        }
        return (weak, bics)
    }
}
