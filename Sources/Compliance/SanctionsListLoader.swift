import Foundation

/// Finds and loads sanctions lists from configured files and folders.
///
/// A path may be a list file (an OFAC `sdn.csv`/`cons_prim.csv`, the UN XML, the UK OFSI CSV,
/// the EU FSF CSV) or a folder holding one or more of them; a folder with no list files of its
/// own is searched one level down. OFAC auxiliary files (aliases, addresses, remarks overflow)
/// are picked up from the primary file's folder.
public enum SanctionsListLoader {
    /// Loads every list found at `path`.
    ///
    /// - Throws: ``ScreeningError/listNotFound(path:)`` when nothing exists at `path`,
    ///   ``ScreeningError/unrecognisedListFormat(path:)`` when no list is recognised there, or
    ///   the error of the first list that fails to load.
    public static func load(path: String) throws(ScreeningError) -> [SanctionsList] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .listNotFound(path: path)
        }
        if !isDirectory.boolValue { return [try loadFile(path)] }
        var lists = try loadFolder(path)
        if lists.isEmpty {
            for name in ListFileIO.files(in: path) {
                let sub = (path as NSString).appendingPathComponent(name)
                var subIsDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: sub, isDirectory: &subIsDirectory), subIsDirectory.boolValue {
                    lists += try loadFolder(sub)
                }
            }
        }
        guard !lists.isEmpty else { throw .unrecognisedListFormat(path: path) }
        return lists
    }

    /// Loads all configured paths, in parallel, and reports what was loaded.
    ///
    /// - Parameter allowUnscreened: when false (the default) any failure is thrown, so the
    ///   gateway never runs with a list silently missing; when true, failures are recorded in
    ///   ``ListLoadReport/failures`` and loading continues.
    public static func loadAll(paths: [String], allowUnscreened: Bool = false) throws(ScreeningError) -> (lists: [SanctionsList], report: ListLoadReport) {
        if paths.isEmpty && !allowUnscreened { throw .noListsConfigured }
        let start = ContinuousClock.now
        let results = ParallelMap.map(paths) { path -> Result<[SanctionsList], ScreeningError> in
            do throws(ScreeningError) { return .success(try load(path: path)) } catch { return .failure(error) }
        }
        var lists: [SanctionsList] = []
        var failures: [ScreeningError] = []
        for result in results {
            switch result {
            case .success(let loaded): lists += loaded
            case .failure(let error):
                if !allowUnscreened { throw error }
                failures.append(error)
            }
        }
        let elapsed = ContinuousClock.now - start
        let report = ListLoadReport(lists: lists.map(ListLoadReport.ListSummary.init), failures: failures,
                                    loadSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        return (lists, report)
    }

    private static func loadFolder(_ folder: String) throws(ScreeningError) -> [SanctionsList] {
        var lists: [SanctionsList] = []
        if !OFACLegacyCSVLoader.fileSets(in: folder).isEmpty { lists += try OFACLegacyCSVLoader.load(folder: folder) }
        for name in ListFileIO.files(in: folder) {
            let lower = name.lowercased()
            guard lower.hasSuffix(".xml") || lower.hasSuffix(".csv") else { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            if let format = sniff(path), format != .ofac { lists.append(try load(path, as: format)) }
        }
        return lists
    }

    private static func loadFile(_ path: String) throws(ScreeningError) -> SanctionsList {
        guard let format = sniff(path) else {
            _ = try ListFileIO.readBytes(path)  // surfaces "unreadable" before "unrecognised"
            throw .unrecognisedListFormat(path: path)
        }
        if format == .ofac {
            let folder = (path as NSString).deletingLastPathComponent
            let name = (path as NSString).lastPathComponent.lowercased()
            let list: SanctionsListID = name.hasPrefix("cons") ? .ofacConsolidated : .ofacSDN
            if let set = OFACLegacyCSVLoader.fileSets(in: folder).first(where: { $0.list == list && $0.primary == path }) {
                return try OFACLegacyCSVLoader.load(set)
            }
            return try OFACLegacyCSVLoader.load(primaryFile: path, list: list)
        }
        return try load(path, as: format)
    }

    enum Format { case ofac, un, uk, eu }

    private static func load(_ path: String, as format: Format) throws(ScreeningError) -> SanctionsList {
        switch format {
        case .un: return try UNConsolidatedXMLLoader.load(file: path)
        case .uk: return try UKOFSICSVLoader.load(file: path)
        case .eu: return try EUFSFCSVLoader.load(file: path)
        case .ofac: return try OFACLegacyCSVLoader.load(primaryFile: path)
        }
    }

    /// Recognises a list file by its name and first bytes.
    static func sniff(_ path: String) -> Format? {
        let name = (path as NSString).lastPathComponent.lowercased()
        if (name.hasPrefix("sdn.") || name.hasPrefix("cons_prim")) && name.hasSuffix(".csv") { return .ofac }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 512)) ?? Data(), as: UTF8.self)
        if head.hasPrefix("<?xml") || head.hasPrefix("<CONSOLIDATED_LIST") {
            return head.contains("CONSOLIDATED_LIST") ? .un : nil
        }
        if head.hasPrefix("Last Updated,") { return .uk }
        if head.hasPrefix("\"Date_file") || head.hasPrefix("Date_file") { return .eu }
        return nil
    }
}

/// What was loaded at start: per list, its date and size; and any lists that failed.
public struct ListLoadReport: Sendable, CustomStringConvertible {
    /// Size and date of one loaded list.
    public struct ListSummary: Sendable {
        public var list: SanctionsListID
        public var date: String
        public var source: String
        public var entries: Int
        public var aliases: Int
        public var addresses: Int

        init(_ list: SanctionsList) {
            self.list = list.list
            self.date = list.date
            self.source = list.source
            self.entries = list.entries.count
            self.aliases = list.aliasCount
            self.addresses = list.addressCount
        }
    }

    public var lists: [ListSummary]
    /// Lists that failed to load; only non-empty when unscreened operation was allowed.
    public var failures: [ScreeningError]
    /// Wall time spent reading and parsing.
    public var loadSeconds: Double

    public var description: String {
        var lines = lists.map {
            "\($0.list.rawValue) (\($0.date)): \($0.entries) entries, \($0.aliases) aliases, \($0.addresses) addresses from \($0.source)"
        }
        lines += failures.map { "FAILED: \($0)" }
        lines.append(String(format: "loaded in %.3f s", loadSeconds))
        return lines.joined(separator: "\n")
    }
}
