import Foundation
import Testing
@testable import ISO20022

/// Hostile and broken input: always INVALID with a clear message, never a crash or an expansion.
@Suite struct HostileInputTests {
    static let reader = MessageReader()

    static func expectInvalid(_ bytes: [UInt8], mentioning words: String..., sourceLine: Int = #line) {
        let report = reader.read(bytes).report
        #expect(!report.valid)
        let text = report.errors.map(\.message).joined(separator: " ")
        for word in words {
            #expect(text.contains(word), "expected '\(word)' in: \(text)")
        }
    }

    @Test func refusesAnExternalFileEntity() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><A>&x;</A></Document>
            """
        HostileInputTests.expectInvalid(Array(xml.utf8), mentioning: "DOCTYPE")
    }

    @Test func refusesAnExternalHTTPEntity() {
        let xml = """
            <!DOCTYPE Document SYSTEM "http://127.0.0.1:1/evil.dtd">
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"/>
            """
        HostileInputTests.expectInvalid(Array(xml.utf8), mentioning: "DOCTYPE")
    }

    @Test func refusesBillionLaughs() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        xml += "]>\n<lolz>&lol9;</lolz>"
        HostileInputTests.expectInvalid(Array(xml.utf8), mentioning: "DOCTYPE")
    }

    @Test func refusesAnUndeclaredEntityReference() {
        let xml = #"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">&lol;</Document>"#
        HostileInputTests.expectInvalid(Array(xml.utf8), mentioning: "not well-formed")
    }

    @Test func refusesAHundredMebibyteFileWithoutReadingIt() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-huge-\(UUID().uuidString).xml")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 100 * 1024 * 1024)  // sparse: no 100 MiB write needed
        try handle.close()
        let report = HostileInputTests.reader.read(contentsOf: url).report
        #expect(!report.valid)
        #expect(report.errors.first?.rule == "LIMIT")
        #expect(report.errors.first?.message.contains("104857600 bytes") == true)
    }

    @Test func refusesOversizedBytesInMemory() {
        let reader = MessageReader(limits: ParseLimits(maxBytes: 1024))
        let report = reader.read(Array(repeating: UInt8(ascii: " "), count: 2048)).report
        #expect(report.errors.first?.rule == "LIMIT")
    }

    @Test func stopsAtTenThousandDeepNesting() {
        let xml = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        let report = HostileInputTests.reader.read(Array(xml.utf8)).report
        #expect(report.errors.first?.rule == "LIMIT")
        #expect(report.errors.first?.message.contains("deeper") == true)
    }

    @Test func rejectsInvalidUTF8() {
        var bytes = Array(#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><A>"#.utf8)
        bytes += [0xC3, 0x28, 0xFF, 0xFE]
        bytes += Array("</A></Document>".utf8)
        HostileInputTests.expectInvalid(bytes, mentioning: "UTF-8")
    }

    @Test func rejectsAnEmptyFile() {
        HostileInputTests.expectInvalid([], mentioning: "empty")
        HostileInputTests.expectInvalid(Array("  \n\t ".utf8), mentioning: "empty")
    }

    @Test func rejectsBinaryJunk() {
        var generator = SystemRandomNumberGenerator()
        let junk = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        HostileInputTests.expectInvalid(junk)
    }

    @Test func rejectsATruncatedDocumentWithItsLine() throws {
        let full = try Fixtures.bytes(Fixtures.sample("messages/pacs008-settle-eur.xml"))
        let report = HostileInputTests.reader.read(Array(full.prefix(full.count / 2))).report
        #expect(!report.valid)
        #expect(report.errors.first?.rule == "XML")
        #expect(report.errors.first?.line != nil)
    }

    @Test func rejectsXMLThatIsNoISOMessage() {
        HostileInputTests.expectInvalid(Array("<html><body/></html>".utf8), mentioning: "no ISO 20022")
    }
}
