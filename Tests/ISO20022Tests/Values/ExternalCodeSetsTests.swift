import Testing
@testable import ISO20022

@Suite struct ExternalCodeSetsTests {
    @Test func findsStatusReasonCodes() {
        #expect(ExternalCodeSets.statusReason.contains("AM04"))
        #expect(!ExternalCodeSets.statusReason.contains("am04"))
        #expect(!ExternalCodeSets.statusReason.contains("ZZ99"))
        #expect(ExternalCodeSets.definition(of: "AM04", in: .statusReason)
            == "Amount of funds available to cover specified message amount is insufficient.")
        #expect(ExternalCodeSets.definition(of: "ZZ99", in: .statusReason) == nil)
    }

    @Test(arguments: [
        (ExternalCodeSet.paymentTransactionStatus, "ACSC"), (.categoryPurpose, "SALA"), (.localInstrument, "INST"),
        (.serviceLevel, "SEPA"), (.purpose, "SALA"), (.clearingSystemIdentification, "DEBLZ"),
        (.cashClearingSystem, "TGT"), (.accountIdentification, "BBAN"), (.organisationIdentification, "DUNS"),
        (.personIdentification, "CCPT"), (.returnReason, "AC04"), (.cancellationReason, "DUPL"),
        (.cashAccountType, "CACC"),
    ])
    func containsWellKnownCodes(set: ExternalCodeSet, code: String) {
        #expect(ExternalCodeSets.contains(code, in: set))
        #expect(set.list.definition(of: code)?.isEmpty == false)
    }

    @Test func everyReasonCodeThisModuleReportsIsAStatusReason() {
        let codes = ["AC01", "RC01", "BE15", "FF08", "BE09", "AM11", "AM12", "CH20", "DT01"]
        for code in codes {
            #expect(ExternalCodeSets.statusReason.contains(code), "\(code)")
        }
    }

    @Test func keepsOnlyTheFirstSentenceOfMultiLineDefinitions() throws {
        // AB07's definition continues with a "Generic usage…" line in the source.
        #expect(ExternalCodeSets.statusReason.definition(of: "AB07") == "Agent of message is not online.")
        #expect(ExternalCodeSets.purpose.definition(of: "BKDF") == "Delayed draw funding.")
        let all = ExternalCodeSet.allCases.flatMap { set in set.list.codes.map { set.list.definition(of: $0)! } }
        #expect(all.allSatisfy { !$0.contains("\n") && !$0.contains("\u{A0}") && !$0.hasSuffix(" ") })
    }

    @Test func financialInstitutionIdentificationIsEmptyInTheSource() {
        #expect(ExternalCodeSets.financialInstitutionIdentification.count == 0)
    }

    @Test func listsCodesSorted() {
        let codes = ExternalCodeSets.accountIdentification.codes
        #expect(codes == codes.sorted())
        #expect(codes.count == ExternalCodeSets.accountIdentification.count)
        #expect(ExternalCodeSet.statusReason.isoName == "ExternalStatusReason1Code")
    }
}
