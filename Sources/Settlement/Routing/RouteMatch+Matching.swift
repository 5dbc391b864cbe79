import ISO20022

extension RouteMatch {
    /// Whether every condition given holds for one transaction of a pacs.008.
    ///
    /// - `instructedAgent` and `country` look at `CdtrAgt/FinInstnId/BICFI`; a creditor agent
    ///   identified without a BIC never matches a route that sets either of them.
    /// - `currency`, `minAmount` and `maxAmount` look at `IntrBkSttlmAmt`; both bounds are
    ///   inclusive and compare exact decimals (`100` equals `100.00`).
    /// - `serviceLevel` holds when any `PmtTpInf/SvcLvl/Cd` equals it, and `localInstrument`
    ///   when `PmtTpInf/LclInstrm/Cd` equals it. Each is read from the transaction's `PmtTpInf`
    ///   when the transaction gives that element, else from the group header's. Codes compare
    ///   exactly (ISO codes are upper case); proprietary (`Prtry`) values never match.
    public func matches(_ tx: CreditTransferTransaction39, group: GroupHeader93) -> Bool {
        let creditorAgent = tx.cdtrAgt.finInstnId.bicfi
        if let pattern = self.instructedAgent {
            guard let creditorAgent, pattern.matches(creditorAgent) else { return false }
        }
        if let country = self.country {
            guard let creditorAgent, creditorAgent.countryCode.rawValue.uppercased() == country.rawValue.uppercased() else {
                return false
            }
        }
        let amount = tx.intrBkSttlmAmt
        if let currency = self.currency, amount.currency.rawValue.uppercased() != currency.rawValue.uppercased() {
            return false
        }
        if let minimum = self.minAmount, amount.amount < minimum { return false }
        if let maximum = self.maxAmount, maximum < amount.amount { return false }
        if let serviceLevel = self.serviceLevel {
            let levels = RouteMatch.serviceLevels(tx, group: group)
            guard levels.contains(where: { if case .cd(let code) = $0 { code == serviceLevel } else { false } }) else {
                return false
            }
        }
        if let localInstrument = self.localInstrument {
            guard case .cd(let code)? = RouteMatch.localInstrument(tx, group: group), code == localInstrument else {
                return false
            }
        }
        return true
    }

    /// `SvcLvl` of the transaction when it gives one, else of the group header.
    static func serviceLevels(_ tx: CreditTransferTransaction39, group: GroupHeader93) -> [ServiceLevel8Choice] {
        if let levels = tx.pmtTpInf?.svcLvl, !levels.isEmpty { return levels }
        return group.pmtTpInf?.svcLvl ?? []
    }

    /// `LclInstrm` of the transaction when it gives one, else of the group header.
    static func localInstrument(_ tx: CreditTransferTransaction39, group: GroupHeader93) -> LocalInstrument2Choice? {
        tx.pmtTpInf?.lclInstrm ?? group.pmtTpInf?.lclInstrm
    }
}
