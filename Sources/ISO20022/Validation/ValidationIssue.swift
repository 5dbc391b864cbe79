/// One reason a message is invalid: where, which rule, which ISO reason code, and why.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// 1-based source line, when known.
    public var line: Int?
    /// 1-based column, when known (well-formedness errors).
    public var column: Int?
    /// Element path, e.g. `/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt`.
    public var path: String?
    /// The rule id: `XML` (well-formedness), `LIMIT`, `XSD`, `MODEL`, or a business rule id from RULES.md.
    public var rule: String
    /// The ExternalStatusReason1Code a status report would carry for it (FF01 for format errors).
    public var reasonCode: String
    /// What is wrong, in one sentence.
    public var message: String

    public init(line: Int? = nil, column: Int? = nil, path: String? = nil, rule: String, reasonCode: String, message: String) {
        self.line = line
        self.column = column
        self.path = path
        self.rule = rule
        self.reasonCode = reasonCode
        self.message = message
    }

    /// `line:column path [rule] reasonCode message`, with `-` for unknown parts.
    public var description: String {
        let position = "\(self.line.map(String.init) ?? "-"):\(self.column.map(String.init) ?? "-")"
        return "\(position) \(self.path ?? "-") [\(self.rule)] \(self.reasonCode) \(self.message)"
    }

    /// The JSON object with exactly the keys `line`, `column`, `path`, `rule`, `reasonCode`, `message`.
    public func jsonValue() -> JSONValue {
        .object([
            ("line", self.line.map(JSONValue.int) ?? .null),
            ("column", self.column.map(JSONValue.int) ?? .null),
            ("path", .optional(self.path)),
            ("rule", .string(self.rule)),
            ("reasonCode", .string(self.reasonCode)),
            ("message", .string(self.message)),
        ])
    }
}
