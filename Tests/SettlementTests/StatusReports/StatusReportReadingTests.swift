import ISO20022
import Testing
@testable import Settlement

@Suite struct StatusReportReadingTests {
    @Test func settlementConfirmationGivesOneSettledEntryKeyedByUETRFirst() throws {
        let reading = try StatusReportReading(MessageFixtures.message("pacs002-acsc.xml"))
        #expect(reading.messageId == "CRDR-STS-20261126-000001")
        #expect(reading.instructingAgent == "CRDRGB2LXXX")
        #expect(reading.groups.map(\.status) == ["ACSC"])
        let entry = try #require(reading.entries.first)
        #expect(reading.entries.count == 1)
        #expect(entry.originalUETR == "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b")
        #expect(entry.originalMessageId == "BANKDEFF-20261126-000001")
        #expect(entry.originalTransactionId == "TX-BANKDEFF-000001")
        #expect(entry.originalInstructionId == "INSTR-000001")
        #expect(entry.originalEndToEndId == "E2E-INV-2026-4711")
        #expect(entry.status == "ACSC")
        #expect(entry.reason == nil && entry.narrative == nil)
        #expect(entry.acceptance?.rawValue == "2026-11-26T09:15:00.410+01:00")
        #expect(entry.outcome?.isFinal == true)
        #expect(entry.correlationKeys == [
            .uetr("6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b"),
            .transactionId(messageId: "BANKDEFF-20261126-000001", "TX-BANKDEFF-000001"),
            .instructionId(messageId: "BANKDEFF-20261126-000001", "INSTR-000001"),
        ])
    }

    @Test func rejectionGivesReasonAndNarrativeAndTakesTheMessageIdFromTheGroup() throws {
        let reading = try StatusReportReading(MessageFixtures.message("pacs002-rjct-am04.xml"))
        #expect(reading.instructingAgent == nil)
        #expect(reading.groups.first?.status == "PART")
        let entry = try #require(reading.entries.first)
        #expect(entry.status == "RJCT")
        #expect(entry.reason == "AM04")
        #expect(entry.narrative == "Available balance of BANKDEFFXXX EUR is below the amount")
        #expect(entry.originalMessageId == "BANKDEFF-20261126-000002")
        #expect(entry.originalInstructionId == nil)
        #expect(entry.correlationKeys == [
            .uetr("5e0b8a1c-3f2d-4e9a-a7b6-1c2d3e4f5a6b"),
            .transactionId(messageId: "BANKDEFF-20261126-000002", "TX-BANKDEFF-000003"),
        ])
    }

    @Test func transactionWithoutStatusTakesTheGroupStatusAndReason() {
        let document = Pacs002Document(fiToFIPmtStsRpt: FIToFIPaymentStatusReportV10(
            grpHdr: GroupHeader91(msgId: "R1", creDtTm: ISODateTime(utcMilliseconds: 0)),
            orgnlGrpInfAndSts: [OriginalGroupHeader17(orgnlMsgId: "M1", orgnlMsgNmId: "pacs.008.001.08", grpSts: "RJCT",
                                                      stsRsnInf: [StatusReasonInformation12(rsn: .cd("AB05"), addtlInf: ["Timeout"])])],
            txInfAndSts: [PaymentTransaction110(orgnlTxId: "T1")]))
        let entry = StatusReportReading(document).entries[0]
        #expect(entry.status == "RJCT")
        #expect(entry.reason == "AB05")
        #expect(entry.narrative == "Timeout")
        #expect(entry.correlationKeys == [.transactionId(messageId: "M1", "T1")])
    }

    @Test func transactionOriginalGroupWinsAndPartialIsNotATransactionStatus() {
        let document = Pacs002Document(fiToFIPmtStsRpt: FIToFIPaymentStatusReportV10(
            grpHdr: GroupHeader91(msgId: "R1", creDtTm: ISODateTime(utcMilliseconds: 0)),
            orgnlGrpInfAndSts: [OriginalGroupHeader17(orgnlMsgId: "M1", orgnlMsgNmId: "pacs.008.001.08", grpSts: "PART")],
            txInfAndSts: [PaymentTransaction110(
                orgnlGrpInf: OriginalGroupInformation29(orgnlMsgId: "M0", orgnlMsgNmId: "pacs.008.001.08"),
                orgnlInstrId: "I1", stsRsnInf: [StatusReasonInformation12(rsn: .prtry("LOCAL1"))])]))
        let entry = StatusReportReading(document).entries[0]
        #expect(entry.originalMessageId == "M0")
        #expect(entry.status == nil)
        #expect(entry.outcome == nil)
        #expect(entry.reason == "LOCAL1")
        #expect(entry.correlationKeys == [.instructionId(messageId: "M0", "I1")])
    }

    @Test func builtReportsReadBackToTheirOutcomes() throws {
        let original = try MessageFixtures.transfer("pacs008-enveloped-two-tx.xml")
        let acceptance = ISODateTime(utcMilliseconds: 1_795_684_500_410)
        let outcomes: [TransactionStatus] = [.settled(at: acceptance), .rejected("AM04", narrative: "Not enough")]
        let message = try StatusReportBuilder(gateway: MessageFixtures.gateway).report(
            on: original, outcomes: outcomes, to: "BANKDEFFXXX", messageId: "CRDR-STS-10")
        let reread = try #require(MessageReader().read(message.xml()).message)
        let reading = try StatusReportReading(reread)
        #expect(reading.entries.compactMap(\.outcome) == outcomes)
        #expect(reading.entries.map(\.originalUETR) == original.cdtTrfTxInf.map(\.pmtId.uetr))
        #expect(reading.entries.allSatisfy { $0.originalMessageId == "BANKDEFF-20261126-000002" })
    }

    @Test func wholeMessageRejectionHasGroupsButNoEntries() throws {
        let message = try StatusReportBuilder(gateway: MessageFixtures.gateway).rejection(
            of: RejectedMessage(messageId: "BANKDEFF-9", sender: "BANKDEFFXXX"), reason: "FF01", narrative: "Bad file",
            messageId: "CRDR-STS-11")
        let reading = try StatusReportReading(message)
        #expect(reading.entries.isEmpty)
        #expect(reading.groups == [StatusReportReading.Group(
            originalMessageId: "BANKDEFF-9", originalMessageNameId: "pacs.008.001.08", status: "RJCT", reason: "FF01",
            narrative: "Bad file")])
    }

    @Test func creditTransferIsNotAStatusReport() throws {
        let message = try MessageFixtures.message("pacs008-settle-eur.xml")
        #expect(throws: StatusReportReadingError.notAStatusReport(messageType: "pacs.008.001.08", messageId: "BANKDEFF-20261126-000001")) {
            try StatusReportReading(message)
        }
    }
}
