import Testing
import Foundation
@testable import Compliance

@Suite(.enabled(if: SharedListData.isAvailable, "shared sanctions data not found at ../shared/sanctions; skipping real-file loader tests"))
struct ListLoaderTests {
    @Test func ofacSDN2024LoadsAllEntriesWithTypesAndWeakAliases() throws {
        let lists = try SanctionsListLoader.load(path: SharedListData.path("ofac_sdn_2024"))
        #expect(lists.count == 1)
        let sdn = try #require(lists.first)
        #expect(sdn.list == .ofacSDN)
        #expect(sdn.entries.count == 14_965)
        let kinds = Dictionary(grouping: sdn.entries, by: \.kind).mapValues(\.count)
        #expect(kinds[.individual] == 6_854)
        #expect(kinds[.organisation] == 6_884)
        #expect(kinds[.vessel] == 851)
        #expect(kinds[.aircraft] == 376)
        #expect(sdn.entries.map { Int($0.key)! }.max() == 48_907)
        #expect(sdn.entries.filter { !$0.bics.isEmpty }.count == 156)
        let weakEntries = sdn.entries.filter { $0.names.contains { $0.type == .weakAka } }
        #expect(weakEntries.count >= 2_067)
    }

    @Test func ofacSDN2021AuxiliaryFilesJoinOnEntNum() throws {
        let sdn = try #require(try SanctionsListLoader.load(path: SharedListData.path("ofac_sdn_2021")).first)
        #expect(sdn.entries.count == 8_976)
        let strongAliases = sdn.entries.reduce(0) { $0 + $1.names.filter { $0.type == .aka || $0.type == .fka || $0.type == .nka }.count }
        #expect(strongAliases == 11_910)
        #expect(sdn.addressCount == 13_837)
    }

    @Test func ofacNonSDNUsesConsolidatedPrefix() throws {
        let cons = try #require(try SanctionsListLoader.load(path: SharedListData.path("ofac_cons_nonsdn")).first)
        #expect(cons.list == .ofacConsolidated)
        #expect(cons.entries.count == 442)
        #expect(cons.entries.filter { $0.kind == .individual }.count == 79)
        #expect(cons.entries.first?.id.hasPrefix("ofac_cons:") == true)
        #expect(cons.addressCount == 574)
    }

    @Test func unConsolidatedXMLYieldsIndividualsEntitiesAndOriginalScript() throws {
        let un = try UNConsolidatedXMLLoader.load(file: SharedListData.path("un_sc/consolidated.xml"))
        #expect(un.entries.count == 1_003)
        #expect(un.entries.filter { $0.kind == .individual }.count == 730)
        #expect(un.entries.filter { $0.kind == .organisation }.count == 273)
        #expect(un.date == "2026-02-27")
        #expect(un.entries.filter { $0.names.contains { $0.type == .originalScript } }.count == 378)
        let vakhitov = try #require(un.entries.first { $0.key == "QDi.397" })
        #expect(vakhitov.id == "un_sc:QDi.397")
        #expect(vakhitov.primaryName.uppercased().contains("VAKHITOV"))
    }

    @Test func ukOFSICSVGroupsNameRowsByGroupID() throws {
        let uk = try UKOFSICSVLoader.load(file: SharedListData.path("uk_hmt_ofsi/sanctionsconlist.csv"))
        #expect(uk.entries.count == 2_106)
        #expect(uk.entries.filter { $0.kind == .individual }.count == 1_426)
        #expect(uk.entries.filter { $0.kind == .organisation }.count == 680)
        #expect(uk.date == "2018-04-13")
        #expect(uk.entries.allSatisfy { $0.names.first?.type == .primary })
    }

    @Test func euFSFCSVStripsSpreadsheetWrapping() throws {
        let eu = try EUFSFCSVLoader.load(file: SharedListData.path("eu_fsf/EUSanctionsShort.csv"))
        #expect(eu.entries.count == 93)
        #expect(eu.entries.filter { $0.kind == .individual }.count == 61)
        #expect(eu.entries.filter { $0.kind == .organisation }.count == 32)
        #expect(eu.date == "2018-07-04")
        let mugabe = try #require(eu.entries.first { $0.key == "1" })
        #expect(mugabe.id == "eu_fsf:1")
        #expect(mugabe.primaryName == "Robert Gabriel Mugabe")
        #expect(mugabe.programs == ["ZWE"])
    }

    @Test func loadAllReportsEveryListWithDates() throws {
        let (lists, report) = try SanctionsListLoader.loadAll(paths: SharedListData.evaluationPaths)
        #expect(lists.map(\.list) == [.ofacSDN, .unSecurityCouncil, .ukHMT])
        #expect(report.failures.isEmpty)
        #expect(report.description.contains("un_sc (2026-02-27): 1003 entries"))
    }
}

@Suite struct ListLoaderErrorTests {
    @Test func missingListIsATypedErrorNamingThePath() {
        #expect(throws: ScreeningError.listNotFound(path: "/nonexistent/sdn")) {
            try SanctionsListLoader.loadAll(paths: ["/nonexistent/sdn"])
        }
    }

    @Test func noConfiguredListsIsRefusedUnlessUnscreenedIsAllowed() throws {
        #expect(throws: ScreeningError.noListsConfigured) { try SanctionsListLoader.loadAll(paths: []) }
        let (lists, report) = try SanctionsListLoader.loadAll(paths: ["/nonexistent/x"], allowUnscreened: true)
        #expect(lists.isEmpty)
        #expect(report.failures == [.listNotFound(path: "/nonexistent/x")])
    }

    @Test func unrecognisedFileIsRejected() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-not-a-list-\(UUID()).csv")
        try Data("hello,world\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ScreeningError.unrecognisedListFormat(path: url.path)) {
            try SanctionsListLoader.load(path: url.path)
        }
    }

    @Test func ofacRowsHandleQuotesPlaceholdersAndEndOfFileByte() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-ofac-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes = Array("1,\"ACME \"\"X\"\" CO., LTD.\",-0- ,\"SDGT] [IRGC\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"SWIFT/BIC ACMEIRTH; a.k.a. 'ACMY'.\"\r\n".utf8)
        bytes += [0xE9, 0x0D, 0x0A].prefix(0)  // keep the row ASCII; the 1252 path is covered by the real files
        bytes.append(0x1A)
        try Data(bytes).write(to: folder.appendingPathComponent("sdn.csv"))
        try Data("1,10,\"fka\",\"ACME OLD\",-0- \r\n".utf8).write(to: folder.appendingPathComponent("alt.2025-01.csv"))
        let list = try #require(try SanctionsListLoader.load(path: folder.path).first)
        let entry = try #require(list.entries.first)
        #expect(entry.primaryName == "ACME \"X\" CO., LTD.")
        #expect(entry.kind == .organisation)
        #expect(entry.programs == ["SDGT", "IRGC"])
        #expect(entry.bics == ["ACMEIRTH"])
        #expect(entry.names.map(\.type) == [.primary, .weakAka, .fka])
    }

    @Test func windows1252BytesDecodeToCurlyQuotesAndAccents() {
        #expect(LegacyTextDecoding.windows1252([0x92, 0x41, 0xE9]) == "\u{2019}A\u{E9}")
    }
}
