import Foundation
@testable import Gateway

/// A small but complete corridor.yaml whose line numbers the error tests refer to.
enum ConfigurationFixtures {
    static let baseLines = [
        "gateway:",                                                               // 1
        "  bic: CRDRGB2LXXX",                                                     // 2
        "  data: ./var",                                                          // 3
        "  timeoutSeconds: 10",                                                   // 4
        "participants:",                                                          // 5
        "  - bic: BANKDEFFXXX",                                                   // 6
        "    name: Bank DE",                                                      // 7
        "    accounts:",                                                          // 8
        "      - { currency: EUR, balance: \"1000.00\", minimumBalance: \"0.00\" }", // 9
        "  - bic: BANKFRPPXXX",                                                   // 10
        "    name: Bank FR",                                                      // 11
        "    accounts:",                                                          // 12
        "      - { currency: EUR, balance: \"500.00\" }",                         // 13
        "routes:",                                                                // 14
        "  - name: fednow",                                                       // 15
        "    match: { country: US }",                                             // 16
        "    action: forward",                                                    // 17
        "    nextAgent: FRNYUS33XXX",                                             // 18
        "  - name: domestic",                                                     // 19
        "    match: { currency: EUR }",                                           // 20
        "    action: settle",                                                     // 21
        "screening:",                                                             // 22
        "  lists: [ ./sanctions ]",                                               // 23
        "  reviewThreshold: 0.85",                                                // 24
        "  blockThreshold: 0.92",                                                 // 25
        "  onReview: hold",                                                       // 26
        "limits:",                                                                // 27
        "  - { currency: EUR, maxAmount: \"100.00\" }",                           // 28
    ]

    /// The base document.
    static var base: String { baseLines.joined(separator: "\n") + "\n" }

    /// The base document with the given 1-based lines replaced (a replacement may hold
    /// several lines).
    static func base(replacing replacements: [Int: String]) -> String {
        var lines = baseLines
        for (line, text) in replacements { lines[line - 1] = text }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A folder that stands in for the configuration file's folder.
    static let folder = URL(fileURLWithPath: "/srv/corridor", isDirectory: true)

    /// The error that parsing `yaml` throws, or `nil` when it parses.
    static func error(in yaml: String) -> ConfigurationError? {
        do {
            _ = try GatewayConfiguration.parse(yaml: yaml, file: "corridor.yaml", baseDirectory: folder)
            return nil
        } catch {
            return error
        }
    }
}

/// A fresh folder under the system temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-config-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` at the relative `path`, creating folders on the way.
    @discardableResult
    func write(_ text: String, to path: String) throws -> URL {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// Creates the folder at the relative `path`.
    @discardableResult
    func makeFolder(_ path: String) throws -> URL {
        let folder = url.appendingPathComponent(path, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs `body` with a fresh temporary folder and removes it afterwards.
func withTemporaryFolder<Result>(_ body: (TemporaryFolder) throws -> Result) throws -> Result {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    return try body(folder)
}
