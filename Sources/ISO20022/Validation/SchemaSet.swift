import Foundation
internal import CLibXML2

/// Compiled XSDs keyed by target namespace, compiled once and shared across threads.
///
/// A compiled libxml2 schema is read-only after compilation; each validation creates its own
/// validation context, so one ``SchemaSet`` serves any number of concurrent validations.
public final class SchemaSet: Sendable {
    /// One compiled schema.
    final class Compiled: Sendable {
        let namespace: String
        let source: String
        // Safe to share: libxml2 never mutates a compiled schema after xmlSchemaParse returns;
        // validation state lives in per-call contexts. Only ever read through this property.
        nonisolated(unsafe) let schema: xmlSchemaPtr

        /// Validation contexts for this schema, reused across validations.
        let contexts = ContextPool(maxUses: Int.max) { pointer in
            xmlSchemaFreeValidCtxt(OpaquePointer(pointer))
        }

        init(namespace: String, source: String, schema: xmlSchemaPtr) {
            self.namespace = namespace
            self.source = source
            self.schema = schema
        }

        deinit {
            self.contexts.drain()
            xmlSchemaFree(self.schema)
        }
    }

    /// A schema compiled on first use (the embedded ones), or already compiled (files).
    final class Slot: Sendable {
        private let lock = NSLock()
        private let text: String
        private let source: String
        // Guarded by `lock`; written once.
        nonisolated(unsafe) private var compiled: Compiled?

        init(text: String, source: String) {
            self.text = text
            self.source = source
        }

        init(compiled: Compiled) {
            self.text = ""
            self.source = compiled.source
            self.compiled = compiled
        }

        var schema: Compiled {
            self.lock.lock()
            defer { self.lock.unlock() }
            if let compiled = self.compiled { return compiled }
            // The embedded schemas are tested to compile; a failure here is a build defect.
            let compiled = try! SchemaSet.compile(text: self.text, source: self.source)
            self.compiled = compiled
            return compiled
        }
    }

    private let schemas: [String: Slot]

    /// The namespaces this set validates.
    public var namespaces: [String] { self.schemas.keys.sorted() }

    private init(schemas: [String: Slot]) { self.schemas = schemas }

    func schema(for namespace: String) -> Compiled? { self.schemas[namespace]?.schema }

    /// The gateway's own schemas (`Schemas/`), each compiled once per process, on first use.
    public static let gateway: SchemaSet = {
        var slots: [String: Slot] = [:]
        for entry in EmbeddedSchemas.all {
            slots[entry.namespace] = Slot(text: entry.text, source: "Schemas/\(entry.message).xsd")
        }
        return SchemaSet(schemas: slots)
    }()

    /// The gateway's schemas with the namespaces found in `directory` replaced by those files.
    ///
    /// Every `*.xsd` directly in the folder is compiled; its `targetNamespace` decides which
    /// messages it validates.
    public static func overriding(with directory: URL) throws(SchemaError) -> SchemaSet {
        var compiled: [String: Slot] = SchemaSet.gateway.schemas
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "xsd" }
                .sorted { $0.path < $1.path }
        } catch {
            throw SchemaError(source: directory.path, message: "cannot list the folder: \(error.localizedDescription)")
        }
        guard !files.isEmpty else { throw SchemaError(source: directory.path, message: "the folder holds no .xsd file") }
        for file in files {
            let text: String
            do {
                text = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw SchemaError(source: file.path, message: "cannot read: \(error.localizedDescription)")
            }
            let schema = try SchemaSet.compile(text: text, source: file.path)
            compiled[schema.namespace] = Slot(compiled: schema)
        }
        return SchemaSet(schemas: compiled)
    }

    static func compile(text: String, source: String) throws(SchemaError) -> Compiled {
        LibXML2.initialize()
        let collector = XMLIssueCollector(limit: 5)
        let bytes = Array(text.utf8)
        let schema: xmlSchemaPtr? = withExtendedLifetime(collector) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    guard let context = xmlSchemaNewMemParserCtxt(chars, Int32(buffer.count)) else { return nil }
                    defer { xmlSchemaFreeParserCtxt(context) }
                    xmlSchemaSetParserStructuredErrors(context, collectXMLIssue,
                                                       Unmanaged.passUnretained(collector).toOpaque())
                    return xmlSchemaParse(context)
                }
            }
        }
        guard let schema else {
            let detail = collector.issues.map(\.message).joined(separator: "; ")
            throw SchemaError(source: source, message: detail.isEmpty ? "does not compile" : detail)
        }
        guard let target = SchemaSet.targetNamespace(in: text) else {
            xmlSchemaFree(schema)
            throw SchemaError(source: source, message: "has no targetNamespace")
        }
        return Compiled(namespace: target, source: source, schema: schema)
    }

    /// The `targetNamespace` attribute of the schema element (the compiled schema is opaque).
    static func targetNamespace(in text: String) -> String? {
        guard let start = text.range(of: "targetNamespace=") else { return nil }
        let rest = text[start.upperBound...]
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst()
        guard let end = value.firstIndex(of: quote) else { return nil }
        return String(value[..<end])
    }

    /// Validates one element subtree (a `Document` or an `AppHdr`) against the schema of its namespace.
    func validate(_ element: XMLElementCursor, with compiled: Compiled) -> [XMLIssue] {
        let collector = XMLIssueCollector(limit: 100)
        return withExtendedLifetime(collector) {
            let pooled = compiled.contexts.take()
            guard let context = pooled.map({ OpaquePointer($0.pointer) }) ?? xmlSchemaNewValidCtxt(compiled.schema) else {
                return [XMLIssue(message: "libxml2 could not allocate a validation context")]
            }
            defer { compiled.contexts.give(UnsafeMutableRawPointer(context), uses: (pooled?.uses ?? 0) + 1) }
            xmlSchemaSetValidStructuredErrors(context, collectXMLIssue, Unmanaged.passUnretained(collector).toOpaque())
            let result = xmlSchemaValidateOneElement(context, element.node)
            if result != 0 && collector.issues.isEmpty {
                return [XMLIssue(line: element.line, path: element.path,
                                 message: result < 0 ? "schema validation failed internally" : "the element is not valid")]
            }
            return collector.issues
        }
    }
}

/// A schema that could not be loaded or compiled.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    /// The file or folder.
    public var source: String
    public var message: String
    public var description: String { "\(self.source): \(self.message)" }
}
