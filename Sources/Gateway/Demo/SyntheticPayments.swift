import Foundation

/// Realistic pacs.008 messages made from the team's sample, for benchmarks, tests and the demo.
///
/// Every message is schema-valid and passes the business rules; the index varies the
/// identifiers, the amount and the parties deterministically.
public enum SyntheticPayments {
    static let debtors = [
        ("Muster Maschinenbau GmbH", "Hauptstrasse", "12", "60311", "Frankfurt am Main", "DE", "DE89370400440532013000"),
        ("Brouwerij De Kroon BV", "Keizersgracht", "101", "1015 CJ", "Amsterdam", "NL", "NL91ABNA0417164300"),
        ("Atelier Lumiere SARL", "Rue de Rivoli", "48", "75004", "Paris", "FR", "FR1420041010050500013M02606"),
        ("Costa Ferreira Lda", "Rua Augusta", "7", "1100-048", "Lisboa", "PT", "PT50000201231234567890154"),
    ]

    /// A lower-case UUID v4 derived from `index` (stable across runs).
    public static func uetr(_ index: Int, salt: UInt64 = 0x9E37_79B9_7F4A_7C15) -> String {
        var x = UInt64(truncatingIfNeeded: index) &* 0xBF58_476D_1CE4_E5B9 ^ salt
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            x ^= x >> 31
            x = x &* 0x94D0_49BB_1331_11EB
            x ^= x >> 29
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: x >> UInt64(shift))) }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-" + String(h[20..<32])
    }

    /// A ~5 KB single-transaction pacs.008.001.08 from `BANKDEFFXXX` to `BANKFRPPXXX`.
    public static func creditTransfer(index: Int, debtorAgent: String = "BANKDEFFXXX", creditorAgent: String = "BANKFRPPXXX",
                                      gateway: String = "CRDRGB2LXXX", currency: String = "EUR",
                                      amountMinor: Int64? = nil, creditorName: String? = nil) -> String {
        let debtor = debtors[index % debtors.count]
        let creditor = debtors[(index + 1) % debtors.count]
        let minor = amountMinor ?? Int64(10_000 + (index * 7_919) % 5_000_000)
        let amount = "\(minor / 100).\(String(format: "%02d", minor % 100))"
        let id = String(format: "%08d", index)
        let remittance = [
            SyntheticPayments.structuredRemittance(number: "INV-\(id)", note: "Delivery note DN-\(id), 24 pallets", amount, currency),
            SyntheticPayments.structuredRemittance(number: "INV-\(id)-2", note: "Delivery note DN-\(id)-2, partial shipment 2 of 3", amount, currency),
            SyntheticPayments.structuredRemittance(number: "INV-\(id)-3", note: "Delivery note DN-\(id)-3, partial shipment 3 of 3", amount, currency),
        ].joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
              <FIToFICstmrCdtTrf>
                <GrpHdr>
                  <MsgId>MSG-\(debtorAgent.prefix(8))-\(id)</MsgId>
                  <CreDtTm>2026-11-26T09:15:00.000+01:00</CreDtTm>
                  <NbOfTxs>1</NbOfTxs>
                  <TtlIntrBkSttlmAmt Ccy="\(currency)">\(amount)</TtlIntrBkSttlmAmt>
                  <IntrBkSttlmDt>2026-11-26</IntrBkSttlmDt>
                  <SttlmInf>
                    <SttlmMtd>CLRG</SttlmMtd>
                  </SttlmInf>
                  <PmtTpInf>
                    <SvcLvl>
                      <Cd>SEPA</Cd>
                    </SvcLvl>
                    <LclInstrm>
                      <Cd>INST</Cd>
                    </LclInstrm>
                    <CtgyPurp>
                      <Cd>SUPP</Cd>
                    </CtgyPurp>
                  </PmtTpInf>
                  <InstgAgt>
                    <FinInstnId>
                      <BICFI>\(debtorAgent)</BICFI>
                    </FinInstnId>
                  </InstgAgt>
                  <InstdAgt>
                    <FinInstnId>
                      <BICFI>\(gateway)</BICFI>
                    </FinInstnId>
                  </InstdAgt>
                </GrpHdr>
                <CdtTrfTxInf>
                  <PmtId>
                    <InstrId>INSTR-\(id)</InstrId>
                    <EndToEndId>E2E-\(id)</EndToEndId>
                    <TxId>TX-\(debtorAgent.prefix(8))-\(id)</TxId>
                    <UETR>\(uetr(index))</UETR>
                  </PmtId>
                  <IntrBkSttlmAmt Ccy="\(currency)">\(amount)</IntrBkSttlmAmt>
                  <AccptncDtTm>2026-11-26T09:14:58.120+01:00</AccptncDtTm>
                  <ChrgBr>SLEV</ChrgBr>
                  <UltmtDbtr>
                    <Nm>\(debtor.0) Treasury</Nm>
                  </UltmtDbtr>
                  <InitgPty>
                    <Nm>\(debtor.0) Shared Services</Nm>
                    <PstlAdr>
                      <StrtNm>\(debtor.1)</StrtNm>
                      <BldgNb>\(debtor.2)</BldgNb>
                      <PstCd>\(debtor.3)</PstCd>
                      <TwnNm>\(debtor.4)</TwnNm>
                      <Ctry>\(debtor.5)</Ctry>
                    </PstlAdr>
                  </InitgPty>
                  <Dbtr>
                    <Nm>\(debtor.0)</Nm>
                    <PstlAdr>
                      <Dept>Accounts Payable</Dept>
                      <StrtNm>\(debtor.1)</StrtNm>
                      <BldgNb>\(debtor.2)</BldgNb>
                      <PstCd>\(debtor.3)</PstCd>
                      <TwnNm>\(debtor.4)</TwnNm>
                      <Ctry>\(debtor.5)</Ctry>
                    </PstlAdr>
                    <Id>
                      <OrgId>
                        <LEI>529900T8BM49AURSDO55</LEI>
                      </OrgId>
                    </Id>
                    <CtryOfRes>\(debtor.5)</CtryOfRes>
                  </Dbtr>
                  <DbtrAcct>
                    <Id>
                      <IBAN>\(debtor.6)</IBAN>
                    </Id>
                  </DbtrAcct>
                  <DbtrAgt>
                    <FinInstnId>
                      <BICFI>\(debtorAgent)</BICFI>
                    </FinInstnId>
                  </DbtrAgt>
                  <CdtrAgt>
                    <FinInstnId>
                      <BICFI>\(creditorAgent)</BICFI>
                    </FinInstnId>
                  </CdtrAgt>
                  <Cdtr>
                    <Nm>\(creditorName ?? creditor.0)</Nm>
                    <PstlAdr>
                      <StrtNm>\(creditor.1)</StrtNm>
                      <BldgNb>\(creditor.2)</BldgNb>
                      <PstCd>\(creditor.3)</PstCd>
                      <TwnNm>\(creditor.4)</TwnNm>
                      <Ctry>\(creditor.5)</Ctry>
                    </PstlAdr>
                  </Cdtr>
                  <CdtrAcct>
                    <Id>
                      <IBAN>\(creditor.6)</IBAN>
                    </Id>
                  </CdtrAcct>
                  <UltmtCdtr>
                    <Nm>\(creditor.0) Receivables</Nm>
                  </UltmtCdtr>
                  <Purp>
                    <Cd>GDDS</Cd>
                  </Purp>
                  <RmtInf>
                    <Ustrd>Invoice \(id) for goods delivered under framework agreement FA-2026-118</Ustrd>
            \(remittance)
                  </RmtInf>
                </CdtTrfTxInf>
              </FIToFICstmrCdtTrf>
            </Document>

            """
    }

    /// A bulk pacs.008.001.08 of `count` transactions from `debtorAgent`, the transactions of
    /// indices `firstIndex..<firstIndex + count`, each to `creditorAgent(index)`, with the group
    /// header's count and total to match.
    public static func bulkCreditTransfer(firstIndex: Int, count: Int, debtorAgent: String,
                                          creditorAgent: (Int) -> String) -> String {
        var header = ""
        var footer = ""
        var blocks: [String] = []
        var totalMinor: Int64 = 0
        for index in firstIndex..<firstIndex + max(1, count) {
            let single = creditTransfer(index: index, debtorAgent: debtorAgent, creditorAgent: creditorAgent(index))
            guard let open = single.range(of: "    <CdtTrfTxInf>"), let close = single.range(of: "</CdtTrfTxInf>\n") else { continue }
            if blocks.isEmpty {
                header = String(single[..<open.lowerBound])
                footer = String(single[close.upperBound...])
            }
            blocks.append(String(single[open.lowerBound..<close.upperBound]))
            totalMinor += Int64(10_000 + (index * 7_919) % 5_000_000)
        }
        let total = "\(totalMinor / 100).\(String(format: "%02d", totalMinor % 100))"
        header = header.replacingOccurrences(of: "<NbOfTxs>1</NbOfTxs>", with: "<NbOfTxs>\(blocks.count)</NbOfTxs>")
        if let start = header.range(of: "<TtlIntrBkSttlmAmt Ccy=\"EUR\">"), let end = header.range(of: "</TtlIntrBkSttlmAmt>") {
            header.replaceSubrange(start.upperBound..<end.lowerBound, with: total)
        }
        return header + blocks.joined() + footer
    }

    /// One `Strd` block (a referred invoice with its creditor reference), indented for the template.
    static func structuredRemittance(number: String, note: String, _ amount: String, _ currency: String) -> String {
        """
                <Strd>
                  <RfrdDocInf>
                    <Tp>
                      <CdOrPrtry>
                        <Cd>CINV</Cd>
                      </CdOrPrtry>
                    </Tp>
                    <Nb>\(number)</Nb>
                    <RltdDt>2026-11-02</RltdDt>
                  </RfrdDocInf>
                  <RfrdDocAmt>
                    <DuePyblAmt Ccy="\(currency)">\(amount)</DuePyblAmt>
                  </RfrdDocAmt>
                  <CdtrRefInf>
                    <Tp>
                      <CdOrPrtry>
                        <Cd>SCOR</Cd>
                      </CdOrPrtry>
                    </Tp>
                    <Ref>RF18539007547034</Ref>
                  </CdtrRefInf>
                  <AddtlRmtInf>\(note)</AddtlRmtInf>
                </Strd>
        """
    }
}
