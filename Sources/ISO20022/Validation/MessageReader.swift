import Foundation

/// Reads ISO 20022 files: safe parse, envelope discovery, XSD validation, typed model, business rules.
///
/// A reader is a cheap value; its ``SchemaSet`` is compiled once and shared, so one reader may
/// serve many threads at once.
public struct MessageReader: Sendable {
    public var schemas: SchemaSet
    public var limits: ParseLimits
    /// Business rules run on the typed model of a schema-valid message.
    public var rules: BusinessRules

    public init(schemas: SchemaSet = .gateway, limits: ParseLimits = .default, rules: BusinessRules = BusinessRules()) {
        self.schemas = schemas
        self.limits = limits
        self.rules = rules
    }

    /// What reading one input produced: always a report, and the model when the message is valid.
    public struct Reading: Sendable {
        public var report: ValidationReport
        /// The typed message; nil when the report is not valid.
        public var message: ISOMessage?
        /// The sender (`AppHdr/Fr` BIC or `GrpHdr/InstgAgt` BIC), read even from an invalid
        /// message when the tree allows, so that it can be answered.
        public var sender: String?

        public init(report: ValidationReport, message: ISOMessage? = nil, sender: String? = nil) {
            self.report = report
            self.message = message
            self.sender = sender
        }
    }

    /// Reads a file. Refuses files over the size limit before reading them.
    public func read(contentsOf url: URL, displayName: String? = nil) -> Reading {
        self.read(path: url.path, displayName: displayName)
    }

    /// Reads a file given by path; the report names it `displayName`, or the path as given.
    public func read(path: String, displayName: String? = nil) -> Reading {
        var buffer: [UInt8] = []
        return self.read(path: path, displayName: displayName, reusing: &buffer)
    }

    /// Reads a file given by path through a caller's buffer: a loop over many files passes the
    /// same buffer each time and reads without allocating one per file.
    public func read(path: String, displayName: String? = nil, reusing buffer: inout [UInt8]) -> Reading {
        let name = displayName ?? path
        switch FileBytes.read(path, limit: self.limits.maxBytes, into: &buffer) {
        case .success:
            return self.read(buffer, file: name)
        case .failure(let failure):
            return self.unreadable(failure, file: name)
        }
    }

    /// The reading of a file that could not be read: `LIMIT` when it is too large, else `IO`.
    public func unreadable(_ failure: FileBytes.Failure, file: String) -> Reading {
        switch failure {
        case .tooLarge(let size):
            return Reading(report: ValidationReport(file: file, errors: [MessageReader.tooLarge(size, self.limits.maxBytes)]))
        case .directory, .missing, .system:
            return Reading(report: ValidationReport(file: file, errors: [
                ValidationIssue(rule: "IO", reasonCode: "FF01", message: "cannot read the file: \(failure.reason)"),
            ]))
        }
    }

    /// Reads bytes already in memory.
    public func read(_ bytes: [UInt8], file: String? = nil) -> Reading {
        let document: LibXML2Document
        switch LibXML2Document.parse(bytes, limits: self.limits) {
        case .success(let parsed):
            document = parsed
        case .failure(let failure):
            return Reading(report: ValidationReport(file: file, errors: [MessageReader.issue(for: failure)]))
        }
        return withExtendedLifetime(document) { self.read(document, file: file) }
    }

    private func read(_ document: LibXML2Document, file: String?) -> Reading {
        guard let root = document.root else {
            return Reading(report: ValidationReport(file: file, errors: [
                ValidationIssue(rule: "XML", reasonCode: "FF01", message: "the document has no root element"),
            ]))
        }
        let parts = MessageParts.locate(in: root)
        var report = ValidationReport(file: file, envelope: parts.envelope)
        var sender: String? = nil

        guard parts.header != nil || parts.body != nil else {
            report.errors.append(ValidationIssue(
                line: root.line, path: root.path, rule: "MESSAGE", reasonCode: "FF01",
                message: "no ISO 20022 AppHdr or Document found (root element \(root.name)\(root.namespaceURI.map { " in \($0)" } ?? ""))"))
            return Reading(report: report)
        }

        // Identification survives invalidity: an invalid message is still answered.
        if let body = parts.body {
            report.messageType = MessageNamespace.name(of: body.namespace)
            report.messageId = body.root.child("GrpHdr")?.child("MsgId")?.rawText()
            let transactionElement = body.root.name == "FIToFIPmtStsRpt" ? "TxInfAndSts" : "CdtTrfTxInf"
            report.transactions = body.root.children.reduce(0) { $0 + ($1.name == transactionElement ? 1 : 0) }
            sender = body.root.child("GrpHdr")?.child("InstgAgt")?.child("FinInstnId")?.child("BICFI")?.rawText()
        } else if let header = parts.header {
            report.messageType = MessageNamespace.name(of: header.namespaceURI ?? "")
            report.messageId = header.child("BizMsgIdr")?.rawText()
        }
        if let header = parts.header,
           let bic = header.child("Fr")?.child("FIId")?.child("FinInstnId")?.child("BICFI")?.rawText()
        {
            sender = bic
        }

        // Schema validation of each part.
        var headerModel: BusinessApplicationHeaderV02? = nil
        if let header = parts.header {
            let namespace = header.namespaceURI ?? ""
            if let compiled = self.schemas.schema(for: namespace) {
                let issues = self.schemas.validate(header, with: compiled)
                report.errors += issues.map(MessageReader.schemaIssue)
                if issues.isEmpty, namespace == MessageNamespace.head00100102 {
                    do throws(ModelDecodingError) {
                        headerModel = try BusinessApplicationHeaderV02(decoding: header)
                    } catch {
                        report.errors.append(MessageReader.modelIssue(error))
                    }
                }
            } else {
                report.errors.append(self.unsupported(namespace, at: header))
            }
        }

        var body: ISOMessage.Body = .none
        if let part = parts.body {
            var element = part.root
            var wrapped: LibXML2Document? = nil
            if !part.hasDocumentElement {
                // A message root directly under the envelope (TCH RTP): validate it inside a Document.
                wrapped = LibXML2Document.wrapping(part.root, inDocumentOf: part.namespace)
                if let documentRoot = wrapped?.root { element = documentRoot }
            } else if let parent = part.documentElement {
                element = parent
            }
            withExtendedLifetime(wrapped) {
                if let compiled = self.schemas.schema(for: part.namespace) {
                    let issues = self.schemas.validate(element, with: compiled)
                    report.errors += issues.map(MessageReader.schemaIssue)
                    if issues.isEmpty {
                        do throws(ModelDecodingError) {
                            body = try MessageReader.decodeBody(element, namespace: part.namespace)
                        } catch {
                            report.errors.append(MessageReader.modelIssue(error))
                        }
                    }
                } else {
                    report.errors.append(self.unsupported(part.namespace, at: part.root))
                }
            }
        }

        guard report.errors.isEmpty else { return Reading(report: report, sender: sender) }
        if case .none = body, parts.body != nil {
            // Validated against a caller's schema for a message Corridor does not model.
            return Reading(report: report, sender: sender)
        }
        let message = ISOMessage(header: headerModel, body: body, envelope: parts.envelope)
        let violations = self.rules.check(message)
        if !violations.isEmpty {
            report.errors += violations.map { violation in
                var issue = violation.issue
                if issue.line == nil, let path = issue.path {
                    issue.line = MessageParts.line(of: path, in: root, header: parts.header, body: parts.body?.documentElement ?? parts.body?.root)
                }
                return issue
            }
            return Reading(report: report, message: nil, sender: sender)
        }
        return Reading(report: report, message: message, sender: sender)
    }

    private static func decodeBody(_ document: XMLElementCursor, namespace: String) throws(ModelDecodingError) -> ISOMessage.Body {
        guard let root = document.children.first(where: { _ in true }) else {
            throw document.missing("message root")
        }
        switch namespace {
        case Pacs008Document.namespace:
            guard root.name == Pacs008Document.rootElement else { throw root.unexpected() }
            return .creditTransfer(Pacs008Document(fiToFICstmrCdtTrf: try FIToFICustomerCreditTransferV08(decoding: root)))
        case Pacs002Document.namespace:
            guard root.name == Pacs002Document.rootElement else { throw root.unexpected() }
            return .statusReport(Pacs002Document(fiToFIPmtStsRpt: try FIToFIPaymentStatusReportV10(decoding: root)))
        default:
            return .none
        }
    }

    private func unsupported(_ namespace: String, at element: XMLElementCursor) -> ValidationIssue {
        let supported = self.schemas.namespaces.map(MessageNamespace.name(of:)).joined(separator: ", ")
        return ValidationIssue(
            line: element.line, path: element.path, rule: "MESSAGE", reasonCode: "FF01",
            message: "unsupported message \(MessageNamespace.name(of: namespace)); supported: \(supported)")
    }

    static func schemaIssue(_ issue: XMLIssue) -> ValidationIssue {
        ValidationIssue(line: issue.line, column: issue.column, path: issue.path, rule: "XSD", reasonCode: "FF01",
                        message: issue.message)
    }

    static func modelIssue(_ error: ModelDecodingError) -> ValidationIssue {
        ValidationIssue(line: error.line, path: error.path, rule: "MODEL", reasonCode: "FF01", message: error.message)
    }

    static func tooLarge(_ size: Int, _ limit: Int) -> ValidationIssue {
        ValidationIssue(rule: "LIMIT", reasonCode: "FF01",
                        message: "the input is \(size) bytes, over the \(limit)-byte limit; it was not parsed")
    }

    static func issue(for failure: LibXML2Document.Failure) -> ValidationIssue {
        switch failure {
        case .tooLarge(let bytes, let limit):
            return tooLarge(bytes, limit)
        case .empty:
            return ValidationIssue(rule: "XML", reasonCode: "FF01", message: "the input is empty")
        case .doctype(let line):
            return ValidationIssue(line: line > 0 ? line : nil, rule: "XML", reasonCode: "FF01",
                                   message: "a DOCTYPE is not allowed (entities and DTDs are refused, never expanded)")
        case .tooDeep(let limit):
            return ValidationIssue(rule: "LIMIT", reasonCode: "FF01",
                                   message: "elements nest deeper than the limit of \(limit) levels; parsing stopped")
        case .malformed(let issues):
            let first = issues.first ?? XMLIssue(message: "the document is not well-formed XML")
            return ValidationIssue(line: first.line, column: first.column, rule: "XML", reasonCode: "FF01",
                                   message: "not well-formed XML: \(first.message)")
        }
    }

}
