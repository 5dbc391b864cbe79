import Foundation
import Testing
@testable import Gateway

/// One broken variant of the fixture and the error it must produce.
struct BrokenConfiguration: Sendable, CustomTestStringConvertible {
    let name: String
    let replacements: [Int: String]
    let line: Int
    let key: String
    let fragment: String

    init(_ name: String, _ replacements: [Int: String], line: Int, key: String, says fragment: String) {
        self.name = name
        self.replacements = replacements
        self.line = line
        self.key = key
        self.fragment = fragment
    }

    var testDescription: String { name }
}

@Suite struct ConfigurationErrorTests {
    static let cases: [BrokenConfiguration] = [
        // Structure
        .init("unknown top-level key", [27: "limit:"], line: 27, key: "limit", says: "did you mean 'limits'?"),
        .init("misspelt section, not also reported missing", [1: "gatway:"], line: 1, key: "gatway",
              says: "unknown key 'gatway' at the top level; did you mean 'gateway'?"),
        .init("unknown nested key", [4: "  timeout: 10"], line: 4, key: "gateway.timeout",
              says: "unknown key 'timeout' in gateway; did you mean 'timeoutSeconds'?"),
        .init("unknown key with no close match", [4: "  colour: blue"], line: 4, key: "gateway.colour",
              says: "expected one of bic, data, timeoutSeconds"),
        .init("section of the wrong shape",
              [5: "participants: Bank DE", 6: "", 7: "", 8: "", 9: "", 10: "", 11: "", 12: "", 13: ""],
              line: 5, key: "participants", says: "expected a list, found the value 'Bank DE'"),
        .init("YAML syntax", [7: "    name: Bank: DE"], line: 7, key: "", says: "not valid YAML"),
        .init("duplicate key", [3: "  bic: CRDRGB2LXXX"], line: 2, key: "bic", says: "duplicate key 'bic'"),
        // gateway
        .init("missing gateway section", [1: "# no gateway", 2: "", 3: "", 4: ""], line: 5, key: "gateway",
              says: "missing required key 'gateway' at the top level"),
        .init("missing gateway BIC", [2: "  # no bic"], line: 3, key: "gateway.bic",
              says: "missing required key 'bic' in gateway"),
        .init("invalid gateway BIC", [2: "  bic: CRDRGB2"], line: 2, key: "gateway.bic",
              says: "BIC CRDRGB2 has 7 characters but must have 8 or 11"),
        .init("negative timeout", [4: "  timeoutSeconds: -5"], line: 4, key: "gateway.timeoutSeconds",
              says: "must be in 1...3600, found -5"),
        .init("timeout that is not a number", [4: "  timeoutSeconds: ten"], line: 4, key: "gateway.timeoutSeconds",
              says: "'ten' is not a whole number"),
        // participants
        .init("lower-case participant BIC", [6: "  - bic: bankdeffxxx"], line: 6, key: "participants[0].bic",
              says: "BICs are written in upper case: BANKDEFFXXX"),
        .init("duplicate participant, as BIC8", [10: "  - bic: BANKDEFF"], line: 10, key: "participants[1].bic",
              says: "participant BANKDEFFXXX is already defined on line 6"),
        .init("participant without name", [11: "    # no name"], line: 10, key: "participants[1].name",
              says: "missing required key 'name'"),
        .init("participant without accounts", [12: "    accounts: []", 13: ""], line: 12,
              key: "participants[1].accounts", says: "needs at least one settlement account"),
        .init("unknown currency", [9: "      - { currency: EURO, balance: \"1000.00\" }"], line: 9,
              key: "participants[0].accounts[0].currency", says: "'EURO' is not an ISO 4217 currency code"),
        .init("withdrawn currency", [9: "      - { currency: DEM, balance: \"1000.00\" }"], line: 9,
              key: "participants[0].accounts[0].currency", says: "withdrawn"),
        .init("duplicate currency account",
              [13: "      - { currency: EUR, balance: \"500.00\" }\n      - { currency: EUR, balance: \"1.00\" }"],
              line: 14, key: "participants[1].accounts[1].currency", says: "already has a EUR account on line 13"),
        .init("negative balance", [13: "      - { currency: EUR, balance: \"-5.00\" }"], line: 13,
              key: "participants[1].accounts[0].balance", says: "must not be negative, found -5.00"),
        .init("balance that is not a decimal", [13: "      - { currency: EUR, balance: \"1,000.00\" }"], line: 13,
              key: "participants[1].accounts[0].balance", says: "'1,000.00' is not a decimal amount"),
        .init("minimum above balance",
              [13: "      - { currency: EUR, balance: \"500.00\", minimumBalance: \"600.00\" }"], line: 13,
              key: "participants[1].accounts[0].minimumBalance", says: "below the minimumBalance 600.00"),
        .init("more decimals than the currency has", [13: "      - { currency: EUR, balance: \"500.001\" }"],
              line: 13, key: "participants[1].accounts[0].balance", says: "EUR amounts have at most 2 decimals"),
        .init("decimals on a currency without minor units", [13: "      - { currency: JPY, balance: \"500.5\" }"],
              line: 13, key: "participants[1].accounts[0].balance", says: "JPY amounts have at most 0 decimals"),
        // routes
        .init("forward without nextAgent", [18: "    # no next agent"], line: 15, key: "routes[0].nextAgent",
              says: "a forward route needs the BIC of the next agent"),
        .init("invalid nextAgent", [18: "    nextAgent: FRNYUS3"], line: 18, key: "routes[0].nextAgent",
              says: "BIC FRNYUS3"),
        .init("reject without reason", [17: "    action: reject", 18: ""], line: 15, key: "routes[0].reason",
              says: "a reject route needs an ExternalStatusReason1Code"),
        .init("reject with an unknown reason", [17: "    action: reject", 18: "    reason: XX99"], line: 18,
              key: "routes[0].reason", says: "'XX99' is not an ExternalStatusReason1Code"),
        .init("settle with nextAgent", [17: "    action: settle"], line: 18, key: "routes[0].nextAgent",
              says: "'nextAgent' is only for action forward, not settle"),
        .init("reject with nextAgent", [17: "    action: reject\n    reason: AG01"], line: 19,
              key: "routes[0].nextAgent", says: "'nextAgent' is only for action forward, not reject"),
        .init("settle with reason", [21: "    action: settle\n    reason: AG01"], line: 22, key: "routes[1].reason",
              says: "'reason' is only for action reject, not settle"),
        .init("unknown action", [21: "    action: settel"], line: 21, key: "routes[1].action",
              says: "'settel' is not one of settle, forward, reject; did you mean 'settle'?"),
        .init("route without action", [21: ""], line: 19, key: "routes[1].action", says: "missing required key 'action'"),
        .init("duplicate route name", [19: "  - name: FedNow"], line: 19, key: "routes[1].name",
              says: "a route named 'FedNow' is already defined on line 15"),
        .init("route name that is no folder name", [19: "  - name: ../etc"], line: 19, key: "routes[1].name",
              says: "cannot be a folder name under outbound/"),
        .init("unknown match key", [20: "    match: { currncy: EUR }"], line: 20, key: "routes[1].match.currncy",
              says: "did you mean 'currency'?"),
        .init("invalid match country", [16: "    match: { country: ZZ }"], line: 16, key: "routes[0].match.country",
              says: "'ZZ' is not an ISO 3166-1 alpha-2 country code"),
        .init("invalid match BIC pattern", [16: "    match: { instructedAgent: BANK-DE }"], line: 16,
              key: "routes[0].match.instructedAgent", says: "'BANK-DE' is not a BIC pattern"),
        .init("match minimum above maximum", [20: "    match: { minAmount: \"10\", maxAmount: \"5\" }"], line: 20,
              key: "routes[1].match.maxAmount", says: "minAmount 10 is above maxAmount 5"),
        .init("match amount with too many decimals", [20: "    match: { currency: EUR, maxAmount: \"5.125\" }"],
              line: 20, key: "routes[1].match.maxAmount", says: "EUR amounts have at most 2 decimals"),
        .init("overlong service level", [20: "    match: { serviceLevel: SEPAINST }"], line: 20,
              key: "routes[1].match.serviceLevel", says: "longer than the 4 characters"),
        // screening
        .init("missing screening section", [22: "", 23: "", 24: "", 25: "", 26: ""], line: 1, key: "screening",
              says: "or set allowUnscreened: true to run without screening"),
        .init("no lists without allowUnscreened", [23: "  lists: []"], line: 23, key: "screening.lists",
              says: "no sanctions lists"),
        .init("review threshold above 1", [24: "  reviewThreshold: 1.5"], line: 24, key: "screening.reviewThreshold",
              says: "must be above 0 and at most 1"),
        .init("block threshold of zero", [25: "  blockThreshold: 0"], line: 25, key: "screening.blockThreshold",
              says: "must be above 0 and at most 1"),
        .init("review threshold above block threshold", [24: "  reviewThreshold: 0.95"], line: 24,
              key: "screening.reviewThreshold", says: "reviewThreshold 0.95 is above blockThreshold 0.92"),
        .init("unknown onReview", [26: "  onReview: wait"], line: 26, key: "screening.onReview",
              says: "'wait' is not one of hold, reject, pass"),
        .init("invalid embargoed country", [26: "  onReview: hold\n  embargoedCountries: [ KP, XX ]"], line: 27,
              key: "screening.embargoedCountries[1]", says: "'XX' is not an ISO 3166-1 alpha-2 country code"),
        .init("allowUnscreened that is not a flag", [26: "  allowUnscreened: maybe"], line: 26,
              key: "screening.allowUnscreened", says: "expected true or false, found 'maybe'"),
        .init("a list path with a tilde", [23: "  lists: [ ~/lists ]"], line: 23, key: "screening.lists[0]",
              says: "'~' is not expanded"),
        // limits
        .init("limit with an unknown currency", [28: "  - { currency: XYZ, maxAmount: \"100.00\" }"], line: 28,
              key: "limits[0].currency", says: "'XYZ' is not an ISO 4217 currency code"),
        .init("limit without any cap", [28: "  - { currency: EUR }"], line: 28, key: "limits[0]",
              says: "a limit needs maxAmount"),
        .init("limit with an unreadable window",
              [28: "  - { currency: EUR, debtorAgent: \"*\", window: 24 hours, maxTotal: \"5.00\" }"], line: 28,
              key: "limits[0].window", says: "'24 hours' is not a window"),
        .init("limit total without window", [28: "  - { currency: EUR, maxTotal: \"5.00\" }"], line: 28, key: "limits[0].maxTotal", says: "'maxTotal' needs a window"),
        .init("limit window without scope", [28: "  - { currency: EUR, window: 1h, maxCount: 5 }"], line: 28,
              key: "limits[0].window", says: "a window needs a scope"),
        .init("limit with both scopes",
              [28: "  - { currency: EUR, debtorAgent: \"*\", debtorAccount: true, window: 1h, maxCount: 5 }"],
              line: 28, key: "limits[0].debtorAccount", says: "not both"),
        .init("limit count of zero", [28: "  - { currency: EUR, debtorAccount: true, window: 1h, maxCount: 0 }"],
              line: 28, key: "limits[0].maxCount", says: "must be at least 1, found 0"),
        .init("limit amount of zero", [28: "  - { currency: EUR, maxAmount: \"0.00\" }"], line: 28,
              key: "limits[0].maxAmount", says: "must be greater than zero"),
        .init("limit with an invalid debtor agent",
              [28: "  - { currency: EUR, debtorAgent: BANKXX, window: 1h, maxCount: 5 }"], line: 28,
              key: "limits[0].debtorAgent", says: "BIC BANKXX"),
    ]

    @Test(arguments: cases)
    func aBrokenValueIsReportedAtItsLineWithItsKey(_ broken: BrokenConfiguration) throws {
        let error = try #require(ConfigurationFixtures.error(in: ConfigurationFixtures.base(replacing: broken.replacements)))
        let issue = try #require(error.errors.first { $0.message.contains(broken.fragment) },
                                 "no error says \"\(broken.fragment)\" in:\n\(error)")
        #expect(issue.line == broken.line, "\(issue)")
        #expect(issue.key == broken.key, "\(issue)")
        #expect(issue.file == "corridor.yaml")
        #expect(error.errors.count == 1, "expected only the one error, got:\n\(error)")
    }

    @Test func everyErrorInTheFileIsReportedInLineOrder() throws {
        let yaml = ConfigurationFixtures.base(replacing: [
            2: "  bic: CRDRGB2",
            9: "      - { currency: EURO, balance: \"1000.00\" }",
            18: "    # no next agent",
            24: "  reviewThreshold: 1.5",
            28: "  - { currency: EUR, maxAmount: \"-1\" }",
        ])
        let error = try #require(ConfigurationFixtures.error(in: yaml))
        #expect(error.errors.map(\.line) == [2, 9, 15, 24, 28])
        #expect(error.errors.map(\.key) == [
            "gateway.bic", "participants[0].accounts[0].currency", "routes[0].nextAgent", "screening.reviewThreshold",
            "limits[0].maxAmount",
        ])
    }

    @Test func theDescriptionListsOneFileLineColumnLinePerError() throws {
        let yaml = ConfigurationFixtures.base(replacing: [2: "  bic: CRDRGB2", 4: "  timeout: 10"])
        let error = try #require(ConfigurationFixtures.error(in: yaml))
        #expect(error.description == """
            corridor.yaml:2:8: gateway.bic: BIC CRDRGB2 has 7 characters but must have 8 or 11
            corridor.yaml:4:3: gateway.timeout: unknown key 'timeout' in gateway; did you mean 'timeoutSeconds'?
            """)
    }

    @Test func anEmptyFileSaysWhichSectionsAreExpected() throws {
        let error = try #require(ConfigurationFixtures.error(in: "# nothing yet\n"))
        #expect(error.description == "corridor.yaml: the file is empty; expected the sections gateway, participants, routes, screening, limits")
    }

    @Test func warningsTravelWithTheErrors() throws {
        let yaml = ConfigurationFixtures.base(replacing: [2: "  bic: CRDRGB2", 20: "    match: { country: US }"])
        let error = try #require(ConfigurationFixtures.error(in: yaml))
        #expect(error.errors.count == 1)
        #expect(error.warnings.map(\.line) == [19])
        #expect(error.description.hasSuffix("corridor.yaml:19:5: warning: routes[1]: route 'domestic' can never match: "
                                            + "the earlier route 'fednow' (line 15) has the same match"))
    }
}
