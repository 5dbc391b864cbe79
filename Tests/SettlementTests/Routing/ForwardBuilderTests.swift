import ISO20022
import Testing
@testable import Settlement

@Suite struct ForwardBuilderTests {
    let builder = ForwardBuilder(gateway: MessageFixtures.gateway)
    let created = ISODateTime(utcMilliseconds: 1_795_684_501_000)
    let nextAgent: BIC = "NXTBFRPPXXX"

    @Test func forwardNamesGatewayAndNextAgentAtGroupLevelAndPreservesIdentifiers() throws {
        let original = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        let tx = original.cdtTrfTxInf[0]
        let message = try builder.forward(tx, group: original.grpHdr, to: nextAgent, messageId: "CRDR-FWD-1",
                                          creationDateTime: created)
        MessageFixtures.expectValid(message)

        let header = try #require(message.header)
        #expect(header.fr == .fiId(BranchAndFinancialInstitutionIdentification6(bic: "CRDRGB2LXXX")))
        #expect(header.to == .fiId(BranchAndFinancialInstitutionIdentification6(bic: nextAgent)))
        #expect(header.msgDefIdr == "pacs.008.001.08")
        #expect(header.bizMsgIdr == "CRDR-FWD-1")

        let forwarded = try MessageFixtures.creditTransfer(message)
        #expect(forwarded.grpHdr.msgId == "CRDR-FWD-1")
        #expect(forwarded.grpHdr.creDtTm == created)
        #expect(forwarded.grpHdr.nbOfTxs == "1")
        #expect(forwarded.grpHdr.ttlIntrBkSttlmAmt == tx.intrBkSttlmAmt)
        #expect(forwarded.grpHdr.ctrlSum == nil)
        #expect(forwarded.grpHdr.instgAgt?.bic == "CRDRGB2LXXX")
        #expect(forwarded.grpHdr.instdAgt?.bic == nextAgent)
        #expect(forwarded.grpHdr.pmtTpInf == original.grpHdr.pmtTpInf)
        #expect(forwarded.grpHdr.intrBkSttlmDt == original.grpHdr.intrBkSttlmDt)

        let copy = try #require(forwarded.cdtTrfTxInf.first)
        #expect(copy.pmtId == tx.pmtId)
        #expect(copy.instgAgt == nil && copy.instdAgt == nil)
        #expect(copy.prvsInstgAgt1?.bic == "BANKDEFFXXX")
        #expect(copy.prvsInstgAgt2 == nil)
        #expect(copy.dbtr == tx.dbtr && copy.cdtr == tx.cdtr && copy.rmtInf == tx.rmtInf)
    }

    @Test func forwardOfOneTransactionOfTwoSetsTotalsToThatTransaction() throws {
        let original = try MessageFixtures.transfer("pacs008-enveloped-two-tx.xml")
        let tx = original.cdtTrfTxInf[1]
        let message = try builder.forward(tx, group: original.grpHdr, to: nextAgent, messageId: "CRDR-FWD-2",
                                          creationDateTime: created)
        MessageFixtures.expectValid(message)
        let forwarded = try MessageFixtures.creditTransfer(message)
        #expect(forwarded.grpHdr.ctrlSum == ExactDecimal("10000.00"))
        #expect(forwarded.grpHdr.ttlIntrBkSttlmAmt == Money(amount: ExactDecimal("10000.00")!, currency: "EUR"))
        #expect(forwarded.cdtTrfTxInf.map(\.pmtId.uetr) == ["5e0b8a1c-3f2d-4e9a-a7b6-1c2d3e4f5a6b"])
        #expect(forwarded.cdtTrfTxInf.first?.xchgRate == tx.xchgRate)
    }

    @Test func previousInstructingAgentsShiftDownWithTheirAccounts() throws {
        let original = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        var tx = original.cdtTrfTxInf[0]
        tx.prvsInstgAgt1 = BranchAndFinancialInstitutionIdentification6(bic: "FRSTDEFFXXX")
        tx.prvsInstgAgt1Acct = tx.dbtrAcct
        tx.prvsInstgAgt2 = BranchAndFinancialInstitutionIdentification6(bic: "SCNDDEFFXXX")
        let message = try builder.forward(tx, group: original.grpHdr, to: nextAgent, messageId: "CRDR-FWD-3",
                                          creationDateTime: created)
        MessageFixtures.expectValid(message)
        let copy = try #require(MessageFixtures.creditTransfer(message).cdtTrfTxInf.first)
        #expect([copy.prvsInstgAgt1?.bic, copy.prvsInstgAgt2?.bic, copy.prvsInstgAgt3?.bic]
            == ["BANKDEFFXXX", "FRSTDEFFXXX", "SCNDDEFFXXX"])
        #expect(copy.prvsInstgAgt1Acct == nil)
        #expect(copy.prvsInstgAgt2Acct == tx.dbtrAcct)
    }

    @Test func fullPreviousInstructingAgentChainIsKeptAsItIs() throws {
        let original = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        var tx = original.cdtTrfTxInf[0]
        tx.prvsInstgAgt1 = BranchAndFinancialInstitutionIdentification6(bic: "FRSTDEFFXXX")
        tx.prvsInstgAgt2 = BranchAndFinancialInstitutionIdentification6(bic: "SCNDDEFFXXX")
        tx.prvsInstgAgt3 = BranchAndFinancialInstitutionIdentification6(bic: "THRDDEFFXXX")
        let message = try builder.forward(tx, group: original.grpHdr, to: nextAgent, messageId: "CRDR-FWD-4",
                                          creationDateTime: created)
        MessageFixtures.expectValid(message)
        let copy = try #require(MessageFixtures.creditTransfer(message).cdtTrfTxInf.first)
        #expect([copy.prvsInstgAgt1?.bic, copy.prvsInstgAgt2?.bic, copy.prvsInstgAgt3?.bic]
            == ["FRSTDEFFXXX", "SCNDDEFFXXX", "THRDDEFFXXX"])
    }

    @Test func transactionLevelAgentsMoveToTheGroupHeader() throws {
        let original = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        var group = original.grpHdr
        var tx = original.cdtTrfTxInf[0]
        tx.instgAgt = group.instgAgt
        tx.instdAgt = group.instdAgt
        group.instgAgt = nil
        group.instdAgt = nil
        let message = try builder.forward(tx, group: group, to: nextAgent, messageId: "CRDR-FWD-5", creationDateTime: created)
        MessageFixtures.expectValid(message)
        let forwarded = try MessageFixtures.creditTransfer(message)
        #expect(forwarded.grpHdr.instgAgt?.bic == "CRDRGB2LXXX")
        #expect(forwarded.cdtTrfTxInf.first?.instgAgt == nil)
        #expect(forwarded.cdtTrfTxInf.first?.prvsInstgAgt1?.bic == "BANKDEFFXXX")
    }

    @Test func deliveryToCreditorAgentInstructsTheCreditorAgent() throws {
        let original = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        let message = try builder.deliveryToCreditorAgent(original.cdtTrfTxInf[0], group: original.grpHdr,
                                                          messageId: "CRDR-DLV-1", creationDateTime: created)
        MessageFixtures.expectValid(message)
        #expect(message.header?.to == .fiId(BranchAndFinancialInstitutionIdentification6(bic: "BANKFRPPXXX")))
        let delivered = try MessageFixtures.creditTransfer(message)
        #expect(delivered.grpHdr.instgAgt?.bic == "CRDRGB2LXXX")
        #expect(delivered.grpHdr.instdAgt?.bic == "BANKFRPPXXX")
        #expect(delivered.cdtTrfTxInf.first?.pmtId == original.cdtTrfTxInf[0].pmtId)
    }

    @Test func bulkDeliveryCarriesEveryTransactionInOrderWithTheirSum() throws {
        let original = try MessageFixtures.transfer("pacs008-enveloped-two-tx.xml")
        let message = try builder.deliveryToCreditorAgent(original.cdtTrfTxInf, group: original.grpHdr,
                                                          messageId: "CRDR-DLV-3", creationDateTime: created)
        MessageFixtures.expectValid(message)
        let delivered = try MessageFixtures.creditTransfer(message)
        #expect(delivered.grpHdr.nbOfTxs == "2")
        #expect(delivered.grpHdr.ttlIntrBkSttlmAmt == Money(amount: ExactDecimal("10750.25")!, currency: "EUR"))
        #expect(delivered.grpHdr.ctrlSum == ExactDecimal("10750.25"))
        #expect(delivered.cdtTrfTxInf.map(\.pmtId) == original.cdtTrfTxInf.map(\.pmtId))
        #expect(delivered.cdtTrfTxInf.allSatisfy { $0.instgAgt == nil && $0.instdAgt == nil && $0.prvsInstgAgt1?.bic == "BANKDEFFXXX" })
        // The first transaction's creditor agent is the one instructed.
        #expect(delivered.grpHdr.instdAgt?.bic == original.cdtTrfTxInf[0].cdtrAgt.bic)
    }

    @Test func forwardRefusesTransactionsInTwoCurrencies() throws {
        let original = try MessageFixtures.transfer("pacs008-enveloped-two-tx.xml")
        var dollars = original.cdtTrfTxInf[1]
        dollars.intrBkSttlmAmt = Money(amount: dollars.intrBkSttlmAmt.amount, currency: "USD")
        #expect(throws: ForwardError.mixedCurrencies) {
            try builder.forward([original.cdtTrfTxInf[0], dollars], group: original.grpHdr, to: nextAgent, messageId: "CRDR-FWD-6")
        }
        #expect(throws: ForwardError.noTransactions) {
            try builder.forward([], group: original.grpHdr, to: nextAgent, messageId: "CRDR-FWD-7")
        }
    }

    @Test func deliveryNeedsACreditorAgentBIC() throws {
        let original = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        var tx = original.cdtTrfTxInf[0]
        tx.cdtrAgt = BranchAndFinancialInstitutionIdentification6(finInstnId: FinancialInstitutionIdentification18(nm: "Banque"))
        #expect(throws: ForwardError.creditorAgentWithoutBIC(endToEndId: "E2E-INV-2026-4711")) {
            try builder.deliveryToCreditorAgent(tx, group: original.grpHdr, messageId: "CRDR-DLV-2")
        }
    }

    @Test func forwardRefusesAnUnusableMessageId() throws {
        let original = try MessageFixtures.transfer("pacs008-settle-eur.xml")
        let id = String(repeating: "A", count: 36)
        #expect(throws: ForwardError.invalidMessageId(id)) {
            try builder.forward(original.cdtTrfTxInf[0], group: original.grpHdr, to: nextAgent, messageId: id)
        }
    }
}
