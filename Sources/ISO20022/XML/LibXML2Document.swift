internal import CLibXML2

/// A parsed libxml2 tree, owned: the only place the gateway holds an `xmlDocPtr`.
///
/// Parsing is safe by construction: no network, no DTD loading, no entity substitution, any
/// `<!DOCTYPE` refused before a declaration is read, size and depth bounded.
final class LibXML2Document {
    let document: xmlDocPtr

    private init(document: xmlDocPtr) { self.document = document }

    deinit { xmlFreeDoc(self.document) }

    /// The root element.
    var root: XMLElementCursor? {
        xmlDocGetRootElement(self.document).map(XMLElementCursor.init)
    }

    /// Parser contexts reused across parses (each parse resets its context).
    private static let parsers = ContextPool { pointer in
        xmlFreeParserCtxt(pointer.assumingMemoryBound(to: xmlParserCtxt.self))
    }

    /// Why a parse failed.
    enum Failure: Error {
        case tooLarge(bytes: Int, limit: Int)
        case empty
        case doctype(line: Int)
        case tooDeep(limit: Int)
        case malformed([XMLIssue])
    }

    /// Parses bytes under the gateway's safety rules.
    static func parse(_ bytes: [UInt8], limits: ParseLimits) -> Result<LibXML2Document, Failure> {
        LibXML2.initialize()
        guard bytes.count <= limits.maxBytes else {
            return .failure(.tooLarge(bytes: bytes.count, limit: limits.maxBytes))
        }
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            return .failure(.empty)
        }
        let pooled = LibXML2Document.parsers.take()
        guard let parser = pooled.map({ $0.pointer.assumingMemoryBound(to: xmlParserCtxt.self) }) ?? xmlNewParserCtxt() else {
            return .failure(.malformed([XMLIssue(message: "libxml2 could not allocate a parser")]))
        }
        defer { LibXML2Document.parsers.give(UnsafeMutableRawPointer(parser), uses: (pooled?.uses ?? 0) + 1) }
        var guardState = corridor_parse_guard(saw_doctype: 0, doctype_line: 0, max_depth: Int32(clamping: limits.maxDepth),
                                              depth_exceeded: 0)
        let collector = XMLIssueCollector(limit: 20)
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_BIG_LINES.rawValue
        )
        let document: xmlDocPtr? = withUnsafeMutablePointer(to: &guardState) { guardPointer in
            corridor_guard_parser(parser, guardPointer)
            defer { parser.pointee._private = nil }
            return withExtendedLifetime(collector) {
                xmlSetStructuredErrorFunc(Unmanaged.passUnretained(collector).toOpaque(), collectXMLIssue)
                defer { xmlSetStructuredErrorFunc(nil, nil) }
                return bytes.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                        xmlCtxtReadMemory(parser, chars, Int32(buffer.count), "message.xml", nil, options)
                    }
                }
            }
        }
        if guardState.saw_doctype != 0 {
            if let document { xmlFreeDoc(document) }
            return .failure(.doctype(line: Int(guardState.doctype_line)))
        }
        if guardState.depth_exceeded != 0 {
            if let document { xmlFreeDoc(document) }
            return .failure(.tooDeep(limit: limits.maxDepth))
        }
        guard let document, corridor_parser_well_formed(parser) != 0 else {
            if let document { xmlFreeDoc(document) }
            var issues = collector.issues
            if issues.isEmpty { issues = [XMLIssue(message: "the document is not well-formed XML")] }
            return .failure(.malformed(issues))
        }
        return .success(LibXML2Document(document: document))
    }

    /// Builds a document whose root is a fresh `Document` element in `namespace` holding a copy
    /// of `element` (for messages whose root sits in an envelope without a `Document`).
    static func wrapping(_ element: XMLElementCursor, inDocumentOf namespace: String) -> LibXML2Document? {
        guard let document = xmlNewDoc("1.0") else { return nil }
        let wrapped = LibXML2Document(document: document)
        guard let root = xmlNewDocNode(document, nil, "Document", nil) else { return nil }
        xmlDocSetRootElement(document, root)
        let ns = xmlNewNs(root, namespace, nil)
        xmlSetNs(root, ns)
        guard let copy = xmlDocCopyNode(element.node, document, 1) else { return nil }
        xmlAddChild(root, copy)
        return wrapped
    }
}
