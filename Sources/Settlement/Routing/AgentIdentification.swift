import ISO20022

extension BranchAndFinancialInstitutionIdentification6 {
    /// An agent identified by its BIC alone, as the gateway writes every agent it names.
    init(bic: BIC) {
        self.init(finInstnId: FinancialInstitutionIdentification18(bicfi: bic))
    }

    /// The agent's `FinInstnId/BICFI`, when it is identified by one.
    var bic: BIC? { self.finInstnId.bicfi }
}

extension Party44Choice {
    /// An AppHdr `Fr`/`To` naming a financial institution by BIC.
    static func institution(_ bic: BIC) -> Party44Choice {
        .fiId(BranchAndFinancialInstitutionIdentification6(bic: bic))
    }
}
