import Foundation
import ISO20022

/// Where and when an identifier was first seen: the pointer a duplicate rejection gives, and
/// what the gateway needs to answer a true replay with the status it already sent.
public struct DuplicateOccurrence: Sendable, Hashable {
    /// `GrpHdr/MsgId` of the message that first carried the identifier.
    public var messageId: String
    /// The sender of that message.
    public var sender: BIC?
    /// The element that first carried it: the transaction
    /// (`/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[n]`), or the group header for a message id.
    public var path: String
    /// When the gateway first saw it.
    public var firstSeen: Date
    /// The caller's digest of the whole message, when given; equal fingerprints mean the same
    /// message was sent again (a replay) rather than a new message reusing an identifier.
    public var fingerprint: String?

    public init(messageId: String, sender: BIC?, path: String, firstSeen: Date, fingerprint: String? = nil) {
        self.messageId = messageId
        self.sender = sender
        self.path = path
        self.firstSeen = firstSeen
        self.fingerprint = fingerprint
    }
}
