internal import CLibXML2

/// One diagnostic reported by libxml2 while parsing or validating.
struct XMLIssue: Sendable, Hashable {
    /// 1-based line, when libxml2 knows it.
    var line: Int?
    /// 1-based column, when libxml2 knows it (parse errors only).
    var column: Int?
    /// The element path (`/Document/FIToFICstmrCdtTrf/GrpHdr/MsgId`), when the issue is tied to a node.
    var path: String?
    /// The message, with namespace URIs shortened to keep it readable.
    var message: String
}

/// Collects libxml2's structured errors for one synchronous parse or validation.
///
/// Reached from C through an unretained pointer that is valid only while the owner keeps the
/// collector alive (`withExtendedLifetime`), on one thread.
final class XMLIssueCollector {
    var issues: [XMLIssue] = []
    /// Bound on collected issues: a hostile document can produce millions.
    let limit: Int

    init(limit: Int = 100) { self.limit = limit }

    func append(_ error: UnsafePointer<xmlError>) {
        guard self.issues.count < self.limit else { return }
        let raw = error.pointee
        if raw.level.rawValue < XML_ERR_ERROR.rawValue { return }  // warnings are not failures
        var message = raw.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        message = XMLIssueCollector.tidy(message)
        var path: String? = nil
        var line = raw.line > 0 ? Int(raw.line) : nil
        if let node = raw.node {
            let nodePointer = node.assumingMemoryBound(to: xmlNode.self)
            if nodePointer.pointee.type == XML_ELEMENT_NODE {
                let cursor = XMLElementCursor(nodePointer)
                path = cursor.path
                if line == nil { line = cursor.line }
            }
        }
        let column = raw.int2 > 0 ? Int(raw.int2) : nil
        self.issues.append(XMLIssue(line: line, column: column, path: path, message: message))
    }

    /// Trims the trailing newline and replaces `{urn:…}Name` with `Name`.
    static func tidy(_ message: String) -> String {
        var text = Substring(message)
        while let last = text.last, last == "\n" || last == " " { text.removeLast() }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = text
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if (after.hasPrefix("urn:") || after.hasPrefix("http")), let close = after.firstIndex(of: "}") {
                rest = after[after.index(after: close)...]
            } else {
                out.append("{")
                rest = after
            }
        }
        out += rest
        return out
    }
}

/// The C callback: a capture-less closure, so it converts to a C function pointer.
let collectXMLIssue: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    Unmanaged<XMLIssueCollector>.fromOpaque(userData).takeUnretainedValue().append(error)
}
