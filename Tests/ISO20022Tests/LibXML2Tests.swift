import Testing
@testable import ISO20022

@Suite struct LibXML2Tests {
    @Test func reportsARecentLibrary() {
        LibXML2.initialize()
        #expect(LibXML2.version >= 20900)
    }
}
