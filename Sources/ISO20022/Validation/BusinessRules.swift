import Foundation

/// The business rules Corridor checks on the typed model of a schema-valid message.
///
/// Each rule has a stable id, a one-line summary and the ISO `ExternalStatusReason1Code` a
/// status report carries when it fails. The catalogue is listed in `RULES.md`; a test keeps the
/// two in step. Paths in violations use the message's own element names, so they point at the
/// element a payment engineer would look at.
public struct BusinessRules: Sendable {
    /// One rule of the catalogue.
    public struct Rule: Sendable, Hashable {
        public var id: String
        public var reasonCode: String
        public var summary: String
    }

    /// A failed rule, as a ``ValidationIssue`` (line filled in by the reader from the path).
    public struct Violation: Sendable, Hashable {
        public var issue: ValidationIssue
    }

    /// The ids of rules to skip (a scheme that does not want one).
    public var disabled: Set<String>
    /// The clock for date rules; `nil` means the system clock.
    public var now: Date?

    public init(disabled: Set<String> = [], now: Date? = nil) {
        self.disabled = disabled
        self.now = now
    }

    /// Every rule, in the order they are checked.
    public static let catalogue: [Rule] = [
        Rule(id: "GRP-NBOFTXS", reasonCode: "AM18", summary: "GrpHdr/NbOfTxs equals the number of transaction blocks."),
        Rule(id: "GRP-CTRLSUM", reasonCode: "AM10", summary: "GrpHdr/CtrlSum, when present, equals the sum of the transactions' IntrBkSttlmAmt."),
        Rule(id: "GRP-TOTAL", reasonCode: "AM10", summary: "GrpHdr/TtlIntrBkSttlmAmt, when present, equals the sum of the transactions' IntrBkSttlmAmt."),
        Rule(id: "GRP-TOTAL-CCY", reasonCode: "AM11", summary: "Every IntrBkSttlmAmt is in the currency of GrpHdr/TtlIntrBkSttlmAmt, when that is present."),
        Rule(id: "GRP-STTLMDT", reasonCode: "DT01", summary: "IntrBkSttlmDt is not given both in the group header and in a transaction."),
        Rule(id: "AGT-INSTG", reasonCode: "RC02", summary: "InstgAgt is given either in the group header or in every transaction, never both."),
        Rule(id: "AGT-INSTD", reasonCode: "RC02", summary: "InstdAgt is given either in the group header or in every transaction, never both."),
        Rule(id: "AGT-CHAIN", reasonCode: "RC11", summary: "Intermediary and previous instructing agents are numbered without gaps, and an agent account only accompanies its agent."),
        Rule(id: "AMT-CCY", reasonCode: "AM11", summary: "Every currency is an ISO 4217 code; settlement amounts use an active currency."),
        Rule(id: "AMT-DECIMALS", reasonCode: "CH20", summary: "No amount has more decimals than its currency's minor units."),
        Rule(id: "AMT-ZERO", reasonCode: "AM01", summary: "IntrBkSttlmAmt is greater than zero."),
        Rule(id: "FX-RATE", reasonCode: "AM09", summary: "When InstdAmt and IntrBkSttlmAmt differ in currency, XchgRate is present."),
        Rule(id: "FX-CONSISTENT", reasonCode: "AM09", summary: "InstdAmt converted at XchgRate (either quoting direction) equals IntrBkSttlmAmt plus deducted charges, within one minor unit."),
        Rule(id: "CHRG-INSTDAMT", reasonCode: "AM09", summary: "ChrgsInf is only present together with InstdAmt."),
        Rule(id: "ID-IBAN", reasonCode: "AC01", summary: "Every IBAN has its country's length and valid mod-97 check digits."),
        Rule(id: "ID-BIC", reasonCode: "RC05", summary: "Every BIC has a valid ISO 3166 country (RC06 for the debtor agent, RC07 for the creditor agent)."),
        Rule(id: "ID-LEI", reasonCode: "BE15", summary: "Every LEI has valid ISO 17442 check digits."),
        Rule(id: "ID-UETR", reasonCode: "FF01", summary: "Every UETR is a lower-case UUID version 4."),
        Rule(id: "ID-COUNTRY", reasonCode: "BE09", summary: "Every country code (addresses, residence, birth) is an ISO 3166 code."),
        Rule(id: "TX-DUP-E2E", reasonCode: "DU04", summary: "No two transactions share an EndToEndId (NOTPROVIDED excepted)."),
        Rule(id: "TX-DUP-TXID", reasonCode: "DU03", summary: "No two transactions share a TxId."),
        Rule(id: "TX-DUP-UETR", reasonCode: "DU03", summary: "No two transactions share a UETR."),
        Rule(id: "DATE-CREATION", reasonCode: "DT01", summary: "The creation date-time (CreDtTm, AppHdr CreDt) is not more than a day in the future."),
        Rule(id: "HDR-MSGDEF", reasonCode: "FF01", summary: "AppHdr/MsgDefIdr names the message the Document carries."),
        Rule(id: "STS-CODE", reasonCode: "FF01", summary: "Every TxSts and GrpSts is an ExternalPaymentTransactionStatus1Code (GrpSts may also be PART)."),
        Rule(id: "STS-REASON", reasonCode: "FF01", summary: "Every StsRsnInf/Rsn/Cd is an ExternalStatusReason1Code."),
        Rule(id: "STS-ORIGINAL-REF", reasonCode: "FF01", summary: "Every TxInfAndSts names its original transaction (OrgnlInstrId, OrgnlEndToEndId, OrgnlTxId or OrgnlUETR)."),
    ]

    static let rulesByID: [String: Rule] = Dictionary(uniqueKeysWithValues: catalogue.map { ($0.id, $0) })

    /// Runs every enabled rule on the message.
    public func check(_ message: ISOMessage) -> [Violation] {
        var context = RuleContext(rules: self)
        if let header = message.header { context.checkHeader(header, message: message) }
        switch message.body {
        case .creditTransfer(let document): context.checkCreditTransfer(document.fiToFICstmrCdtTrf)
        case .statusReport(let document): context.checkStatusReport(document.fiToFIPmtStsRpt)
        case .none: break
        }
        return context.violations
    }
}

/// Walks one message and collects violations.
struct RuleContext {
    let rules: BusinessRules
    var violations: [BusinessRules.Violation] = []

    init(rules: BusinessRules) { self.rules = rules }

    mutating func fail(_ id: String, _ path: String, _ message: String, reasonCode: String? = nil) {
        guard !self.rules.disabled.contains(id), let rule = BusinessRules.rulesByID[id] else { return }
        self.violations.append(BusinessRules.Violation(issue: ValidationIssue(
            path: path, rule: id, reasonCode: reasonCode ?? rule.reasonCode, message: message)))
    }

    var now: Date { self.rules.now ?? Date() }

    // MARK: Header

    mutating func checkHeader(_ header: BusinessApplicationHeaderV02, message: ISOMessage) {
        let base = "/AppHdr"
        self.checkCreation(header.creDt, path: base + "/CreDt")
        switch message.body {
        case .none: break
        default:
            let expected = message.messageType
            let declared = header.msgDefIdr.trimmingCharacters(in: .whitespaces)
            if declared != expected {
                self.fail("HDR-MSGDEF", base + "/MsgDefIdr", "MsgDefIdr is '\(declared)' but the Document is \(expected)")
            }
        }
        self.checkParty44(header.fr, path: base + "/Fr")
        self.checkParty44(header.to, path: base + "/To")
    }

    mutating func checkParty44(_ party: Party44Choice, path: String) {
        switch party {
        case .fiId(let agent): self.checkAgent(agent, path: path + "/FIId", role: .other)
        case .orgId(let org): self.checkParty(org, path: path + "/OrgId")
        }
    }

    mutating func checkCreation(_ dateTime: ISODateTime, path: String) {
        guard let instant = dateTime.instant else { return }
        if instant.timeIntervalSince(self.now) > 86_400 {
            self.fail("DATE-CREATION", path, "creation time \(dateTime.rawValue) is more than a day in the future")
        }
    }

    // MARK: pacs.008

    mutating func checkCreditTransfer(_ message: FIToFICustomerCreditTransferV08) {
        let root = "/Document/FIToFICstmrCdtTrf"
        let header = message.grpHdr
        let transactions = message.cdtTrfTxInf
        let groupPath = root + "/GrpHdr"

        self.checkCreation(header.creDtTm, path: groupPath + "/CreDtTm")
        if Int(header.nbOfTxs) != transactions.count {
            self.fail("GRP-NBOFTXS", groupPath + "/NbOfTxs",
                      "NbOfTxs is \(header.nbOfTxs) but the message has \(transactions.count) transaction(s)")
        }

        // Sums, in exact decimals.
        var sum: ExactDecimal? = .zero
        for tx in transactions { sum = sum.flatMap { $0.adding(tx.intrBkSttlmAmt.amount) } }
        if let controlSum = header.ctrlSum, let sum, controlSum != sum {
            self.fail("GRP-CTRLSUM", groupPath + "/CtrlSum", "CtrlSum is \(controlSum) but the transactions add up to \(sum)")
        }
        if let total = header.ttlIntrBkSttlmAmt {
            self.checkMoney(total, path: groupPath + "/TtlIntrBkSttlmAmt", active: true)
            if let sum, total.amount != sum {
                self.fail("GRP-TOTAL", groupPath + "/TtlIntrBkSttlmAmt",
                          "TtlIntrBkSttlmAmt is \(total.amount) but the transactions add up to \(sum)")
            }
            for (i, tx) in transactions.enumerated() where tx.intrBkSttlmAmt.currency != total.currency {
                self.fail("GRP-TOTAL-CCY", "\(root)/CdtTrfTxInf[\(i + 1)]/IntrBkSttlmAmt",
                          "IntrBkSttlmAmt is in \(tx.intrBkSttlmAmt.currency.rawValue) but the total is in \(total.currency.rawValue)")
            }
        }

        // Group-or-transaction elements.
        if header.intrBkSttlmDt != nil {
            for (i, tx) in transactions.enumerated() where tx.intrBkSttlmDt != nil {
                self.fail("GRP-STTLMDT", "\(root)/CdtTrfTxInf[\(i + 1)]/IntrBkSttlmDt",
                          "IntrBkSttlmDt is given in the group header, so it may not repeat in the transaction")
            }
        }
        self.checkGroupOrTransactions(
            "AGT-INSTG", "InstgAgt", atGroup: header.instgAgt != nil,
            perTransaction: transactions.map { $0.instgAgt != nil }, root: root)
        self.checkGroupOrTransactions(
            "AGT-INSTD", "InstdAgt", atGroup: header.instdAgt != nil,
            perTransaction: transactions.map { $0.instdAgt != nil }, root: root)
        if let agent = header.instgAgt { self.checkAgent(agent, path: groupPath + "/InstgAgt", role: .other) }
        if let agent = header.instdAgt { self.checkAgent(agent, path: groupPath + "/InstdAgt", role: .other) }
        self.checkSettlement(header.sttlmInf, path: groupPath + "/SttlmInf")

        var endToEndIds: [String: Int] = [:]
        var transactionIds: [String: Int] = [:]
        var uetrs: [String: Int] = [:]
        for (i, tx) in transactions.enumerated() {
            let path = "\(root)/CdtTrfTxInf[\(i + 1)]"
            self.checkTransaction(tx, path: path)
            let e2e = tx.pmtId.endToEndId
            if e2e != "NOTPROVIDED", let first = endToEndIds[e2e] {
                self.fail("TX-DUP-E2E", path + "/PmtId/EndToEndId", "EndToEndId \(e2e) repeats transaction \(first)")
            } else {
                endToEndIds[e2e] = i + 1
            }
            if let txId = tx.pmtId.txId {
                if let first = transactionIds[txId] {
                    self.fail("TX-DUP-TXID", path + "/PmtId/TxId", "TxId \(txId) repeats transaction \(first)")
                } else {
                    transactionIds[txId] = i + 1
                }
            }
            if let uetr = tx.pmtId.uetr {
                if let first = uetrs[uetr.rawValue] {
                    self.fail("TX-DUP-UETR", path + "/PmtId/UETR", "UETR \(uetr.rawValue) repeats transaction \(first)")
                } else {
                    uetrs[uetr.rawValue] = i + 1
                }
            }
        }
    }

    mutating func checkGroupOrTransactions(_ id: String, _ element: String, atGroup: Bool, perTransaction: [Bool], root: String) {
        if atGroup {
            for (i, present) in perTransaction.enumerated() where present {
                self.fail(id, "\(root)/CdtTrfTxInf[\(i + 1)]/\(element)",
                          "\(element) is given in the group header, so it may not repeat in the transaction")
            }
        } else {
            for (i, present) in perTransaction.enumerated() where !present {
                self.fail(id, "\(root)/CdtTrfTxInf[\(i + 1)]",
                          "\(element) is missing: give it in the group header or in every transaction")
            }
        }
    }

    mutating func checkSettlement(_ settlement: SettlementInstruction7, path: String) {
        if let account = settlement.sttlmAcct { self.checkAccount(account, path: path + "/SttlmAcct") }
        let agents: [(BranchAndFinancialInstitutionIdentification6?, String)] = [
            (settlement.instgRmbrsmntAgt, "InstgRmbrsmntAgt"), (settlement.instdRmbrsmntAgt, "InstdRmbrsmntAgt"),
            (settlement.thrdRmbrsmntAgt, "ThrdRmbrsmntAgt"),
        ]
        for case let (agent?, name) in agents { self.checkAgent(agent, path: path + "/" + name, role: .other) }
    }

    mutating func checkTransaction(_ tx: CreditTransferTransaction39, path: String) {
        let settlement = tx.intrBkSttlmAmt
        self.checkMoney(settlement, path: path + "/IntrBkSttlmAmt", active: true)
        if settlement.amount.isZero || settlement.amount.isNegative {
            self.fail("AMT-ZERO", path + "/IntrBkSttlmAmt", "IntrBkSttlmAmt must be greater than zero")
        }
        if let uetr = tx.pmtId.uetr, !uetr.isValid {
            self.fail("ID-UETR", path + "/PmtId/UETR", "UETR \(uetr.rawValue) is not a lower-case UUID v4")
        }
        if let instructed = tx.instdAmt {
            self.checkMoney(instructed, path: path + "/InstdAmt", active: false)
        }
        var deducted: ExactDecimal? = .zero
        for (i, charge) in tx.chrgsInf.enumerated() {
            let chargePath = "\(path)/ChrgsInf[\(i + 1)]"
            self.checkMoney(charge.amt, path: chargePath + "/Amt", active: false)
            self.checkAgent(charge.agt, path: chargePath + "/Agt", role: .other)
            if charge.amt.currency == settlement.currency {
                deducted = deducted.flatMap { $0.adding(charge.amt.amount) }
            } else if let instructed = tx.instdAmt, charge.amt.currency == instructed.currency, let rate = tx.xchgRate {
                deducted = deducted.flatMap { total in charge.amt.amount.multiplied(by: rate).flatMap(total.adding) }
            } else {
                deducted = nil  // a third currency: the FX check cannot account for it
            }
        }
        if !tx.chrgsInf.isEmpty && tx.instdAmt == nil {
            self.fail("CHRG-INSTDAMT", path + "/ChrgsInf[1]", "ChrgsInf is present but InstdAmt is not")
        }
        if let instructed = tx.instdAmt, instructed.currency != settlement.currency {
            if let rate = tx.xchgRate {
                self.checkExchange(instructed: instructed, rate: rate, settlement: settlement, deducted: deducted, path: path)
            } else {
                self.fail("FX-RATE", path + "/XchgRate",
                          "InstdAmt is in \(instructed.currency.rawValue) and IntrBkSttlmAmt in \(settlement.currency.rawValue), but XchgRate is missing")
            }
        }

        // Agents, numbered chains and their accounts (checked field by field: no arrays of
        // copied records per transaction).
        self.checkChain(path, tx.prvsInstgAgt1, tx.prvsInstgAgt1Acct, "PrvsInstgAgt1", previous: true)
        self.checkChain(path, tx.prvsInstgAgt2, tx.prvsInstgAgt2Acct, "PrvsInstgAgt2", previous: tx.prvsInstgAgt1 != nil)
        self.checkChain(path, tx.prvsInstgAgt3, tx.prvsInstgAgt3Acct, "PrvsInstgAgt3", previous: tx.prvsInstgAgt2 != nil)
        self.checkChain(path, tx.intrmyAgt1, tx.intrmyAgt1Acct, "IntrmyAgt1", previous: true)
        self.checkChain(path, tx.intrmyAgt2, tx.intrmyAgt2Acct, "IntrmyAgt2", previous: tx.intrmyAgt1 != nil)
        self.checkChain(path, tx.intrmyAgt3, tx.intrmyAgt3Acct, "IntrmyAgt3", previous: tx.intrmyAgt2 != nil)
        if let agent = tx.instgAgt { self.checkAgent(agent, path: path + "/InstgAgt", role: .other) }
        if let agent = tx.instdAgt { self.checkAgent(agent, path: path + "/InstdAgt", role: .other) }
        self.checkAgent(tx.dbtrAgt, path: path + "/DbtrAgt", role: .debtorAgent)
        self.checkAgent(tx.cdtrAgt, path: path + "/CdtrAgt", role: .creditorAgent)
        if let account = tx.dbtrAcct { self.checkAccount(account, path: path + "/DbtrAcct") }
        if let account = tx.cdtrAcct { self.checkAccount(account, path: path + "/CdtrAcct") }
        if let account = tx.dbtrAgtAcct { self.checkAccount(account, path: path + "/DbtrAgtAcct") }
        if let account = tx.cdtrAgtAcct { self.checkAccount(account, path: path + "/CdtrAgtAcct") }
        if let party = tx.ultmtDbtr { self.checkParty(party, path: path + "/UltmtDbtr") }
        if let party = tx.initgPty { self.checkParty(party, path: path + "/InitgPty") }
        self.checkParty(tx.dbtr, path: path + "/Dbtr")
        self.checkParty(tx.cdtr, path: path + "/Cdtr")
        if let party = tx.ultmtCdtr { self.checkParty(party, path: path + "/UltmtCdtr") }
    }

    /// One link of a numbered agent chain (`IntrmyAgt1`…`3`, `PrvsInstgAgt1`…`3`): no agent
    /// after a gap, no account without its agent.
    mutating func checkChain(_ path: String, _ agent: BranchAndFinancialInstitutionIdentification6?, _ account: CashAccount38?,
                             _ name: String, previous previousPresent: Bool) {
        if agent != nil && !previousPresent {
            self.fail("AGT-CHAIN", path + "/" + name, "\(name) is present but the agent numbered before it is not")
        }
        if account != nil && agent == nil {
            self.fail("AGT-CHAIN", path + "/" + name + "Acct", "\(name)Acct is present without \(name)")
        }
        if let agent { self.checkAgent(agent, path: path + "/" + name, role: .other) }
        if let account { self.checkAccount(account, path: path + "/" + name + "Acct") }
    }

    /// XchgRate carries no quoting direction in pacs.008, and schemes quote both ways, so the
    /// settlement amount may be InstdAmt × rate or InstdAmt ÷ rate; either is accepted.
    mutating func checkExchange(instructed: Money, rate: ExactDecimal, settlement: Money, deducted: ExactDecimal?, path: String) {
        guard let minor = settlement.currency.minorUnits, !rate.isZero else { return }
        let multiplied = instructed.amount.multiplied(by: rate)?.rounded(scale: minor, rule: .halfEven)
        let divided = RuleContext.divide(instructed.amount, by: rate, scale: minor)
        let oneUnit = ExactDecimal(significand: 1, scale: minor)
        func matches(_ expected: ExactDecimal?) -> Bool {
            guard let expected, let upper = expected.adding(oneUnit) else { return false }
            let lowerBase = deducted.flatMap { expected.subtracting($0) } ?? expected
            guard let lower = lowerBase.subtracting(oneUnit) else { return false }
            return settlement.amount <= upper && settlement.amount >= lower
        }
        if !matches(multiplied) && !matches(divided) {
            let shown = multiplied.map { "\($0)" } ?? "?"
            self.fail("FX-CONSISTENT", path + "/IntrBkSttlmAmt",
                      "InstdAmt \(instructed.amount) \(instructed.currency.rawValue) at XchgRate \(rate) gives \(shown) (or \(divided.map { "\($0)" } ?? "?") quoted inversely) \(settlement.currency.rawValue), but IntrBkSttlmAmt is \(settlement.amount)")
        }
    }

    /// `a ÷ b` rounded half-even to `scale` fraction digits, exactly; nil when it does not fit.
    static func divide(_ a: ExactDecimal, by b: ExactDecimal, scale: Int) -> ExactDecimal? {
        // a/b = (A/10^sa) / (B/10^sb) = A·10^(sb − sa + scale) / B, in units of 10^-scale.
        let shift = b.scale - a.scale + scale
        var numerator = Int128(a.significand)
        var denominator = Int128(b.significand)
        if shift >= 0 {
            for _ in 0..<shift {
                let (next, overflow) = numerator.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                numerator = next
            }
        } else {
            for _ in 0..<(-shift) { denominator *= 10 }
        }
        if denominator < 0 {
            numerator = -numerator
            denominator = -denominator
        }
        var quotient = numerator / denominator
        let remainder = numerator % denominator
        let twice = 2 * (remainder < 0 ? -remainder : remainder)
        if twice > denominator || (twice == denominator && quotient % 2 != 0) {
            quotient += numerator < 0 ? -1 : 1
        }
        guard let significand = Int64(exactly: quotient) else { return nil }
        return ExactDecimal(significand: significand, scale: scale)
    }

    mutating func checkMoney(_ money: Money, path: String, active: Bool) {
        let currency = money.currency
        guard currency.isKnown, !active || currency.isActive else {
            self.fail("AMT-CCY", path, "\(currency.rawValue) is not \(active ? "an active" : "an") ISO 4217 currency")
            return
        }
        if let minor = currency.minorUnits, money.amount.significantFractionDigits > minor {
            self.fail("AMT-DECIMALS", path, "\(money.amount) \(currency.rawValue) has more than the \(minor) decimal(s) \(currency.rawValue) allows")
        }
    }

    enum AgentRole { case debtorAgent, creditorAgent, other }

    mutating func checkAgent(_ agent: BranchAndFinancialInstitutionIdentification6, path: String, role: AgentRole) {
        let institution = agent.finInstnId
        if let bic = institution.bicfi, !bic.isValid {
            let code: String
            switch role {
            case .debtorAgent: code = "RC06"
            case .creditorAgent: code = "RC07"
            case .other: code = "RC05"
            }
            self.fail("ID-BIC", path + "/FinInstnId/BICFI", "BIC \(bic.rawValue) is not valid: \(BusinessRules.reason(bic.validate))", reasonCode: code)
        }
        if let lei = institution.lei, !lei.isValid {
            self.fail("ID-LEI", path + "/FinInstnId/LEI", "LEI \(lei.rawValue) is not valid: \(BusinessRules.reason(lei.validate))")
        }
        if let address = institution.pstlAdr { self.checkAddress(address, path: path + "/FinInstnId/PstlAdr") }
    }

    mutating func checkAccount(_ account: CashAccount38, path: String) {
        if case .iban(let iban) = account.id, !iban.isValid {
            self.fail("ID-IBAN", path + "/Id/IBAN", "IBAN \(iban.rawValue) is not valid: \(BusinessRules.reason(iban.validate))")
        }
        if let currency = account.ccy, !currency.isKnown {
            self.fail("AMT-CCY", path + "/Ccy", "\(currency.rawValue) is not an ISO 4217 currency")
        }
    }

    mutating func checkParty(_ party: PartyIdentification135, path: String) {
        if let address = party.pstlAdr { self.checkAddress(address, path: path + "/PstlAdr") }
        if let country = party.ctryOfRes, !country.isValid {
            self.fail("ID-COUNTRY", path + "/CtryOfRes", "\(country.rawValue) is not an ISO 3166 country code")
        }
        switch party.id {
        case .orgId(let org)?:
            if let bic = org.anyBIC, !bic.isValid {
                self.fail("ID-BIC", path + "/Id/OrgId/AnyBIC", "BIC \(bic.rawValue) is not valid: \(BusinessRules.reason(bic.validate))")
            }
            if let lei = org.lei, !lei.isValid {
                self.fail("ID-LEI", path + "/Id/OrgId/LEI", "LEI \(lei.rawValue) is not valid: \(BusinessRules.reason(lei.validate))")
            }
        case .prvtId(let person)?:
            if let birth = person.dtAndPlcOfBirth, !birth.ctryOfBirth.isValid {
                self.fail("ID-COUNTRY", path + "/Id/PrvtId/DtAndPlcOfBirth/CtryOfBirth",
                          "\(birth.ctryOfBirth.rawValue) is not an ISO 3166 country code")
            }
        case nil:
            break
        }
    }

    mutating func checkAddress(_ address: PostalAddress24, path: String) {
        if let country = address.ctry, !country.isValid {
            self.fail("ID-COUNTRY", path + "/Ctry", "\(country.rawValue) is not an ISO 3166 country code")
        }
    }

    // MARK: pacs.002

    mutating func checkStatusReport(_ report: FIToFIPaymentStatusReportV10) {
        let root = "/Document/FIToFIPmtStsRpt"
        self.checkCreation(report.grpHdr.creDtTm, path: root + "/GrpHdr/CreDtTm")
        if let agent = report.grpHdr.instgAgt { self.checkAgent(agent, path: root + "/GrpHdr/InstgAgt", role: .other) }
        if let agent = report.grpHdr.instdAgt { self.checkAgent(agent, path: root + "/GrpHdr/InstdAgt", role: .other) }
        for (g, group) in report.orgnlGrpInfAndSts.enumerated() {
            let path = "\(root)/OrgnlGrpInfAndSts[\(g + 1)]"
            if let status = group.grpSts, status != "PART", !ExternalCodeSets.contains(status, in: .paymentTransactionStatus) {
                self.fail("STS-CODE", path + "/GrpSts", "GrpSts \(status) is not an ExternalPaymentGroupStatus1Code")
            }
            self.checkReasons(group.stsRsnInf, path: path)
        }
        for (i, tx) in report.txInfAndSts.enumerated() {
            let path = "\(root)/TxInfAndSts[\(i + 1)]"
            if let status = tx.txSts, !ExternalCodeSets.contains(status, in: .paymentTransactionStatus) {
                self.fail("STS-CODE", path + "/TxSts", "TxSts \(status) is not an ExternalPaymentTransactionStatus1Code")
            }
            self.checkReasons(tx.stsRsnInf, path: path)
            if tx.orgnlInstrId == nil && tx.orgnlEndToEndId == nil && tx.orgnlTxId == nil && tx.orgnlUETR == nil {
                self.fail("STS-ORIGINAL-REF", path,
                          "the transaction names none of OrgnlInstrId, OrgnlEndToEndId, OrgnlTxId or OrgnlUETR")
            }
            if let uetr = tx.orgnlUETR, !uetr.isValid {
                self.fail("ID-UETR", path + "/OrgnlUETR", "OrgnlUETR \(uetr.rawValue) is not a lower-case UUID v4")
            }
            if let agent = tx.instgAgt { self.checkAgent(agent, path: path + "/InstgAgt", role: .other) }
            if let agent = tx.instdAgt { self.checkAgent(agent, path: path + "/InstdAgt", role: .other) }
        }
    }

    mutating func checkReasons(_ reasons: [StatusReasonInformation12], path: String) {
        for (r, reason) in reasons.enumerated() {
            if case .cd(let code)? = reason.rsn, !ExternalCodeSets.contains(code, in: .statusReason) {
                self.fail("STS-REASON", "\(path)/StsRsnInf[\(r + 1)]/Rsn/Cd", "reason code \(code) is not an ExternalStatusReason1Code")
            }
        }
    }
}

extension BusinessRules {
    /// The description of a validation error, or a generic phrase.
    static func reason<E: Error>(_ validate: () throws(E) -> Void) -> String {
        do {
            try validate()
            return "invalid"
        } catch {
            return String(describing: error)
        }
    }
}
