import Testing
@testable import ISO20022

@Suite struct XMLWriterTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("Smith & Sons <Ltd> \"quoted\"", "Smith &amp; Sons &lt;Ltd&gt; \"quoted\""),
        ("line\nbreak\ttab\r", "line\nbreak\ttab&#13;"),
        ("&&", "&amp;&amp;"),
        ("ümlaut 漢字 🏦 & more", "ümlaut 漢字 🏦 &amp; more"),
        ("", ""),
    ])
    func escapesElementText(_ text: String, _ expected: String) {
        var writer = XMLWriter(indent: 0)
        writer.text("Nm", text)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "<Nm>\(expected)</Nm>\n")
    }

    @Test func escapesAttributeValuesIncludingQuotesAndWhitespace() {
        var writer = XMLWriter(indent: 0)
        writer.open("Amt", attributes: [("Ccy", "a\"b<c>&\td\ne\r")])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "<Amt Ccy=\"a&quot;b&lt;c&gt;&amp;&#9;d&#10;e&#13;\">\n")
    }
}
