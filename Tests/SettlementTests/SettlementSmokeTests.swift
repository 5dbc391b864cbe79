import Testing
@testable import Settlement

@Suite struct SettlementSmokeTests {
    @Test func moduleLinks() {
        #expect(String(describing: Settlement.self) == "Settlement")
    }
}
