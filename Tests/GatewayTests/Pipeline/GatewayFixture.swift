import Foundation
@testable import Gateway

/// A small gateway in a temporary folder, configured from a YAML snippet: what the pipeline
/// tests share. A conforming fixture adds its own look-ups.
protocol GatewayFixture {
    var folder: URL { get }
    var runtime: GatewayRuntime { get }
    var pipeline: Pipeline { get }
}

extension GatewayFixture {
    /// A new temporary folder named `corridor-<prefix>-<UUID>`, to open a runtime in.
    static func temporaryFolder(_ prefix: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("corridor-\(prefix)-\(UUID().uuidString)")
    }

    /// A runtime on `yaml`, whose relative paths (`data: ./var`) are taken from `folder`.
    static func runtime(yaml: String, in folder: URL, screening: PaymentScreening) throws -> GatewayRuntime {
        let configuration = try GatewayConfiguration.parse(yaml: yaml, file: "corridor.yaml", baseDirectory: folder)
        return try GatewayRuntime(configuration: configuration, screening: screening)
    }

    func drop(_ bytes: Data, as name: String) throws {
        try bytes.write(to: URL(fileURLWithPath: self.runtime.directories.inbox + "/" + name))
    }

    func drop(_ text: String, as name: String) throws {
        try self.drop(Data(text.utf8), as: name)
    }

    /// Processes everything in the inbox, as `corridor process` does.
    func run() async throws -> BatchProcessor.Summary {
        try await BatchProcessor(pipeline: self.pipeline).run()
    }

    func cleanUp() { try? FileManager.default.removeItem(at: self.folder) }
}
