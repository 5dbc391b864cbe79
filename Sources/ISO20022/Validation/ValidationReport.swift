/// The outcome of reading and validating one file.
public struct ValidationReport: Sendable, Hashable {
    /// The file as named by the caller.
    public var file: String?
    /// True when there is no issue.
    public var valid: Bool { self.errors.isEmpty }
    /// E.g. `pacs.008.001.08`; nil when not even the namespace could be read.
    public var messageType: String?
    /// The wrapper around the message (``Envelope``), nil for a bare document.
    public var envelope: Envelope?
    /// `GrpHdr/MsgId`, read even from an invalid message when the tree allows.
    public var messageId: String?
    /// The number of transactions (`CdtTrfTxInf` or `TxInfAndSts`).
    public var transactions: Int?
    /// Every issue found.
    public var errors: [ValidationIssue]

    public init(file: String?, messageType: String? = nil, envelope: Envelope? = nil, messageId: String? = nil,
                transactions: Int? = nil, errors: [ValidationIssue] = []) {
        self.file = file
        self.messageType = messageType
        self.envelope = envelope
        self.messageId = messageId
        self.transactions = transactions
        self.errors = errors
    }

    /// The JSON object with exactly the keys `file`, `valid`, `messageType`, `envelope`,
    /// `messageId`, `transactions`, `errors`.
    public func jsonValue() -> JSONValue {
        .object([
            ("file", .optional(self.file)),
            ("valid", .bool(self.valid)),
            ("messageType", .optional(self.messageType)),
            ("envelope", .optional(self.envelope?.name)),
            ("messageId", .optional(self.messageId)),
            ("transactions", self.transactions.map(JSONValue.int) ?? .null),
            ("errors", .array(self.errors.map { $0.jsonValue() })),
        ])
    }

    /// Appends ``jsonValue()`` serialised, byte for byte as `jsonValue().write(to:indent:level:)`
    /// would, without building the value first.
    public func writeJSON(to out: inout [UInt8], indent: Int = 0, level: Int = 0) {
        var object = JSONObjectWriter(to: &out, indent: indent, level: level)
        object.add("file", .optional(self.file), to: &out)
        object.add("valid", .bool(self.valid), to: &out)
        object.add("messageType", .optional(self.messageType), to: &out)
        object.add("envelope", .optional(self.envelope?.name), to: &out)
        object.add("messageId", .optional(self.messageId), to: &out)
        object.add("transactions", self.transactions.map(JSONValue.int) ?? .null, to: &out)
        object.add("errors", .array(self.errors.map { $0.jsonValue() }), to: &out)
        object.finish(&out)
    }

    /// `OK file pacs.008.001.08 MsgId 3 tx` then one indented line per issue.
    public func textLines() -> [String] {
        var head = [self.valid ? "OK     " : "INVALID", self.file ?? "-", self.messageType ?? "-", self.messageId ?? "-"]
        head.append(self.transactions.map { "\($0) tx" } ?? "- tx")
        return [head.joined(separator: " ")] + self.errors.map { "    \($0)" }
    }
}
