import ISO20022
import Testing
@testable import Settlement

/// Every kind of message the gateway builds, checked against the official ISO 20022 XSDs in
/// `../shared/iso20022/xsd` (the gateway's own schemas and rules are checked where each is built).
@Suite struct OfficialSchemaTests {
    enum Built: String, CaseIterable, Sendable {
        case settledReport, rejectedReport, partialReport, wholeMessageRejection, bareWholeMessageRejection
        case forward, forwardWithChain, deliveryToCreditorAgent, bulkDeliveryToCreditorAgent

        func message() throws -> ISOMessage {
            let gateway = MessageFixtures.gateway
            let reports = StatusReportBuilder(gateway: gateway, businessService: "swift.cbprplus.02")
            let forwards = ForwardBuilder(gateway: gateway, businessService: "swift.cbprplus.02")
            let single = try MessageFixtures.message("pacs008-settle-eur.xml")
            let two = try MessageFixtures.transfer("pacs008-enveloped-two-tx.xml")
            let tx = two.cdtTrfTxInf[1]
            let narrative = String(repeating: "Available balance is below the amount of the transaction. ", count: 3)
            switch self {
            case .settledReport:
                return try reports.report(on: single, outcomes: [.settled(at: .now())], messageId: "R-1")
            case .rejectedReport:
                return try reports.report(on: two, outcomes: [.rejected("AM04", narrative: narrative), .rejected("RR04")],
                                          to: "BANKDEFFXXX", messageId: "R-2")
            case .partialReport:
                return try reports.report(on: two, outcomes: [.inSettlement(at: .now()), .rejected("AM04")],
                                          to: "BANKDEFFXXX", messageId: "R-3")
            case .wholeMessageRejection:
                return try reports.rejection(
                    of: RejectedMessage(messageId: "BANKDEFF-1", messageType: "pacs.008.001.08", creationDateTime: .now(),
                                        sender: "BANKDEFFXXX"),
                    reason: "FF01", narrative: narrative, messageId: "R-4")
            case .bareWholeMessageRejection:
                return try reports.rejection(of: RejectedMessage(messageId: nil, sender: nil), reason: "FF01", messageId: "R-5")
            case .forward:
                return try forwards.forward(tx, group: two.grpHdr, to: "NXTBFRPPXXX", messageId: "F-1")
            case .forwardWithChain:
                var chained = tx
                chained.prvsInstgAgt1 = BranchAndFinancialInstitutionIdentification6(bic: "FRSTDEFFXXX")
                chained.prvsInstgAgt1Acct = chained.dbtrAcct
                return try forwards.forward(chained, group: two.grpHdr, to: "NXTBFRPPXXX", messageId: "F-2")
            case .deliveryToCreditorAgent:
                return try forwards.deliveryToCreditorAgent(tx, group: two.grpHdr, messageId: "F-3")
            case .bulkDeliveryToCreditorAgent:
                return try forwards.deliveryToCreditorAgent(two.cdtTrfTxInf, group: two.grpHdr, messageId: "F-4")
            }
        }
    }

    @Test(arguments: Built.allCases)
    func builtMessagePassesTheGatewaySchemasAndRules(_ kind: Built) throws {
        MessageFixtures.expectValid(try kind.message())
    }

    @Test(.enabled(if: MessageFixtures.officialSchemasArePresent, "../shared/iso20022/xsd is absent: official-schema checks skipped"),
          arguments: Built.allCases)
    func builtMessagePassesTheOfficialSchemas(_ kind: Built) throws {
        let reader = try #require(MessageFixtures.officialReader)
        let report = reader.read(try kind.message().xml(), file: kind.rawValue).report
        #expect(report.valid, "\(report.errors)")
    }
}
