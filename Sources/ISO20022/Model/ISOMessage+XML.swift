extension ISOMessage {
    /// The namespace of the envelope Corridor writes around a header and a document.
    public static let envelopeNamespace = "urn:swift:xsd:envelope"

    /// The message as XML: a bare `Document`, a bare `AppHdr`, or both inside an `Envelope`
    /// (`urn:swift:xsd:envelope`, the wrapper most ISO 20022 tooling reads).
    ///
    /// Deterministic: the same model always gives the same bytes. Parsing the output gives
    /// back an equal header and body.
    public func xml() -> [UInt8] {
        var writer = XMLWriter()
        writer.declaration()
        let body: (namespace: String, write: (inout XMLWriter) -> Void)?
        switch self.body {
        case .creditTransfer(let document):
            body = (Pacs008Document.namespace, { document.encodeChildren(to: &$0) })
        case .statusReport(let document):
            body = (Pacs002Document.namespace, { document.encodeChildren(to: &$0) })
        case .none:
            body = nil
        }
        let wrapped = self.header != nil && body != nil
        if wrapped { writer.open("Envelope", attributes: [("xmlns", ISOMessage.envelopeNamespace)]) }
        if let header = self.header {
            writer.open("AppHdr", attributes: [("xmlns", MessageNamespace.head00100102)])
            header.encodeChildren(to: &writer)
            writer.close("AppHdr")
        }
        if let body {
            writer.open("Document", attributes: [("xmlns", body.namespace)])
            body.write(&writer)
            writer.close("Document")
        }
        if wrapped { writer.close("Envelope") }
        return writer.bytes
    }
}
