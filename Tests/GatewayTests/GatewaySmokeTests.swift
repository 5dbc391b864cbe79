import Testing
@testable import Gateway

@Suite struct GatewaySmokeTests {
    @Test func moduleLinks() {
        #expect(String(describing: Gateway.self) == "Gateway")
    }
}
