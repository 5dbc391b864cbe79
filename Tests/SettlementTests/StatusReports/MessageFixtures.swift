import Foundation
import ISO20022
import Testing
@testable import Settlement

/// Sample messages and the two validators every built message must pass.
enum MessageFixtures {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The official ISO 20022 XSDs in `../shared`, beside the package.
    static let officialSchemas: URL = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/iso20022/xsd")

    static var officialSchemasArePresent: Bool {
        FileManager.default.fileExists(atPath: officialSchemas.appendingPathComponent("pacs.002.001.10.xsd").path)
    }

    /// Validates against the official XSDs only; nil when `../shared` is absent.
    static let officialReader: MessageReader? = {
        guard officialSchemasArePresent,
              let schemas = try? SchemaSet.overriding(with: officialSchemas) else { return nil }
        return MessageReader(schemas: schemas, rules: BusinessRules(disabled: Set(BusinessRules.catalogue.map(\.id))))
    }()

    static let gateway: BIC = "CRDRGB2LXXX"

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent("samples/messages/\(name)")))
    }

    /// A sample read with the gateway's reader; fails the test when it is not valid.
    static func message(_ name: String) throws -> ISOMessage {
        let reading = MessageReader().read(try bytes(name), file: name)
        #expect(reading.report.errors.isEmpty, "\(name): \(reading.report.errors)")
        return try #require(reading.message)
    }

    static func transfer(_ name: String) throws -> FIToFICustomerCreditTransferV08 {
        guard case .creditTransfer(let document) = try message(name).body else {
            Issue.record("\(name) is not a pacs.008")
            throw FixtureError.wrongMessage(name)
        }
        return document.fiToFICstmrCdtTrf
    }

    static func statusReport(_ message: ISOMessage) throws -> FIToFIPaymentStatusReportV10 {
        guard case .statusReport(let document) = message.body else { throw FixtureError.wrongMessage("built message") }
        return document.fiToFIPmtStsRpt
    }

    static func creditTransfer(_ message: ISOMessage) throws -> FIToFICustomerCreditTransferV08 {
        guard case .creditTransfer(let document) = message.body else { throw FixtureError.wrongMessage("built message") }
        return document.fiToFICstmrCdtTrf
    }

    /// Expects `message` to pass the gateway's schemas and business rules, and to read back equal.
    static func expectValid(_ message: ISOMessage, sourceLocation: SourceLocation = #_sourceLocation) {
        let reading = MessageReader().read(message.xml(), file: "built")
        #expect(reading.report.valid, "\(reading.report.errors)", sourceLocation: sourceLocation)
        #expect(reading.message?.header == message.header, sourceLocation: sourceLocation)
        #expect(reading.message?.body == message.body, sourceLocation: sourceLocation)
    }

    enum FixtureError: Error { case wrongMessage(String) }
}
