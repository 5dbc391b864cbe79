import Foundation
import ISO20022
import Testing
@testable import Settlement

@Suite struct StatusReportBuilderTests {
    let builder = StatusReportBuilder(gateway: MessageFixtures.gateway)
    let acceptance = ISODateTime(utcMilliseconds: 1_795_684_500_410)
    let created = ISODateTime(utcMilliseconds: 1_795_684_501_000)

    @Test func settledSingleTransactionReportCopiesOriginalIdentifiersAndAddressesTheSender() throws {
        let original = try MessageFixtures.message("pacs008-settle-eur.xml")
        let message = try builder.report(on: original, outcomes: [.settled(at: acceptance)], messageId: "CRDR-STS-1",
                                         creationDateTime: created)
        MessageFixtures.expectValid(message)

        let header = try #require(message.header)
        #expect(header.fr == .fiId(BranchAndFinancialInstitutionIdentification6(bic: "CRDRGB2LXXX")))
        #expect(header.to == .fiId(BranchAndFinancialInstitutionIdentification6(bic: "BANKDEFFXXX")))
        #expect(header.bizMsgIdr == "CRDR-STS-1")
        #expect(header.msgDefIdr == "pacs.002.001.10")
        #expect(header.creDt == created)

        let report = try MessageFixtures.statusReport(message)
        #expect(report.grpHdr.msgId == "CRDR-STS-1")
        #expect(report.grpHdr.instgAgt?.bic == "CRDRGB2LXXX")
        #expect(report.grpHdr.instdAgt?.bic == "BANKDEFFXXX")
        let group = try #require(report.orgnlGrpInfAndSts.first)
        #expect(group.orgnlMsgId == "BANKDEFF-20261126-000001")
        #expect(group.orgnlMsgNmId == "pacs.008.001.08")
        #expect(group.orgnlCreDtTm?.rawValue == "2026-11-26T09:15:00.000+01:00")
        #expect(group.grpSts == "ACSC")
        let tx = try #require(report.txInfAndSts.first)
        #expect(tx.orgnlInstrId == "INSTR-000001")
        #expect(tx.orgnlEndToEndId == "E2E-INV-2026-4711")
        #expect(tx.orgnlTxId == "TX-BANKDEFF-000001")
        #expect(tx.orgnlUETR == "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b")
        #expect(tx.txSts == "ACSC")
        #expect(tx.stsRsnInf.isEmpty)
        #expect(tx.accptncDtTm == acceptance)
        #expect(tx.instgAgt?.bic == "CRDRGB2LXXX")
        #expect(tx.instdAgt?.bic == "BANKDEFFXXX")
    }

    @Test func everyTransactionRejectedGivesGroupStatusRejectedWithReasonsPerTransaction() throws {
        let original = try MessageFixtures.transfer("pacs008-enveloped-two-tx.xml")
        let message = try builder.report(
            on: original, outcomes: [.rejected("AM04", narrative: "Insufficient funds"), .rejected("RR04")],
            to: "BANKDEFFXXX", messageId: "CRDR-STS-2", creationDateTime: created)
        MessageFixtures.expectValid(message)
        let report = try MessageFixtures.statusReport(message)
        #expect(report.orgnlGrpInfAndSts.first?.grpSts == "RJCT")
        #expect(report.orgnlGrpInfAndSts.first?.orgnlNbOfTxs == "2")
        #expect(report.txInfAndSts.map(\.txSts) == ["RJCT", "RJCT"])
        #expect(report.txInfAndSts.map(\.orgnlTxId) == ["TX-BANKDEFF-000002", "TX-BANKDEFF-000003"])
        #expect(report.txInfAndSts[0].stsRsnInf == [StatusReasonInformation12(rsn: .cd("AM04"), addtlInf: ["Insufficient funds"])])
        #expect(report.txInfAndSts[1].stsRsnInf == [StatusReasonInformation12(rsn: .cd("RR04"))])
        #expect(report.txInfAndSts[0].orgnlInstrId == nil)
    }

    @Test func mixedOutcomesGiveGroupStatusPartial() throws {
        let original = try MessageFixtures.transfer("pacs008-enveloped-two-tx.xml")
        let message = try builder.report(
            on: original, outcomes: [.settled(at: acceptance), .rejected("AM04")], to: "BANKDEFFXXX",
            messageId: "CRDR-STS-3", creationDateTime: created)
        MessageFixtures.expectValid(message)
        let report = try MessageFixtures.statusReport(message)
        #expect(report.orgnlGrpInfAndSts.first?.grpSts == "PART")
        #expect(report.txInfAndSts.map(\.txSts) == ["ACSC", "RJCT"])
    }

    @Test(arguments: ["ACSC", "ACSP", "ACCC", "PDNG"])
    func sharedNonRejectStatusBecomesTheGroupStatus(_ status: String) throws {
        let original = try MessageFixtures.transfer("pacs008-enveloped-two-tx.xml")
        let outcome = TransactionStatus(status: status, acceptance: acceptance)
        let message = try builder.report(on: original, outcomes: [outcome, outcome], to: "BANKDEFFXXX",
                                         messageId: "CRDR-STS-4", creationDateTime: created)
        MessageFixtures.expectValid(message)
        #expect(try MessageFixtures.statusReport(message).orgnlGrpInfAndSts.first?.grpSts == status)
    }

    @Test func longNarrativeIsSplitIntoLinesOfAtMost105Characters() throws {
        let narrative = String(repeating: "The available balance is below the amount. ", count: 6)
        let original = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        let message = try builder.report(on: original, outcomes: [.rejected("AM04", narrative: narrative)],
                                         to: "BANKDEFFXXX", messageId: "CRDR-STS-5", creationDateTime: created)
        MessageFixtures.expectValid(message)
        let lines = try #require(MessageFixtures.statusReport(message).txInfAndSts.first?.stsRsnInf.first?.addtlInf)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.unicodeScalars.count <= 105 && !$0.isEmpty })
        #expect(lines.joined(separator: " ") == narrative.trimmingCharacters(in: .whitespaces))
    }

    @Test func wholeMessageRejectionHasGroupReasonAndNoTransactions() throws {
        var bytes = try MessageFixtures.bytes("pacs008-settle-eur.xml")
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "<ChrgBr>SLEV</ChrgBr>", with: "")
        bytes = Array(text.utf8)
        let reading = MessageReader().read(bytes, file: "broken.xml")
        #expect(!reading.report.valid)
        let rejected = RejectedMessage(reading)
        #expect(rejected.sender == "BANKDEFFXXX")

        let message = try builder.rejection(
            of: rejected, reason: "FF01", narrative: reading.report.errors.first?.message, messageId: "CRDR-STS-6",
            creationDateTime: created)
        MessageFixtures.expectValid(message)
        #expect(message.header?.to == .fiId(BranchAndFinancialInstitutionIdentification6(bic: "BANKDEFFXXX")))
        let report = try MessageFixtures.statusReport(message)
        #expect(report.txInfAndSts.isEmpty)
        let group = try #require(report.orgnlGrpInfAndSts.first)
        #expect(group.orgnlMsgId == "BANKDEFF-20261126-000001")
        #expect(group.orgnlMsgNmId == "pacs.008.001.08")
        #expect(group.grpSts == "RJCT")
        #expect(group.stsRsnInf.first?.rsn == .cd("FF01"))
        #expect(group.stsRsnInf.first?.addtlInf.isEmpty == false)
    }

    @Test func wholeMessageRejectionCarriesTheRuleCodeAndCreationTimeWhenKnown() throws {
        let original = RejectedMessage(messageId: "BANKDEFF-1", messageType: "pacs.008.001.08",
                                       creationDateTime: created, sender: "BANKDEFFXXX")
        let message = try builder.rejection(of: original, reason: "AM18", messageId: "CRDR-STS-7", creationDateTime: created)
        MessageFixtures.expectValid(message)
        let group = try #require(MessageFixtures.statusReport(message).orgnlGrpInfAndSts.first)
        #expect(group.stsRsnInf == [StatusReasonInformation12(rsn: .cd("AM18"))])
        #expect(group.orgnlCreDtTm == created)
    }

    @Test func wholeMessageRejectionWithoutUsableSenderOrMessageIdIsABareValidDocument() throws {
        let original = RejectedMessage(messageId: String(repeating: "X", count: 50), sender: "NOT A BIC")
        let message = try builder.rejection(of: original, reason: "FF01", messageId: "CRDR-STS-8", creationDateTime: created)
        MessageFixtures.expectValid(message)
        #expect(message.header == nil)
        let report = try MessageFixtures.statusReport(message)
        #expect(report.grpHdr.instdAgt == nil)
        #expect(report.orgnlGrpInfAndSts.first?.orgnlMsgId == String(repeating: "X", count: 35))

        let anonymous = try builder.rejection(of: RejectedMessage(messageId: nil, sender: nil), reason: "FF01",
                                              messageId: "CRDR-STS-9", creationDateTime: created)
        MessageFixtures.expectValid(anonymous)
        #expect(try MessageFixtures.statusReport(anonymous).orgnlGrpInfAndSts.first?.orgnlMsgId == "NONREF")
    }

    @Test func outcomeCountMustMatchTheTransactions() throws {
        let original = try MessageFixtures.transfer("pacs008-enveloped-two-tx.xml")
        #expect(throws: StatusReportError.outcomeCountMismatch(originalMessageId: "BANKDEFF-20261126-000002", transactions: 2, outcomes: 1)) {
            try builder.report(on: original, outcomes: [.settled()], to: "BANKDEFFXXX", messageId: "M")
        }
    }

    @Test func rejectionWithoutReasonIsRefused() throws {
        let original = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        #expect(throws: StatusReportError.rejectionWithoutReason(endToEndId: "E2E-INV-2026-4711", transaction: 0)) {
            try builder.report(on: original, outcomes: [TransactionStatus(status: "RJCT")], to: "BANKDEFFXXX", messageId: "M")
        }
    }

    @Test func unknownReasonCodeIsRefused() throws {
        let original = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        #expect(throws: StatusReportError.unknownReasonCode("ZZ99", transaction: 0)) {
            try builder.report(on: original, outcomes: [.rejected("ZZ99")], to: "BANKDEFFXXX", messageId: "M")
        }
        #expect(throws: StatusReportError.unknownReasonCode("ZZ99", transaction: nil)) {
            try builder.rejection(of: RejectedMessage(messageId: "A", sender: nil), reason: "ZZ99", messageId: "M")
        }
    }

    @Test(arguments: ["RCVD", "PART", "acsc", ""])
    func statusOutsideTheWritableSetIsRefused(_ status: String) throws {
        let original = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        #expect(throws: StatusReportError.unsupportedStatus(status, transaction: 0)) {
            try builder.report(on: original, outcomes: [TransactionStatus(status: status)], to: "BANKDEFFXXX", messageId: "M")
        }
    }

    @Test(arguments: ["", " LEADING", "TRAILING ", String(repeating: "9", count: 36)])
    func unusableMessageIdIsRefused(_ id: String) throws {
        let original = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        #expect(throws: StatusReportError.invalidMessageId(id)) {
            try builder.report(on: original, outcomes: [.settled()], to: "BANKDEFFXXX", messageId: id)
        }
    }

    @Test func reportOnAStatusReportIsRefused() throws {
        let pacs002 = try MessageFixtures.message("pacs002-acsc.xml")
        #expect(throws: StatusReportError.notACreditTransfer(messageType: "pacs.002.001.10")) {
            try builder.report(on: pacs002, outcomes: [.settled()], messageId: "M")
        }
    }

    @Test func errorDescriptionsNameTheOffendingInput() {
        #expect(StatusReportError.rejectionWithoutReason(endToEndId: "E2E-1", transaction: 2).description
            == "transaction 3 (EndToEndId E2E-1) is rejected without a reason code")
        #expect(StatusReportError.unknownReasonCode("ZZ99", transaction: nil).description
            == "reason 'ZZ99' is not an ExternalStatusReason1Code")
        #expect(StatusReportError.outcomeCountMismatch(originalMessageId: "M1", transactions: 2, outcomes: 1).description
            == "message M1 has 2 transaction(s) but 1 outcome(s) were given")
    }
}
