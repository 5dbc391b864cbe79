import Foundation
import Testing
@testable import ISO20022

/// parse → write → parse gives an equal model, and the written XML passes the official XSD.
@Suite struct RoundTripTests {
    static var files: [URL] {
        let team = ["messages/pacs008-settle-eur.xml", "messages/pacs008-enveloped-two-tx.xml",
                    "messages/pacs002-acsc.xml", "messages/pacs002-rjct-am04.xml"].map(Fixtures.sample)
        return team + Fixtures.publicSamples
    }

    @Test(arguments: files)
    func writingAndReadingAgainGivesTheSameModel(_ file: URL) throws {
        guard let message = MessageReader().read(contentsOf: file).message else { return }  // only valid ones
        let written = message.xml()
        let again = MessageReader().read(written)
        #expect(again.report.valid, "\(again.report.errors)")
        let reread = try #require(again.message)
        #expect(reread.header == message.header)
        #expect(reread.body == message.body)
        #expect(message.xml() == written, "writing is deterministic")
        if let official = Fixtures.officialReader {
            let report = official.read(written).report
            #expect(report.valid, "official XSD rejects what Corridor wrote: \(report.errors)")
        }
    }

    @Test func inspectJSONKeepsAmountsAsExactStrings() throws {
        let message = try #require(MessageReader().read(contentsOf: Fixtures.sample("messages/pacs008-enveloped-two-tx.xml")).message)
        let json = message.jsonValue().serialized()
        #expect(json.contains(#""IntrBkSttlmAmt":{"amount":"750.25","currency":"EUR"}"#))
        #expect(json.contains(#""XchgRate":"0.921659""#))
        #expect(json.contains(#""envelope":"swift""#))
    }
}
