/// Look-ups in the ISO 20022 external code sets this module carries.
///
/// ```swift
/// ExternalCodeSets.statusReason.contains("AM04")                    // true
/// ExternalCodeSets.definition(of: "AM04", in: .statusReason)       // "Amount of funds available …"
/// ```
///
/// The data is generated from the published JSON by `Scripts/generate-codesets.py`; see
/// ``ExternalCodeSet`` for the sets included.
public enum ExternalCodeSets {
    /// The list for `set`.
    public static func list(_ set: ExternalCodeSet) -> ExternalCodeList { set.list }

    /// `true` when `code` is in `set`.
    public static func contains(_ code: String, in set: ExternalCodeSet) -> Bool {
        set.entries[code] != nil
    }

    /// The short definition of `code` in `set`, or `nil` when the set does not contain it.
    public static func definition(of code: String, in set: ExternalCodeSet) -> String? {
        set.entries[code]
    }

    /// `ExternalStatusReason1Code`.
    public static var statusReason: ExternalCodeList { ExternalCodeSet.statusReason.list }
    /// `ExternalPaymentTransactionStatus1Code`.
    public static var paymentTransactionStatus: ExternalCodeList { ExternalCodeSet.paymentTransactionStatus.list }
    /// `ExternalCategoryPurpose1Code`.
    public static var categoryPurpose: ExternalCodeList { ExternalCodeSet.categoryPurpose.list }
    /// `ExternalLocalInstrument1Code`.
    public static var localInstrument: ExternalCodeList { ExternalCodeSet.localInstrument.list }
    /// `ExternalServiceLevel1Code`.
    public static var serviceLevel: ExternalCodeList { ExternalCodeSet.serviceLevel.list }
    /// `ExternalPurpose1Code`.
    public static var purpose: ExternalCodeList { ExternalCodeSet.purpose.list }
    /// `ExternalClearingSystemIdentification1Code`.
    public static var clearingSystemIdentification: ExternalCodeList { ExternalCodeSet.clearingSystemIdentification.list }
    /// `ExternalCashClearingSystem1Code`.
    public static var cashClearingSystem: ExternalCodeList { ExternalCodeSet.cashClearingSystem.list }
    /// `ExternalAccountIdentification1Code`.
    public static var accountIdentification: ExternalCodeList { ExternalCodeSet.accountIdentification.list }
    /// `ExternalOrganisationIdentification1Code`.
    public static var organisationIdentification: ExternalCodeList { ExternalCodeSet.organisationIdentification.list }
    /// `ExternalPersonIdentification1Code`.
    public static var personIdentification: ExternalCodeList { ExternalCodeSet.personIdentification.list }
    /// `ExternalFinancialInstitutionIdentification1Code` (empty: no codes in the source data).
    public static var financialInstitutionIdentification: ExternalCodeList {
        ExternalCodeSet.financialInstitutionIdentification.list
    }
    /// `ExternalReturnReason1Code`.
    public static var returnReason: ExternalCodeList { ExternalCodeSet.returnReason.list }
    /// `ExternalCancellationReason1Code`.
    public static var cancellationReason: ExternalCodeList { ExternalCodeSet.cancellationReason.list }
    /// `ExternalCashAccountType1Code`.
    public static var cashAccountType: ExternalCodeList { ExternalCodeSet.cashAccountType.list }
}
