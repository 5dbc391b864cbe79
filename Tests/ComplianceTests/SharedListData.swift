import Foundation
import Compliance

/// Locates the shared sanctions data (`../shared/sanctions` relative to the package root)
/// and loads it once for all tests that need it.
enum SharedListData {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let sanctionsFolder: String = packageRoot
        .deletingLastPathComponent().appendingPathComponent("shared/sanctions").path

    /// Whether the shared list data is present; tests needing it are skipped otherwise.
    static let isAvailable: Bool = FileManager.default.fileExists(atPath: sanctionsFolder + "/SOURCES.md")

    static func path(_ relative: String) -> String { sanctionsFolder + "/" + relative }

    /// The evaluation universe: OFAC SDN 2024 (with 2025 aliases), UN and UK.
    static let evaluationPaths = ["ofac_sdn_2024", "un_sc", "uk_hmt_ofsi"].map(path)

    static let screener: Screener? = {
        guard isAvailable else { return nil }
        return try? Screener.load(paths: evaluationPaths).screener
    }()
}
