import Testing
@testable import Gateway

@Suite struct ConfigurationHelperTests {
    @Test(arguments: [
        ("timeout", "timeoutSeconds"), ("BIC", "bic"), ("curency", "currency"), ("nextagent", "nextAgent"),
        ("routs", "routes"),
    ])
    func aMistypedKeySuggestsTheKnownKeyItResembles(typed: String, meant: String) {
        let known = ["bic", "timeoutSeconds", "currency", "nextAgent", "routes", "reason"]
        #expect(KeySuggestion.closest(to: typed, among: known) == meant)
    }

    @Test func anUnrelatedKeySuggestsNothing() {
        #expect(KeySuggestion.closest(to: "colour", among: ["bic", "data", "timeoutSeconds"]) == nil)
    }

    @Test(arguments: [("30s", 30), ("15m", 900), ("24h", 86_400), ("7d", 604_800), ("366d", 31_622_400)])
    func aWindowIsACountAndAUnit(text: String, seconds: Int) {
        #expect(WindowDuration.seconds(from: text) == seconds)
    }

    @Test(arguments: ["", "h", "24", "0h", "-1h", "1.5h", "24 h", "2w", "367d", "99999999999d"])
    func aWindowWithoutAPositiveCountAndAKnownUnitIsRejected(text: String) {
        #expect(WindowDuration.seconds(from: text) == nil)
    }

    @Test(arguments: [(45, "45s"), (900, "15m"), (86_400, "24h"), (172_800, "2d"), (5_400, "90m")])
    func aWindowIsWrittenBackInItsLargestWholeUnit(seconds: Int, text: String) {
        #expect(WindowDuration.text(seconds: seconds) == text)
    }
}
