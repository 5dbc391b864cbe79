import ISO20022
import Testing
@testable import Settlement

@Suite struct PaymentReferenceTests {
    @Test func referenceCarriesTheTransactionIdentifiers() throws {
        let transfer = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        let reference = PaymentReference(transaction: transfer.cdtTrfTxInf[0], group: transfer.grpHdr)
        #expect(reference.messageId == "BANKDEFF-20261126-000001")
        #expect(reference.instructingAgent == "BANKDEFFXXX")
        #expect(reference.endToEndId == "E2E-INV-2026-4711")
        #expect(reference.transactionId == "TX-BANKDEFF-000001")
        #expect(reference.instructionId == "INSTR-000001")
        #expect(reference.uetr == "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b")
        #expect(reference.creationDateTime.rawValue == "2026-11-26T09:15:00.000+01:00")
        #expect(reference.transferID == "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b")
    }

    @Test func transactionInstructingAgentWinsOverGroupAndSender() throws {
        let transfer = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        var tx = transfer.cdtTrfTxInf[0]
        var group = transfer.grpHdr
        tx.instgAgt = BranchAndFinancialInstitutionIdentification6(bic: "TXAGDEFFXXX")
        #expect(PaymentReference(transaction: tx, group: group, sender: "SNDRDEFFXXX").instructingAgent == "TXAGDEFFXXX")
        tx.instgAgt = nil
        group.instgAgt = nil
        #expect(PaymentReference(transaction: tx, group: group, sender: "SNDRDEFFXXX").instructingAgent == "SNDRDEFFXXX")
        #expect(PaymentReference(transaction: tx, group: group).instructingAgent == nil)
    }

    @Test func allReferencesOfAMessageUseTheAppHdrSender() throws {
        let references = PaymentReference.all(in: try MessageFixtures.message("pacs008-enveloped-two-tx.xml"))
        #expect(references.map(\.transactionId) == ["TX-BANKDEFF-000002", "TX-BANKDEFF-000003"])
        #expect(references.allSatisfy { $0.instructingAgent == "BANKDEFFXXX" })
        #expect(PaymentReference.all(in: try MessageFixtures.message("pacs002-acsc.xml")).isEmpty)
    }

    static func reference(agent: BIC?, txId: String?, endToEndId: String = "E2E-1") -> PaymentReference {
        PaymentReference(messageId: "M1", instructingAgent: agent, endToEndId: endToEndId, transactionId: txId,
                         creationDateTime: ISODateTime(utcMilliseconds: 0))
    }

    @Test func transferIDWithoutUETRIsAStableHashOfAgentAndTxId() {
        let id = Self.reference(agent: "BANKDEFFXXX", txId: "TX-1").transferID
        #expect(id.count == 32)
        #expect(id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        // Pinned: the key is stored, so it must never change between releases.
        #expect(id == "7fa04921576615fb441b00a318245d54")
        // BIC8 and BIC11 of one institution give the same key; the EndToEndId does not count
        // when a TxId is present, nor does the message that carried it.
        #expect(Self.reference(agent: "BANKDEFF", txId: "TX-1", endToEndId: "OTHER").transferID == id)
        #expect(Self.reference(agent: "OTHRDEFFXXX", txId: "TX-1").transferID != id)
        #expect(Self.reference(agent: "BANKDEFFXXX", txId: "TX-2").transferID != id)
    }

    @Test func transferIDFallsBackToTheEndToEndIdWhenThereIsNoTxId() {
        let byEndToEnd = Self.reference(agent: "BANKDEFFXXX", txId: nil, endToEndId: "SAME").transferID
        let byTxId = Self.reference(agent: "BANKDEFFXXX", txId: "SAME").transferID
        #expect(byEndToEnd != byTxId)
        #expect(Self.reference(agent: "BANKDEFFXXX", txId: nil, endToEndId: "SAME").transferID == byEndToEnd)
    }

    @Test(arguments: [("", 0xCBF2_9CE4_8422_2325 as UInt64), ("a", 0xAF63_DC4C_8601_EC8C), ("foobar", 0x85944171F73967E8)])
    func fnv1aMatchesPublishedTestVectors(_ text: String, _ expected: UInt64) {
        #expect(StableHash.fnv1a64(text.utf8) == expected)
    }

    @Test func hex128IsDeterministicAndUsesBothPasses() {
        let value = StableHash.hex128("BANKDEFFXXX")
        #expect(value == StableHash.hex128("BANKDEFFXXX"))
        #expect(value.prefix(16) == StableHash.hex(StableHash.fnv1a64("BANKDEFFXXX".utf8)))
        #expect(value.prefix(16) != value.suffix(16))
    }
}
