import Compliance
import ISO20022
import Logging

/// Sanctions screening of one transaction, as the pipeline sees it.
public protocol PaymentScreening: Sendable {
    func screen(_ transaction: CreditTransferTransaction39, group: GroupHeader93, path: String) -> ScreeningResult
}

/// Screens every party name, every agent (name and BIC), every postal-address country and the
/// account IBANs' countries of a transaction against the loaded sanctions lists.
public struct SanctionsScreening: PaymentScreening {
    public let screener: Screener
    public let screenRemittance: Bool

    public init(settings: ScreeningSettings, logger: Logger) throws {
        var configuration = ScreeningConfiguration(
            reviewThreshold: settings.reviewThreshold, blockThreshold: settings.blockThreshold,
            allowUnscreened: settings.allowUnscreened)
        if !settings.embargoedCountries.isEmpty {
            var embargoes: [String: String] = [:]
            for country in settings.embargoedCountries {
                embargoes[country.rawValue] = ScreeningConfiguration.comprehensiveEmbargoes[country.rawValue] ?? "EMBARGO-\(country.rawValue)"
            }
            configuration.embargoedJurisdictions = embargoes
        }
        let (screener, report) = try Screener.load(paths: settings.lists.map(\.path), configuration: configuration)
        logger.info("sanctions lists loaded", metadata: ["report": "\(report)"])
        self.screener = screener
        self.screenRemittance = settings.screenRemittance
    }

    public func screen(_ tx: CreditTransferTransaction39, group: GroupHeader93, path: String) -> ScreeningResult {
        self.screener.screen(SanctionsScreening.request(for: tx, group: group, remittance: self.screenRemittance))
    }

    /// The fields of a transaction that are screened.
    public static func request(for tx: CreditTransferTransaction39, group: GroupHeader93, remittance: Bool) -> ScreeningRequest {
        var fields: [ScreeningField] = []
        fields.reserveCapacity(16)
        func party(_ party: PartyIdentification135?, _ paths: FieldPaths) {
            guard let party else { return }
            if let nm = party.nm { fields.append(ScreeningField(path: paths.name, kind: .name, value: nm)) }
            if let country = party.pstlAdr?.ctry {
                fields.append(ScreeningField(path: paths.postalCountry, kind: .country, value: country.rawValue))
            }
            if let country = party.ctryOfRes {
                fields.append(ScreeningField(path: paths.residenceCountry, kind: .country, value: country.rawValue))
            }
            if case .orgId(let org)? = party.id, let bic = org.anyBIC {
                fields.append(ScreeningField(path: paths.anyBIC, kind: .bic, value: bic.rawValue))
            }
        }
        func agent(_ agent: BranchAndFinancialInstitutionIdentification6?, _ paths: FieldPaths) {
            guard let institution = agent?.finInstnId else { return }
            if let bic = institution.bicfi { fields.append(ScreeningField(path: paths.agentBIC, kind: .bic, value: bic.rawValue)) }
            if let nm = institution.nm { fields.append(ScreeningField(path: paths.agentName, kind: .name, value: nm)) }
            if let country = institution.pstlAdr?.ctry {
                fields.append(ScreeningField(path: paths.agentCountry, kind: .country, value: country.rawValue))
            }
        }
        func account(_ account: CashAccount38?, _ paths: FieldPaths) {
            if case .iban(let iban)? = account?.id {
                fields.append(ScreeningField(path: paths.iban, kind: .country, value: iban.rawValue))
            }
        }
        party(tx.ultmtDbtr, FieldPaths.ultmtDbtr)
        party(tx.initgPty, FieldPaths.initgPty)
        party(tx.dbtr, FieldPaths.dbtr)
        party(tx.cdtr, FieldPaths.cdtr)
        party(tx.ultmtCdtr, FieldPaths.ultmtCdtr)
        account(tx.dbtrAcct, FieldPaths.dbtrAcct)
        account(tx.cdtrAcct, FieldPaths.cdtrAcct)
        agent(tx.dbtrAgt, FieldPaths.dbtrAgt)
        agent(tx.cdtrAgt, FieldPaths.cdtrAgt)
        agent(tx.intrmyAgt1, FieldPaths.intrmyAgt1)
        agent(tx.intrmyAgt2, FieldPaths.intrmyAgt2)
        agent(tx.intrmyAgt3, FieldPaths.intrmyAgt3)
        agent(tx.prvsInstgAgt1, FieldPaths.prvsInstgAgt1)
        agent(tx.prvsInstgAgt2, FieldPaths.prvsInstgAgt2)
        agent(tx.prvsInstgAgt3, FieldPaths.prvsInstgAgt3)
        agent(tx.instgAgt ?? group.instgAgt, FieldPaths.instgAgt)
        if remittance, let lines = tx.rmtInf?.ustrd {
            for (i, line) in lines.enumerated() { fields.append(ScreeningField(path: "RmtInf/Ustrd[\(i + 1)]", kind: .text, value: line)) }
        }
        return ScreeningRequest(fields: fields)
    }

    /// The message paths of the screened fields under one party, agent or account element,
    /// built once instead of for every transaction.
    private struct FieldPaths: Sendable {
        let name, postalCountry, residenceCountry, anyBIC: String
        let agentBIC, agentName, agentCountry: String
        let iban: String

        init(_ element: String) {
            name = "\(element)/Nm"
            postalCountry = "\(element)/PstlAdr/Ctry"
            residenceCountry = "\(element)/CtryOfRes"
            anyBIC = "\(element)/Id/OrgId/AnyBIC"
            agentBIC = "\(element)/FinInstnId/BICFI"
            agentName = "\(element)/FinInstnId/Nm"
            agentCountry = "\(element)/FinInstnId/PstlAdr/Ctry"
            iban = "\(element)/Id/IBAN"
        }

        static let ultmtDbtr = FieldPaths("UltmtDbtr")
        static let initgPty = FieldPaths("InitgPty")
        static let dbtr = FieldPaths("Dbtr")
        static let cdtr = FieldPaths("Cdtr")
        static let ultmtCdtr = FieldPaths("UltmtCdtr")
        static let dbtrAcct = FieldPaths("DbtrAcct")
        static let cdtrAcct = FieldPaths("CdtrAcct")
        static let dbtrAgt = FieldPaths("DbtrAgt")
        static let cdtrAgt = FieldPaths("CdtrAgt")
        static let intrmyAgt1 = FieldPaths("IntrmyAgt1")
        static let intrmyAgt2 = FieldPaths("IntrmyAgt2")
        static let intrmyAgt3 = FieldPaths("IntrmyAgt3")
        static let prvsInstgAgt1 = FieldPaths("PrvsInstgAgt1")
        static let prvsInstgAgt2 = FieldPaths("PrvsInstgAgt2")
        static let prvsInstgAgt3 = FieldPaths("PrvsInstgAgt3")
        static let instgAgt = FieldPaths("InstgAgt")
    }
}
