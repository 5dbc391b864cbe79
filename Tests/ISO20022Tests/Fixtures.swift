import Foundation
import Testing
@testable import ISO20022

/// Locations the tests read: the package's own files and the read-only shared material.
enum Fixtures {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the package, present on developer machines and in CI.
    static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static var sharedIsPresent: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("iso20022/xsd/pacs.008.001.08.xsd").path)
    }

    static let sharedMissingMessage: Comment = "../shared/iso20022 is absent: official-schema tests skipped"

    static func sample(_ name: String) -> URL { packageRoot.appendingPathComponent("samples").appendingPathComponent(name) }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    /// A reader that validates against the official ISO 20022 XSDs only (no business rules).
    static let officialReader: MessageReader? = {
        guard sharedIsPresent else { return nil }
        let schemas = try? SchemaSet.overriding(with: shared.appendingPathComponent("iso20022/xsd"))
        return schemas.map { MessageReader(schemas: $0, rules: BusinessRules(disabled: Set(BusinessRules.catalogue.map(\.id)))) }
    }()

    /// Every public sample file.
    static var publicSamples: [URL] {
        guard sharedIsPresent else { return [] }
        let root = shared.appendingPathComponent("iso20022/samples")
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        var files: [URL] = []
        while let url = walker?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true, url.pathExtension != "md" {
                files.append(url)
            }
        }
        return files.sorted { $0.path < $1.path }
    }
}
