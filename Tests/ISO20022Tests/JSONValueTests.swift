import Foundation
import Testing
@testable import ISO20022

@Suite struct JSONValueTests {
    @Test(arguments: [
        "", "plain", "with \"quotes\" and \\ backslash", "line\nbreak\r\ttab", "bell \u{07} and nul \u{00} end",
        "ümlaut, 漢字 and 🏦", "\"", "\\", "trailing control \u{1F}",
    ])
    func escapesStringsSoThatAParserReadsThemBack(_ text: String) throws {
        let serialized = JSONValue.array([.string(text)]).serialized()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(serialized.utf8)) as? [String])
        #expect(parsed == [text])
    }

    @Test func escapesControlCharactersAsShortOrUnicodeEscapes() {
        #expect(JSONValue.string("a\"b\\c\nd\u{01}").serialized() == #""a\"b\\c\nd\u0001""#)
    }

    @Test(arguments: [0, 1, 3])
    func joinsSeparatelyWrittenElementsAsTheArrayWould(count: Int) {
        let items = (0..<count).map { JSONValue.object([("n", .int($0)), ("s", .string("x\($0)"))]) }
        var joined: [UInt8] = []
        var array = JSONArrayWriter(to: &joined, indent: 2, level: 0)
        for item in items {
            var part: [UInt8] = []
            item.write(to: &part, indent: 2, level: 1)
            array.add(serialized: part, to: &joined)
        }
        array.finish(&joined)
        #expect(String(decoding: joined, as: UTF8.self) == JSONValue.array(items).serialized(indent: 2))
    }

    @Test func rendersNestedPartsAtTheirLevel() {
        let item = JSONValue.object([("a", .int(1))])
        var part: [UInt8] = []
        item.write(to: &part, indent: 2, level: 1)
        let whole = JSONValue.array([item]).serialized(indent: 2)
        #expect(whole == "[\n  " + String(decoding: part, as: UTF8.self) + "\n]")
    }
}

@Suite struct ValidationReportJSONTests {
    static let reports: [ValidationReport] = [
        ValidationReport(file: nil),
        ValidationReport(file: "a \"quoted\".xml", messageType: "pacs.008.001.08", envelope: nil, messageId: "M-1", transactions: 3),
        ValidationReport(file: "b.xml", messageType: "pacs.002.001.10", messageId: nil, transactions: nil, errors: [
            ValidationIssue(line: 12, column: nil, path: "/Document/X", rule: "XSD", reasonCode: "FF01", message: "bad\nvalue"),
            ValidationIssue(rule: "IO", reasonCode: "FF01", message: "cannot read the file"),
        ]),
    ]

    @Test(arguments: reports, [0, 2])
    func writesTheSameBytesAsItsJSONValue(_ report: ValidationReport, indent: Int) {
        for level in [0, 1, 3] {
            var direct: [UInt8] = []
            report.writeJSON(to: &direct, indent: indent, level: level)
            var built: [UInt8] = []
            report.jsonValue().write(to: &built, indent: indent, level: level)
            #expect(direct == built)
        }
    }
}
