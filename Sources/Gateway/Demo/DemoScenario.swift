import Foundation
import ISO20022
import Settlement

/// `corridor demo`: a fresh data folder, an inbox filled from `samples/` plus generated
/// payments of every kind, processed end to end, with the route answering the forwards.
public struct DemoScenario: Sendable {
    public var samples: URL
    public var directory: URL
    public var generated: Int

    public init(samples: URL, directory: URL, generated: Int = 200) {
        self.samples = samples
        self.directory = directory
        self.generated = generated
    }

    /// Writes the demo configuration (lists resolved to absolute paths) and returns it loaded.
    public func prepare() throws -> GatewayConfiguration {
        let manager = FileManager.default
        try manager.createDirectory(at: self.directory, withIntermediateDirectories: true)
        var yaml = try String(contentsOf: self.samples.appendingPathComponent("corridor.yaml"), encoding: .utf8)
        // The sample names the lists relative to samples/; the demo folder lives elsewhere.
        let shared = self.samples.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/sanctions").standardizedFileURL.path
        yaml = yaml.replacingOccurrences(of: "../../shared/sanctions", with: shared)
        if !manager.fileExists(atPath: shared) {
            yaml = yaml.replacingOccurrences(of: "  onReview: hold", with: "  onReview: hold\n  allowUnscreened: true")
            yaml = yaml.replacingOccurrences(of: #"lists: \[[^\]]*\]"#, with: "lists: []", options: .regularExpression)
        }
        let file = self.directory.appendingPathComponent("corridor.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try GatewayConfiguration.load(from: file)
    }

    /// Copies the sample messages and writes generated ones into the inbox (write, then rename).
    public func fillInbox(_ directories: DropDirectories) throws -> Int {
        let manager = FileManager.default
        var count = 0
        func drop(_ data: Data, name: String) throws {
            let temporary = directories.inbox + "/." + name + ".tmp"
            try data.write(to: URL(fileURLWithPath: temporary))
            try manager.moveItem(atPath: temporary, toPath: directories.inbox + "/" + name)
            count += 1
        }
        for folder in ["messages", "invalid"] {
            let source = self.samples.appendingPathComponent(folder)
            for name in (try? manager.contentsOfDirectory(atPath: source.path))?.sorted() ?? [] where name.hasSuffix(".xml") {
                // pacs.002 samples answer messages of another demo; the gateway would only log them.
                if name.hasPrefix("pacs002") { continue }
                try drop(try Data(contentsOf: source.appendingPathComponent(name)), name: "\(folder)-\(name)")
            }
        }
        for i in 0..<self.generated {
            try drop(Data(DemoScenario.payment(i).utf8), name: String(format: "generated-%05d.xml", i))
        }
        return count
    }

    /// A generated payment: mostly ordinary settlements, with every kind of rejection mixed in.
    public static func payment(_ i: Int) -> String {
        switch i % 20 {
        case 3: // over the Bank ES balance: insufficient funds (AM04) once its 50,000 EUR is used up
            return SyntheticPayments.creditTransfer(index: i, debtorAgent: "BANKESMMXXX", amountMinor: 2_000_000)
        case 7: // a sanctioned creditor: blocked (RR04)
            return SyntheticPayments.creditTransfer(index: i, creditorName: "Hwasong Shipping Company Limited")
        case 11: // creditor agent not a participant: CNOR
            return SyntheticPayments.creditTransfer(index: i, creditorAgent: "BANKITMMXXX")
        case 13: // a currency no route takes: NOAR
            return SyntheticPayments.creditTransfer(index: i, debtorAgent: "BANKGB2LXXX", creditorAgent: "BANKNL2AXXX", currency: "CHF")
        case 17: // above the 100,000 EUR per-transaction limit: AM02
            return SyntheticPayments.creditTransfer(index: i, amountMinor: 25_000_000)
        case 19: // instructing agent not a participant: DNOR
            return SyntheticPayments.creditTransfer(index: i, debtorAgent: "BANKPLPWXXX")
        default:
            return SyntheticPayments.creditTransfer(index: i, debtorAgent: i % 2 == 0 ? "BANKDEFFXXX" : "BANKNL2AXXX",
                                                    creditorAgent: i % 3 == 0 ? "BANKGB2LXXX" : "BANKFRPPXXX")
        }
    }

    /// Plays the route: answers every forwarded pacs.008 in outbound/ with a pacs.002 ACSC in the inbox.
    public func answerForwards(_ directories: DropDirectories, gateway: BIC) throws -> Int {
        let manager = FileManager.default
        var answered = 0
        let reader = MessageReader()
        for route in (try? manager.contentsOfDirectory(atPath: directories.outbound))?.sorted() ?? [] {
            let folder = directories.outbound + "/" + route
            for name in (try? manager.contentsOfDirectory(atPath: folder))?.sorted() ?? [] where name.hasSuffix(".xml") {
                guard case .creditTransfer(let document)? = reader.read(path: folder + "/" + name).message?.body else { continue }
                let forwarded = document.fiToFICstmrCdtTrf
                let nextAgent = forwarded.grpHdr.instdAgt?.finInstnId.bicfi ?? BIC("FRNYUS33XXX")
                let transactions = forwarded.cdtTrfTxInf.map { tx in
                    PaymentTransaction110(orgnlInstrId: tx.pmtId.instrId, orgnlEndToEndId: tx.pmtId.endToEndId,
                                          orgnlTxId: tx.pmtId.txId, orgnlUETR: tx.pmtId.uetr, txSts: "ACSC",
                                          accptncDtTm: .now())
                }
                let agent = { (bic: BIC) in BranchAndFinancialInstitutionIdentification6(finInstnId: FinancialInstitutionIdentification18(bicfi: bic)) }
                let answer = Pacs002Document(fiToFIPmtStsRpt: FIToFIPaymentStatusReportV10(
                    grpHdr: GroupHeader91(msgId: "ROUTE-\(answered + 1)-\(forwarded.grpHdr.msgId.suffix(20))", creDtTm: .now(),
                                          instgAgt: agent(nextAgent), instdAgt: agent(gateway)),
                    orgnlGrpInfAndSts: [OriginalGroupHeader17(orgnlMsgId: forwarded.grpHdr.msgId, orgnlMsgNmId: "pacs.008.001.08", grpSts: "ACSC")],
                    txInfAndSts: transactions))
                let bytes = Data(ISOMessage(body: .statusReport(answer)).xml())
                let target = directories.inbox + "/route-answer-\(name)"
                try bytes.write(to: URL(fileURLWithPath: directories.inbox + "/.route-answer.tmp"))
                try manager.moveItem(atPath: directories.inbox + "/.route-answer.tmp", toPath: target)
                answered += 1
            }
        }
        return answered
    }
}
