import Testing
@testable import Compliance

@Suite struct ComplianceSmokeTests {
    @Test func moduleLinks() {
        #expect(String(describing: Compliance.self) == "Compliance")
    }
}
