internal import CLibXML2

/// A read-only view of one element of a parsed libxml2 tree, for the generated decoders.
///
/// Valid only while the owning ``LibXML2Document`` is alive; never stored in a model.
struct XMLElementCursor {
    let node: xmlNodePtr

    init(_ node: xmlNodePtr) { self.node = node }

    /// The element's local name.
    var name: String { String(cString: self.node.pointee.name) }

    /// The element's namespace URI, if any.
    var namespaceURI: String? {
        guard let ns = self.node.pointee.ns, let href = ns.pointee.href else { return nil }
        return String(cString: href)
    }

    /// The 1-based source line.
    var line: Int { Int(xmlGetLineNo(self.node)) }

    /// The child elements, in document order.
    var children: Children { Children(first: self.node.pointee.children) }

    struct Children: Sequence {
        let first: xmlNodePtr?

        struct Iterator: IteratorProtocol {
            var pending: xmlNodePtr?
            mutating func next() -> XMLElementCursor? {
                while let current = self.pending {
                    self.pending = current.pointee.next
                    if current.pointee.type == XML_ELEMENT_NODE { return XMLElementCursor(current) }
                }
                return nil
            }
        }

        func makeIterator() -> Iterator { Iterator(pending: self.first) }
    }

    /// The index of this element's name in `fields` (a record's elements in schema order),
    /// searching from `start` onwards first: schema-valid input arrives in that order, so the
    /// usual cost is one comparison. Returns `fields.count` when the name is not a field.
    func fieldIndex(in fields: [StaticString], from start: Int) -> Int {
        let name = self.node.pointee.name!
        var index = start
        while index < fields.count {
            if xmlStrEqual(name, fields[index].utf8Start) != 0 {
                return index
            }
            index += 1
        }
        index = 0
        while index < start {
            if xmlStrEqual(name, fields[index].utf8Start) != 0 {
                return index
            }
            index += 1
        }
        return fields.count
    }

    /// The first child element with the given local name.
    func child(_ name: String) -> XMLElementCursor? {
        self.children.first { $0.name == name }
    }

    /// The element's path from the top of its tree, e.g. `/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt`.
    ///
    /// Repeating elements (transactions, and any element with same-named siblings) carry a
    /// 1-based index.
    var path: String {
        var parts: [String] = []
        var current: xmlNodePtr? = self.node
        while let node = current, node.pointee.type == XML_ELEMENT_NODE {
            let name = String(cString: node.pointee.name)
            var index = 1
            var count = 1
            var sibling = node.pointee.prev
            while let s = sibling {
                if s.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(s.pointee.name, node.pointee.name) != 0 {
                    index += 1
                    count += 1
                }
                sibling = s.pointee.prev
            }
            sibling = node.pointee.next
            while let s = sibling {
                if s.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(s.pointee.name, node.pointee.name) != 0 {
                    count += 1
                }
                sibling = s.pointee.next
            }
            if count > 1 || name == "CdtTrfTxInf" || name == "TxInfAndSts" {
                parts.append("\(name)[\(index)]")
            } else {
                parts.append(name)
            }
            current = node.pointee.parent
        }
        return "/" + parts.reversed().joined(separator: "/")
    }

    /// The concatenated text content of the element.
    func rawText() -> String {
        // Fast path: one text child.
        if let child = self.node.pointee.children, child.pointee.next == nil,
           child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE,
           let content = child.pointee.content
        {
            return String(cString: content)
        }
        guard let content = xmlNodeGetContent(self.node) else { return "" }
        defer { corridor_xml_free(content) }
        return String(cString: content)
    }

    /// The value of an attribute without namespace.
    func attribute(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(self.node, name) else { return nil }
        defer { corridor_xml_free(value) }
        return String(cString: value)
    }

    // MARK: Typed values for the generated decoders

    func text() throws(ModelDecodingError) -> String { self.rawText() }

    func bool() throws(ModelDecodingError) -> Bool {
        switch self.rawText().trimmingXMLWhitespace() {
        case "true", "1": return true
        case "false", "0": return false
        case let other: throw self.invalid("'\(other)' is not a boolean")
        }
    }

    func decimal() throws(ModelDecodingError) -> ExactDecimal {
        let text = self.rawText().trimmingXMLWhitespace()
        guard let value = ExactDecimal(text) else { throw self.invalid("'\(text)' is not a decimal number") }
        return value
    }

    func code<T: RawRepresentable>(_ type: T.Type) throws(ModelDecodingError) -> T where T.RawValue == String {
        let text = self.rawText().trimmingXMLWhitespace()
        guard let value = T(rawValue: text) else { throw self.invalid("'\(text)' is not a \(T.self) code") }
        return value
    }

    func value<T: XMLTextValue>(_ type: T.Type) throws(ModelDecodingError) -> T {
        let text = self.rawText().trimmingXMLWhitespace()
        guard let value = T(xmlText: text) else { throw self.invalid("'\(text)' is not a valid \(T.self)") }
        return value
    }

    func money() throws(ModelDecodingError) -> Money {
        let text = self.rawText().trimmingXMLWhitespace()
        guard let amount = ExactDecimal(text) else { throw self.invalid("'\(text)' is not an amount") }
        guard let currency = self.attribute("Ccy") else { throw self.invalid("the Ccy attribute is missing") }
        return Money(amount: amount, currency: CurrencyCode(currency))
    }

    func anyElement() -> AnyXMLElement { AnyXMLElement(copying: self.node) }

    // MARK: Errors

    func unexpected() -> ModelDecodingError {
        ModelDecodingError(kind: .unexpectedElement, path: self.path, line: self.line,
                           message: "element \(self.name) is not allowed here")
    }

    func repeated() -> ModelDecodingError {
        ModelDecodingError(kind: .repeatedElement, path: self.path, line: self.line,
                           message: "element \(self.name) appears more often than allowed")
    }

    func missing(_ what: String) -> ModelDecodingError {
        ModelDecodingError(kind: .missingElement, path: self.path, line: self.line,
                           message: "\(self.name) lacks the mandatory \(what)")
    }

    func ambiguousChoice() -> ModelDecodingError {
        ModelDecodingError(kind: .ambiguousChoice, path: self.path, line: self.line,
                           message: "\(self.name) carries more than one alternative of its choice")
    }

    func invalid(_ message: String) -> ModelDecodingError {
        ModelDecodingError(kind: .invalidValue, path: self.path, line: self.line, message: "\(self.name): \(message)")
    }
}

extension String {
    /// Drops the XML whitespace (space, tab, CR, LF) at both ends.
    func trimmingXMLWhitespace() -> String {
        let utf8 = self.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return self }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return String(self[start..<end])
    }
}
