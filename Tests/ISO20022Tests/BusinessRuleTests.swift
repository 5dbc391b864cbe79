import Foundation
import Testing
@testable import ISO20022

/// Every business rule fails on a message built to break it and passes on the team samples.
@Suite struct BusinessRuleTests {
    struct Case: Sendable, CustomStringConvertible {
        var rule: String
        var base: String
        var pattern: String
        var replacement: String
        var reasonCode: String? = nil
        var description: String { self.rule }
    }

    static let single = "messages/pacs008-settle-eur.xml"
    static let double = "messages/pacs008-enveloped-two-tx.xml"
    static let accepted = "messages/pacs002-acsc.xml"
    static let rejected = "messages/pacs002-rjct-am04.xml"

    static let cases: [Case] = [
        Case(rule: "GRP-NBOFTXS", base: single, pattern: "<NbOfTxs>1<", replacement: "<NbOfTxs>2<"),
        Case(rule: "GRP-CTRLSUM", base: double, pattern: "<CtrlSum>10750.25<", replacement: "<CtrlSum>10750.00<"),
        Case(rule: "GRP-TOTAL", base: double, pattern: "\">10750.25</TtlIntrBkSttlmAmt>", replacement: "\">10750.52</TtlIntrBkSttlmAmt>"),
        Case(rule: "GRP-TOTAL-CCY", base: single, pattern: "<IntrBkSttlmAmt Ccy=\"EUR\">", replacement: "<IntrBkSttlmAmt Ccy=\"USD\">"),
        Case(rule: "GRP-STTLMDT", base: single, pattern: "(<IntrBkSttlmAmt Ccy=\"EUR\">2500.00</IntrBkSttlmAmt>)",
             replacement: "$1<IntrBkSttlmDt>2026-11-26</IntrBkSttlmDt>"),
        Case(rule: "AGT-INSTG", base: single, pattern: "<InstgAgt>[\\s\\S]*?</InstgAgt>", replacement: ""),
        Case(rule: "AGT-INSTD", base: single, pattern: "<InstdAgt>[\\s\\S]*?</InstdAgt>", replacement: ""),
        Case(rule: "AGT-CHAIN", base: single, pattern: "(<Dbtr>)",
             replacement: "<IntrmyAgt2><FinInstnId><BICFI>BANKBEBBXXX</BICFI></FinInstnId></IntrmyAgt2>$1"),
        Case(rule: "AMT-CCY", base: single, pattern: "Ccy=\"EUR\"", replacement: "Ccy=\"XYZ\""),
        Case(rule: "AMT-DECIMALS", base: single, pattern: ">2500.00<", replacement: ">2500.005<"),
        Case(rule: "AMT-ZERO", base: single, pattern: ">2500.00<", replacement: ">0.00<"),
        Case(rule: "FX-RATE", base: double, pattern: "<XchgRate>0.921659</XchgRate>", replacement: ""),
        Case(rule: "FX-CONSISTENT", base: double, pattern: "<XchgRate>0.921659<", replacement: "<XchgRate>0.95<"),
        Case(rule: "CHRG-INSTDAMT", base: single, pattern: "(<ChrgBr>SLEV</ChrgBr>)",
             replacement: "$1<ChrgsInf><Amt Ccy=\"EUR\">1.00</Amt><Agt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></Agt></ChrgsInf>"),
        Case(rule: "ID-IBAN", base: single, pattern: "DE89370400440532013000", replacement: "DE89370400440532013001", reasonCode: "AC01"),
        Case(rule: "ID-BIC", base: single, pattern: "BANKFRPPXXX", replacement: "BANKXXPPXXX", reasonCode: "RC07"),
        Case(rule: "ID-LEI", base: single, pattern: "529900T8BM49AURSDO55", replacement: "529900T8BM49AURSDO56"),
        Case(rule: "ID-COUNTRY", base: single, pattern: "<Ctry>FR</Ctry>", replacement: "<Ctry>ZZ</Ctry>"),
        Case(rule: "TX-DUP-E2E", base: double, pattern: "E2E-PO-2026-00931", replacement: "E2E-SALARY-11-0001", reasonCode: "DU04"),
        Case(rule: "TX-DUP-TXID", base: double, pattern: "TX-BANKDEFF-000003", replacement: "TX-BANKDEFF-000002", reasonCode: "DU03"),
        Case(rule: "TX-DUP-UETR", base: double, pattern: "5e0b8a1c-3f2d-4e9a-a7b6-1c2d3e4f5a6b",
             replacement: "0b6f3a58-2d0e-4c4b-9f1e-7a2c5d8e9f10"),
        Case(rule: "DATE-CREATION", base: single, pattern: "<CreDtTm>[^<]*</CreDtTm>", replacement: "<CreDtTm>2099-01-01T00:00:00Z</CreDtTm>"),
        Case(rule: "HDR-MSGDEF", base: double, pattern: "<MsgDefIdr>pacs.008.001.08<", replacement: "<MsgDefIdr>pacs.008.001.09<"),
        Case(rule: "STS-CODE", base: accepted, pattern: "<TxSts>ACSC<", replacement: "<TxSts>XXXX<"),
        Case(rule: "STS-REASON", base: rejected, pattern: "<Cd>AM04</Cd>", replacement: "<Cd>ZZ99</Cd>"),
        Case(rule: "STS-ORIGINAL-REF", base: accepted, pattern: "<Orgnl(InstrId|EndToEndId|TxId|UETR)>[^<]*</Orgnl\\w+>", replacement: ""),
    ]

    static func mutate(_ c: Case) throws -> [UInt8] {
        let text = try String(contentsOf: Fixtures.sample(c.base), encoding: .utf8)
        let regex = try NSRegularExpression(pattern: c.pattern)
        let range = NSRange(text.startIndex..., in: text)
        #expect(regex.firstMatch(in: text, range: range) != nil, "pattern \(c.pattern) not found in \(c.base)")
        return Array(regex.stringByReplacingMatches(in: text, range: range, withTemplate: c.replacement).utf8)
    }

    @Test(arguments: cases)
    func ruleFailsOnABrokenMessage(_ c: Case) throws {
        let report = MessageReader().read(try BusinessRuleTests.mutate(c)).report
        let hits = report.errors.filter { $0.rule == c.rule }
        #expect(!hits.isEmpty, "expected \(c.rule), got \(report.errors)")
        let rule = try #require(BusinessRules.catalogue.first { $0.id == c.rule })
        for hit in hits {
            #expect(hit.reasonCode == (c.reasonCode ?? rule.reasonCode))
            #expect(hit.path?.hasPrefix("/") == true)
            #expect(hit.line != nil, "a business-rule error carries its line")
        }
    }

    @Test(arguments: [single, double, accepted, rejected])
    func everyRulePassesOnTheTeamSamples(_ name: String) {
        let report = MessageReader().read(contentsOf: Fixtures.sample(name)).report
        #expect(report.errors.isEmpty, "\(report.errors)")
    }

    @Test func uetrRuleFailsOnAModelWithABadUETR() throws {
        let reading = MessageReader().read(contentsOf: Fixtures.sample(BusinessRuleTests.single))
        var message = try #require(reading.message)
        guard case .creditTransfer(var document) = message.body else {
            Issue.record("not a credit transfer")
            return
        }
        #expect(BusinessRules().check(message).isEmpty)
        document.fiToFICstmrCdtTrf.cdtTrfTxInf[0].pmtId.uetr = UETR("6F1D2A3B-4C5D-1E6F-8A9B-0C1D2E3F4A5B")
        message.body = .creditTransfer(document)
        #expect(BusinessRules().check(message).map(\.issue.rule) == ["ID-UETR"])
    }

    @Test func disabledRulesAreSkipped() throws {
        let broken = try BusinessRuleTests.mutate(BusinessRuleTests.cases[0])
        let reader = MessageReader(rules: BusinessRules(disabled: ["GRP-NBOFTXS"]))
        #expect(reader.read(broken).report.valid)
    }

    @Test func everyRuleHasAFailingCaseAndIsListedInRULESmd() throws {
        let covered = Set(BusinessRuleTests.cases.map(\.rule)).union(["ID-UETR"])
        let rules = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("RULES.md"), encoding: .utf8)
        for rule in BusinessRules.catalogue {
            #expect(covered.contains(rule.id), "no failing test for \(rule.id)")
            #expect(rules.contains("`\(rule.id)`"), "RULES.md does not list \(rule.id)")
            #expect(rules.contains(rule.reasonCode), "RULES.md does not give \(rule.reasonCode) for \(rule.id)")
        }
    }
}
