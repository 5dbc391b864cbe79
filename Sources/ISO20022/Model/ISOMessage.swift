/// A message read into the typed model: its optional Business Application Header and its body.
public struct ISOMessage: Sendable, Hashable {
    /// What the message carries.
    public enum Body: Sendable, Hashable {
        /// pacs.008: FI-to-FI customer credit transfer.
        case creditTransfer(Pacs008Document)
        /// pacs.002: payment status report.
        case statusReport(Pacs002Document)
        /// A header without a document.
        case none
    }

    /// `AppHdr` (head.001.001.02), when present.
    public var header: BusinessApplicationHeaderV02?
    public var body: Body
    /// The wrapper, nil for a bare document.
    public var envelope: Envelope?

    public init(header: BusinessApplicationHeaderV02? = nil, body: Body, envelope: Envelope? = nil) {
        self.header = header
        self.body = body
        self.envelope = envelope
    }

    /// E.g. `pacs.008.001.08`, or `head.001.001.02` for a header alone.
    public var messageType: String {
        switch self.body {
        case .creditTransfer: return MessageNamespace.name(of: Pacs008Document.namespace)
        case .statusReport: return MessageNamespace.name(of: Pacs002Document.namespace)
        case .none: return MessageNamespace.name(of: MessageNamespace.head00100102)
        }
    }

    /// `GrpHdr/MsgId` of the body, or the header's `BizMsgIdr` when there is no body.
    public var messageId: String {
        switch self.body {
        case .creditTransfer(let d): return d.fiToFICstmrCdtTrf.grpHdr.msgId
        case .statusReport(let d): return d.fiToFIPmtStsRpt.grpHdr.msgId
        case .none: return self.header?.bizMsgIdr ?? ""
        }
    }

    /// The number of transaction blocks.
    public var transactionCount: Int {
        switch self.body {
        case .creditTransfer(let d): return d.fiToFICstmrCdtTrf.cdtTrfTxInf.count
        case .statusReport(let d): return d.fiToFIPmtStsRpt.txInfAndSts.count
        case .none: return 0
        }
    }

    /// The typed model as JSON: element names as keys, amounts and decimals as exact strings.
    public func jsonValue() -> JSONValue {
        var members: [(String, JSONValue)] = [("messageType", .string(self.messageType))]
        members.append(("envelope", .optional(self.envelope?.name)))
        if let header = self.header { members.append(("AppHdr", header.jsonValue())) }
        switch self.body {
        case .creditTransfer(let d): members.append(("Document", d.jsonValue()))
        case .statusReport(let d): members.append(("Document", d.jsonValue()))
        case .none: break
        }
        return .object(members)
    }
}

/// ISO 20022 namespaces and message names.
public enum MessageNamespace {
    /// The prefix of every ISO 20022 message namespace.
    public static let prefix = "urn:iso:std:iso:20022:tech:xsd:"
    public static let head00100102 = prefix + "head.001.001.02"

    /// `urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08` → `pacs.008.001.08`; other URIs unchanged.
    public static func name(of namespace: String) -> String {
        namespace.hasPrefix(prefix) ? String(namespace.dropFirst(prefix.count)) : namespace
    }
}
