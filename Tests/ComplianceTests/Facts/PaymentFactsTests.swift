import ISO20022
import Testing
@testable import Compliance

@Suite struct PaymentFactsTests {
    @Test func extractsEveryFactOfTheBareSingleTransactionSample() throws {
        let facts = PaymentFacts.extract(from: try ComplianceFixtures.sample("pacs008-settle-eur.xml"))
        try #require(facts.count == 1)
        let payment = facts[0]
        #expect(payment.messageId == "BANKDEFF-20261126-000001")
        #expect(payment.sender == "BANKDEFFXXX")
        #expect(payment.instructingAgent == "BANKDEFFXXX")
        #expect(payment.debtorAgent == "BANKDEFFXXX")
        #expect(payment.creditorAgent == "BANKFRPPXXX")
        #expect(payment.debtorAccount == AccountIdentifier(iban: "DE89370400440532013000"))
        #expect(payment.debtorAccount?.ibanCountry == "DE")
        #expect(payment.creditorAccount?.value == "FR1420041010050500013M02606")
        #expect(payment.amount == Money(amount: ExactDecimal("2500.00")!, currency: "EUR"))
        #expect(payment.debtorCountry == "DE")
        #expect(payment.creditorCountry == "FR")
        #expect(payment.uetr == "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b")
        #expect(payment.endToEndId == "E2E-INV-2026-4711")
        #expect(payment.txId == "TX-BANKDEFF-000001")
        #expect(payment.instrId == "INSTR-000001")
        #expect(payment.path == "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]")
    }

    @Test func extractsEachTransactionOfTheEnvelopedSampleWithItsOwnPathAndAmount() throws {
        let facts = PaymentFacts.extract(from: try ComplianceFixtures.sample("pacs008-enveloped-two-tx.xml"))
        #expect(facts.map(\.path) == [
            "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]",
        ])
        #expect(facts.map(\.amount.amount) == [ExactDecimal("750.25")!, ExactDecimal("10000.00")!])
        #expect(facts.map(\.creditorAgent) == ["BANKNL2AXXX", "BANKFRPPXXX"])
        #expect(facts.allSatisfy { $0.messageId == "BANKDEFF-20261126-000002" && $0.sender == "BANKDEFFXXX" })
        #expect(facts.map(\.instrId) == [nil, nil])
    }

    @Test func prefersTheAppHdrSenderOverTheGroupInstructingAgent() throws {
        var message = try ComplianceFixtures.sample("pacs008-enveloped-two-tx.xml")
        let other = BranchAndFinancialInstitutionIdentification6(finInstnId: FinancialInstitutionIdentification18(bicfi: "OTHRDEFFXXX"))
        message.header?.fr = .fiId(other)
        let facts = PaymentFacts.extract(from: message)
        #expect(facts.allSatisfy { $0.sender == "OTHRDEFFXXX" && $0.instructingAgent == "BANKDEFFXXX" })
    }

    @Test func prefersTheTransactionInstructingAgentOverTheGroupOne() throws {
        var message = try ComplianceFixtures.sample("pacs008-settle-eur.xml")
        guard case .creditTransfer(var document) = message.body else { Issue.record("not a pacs.008"); return }
        document.fiToFICstmrCdtTrf.cdtTrfTxInf[0].instgAgt =
            BranchAndFinancialInstitutionIdentification6(finInstnId: FinancialInstitutionIdentification18(bicfi: "TXAGDEFFXXX"))
        message.body = .creditTransfer(document)
        let payment = try #require(PaymentFacts.extract(from: message).first)
        #expect(payment.instructingAgent == "TXAGDEFFXXX")
        #expect(payment.sender == "BANKDEFFXXX")
    }

    @Test func readsAnOtherAccountIdentifierAsWrittenWithoutCountry() {
        let account = AccountIdentifier(.othr(GenericAccountIdentification1(id: "0532013000")))
        #expect(account.value == "0532013000")
        #expect(account.ibanCountry == nil)
    }

    @Test func keepsIBANsInElectronicFormat() {
        #expect(AccountIdentifier(iban: "de89 3704 0044 0532 0130 00").value == "DE89370400440532013000")
    }

    @Test func extractsNothingFromAStatusReport() throws {
        #expect(PaymentFacts.extract(from: try ComplianceFixtures.sample("pacs002-acsc.xml")).isEmpty)
    }
}
