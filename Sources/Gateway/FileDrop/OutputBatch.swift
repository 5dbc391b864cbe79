import Foundation

/// Outputs to be made durable together by ``DurableFileWriter/write(_:)-(OutputBatch)``,
/// sharing one device flush instead of paying one per file.
public struct OutputBatch: Sendable, Hashable {
    /// The outputs, in the order they were added; results come back in the same order.
    public private(set) var outputs: [OutputFile] = []

    /// Creates an empty batch.
    public init() {}

    /// Creates a batch holding `outputs`.
    public init(_ outputs: [OutputFile]) {
        self.outputs = outputs
    }

    /// Adds an output; its result will be at the returned index.
    @discardableResult
    public mutating func add(_ output: OutputFile) -> Int {
        outputs.append(output)
        return outputs.count - 1
    }

    /// Adds `data` to be written into `directory` as `name`; its result will be at the
    /// returned index.
    @discardableResult
    public mutating func add(
        _ data: Data, to directory: String, as name: String, naming: OutputNaming = .unique, source: String? = nil
    ) -> Int {
        add(OutputFile(data: data, directory: directory, name: name, naming: naming, source: source))
    }

    /// The number of outputs.
    public var count: Int { outputs.count }
    /// Whether the batch holds no output.
    public var isEmpty: Bool { outputs.isEmpty }
}
