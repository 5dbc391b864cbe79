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
        func party(_ party: PartyIdentification135?, _ name: String) {
            guard let party else { return }
            if let nm = party.nm { fields.append(ScreeningField(path: "\(name)/Nm", kind: .name, value: nm)) }
            if let country = party.pstlAdr?.ctry {
                fields.append(ScreeningField(path: "\(name)/PstlAdr/Ctry", kind: .country, value: country.rawValue))
            }
            if let country = party.ctryOfRes {
                fields.append(ScreeningField(path: "\(name)/CtryOfRes", kind: .country, value: country.rawValue))
            }
            if case .orgId(let org)? = party.id, let bic = org.anyBIC {
                fields.append(ScreeningField(path: "\(name)/Id/OrgId/AnyBIC", kind: .bic, value: bic.rawValue))
            }
        }
        func agent(_ agent: BranchAndFinancialInstitutionIdentification6?, _ name: String) {
            guard let institution = agent?.finInstnId else { return }
            if let bic = institution.bicfi { fields.append(ScreeningField(path: "\(name)/FinInstnId/BICFI", kind: .bic, value: bic.rawValue)) }
            if let nm = institution.nm { fields.append(ScreeningField(path: "\(name)/FinInstnId/Nm", kind: .name, value: nm)) }
            if let country = institution.pstlAdr?.ctry {
                fields.append(ScreeningField(path: "\(name)/FinInstnId/PstlAdr/Ctry", kind: .country, value: country.rawValue))
            }
        }
        func account(_ account: CashAccount38?, _ name: String) {
            if case .iban(let iban)? = account?.id {
                fields.append(ScreeningField(path: "\(name)/Id/IBAN", kind: .country, value: iban.rawValue))
            }
        }
        party(tx.ultmtDbtr, "UltmtDbtr")
        party(tx.initgPty, "InitgPty")
        party(tx.dbtr, "Dbtr")
        party(tx.cdtr, "Cdtr")
        party(tx.ultmtCdtr, "UltmtCdtr")
        account(tx.dbtrAcct, "DbtrAcct")
        account(tx.cdtrAcct, "CdtrAcct")
        agent(tx.dbtrAgt, "DbtrAgt")
        agent(tx.cdtrAgt, "CdtrAgt")
        agent(tx.intrmyAgt1, "IntrmyAgt1")
        agent(tx.intrmyAgt2, "IntrmyAgt2")
        agent(tx.intrmyAgt3, "IntrmyAgt3")
        agent(tx.prvsInstgAgt1, "PrvsInstgAgt1")
        agent(tx.prvsInstgAgt2, "PrvsInstgAgt2")
        agent(tx.prvsInstgAgt3, "PrvsInstgAgt3")
        agent(tx.instgAgt ?? group.instgAgt, "InstgAgt")
        if remittance, let lines = tx.rmtInf?.ustrd {
            for (i, line) in lines.enumerated() { fields.append(ScreeningField(path: "RmtInf/Ustrd[\(i + 1)]", kind: .text, value: line)) }
        }
        return ScreeningRequest(fields: fields)
    }
}
