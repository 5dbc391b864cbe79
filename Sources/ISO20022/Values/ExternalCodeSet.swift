/// An ISO 20022 external code set that this module carries data for.
///
/// External code sets are published separately from the message schemas (which type such
/// elements as plain strings), so values must be checked against these lists at run time.
/// The data comes from `Scripts/generate-codesets.py`; see ``ExternalCodeSets`` for look-ups.
public enum ExternalCodeSet: String, Sendable, Hashable, CaseIterable {
    /// `ExternalStatusReason1Code`, e.g. `AC01`, `AM04` (status and reject reasons).
    case statusReason = "ExternalStatusReason1Code"
    /// `ExternalPaymentTransactionStatus1Code`, e.g. `ACSC`, `RJCT`.
    case paymentTransactionStatus = "ExternalPaymentTransactionStatus1Code"
    /// `ExternalCategoryPurpose1Code`, e.g. `SALA`, `SUPP`.
    case categoryPurpose = "ExternalCategoryPurpose1Code"
    /// `ExternalLocalInstrument1Code`, e.g. `INST`, `CORE`.
    case localInstrument = "ExternalLocalInstrument1Code"
    /// `ExternalServiceLevel1Code`, e.g. `SEPA`, `G001`.
    case serviceLevel = "ExternalServiceLevel1Code"
    /// `ExternalPurpose1Code`, e.g. `SALA`, `TAXS`.
    case purpose = "ExternalPurpose1Code"
    /// `ExternalClearingSystemIdentification1Code`, e.g. `DEBLZ`, `USABA`.
    case clearingSystemIdentification = "ExternalClearingSystemIdentification1Code"
    /// `ExternalCashClearingSystem1Code`, e.g. `TGT`, `FDW`.
    case cashClearingSystem = "ExternalCashClearingSystem1Code"
    /// `ExternalAccountIdentification1Code`, e.g. `BBAN`.
    case accountIdentification = "ExternalAccountIdentification1Code"
    /// `ExternalOrganisationIdentification1Code`, e.g. `DUNS`, `TXID`.
    case organisationIdentification = "ExternalOrganisationIdentification1Code"
    /// `ExternalPersonIdentification1Code`, e.g. `CCPT`, `NIDN`.
    case personIdentification = "ExternalPersonIdentification1Code"
    /// `ExternalFinancialInstitutionIdentification1Code`.
    ///
    /// The JSON source used for generation publishes no codes for this set, so it is empty
    /// and ``ExternalCodeList/contains(_:)`` is `false` for every code.
    case financialInstitutionIdentification = "ExternalFinancialInstitutionIdentification1Code"
    /// `ExternalReturnReason1Code`, e.g. `AC04`, `MS03` (return reasons).
    case returnReason = "ExternalReturnReason1Code"
    /// `ExternalCancellationReason1Code`, e.g. `DUPL`, `FRAD`.
    case cancellationReason = "ExternalCancellationReason1Code"
    /// `ExternalCashAccountType1Code`, e.g. `CACC`, `SVGS`.
    case cashAccountType = "ExternalCashAccountType1Code"

    /// The set's ISO 20022 name, e.g. `ExternalStatusReason1Code`.
    public var isoName: String { rawValue }

    /// The codes of this set with their short definitions.
    public var list: ExternalCodeList { ExternalCodeList(set: self, entries: entries) }
}
