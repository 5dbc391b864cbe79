import ISO20022

/// What is known of a message rejected as a whole (schema or rule failure): often only its
/// `MsgId`, its sender and maybe its type and creation time, read from an invalid tree.
public struct RejectedMessage: Sendable, Hashable {
    /// `GrpHdr/MsgId` (or AppHdr `BizMsgIdr`), when it could be read.
    public var messageId: String?
    /// E.g. `pacs.008.001.08`, when the namespace could be read.
    public var messageType: String?
    /// `GrpHdr/CreDtTm`, when it could be read and is a valid date-time.
    public var creationDateTime: ISODateTime?
    /// The AppHdr `Fr` or `GrpHdr/InstgAgt` BIC, when it could be read.
    public var sender: BIC?

    public init(messageId: String?, messageType: String? = nil, creationDateTime: ISODateTime? = nil, sender: BIC?) {
        self.messageId = messageId
        self.messageType = messageType
        self.creationDateTime = creationDateTime
        self.sender = sender
    }

    /// What a ``MessageReader`` reading tells of the message, valid or not.
    public init(_ reading: MessageReader.Reading) {
        self.init(messageId: reading.report.messageId, messageType: reading.report.messageType,
                  sender: reading.sender.map { BIC($0) })
        if let message = reading.message, case .creditTransfer(let document) = message.body {
            self.creationDateTime = document.fiToFICstmrCdtTrf.grpHdr.creDtTm
        }
    }
}
