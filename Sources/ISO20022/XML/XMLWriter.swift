/// Writes the typed models as namespace-correct, deterministic, indented XML.
///
/// Output depends only on the model: the same model always gives the same bytes.
struct XMLWriter {
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    let indent: Int

    init(indent: Int = 2, capacity: Int = 8192) {
        self.indent = indent
        self.bytes.reserveCapacity(capacity)
    }

    mutating func declaration() {
        self.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }

    /// Opens an element with optional attributes (already-escaped by this writer).
    mutating func open(_ name: String, attributes: [(String, String)] = []) {
        self.pad()
        self.append("<")
        self.append(name)
        for (key, value) in attributes {
            self.append(" ")
            self.append(key)
            self.append("=\"")
            self.escape(value, attribute: true)
            self.append("\"")
        }
        self.append(">\n")
        self.depth += 1
    }

    mutating func close(_ name: String) {
        self.depth -= 1
        self.pad()
        self.append("</")
        self.append(name)
        self.append(">\n")
    }

    mutating func element(_ name: String, _ value: some XMLEncodable) {
        self.open(name)
        value.encodeChildren(to: &self)
        self.close(name)
    }

    mutating func text(_ name: String, _ value: String) {
        self.pad()
        self.append("<")
        self.append(name)
        self.append(">")
        self.escape(value, attribute: false)
        self.append("</")
        self.append(name)
        self.append(">\n")
    }

    mutating func money(_ name: String, _ value: Money) {
        self.pad()
        self.append("<")
        self.append(name)
        self.append(" Ccy=\"")
        self.escape(value.currency.xmlText, attribute: true)
        self.append("\">")
        self.append(value.amount.description)
        self.append("</")
        self.append(name)
        self.append(">\n")
    }

    /// Inserts a foreign element verbatim (it is already canonical XML).
    mutating func raw(_ element: AnyXMLElement) {
        self.pad()
        self.append(element.xml)
        self.append("\n")
    }

    private mutating func pad() {
        if self.indent > 0 {
            self.bytes.append(contentsOf: repeatElement(0x20, count: self.depth * self.indent))
        }
    }

    private mutating func append(_ s: String) {
        self.bytes.append(contentsOf: s.utf8)
    }

    /// Appends `s` escaped for element text or, with `attribute`, for a double-quoted value.
    /// Most values need no escaping and are copied in one go.
    private mutating func escape(_ s: String, attribute: Bool) {
        var s = s
        s.withUTF8 { buffer in
            guard buffer.contains(where: { XMLWriter.needsEscaping($0, attribute: attribute) }) else {
                self.bytes.append(contentsOf: buffer)
                return
            }
            for byte in buffer {
                switch byte {
                case UInt8(ascii: "&"): self.append("&amp;")
                case UInt8(ascii: "<"): self.append("&lt;")
                case UInt8(ascii: ">"): self.append("&gt;")
                case UInt8(ascii: "\"") where attribute: self.append("&quot;")
                case 0x0D: self.append("&#13;")
                case 0x09 where attribute: self.append("&#9;")
                case 0x0A where attribute: self.append("&#10;")
                default: self.bytes.append(byte)
                }
            }
        }
    }

    private static func needsEscaping(_ byte: UInt8, attribute: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x0D: true
        case UInt8(ascii: "\""), 0x09, 0x0A: attribute
        default: false
        }
    }
}
