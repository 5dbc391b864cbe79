internal import CLibXML2

/// A foreign element carried by an ISO 20022 extension point (`SplmtryData/Envlp`, `Sgntr`),
/// kept as standalone XML text with every namespace it uses declared on itself.
public struct AnyXMLElement: Sendable, Hashable {
    /// The element as XML text.
    public var xml: String

    /// Wraps XML text the caller vouches for (it is written out verbatim).
    public init(xml: String) { self.xml = xml }

    /// Copies a subtree out of a parsed document.
    init(copying node: xmlNodePtr) {
        LibXML2.initialize()
        guard let doc = xmlNewDoc("1.0") else {
            self.xml = ""
            return
        }
        defer { xmlFreeDoc(doc) }
        guard let copy = xmlDocCopyNode(node, doc, 1) else {
            self.xml = ""
            return
        }
        xmlDocSetRootElement(doc, copy)
        guard let buffer = xmlBufferCreate() else {
            self.xml = ""
            return
        }
        defer { xmlBufferFree(buffer) }
        xmlNodeDump(buffer, doc, copy, 0, 0)
        if let content = xmlBufferContent(buffer) {
            self.xml = String(cString: content)
        } else {
            self.xml = ""
        }
    }
}
