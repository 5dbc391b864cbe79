import Foundation
import Testing
@testable import ISO20022

@Suite struct SchemaTests {
    @Test func embeddedSchemasMatchTheSchemasFolder() throws {
        for entry in EmbeddedSchemas.all {
            let file = Fixtures.packageRoot.appendingPathComponent("Schemas/\(entry.message).xsd")
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.trimmingCharacters(in: .newlines) == entry.text.trimmingCharacters(in: .newlines),
                    "Schemas/\(entry.message).xsd differs from the embedded copy: rerun Scripts/generate-models.py")
        }
    }

    @Test func gatewaySchemasCompileForEveryMessage() {
        let names = SchemaSet.gateway.namespaces.map(MessageNamespace.name(of:))
        #expect(names == ["head.001.001.02", "pacs.002.001.10", "pacs.008.001.08"])
        for namespace in SchemaSet.gateway.namespaces {
            #expect(SchemaSet.gateway.schema(for: namespace) != nil, "\(namespace) compiles")
        }
    }

    @Test func rejectsAFolderWithoutSchemas() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: SchemaError.self) { try SchemaSet.overriding(with: folder) }
    }

    @Test func reportsUnsupportedMessagesByName() {
        let xml = #"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.056.001.08"><FIToFIPmtCxlReq/></Document>"#
        let report = MessageReader().read(Array(xml.utf8)).report
        #expect(!report.valid)
        #expect(report.errors.first?.message.contains("supported: head.001.001.02, pacs.002.001.10, pacs.008.001.08") == true)
    }

    @Test func readsAMessageRootWithoutDocumentInsideAnEnvelope() throws {
        let bare = try String(contentsOf: Fixtures.sample("messages/pacs008-settle-eur.xml"), encoding: .utf8)
        let start = try #require(bare.range(of: "<FIToFICstmrCdtTrf>"))
        let end = try #require(bare.range(of: "</FIToFICstmrCdtTrf>"))
        let inner = bare[start.lowerBound..<end.upperBound]
            .replacingOccurrences(of: "<", with: "<ct:").replacingOccurrences(of: "<ct:/", with: "</ct:")
        let tch = """
            <Message xmlns="urn:tch" xmlns:ct="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
            <CreditTransfer>\(inner)</CreditTransfer></Message>
            """
        let reading = MessageReader().read(Array(tch.utf8))
        #expect(reading.report.valid, "\(reading.report.errors)")
        #expect(reading.report.envelope?.name == "tch")
        #expect(reading.message?.messageId == "BANKDEFF-20261126-000001")
    }
}
