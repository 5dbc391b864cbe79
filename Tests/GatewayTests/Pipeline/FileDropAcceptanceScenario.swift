import Compliance
import Foundation
import ISO20022
@testable import Gateway

/// The acceptance scenario of the file-drop pipeline: a corridor of five participants, 1,000
/// generated pacs.008 whose fate is known in advance, a few unusable files, and what the route
/// answers for the payments forwarded to it.
///
/// Everything the test later checks is derived here, independently of the pipeline: the
/// pacs.002 status each transaction must get, where each file must end, and which payments move
/// money (from which the expected balances follow).
enum FileDropAcceptance {
    // MARK: The corridor

    static let gateway = "CRDRGB2LXXX"
    static let bankDE = "BANKDEFFXXX"
    static let bankFR = "BANKFRPPXXX"
    static let bankNL = "BANKNL2AXXX"
    static let bankGB = "BANKGB2LXXX"
    /// Little money: every large payment from it fails AM04, whatever the order.
    static let bankES = "BANKESMMXXX"
    /// Neither is a participant.
    static let foreignCreditorAgent = "BANKITMMXXX"
    static let foreignSender = "BANKPLPWXXX"
    /// A creditor agent in the US: the `fednow` route forwards to `nextAgent`.
    static let usCreditorAgent = "BANKUS33XXX"
    static let nextAgent = "FRNYUS33XXX"
    static let forwardRoute = "fednow"
    static let sanctionedName = "Hwasong Shipping Company Limited"
    static let timeoutSeconds = 300

    /// Opening balances in minor units (every currency used has two decimals).
    static let openingBalances: [AccountKey: Int64] = [
        AccountKey(bankDE, "EUR"): 10_000_000_00, AccountKey(bankDE, "USD"): 2_000_000_00,
        AccountKey(bankFR, "EUR"): 10_000_000_00,
        AccountKey(bankNL, "EUR"): 5_000_000_00,
        AccountKey(bankGB, "EUR"): 5_000_000_00, AccountKey(bankGB, "USD"): 2_000_000_00, AccountKey(bankGB, "GBP"): 1_000_000_00,
        AccountKey(bankES, "EUR"): 5_000_00,
    ]

    static func configuration(dataDirectory: String, sanctionsLists: [String]?) -> String {
        let screening: String
        if let lists = sanctionsLists {
            screening = "  lists: [ \(lists.joined(separator: ", ")) ]\n"
        } else {
            screening = "  lists: []\n  allowUnscreened: true\n"
        }
        return """
            gateway:
              bic: \(gateway)
              data: \(dataDirectory)
              timeoutSeconds: \(timeoutSeconds)
            participants:
              - bic: \(bankDE)
                name: Bank DE
                accounts:
                  - { currency: EUR, balance: "10000000.00", minimumBalance: "0.00" }
                  - { currency: USD, balance: "2000000.00", minimumBalance: "0.00" }
              - bic: \(bankFR)
                name: Bank FR
                accounts:
                  - { currency: EUR, balance: "10000000.00", minimumBalance: "0.00" }
              - bic: \(bankNL)
                name: Bank NL
                accounts:
                  - { currency: EUR, balance: "5000000.00", minimumBalance: "0.00" }
              - bic: \(bankGB)
                name: Bank GB
                accounts:
                  - { currency: EUR, balance: "5000000.00", minimumBalance: "0.00" }
                  - { currency: USD, balance: "2000000.00", minimumBalance: "0.00" }
                  - { currency: GBP, balance: "1000000.00", minimumBalance: "0.00" }
              - bic: \(bankES)
                name: Bank ES
                accounts:
                  - { currency: EUR, balance: "5000.00", minimumBalance: "0.00" }
            routes:
              - name: blocked
                match: { currency: RUB }
                action: reject
                reason: AG01
              - name: \(forwardRoute)
                match: { country: US }
                action: forward
                nextAgent: \(nextAgent)
              - name: domestic
                match: { currency: EUR }
                action: settle
              - name: sterling
                match: { currency: GBP }
                action: settle
            screening:
            \(screening)  reviewThreshold: 0.85
              blockThreshold: 0.92
              embargoedCountries: [ KP, IR, SY, CU ]
              onReview: hold
            limits:
              - { currency: EUR, maxAmount: "100000.00" }
              - { currency: EUR, debtorAgent: "*", window: 24h, maxTotal: "5000000.00" }

            """
    }

    // MARK: Expectations

    struct AccountKey: Hashable, Comparable, CustomStringConvertible {
        var participant: String
        var currency: String
        init(_ participant: String, _ currency: String) {
            self.participant = participant
            self.currency = currency
        }
        static func < (a: Self, b: Self) -> Bool { (a.currency, a.participant) < (b.currency, b.participant) }
        var description: String { "\(participant) \(currency)" }
    }

    struct Outcome: Hashable, CustomStringConvertible {
        var status: String
        var reason: String?
        init(_ status: String, _ reason: String? = nil) {
            self.status = status
            self.reason = reason
        }
        var description: String { status + (reason.map { " " + $0 } ?? "") }
    }

    /// One transaction as the participants see it: the pacs.002 that answers it goes to
    /// `recipient`'s outbox and names `messageId` and, unless the whole message was rejected,
    /// the transaction's UETR.
    struct AnswerKey: Hashable, CustomStringConvertible {
        var recipient: String
        var messageId: String
        /// nil for a whole-message rejection (no transaction block).
        var uetr: String?
        var description: String { "\(recipient) \(messageId) \(uetr ?? "(group)")" }
    }

    enum Kind: String, CaseIterable {
        case settle, insufficientFunds, sanctionedCreditor, invalidIBAN, unknownCreditorAgent, unknownInstructingAgent
        case noRoute, rejectingRoute, overLimit
        case forwardSettled, forwardRejected, forwardUnanswered, forwardAcknowledgedOnly
        case resentUETRWithOtherAmount, reusedMessageId, schemaInvalid

        var isForward: Bool { [.forwardSettled, .forwardRejected, .forwardUnanswered, .forwardAcknowledgedOnly].contains(self) }
    }

    /// What the route answers to a forwarded payment.
    enum RouteAnswer { case settled, rejected, acknowledged, silent }

    struct Payment {
        var index: Int
        var kind: Kind
        var fileName: String
        var xml: String
        var key: AnswerKey
        var debtorAgent: String
        var creditorAgent: String
        var currency: String
        var amountMinor: Int64
        /// The status of the pacs.002 that answers the input file.
        var first: Outcome
        /// The later status of a forwarded payment (from the route, or the timeout).
        var final: Outcome?

        var lastStatus: Outcome { final ?? first }
        var uetr: String { SyntheticPayments.uetr(index) }

        var routeAnswer: RouteAnswer {
            switch kind {
            case .forwardSettled: .settled
            case .forwardRejected: .rejected
            case .forwardAcknowledgedOnly: .acknowledged
            default: .silent
            }
        }

        /// The ledger movement this payment causes in the end, if any.
        var movement: (debit: AccountKey, credit: AccountKey, amount: Int64)? {
            guard lastStatus.status == "ACSC" else { return nil }
            let credit = kind.isForward ? FileDropAcceptance.nextAgent : creditorAgent
            return (AccountKey(debtorAgent, currency), AccountKey(credit, currency), amountMinor)
        }
    }

    static let paymentCount = 1_000

    /// The kind of payment number `index`: every kind in every block of 20.
    static func kind(of index: Int) -> Kind {
        switch index % 20 {
        case 4: .insufficientFunds
        case 6: .sanctionedCreditor
        case 7: .invalidIBAN
        case 8: .unknownCreditorAgent
        case 9: .unknownInstructingAgent
        case 10: .noRoute
        case 11: .rejectingRoute
        case 12: .overLimit
        case 13: .forwardSettled
        case 14: .forwardRejected
        case 15: .forwardUnanswered
        case 16: .forwardAcknowledgedOnly
        case 18: .resentUETRWithOtherAmount  // of payment index - 18 (a settled DE → FR payment)
        case 19: .reusedMessageId  // the MsgId of payment index - 18 (a settled NL → GB payment)
        default: .settle  // 0 DE → FR, 1 NL → GB, 2 FR → DE, 3 GB → NL, 5 ES → DE (small), 17 DE → NL
        }
    }

    static func amount(_ index: Int) -> Int64 { 1_000 + Int64((index &* 7_919) % 400_000) }

    static func messageId(sender: String, index: Int) -> String {
        "MSG-\(sender.prefix(8))-\(String(format: "%08d", index))"
    }

    static func fileName(_ index: Int) -> String { String(format: "pacs008-%05d.xml", index) }

    static func payments() -> [Payment] {
        (0..<paymentCount).map(payment)
    }

    static func payment(_ i: Int) -> Payment {
        let kind = kind(of: i)
        var debtor = bankDE, creditor = bankFR, currency = "EUR", amount = amount(i)
        var creditorName: String? = nil
        var first = Outcome("ACSC"), final: Outcome? = nil
        var edit: (String) -> String = { $0 }
        var messageId: String? = nil
        var groupLevel = false
        switch kind {
        case .settle:
            switch i % 20 {
            case 1: (debtor, creditor) = (bankNL, bankGB)
            case 2: (debtor, creditor) = (bankFR, bankDE)
            case 3: (debtor, creditor) = (bankGB, bankNL)
            case 5: (debtor, creditor, amount) = (bankES, bankDE, 50_00)  // all 50 of these fit ES's 5,000
            case 17: (debtor, creditor) = (bankDE, bankNL)
            default: break
            }
        case .insufficientFunds:
            (debtor, amount) = (bankES, 6_000_00)
            first = Outcome("RJCT", "AM04")
        case .sanctionedCreditor:
            creditorName = sanctionedName
            first = Outcome("RJCT", "RR04")
        case .invalidIBAN:
            (debtor, creditor) = (bankFR, bankNL)
            edit = breakingFirstIBAN
            first = Outcome("RJCT", "AC01")
            groupLevel = true
        case .unknownCreditorAgent:
            creditor = foreignCreditorAgent
            first = Outcome("RJCT", "CNOR")
        case .unknownInstructingAgent:
            debtor = foreignSender
            first = Outcome("RJCT", "DNOR")
        case .noRoute:
            currency = "CHF"
            first = Outcome("RJCT", "NOAR")
        case .rejectingRoute:
            (debtor, currency) = (bankNL, "RUB")
            first = Outcome("RJCT", "AG01")
        case .overLimit:
            (debtor, amount) = (bankGB, 150_000_00)
            first = Outcome("RJCT", "AM02")
        case .forwardSettled, .forwardRejected, .forwardUnanswered, .forwardAcknowledgedOnly:
            (debtor, creditor, currency) = (i % 2 == 0 ? bankDE : bankGB, usCreditorAgent, "USD")
            first = Outcome("ACSP")
            final = switch kind {
            case .forwardSettled: Outcome("ACSC")
            case .forwardRejected: Outcome("RJCT", "AC04")
            case .forwardUnanswered: Outcome("RJCT", "AB06")
            default: Outcome("RJCT", "AB05")
            }
        case .resentUETRWithOtherAmount:
            // Payment i - 18 again (same UETR, TxId, EndToEndId) in a new message, one cent more.
            let original = i - 18
            let xml = SyntheticPayments.creditTransfer(index: original, debtorAgent: debtor, creditorAgent: creditor,
                                                       amountMinor: FileDropAcceptance.amount(original) + 1)
            let resentId = "RESEND-\(debtor.prefix(8))-\(String(format: "%08d", original))"
            let text = xml.replacingOccurrences(of: "<MsgId>\(FileDropAcceptance.messageId(sender: debtor, index: original))</MsgId>",
                                                with: "<MsgId>\(resentId)</MsgId>")
            return Payment(index: original, kind: kind, fileName: fileName(i), xml: text,
                           key: AnswerKey(recipient: debtor, messageId: resentId, uetr: SyntheticPayments.uetr(original)),
                           debtorAgent: debtor, creditorAgent: creditor, currency: currency,
                           amountMinor: FileDropAcceptance.amount(original) + 1, first: Outcome("RJCT", "AM05"), final: nil)
        case .reusedMessageId:
            // A new payment from NL carrying the MsgId of NL's payment i - 18.
            (debtor, creditor) = (bankNL, bankGB)
            let reused = FileDropAcceptance.messageId(sender: debtor, index: i - 18)
            let own = FileDropAcceptance.messageId(sender: debtor, index: i)
            edit = { $0.replacingOccurrences(of: "<MsgId>\(own)</MsgId>", with: "<MsgId>\(reused)</MsgId>") }
            messageId = reused
            first = Outcome("RJCT", "AM05")
        case .schemaInvalid:
            preconditionFailure("schema-invalid files are made by schemaInvalidPayments()")
        }
        let xml = edit(SyntheticPayments.creditTransfer(index: i, debtorAgent: debtor, creditorAgent: creditor, currency: currency,
                                                        amountMinor: amount, creditorName: creditorName))
        let id = messageId ?? FileDropAcceptance.messageId(sender: debtor, index: i)
        return Payment(index: i, kind: kind, fileName: fileName(i), xml: xml,
                       key: AnswerKey(recipient: debtor, messageId: id, uetr: groupLevel ? nil : SyntheticPayments.uetr(i)),
                       debtorAgent: debtor, creditorAgent: creditor, currency: currency, amountMinor: amount,
                       first: first, final: final)
    }

    /// Messages that break the pacs.008 schema but still name their sender and MsgId: each is
    /// answered with a whole-message RJCT FF01.
    static func schemaInvalidPayments() -> [Payment] {
        let cases: [(index: Int, sender: String, name: String, edit: (String) -> String)] = [
            (5_000, bankDE, "invalid-charge-bearer.xml", { $0.replacingOccurrences(of: "<ChrgBr>SLEV</ChrgBr>", with: "<ChrgBr>NONE</ChrgBr>") }),
            (5_001, bankGB, "invalid-missing-nboftxs.xml", { $0.replacingOccurrences(of: "<NbOfTxs>1</NbOfTxs>", with: "") }),
        ]
        return cases.map { c in
            let xml = c.edit(SyntheticPayments.creditTransfer(index: c.index, debtorAgent: c.sender, creditorAgent: bankFR,
                                                              amountMinor: amount(c.index)))
            return Payment(index: c.index, kind: .schemaInvalid, fileName: c.name, xml: xml,
                           key: AnswerKey(recipient: c.sender, messageId: messageId(sender: c.sender, index: c.index), uetr: nil),
                           debtorAgent: c.sender, creditorAgent: bankFR, currency: "EUR", amountMinor: amount(c.index),
                           first: Outcome("RJCT", "FF01"), final: nil)
        }
    }

    /// Files nobody can be answered for: they go to error/ with a report.
    static let unanswerableFiles: [(name: String, text: String)] = [
        ("malformed.xml", "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>\n"),
        ("not-iso20022.xml", "<?xml version=\"1.0\"?>\n<invoice><total>12.00</total></invoice>\n"),
        ("empty.xml", ""),
    ]

    /// The first IBAN of the message with its last digit changed: same shape, wrong check digits.
    static func breakingFirstIBAN(_ xml: String) -> String {
        guard let open = xml.range(of: "<IBAN>"), let close = xml.range(of: "</IBAN>", range: open.upperBound..<xml.endIndex) else {
            return xml
        }
        let iban = xml[open.upperBound..<close.lowerBound]
        guard let last = iban.last, let digit = last.wholeNumberValue else { return xml }
        let broken = iban.dropLast() + String((digit + 1) % 10)
        return xml.replacingCharacters(in: open.upperBound..<close.lowerBound, with: broken)
    }
}

/// Blocks one creditor name; used when the shared sanctions lists are not beside the package.
struct ListedCreditorScreening: PaymentScreening {
    let listedName: String

    func screen(_ transaction: CreditTransferTransaction39, group: GroupHeader93, path: String) -> ScreeningResult {
        guard transaction.cdtr.nm == self.listedName else { return ScreeningResult(decision: .pass, hits: []) }
        let hit = ScreeningHit(
            field: "\(path)/Cdtr/Nm", fieldValue: self.listedName, list: "test", listDate: "2026-01-01", entityId: "test:1",
            name: self.listedName, matchedAlias: self.listedName, aliasType: "primary", score: 1, programs: ["TEST"],
            reason: "exact name", decision: .block)
        return ScreeningResult(decision: .block, hits: [hit])
    }
}
