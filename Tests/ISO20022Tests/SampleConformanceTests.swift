import Foundation
import Testing
@testable import ISO20022

/// Corridor against the official XSDs on every public sample in scope.
@Suite(.enabled(if: Fixtures.sharedIsPresent, Fixtures.sharedMissingMessage))
struct SampleConformanceTests {
    static let inScope: Set<String> = ["pacs.008.001.08", "pacs.002.001.10", "head.001.001.02"]

    /// Samples the official XSD accepts and Corridor rejects on purpose, with the rule that does it.
    static let documentedRejections: [String: (rule: String, why: String)] = [
        "mt299_pacs_002_B_E.xml": ("STS-REASON", "reason code XT99 is not in ExternalStatusReason1Code"),
        "p_3_1_2__mt199_pacs_002_B_A.xml": ("STS-REASON", "reason code XT99 is not in ExternalStatusReason1Code"),
        "CustomerCreditTransfer_Scenario5_Step1_pacs.008": ("ID-IBAN", "IBAN BE34001216371411 fails mod-97"),
        "CustomerCreditTransfer_Variation5_pacs.008": ("FX-CONSISTENT", "1,000,000 EUR at 0.9901 less 130 USD charges is not 1,009,858.99 USD either way"),
        "CustomerCreditTransfer_Variation6_pacs.008": ("ID-IBAN", "IBAN BE34001216371411 fails mod-97"),
        "PaymentReturn_Scenario5_Step1_pacs.008": ("ID-IBAN", "IBAN BE34001216371411 fails mod-97"),
        "cbprplus_pacs008_sample_dodgy_IBAN_and_bic_mismatch.xml": ("ID-IBAN", "IBAN GB29NWBK60161331926818 fails mod-97"),
        "pacs_002_2026_invalid.xml": ("HDR-MSGDEF", "AppHdr MsgDefIdr pacs.999.001.99 does not name the pacs.002.001.10 Document"),
        "y2025__pacs.002.max.xml": ("STS-CODE", "TxSts EXTx is a placeholder, not a status code"),
        "y2025__pacs.002.min.xml": ("STS-CODE", "TxSts EXTx is a placeholder, not a status code"),
        "y2026__pacs.002.max.xml": ("STS-CODE", "TxSts EXTx is a placeholder, not a status code"),
        "y2026__pacs.002.min.xml": ("STS-CODE", "TxSts EXTx is a placeholder, not a status code"),
        "pacs.008.outgoing.valid.xml": ("AGT-INSTG", "no instructing agent at group or transaction level"),
    ]

    static var samples: [URL] { Fixtures.publicSamples }

    @Test(arguments: samples)
    func agreesWithTheOfficialSchema(_ file: URL) throws {
        let official = try #require(Fixtures.officialReader).read(contentsOf: file)
        guard let type = official.report.messageType, SampleConformanceTests.inScope.contains(type) else { return }
        let ours = MessageReader().read(contentsOf: file)
        let name = file.lastPathComponent
        if !official.report.valid {
            #expect(!ours.report.valid, "the official XSD rejects \(name) but Corridor accepts it")
        } else if let documented = SampleConformanceTests.documentedRejections[name] {
            #expect(!ours.report.valid, "\(name) was expected to fail \(documented.rule): \(documented.why)")
            #expect(ours.report.errors.contains { $0.rule == documented.rule }, "\(ours.report.errors)")
        } else {
            #expect(ours.report.valid, "\(name): \(ours.report.errors)")
        }
    }

    @Test func coversTheSamplesInScope() throws {
        var count = 0
        for file in SampleConformanceTests.samples {
            let official = try #require(Fixtures.officialReader).read(contentsOf: file)
            if let type = official.report.messageType, SampleConformanceTests.inScope.contains(type) { count += 1 }
        }
        #expect(count >= 100)
    }

    @Test(arguments: ["messages/pacs008-settle-eur.xml", "messages/pacs008-enveloped-two-tx.xml",
                      "messages/pacs002-acsc.xml", "messages/pacs002-rjct-am04.xml"])
    func teamSamplesAreValidEverywhere(_ name: String) throws {
        let file = Fixtures.sample(name)
        #expect(MessageReader().read(contentsOf: file).report.valid)
        #expect(try #require(Fixtures.officialReader).read(contentsOf: file).report.valid)
    }

    @Test(arguments: [("invalid/pacs008-bad-iban.xml", "ID-IBAN"), ("invalid/pacs008-total-mismatch.xml", "GRP-TOTAL"),
                      ("invalid/pacs008-schema-error.xml", "XSD"), ("invalid/pacs008-too-many-decimals.xml", "AMT-DECIMALS"),
                      ("invalid/xxe-entity.xml", "XML")])
    func invalidTeamSamplesFailTheirRule(_ name: String, _ rule: String) {
        let report = MessageReader().read(contentsOf: Fixtures.sample(name)).report
        #expect(report.errors.map(\.rule).contains(rule), "\(report.errors)")
    }
}
