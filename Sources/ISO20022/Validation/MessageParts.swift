/// Where the ISO 20022 parts sit in a parsed tree, whatever the envelope.
struct MessageParts {
    /// The message body: its root element (`FIToFICstmrCdtTrf`, …) and the `Document` around it, if any.
    struct Body {
        var root: XMLElementCursor
        var namespace: String
        var documentElement: XMLElementCursor?
        var hasDocumentElement: Bool { self.documentElement != nil }
    }

    var header: XMLElementCursor?
    var body: Body?
    var envelope: Envelope?

    /// Envelopes are shallow; anything deeper than this is not searched.
    static let searchDepth = 8

    static func locate(in root: XMLElementCursor) -> MessageParts {
        var parts = MessageParts()
        if !MessageParts.isISO(root) {
            parts.envelope = Envelope(namespace: root.namespaceURI, rootElement: root.name)
        }
        MessageParts.search(root, depth: 0, into: &parts)
        return parts
    }

    private static func isISO(_ element: XMLElementCursor) -> Bool {
        element.namespaceURI?.hasPrefix(MessageNamespace.prefix) ?? false
    }

    /// head.001 elements other than `AppHdr` (TCH wraps header fields in its own `AppHdr`) are
    /// not a message body.
    private static func isHeaderNamespace(_ namespace: String) -> Bool {
        namespace.hasPrefix(MessageNamespace.prefix + "head.")
    }

    private static func search(_ element: XMLElementCursor, depth: Int, into parts: inout MessageParts) {
        if let namespace = element.namespaceURI, namespace.hasPrefix(MessageNamespace.prefix) {
            let name = element.name
            if name == "AppHdr" {
                if parts.header == nil { parts.header = element }
            } else if name == "Document" {
                if parts.body == nil, let messageRoot = element.children.first(where: { _ in true }) {
                    parts.body = Body(root: messageRoot, namespace: namespace, documentElement: element)
                } else if parts.body == nil {
                    parts.body = Body(root: element, namespace: namespace, documentElement: element)
                }
            } else if parts.body == nil, !MessageParts.isHeaderNamespace(namespace) {
                // A message root without a Document around it (TCH RTP puts it under its own wrapper).
                parts.body = Body(root: element, namespace: namespace, documentElement: nil)
            }
            return
        }
        guard depth < MessageParts.searchDepth else { return }
        for child in element.children {
            MessageParts.search(child, depth: depth + 1, into: &parts)
            if parts.header != nil && parts.body != nil { return }
        }
    }

    /// The source line of the element at `path` (`/Document/…` or `/AppHdr/…`), if it exists.
    static func line(of path: String, in root: XMLElementCursor, header: XMLElementCursor?, body: XMLElementCursor?) -> Int? {
        var segments = path.split(separator: "/").map(String.init)
        guard let first = segments.first else { return nil }
        var current: XMLElementCursor
        if first == "AppHdr" {
            guard let header else { return nil }
            current = header
            segments.removeFirst()
        } else if first == "Document" {
            guard let body else { return nil }
            current = body
            segments.removeFirst()
            if body.name != "Document", let next = segments.first, next == body.name {
                segments.removeFirst()  // the message root itself, when there is no Document element
            }
        } else {
            return nil
        }
        var lastLine = current.line
        for segment in segments {
            var name = Substring(segment)
            var index = 1
            if let open = segment.firstIndex(of: "["), segment.hasSuffix("]") {
                name = segment[..<open]
                index = Int(segment[segment.index(after: open)..<segment.index(before: segment.endIndex)]) ?? 1
            }
            var seen = 0
            var found: XMLElementCursor? = nil
            for child in current.children where child.name == name {
                seen += 1
                if seen == index {
                    found = child
                    break
                }
            }
            guard let found else { return lastLine }
            current = found
            lastLine = found.line
        }
        return lastLine
    }
}
