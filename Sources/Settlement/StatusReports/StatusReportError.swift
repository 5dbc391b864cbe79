/// Why a status report could not be built. Each case carries what is
/// needed to find the offending input.
public enum StatusReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The number of outcomes differs from the number of transactions in the original.
    case outcomeCountMismatch(originalMessageId: String, transactions: Int, outcomes: Int)
    /// The original message has no transaction to report on.
    case noTransactions(originalMessageId: String)
    /// The message given as the original is not a pacs.008.
    case notACreditTransfer(messageType: String)
    /// No recipient was given and the original names no sender or instructing agent by BIC.
    case unknownRecipient(originalMessageId: String)
    /// A new `MsgId` that is empty, over 35 characters or padded with white space.
    case invalidMessageId(String)
    /// A status the gateway does not write (see ``TransactionStatus/writable``).
    case unsupportedStatus(String, transaction: Int)
    /// A reason that is not an ExternalStatusReason1Code.
    case unknownReasonCode(String, transaction: Int?)
    /// A rejection without a reason code.
    case rejectionWithoutReason(endToEndId: String, transaction: Int)

    public var description: String {
        switch self {
        case .outcomeCountMismatch(let id, let transactions, let outcomes):
            return "message \(id) has \(transactions) transaction(s) but \(outcomes) outcome(s) were given"
        case .noTransactions(let id):
            return "message \(id) has no transaction to report on"
        case .notACreditTransfer(let type):
            return "a \(type) message is not a credit transfer to report on"
        case .unknownRecipient(let id):
            return "message \(id) names no sender or instructing agent by BIC to send the report to"
        case .invalidMessageId(let id):
            return "'\(id)' cannot be a MsgId: it must be 1 to 35 characters without surrounding white space"
        case .unsupportedStatus(let status, let index):
            let allowed = TransactionStatus.writable.sorted().joined(separator: ", ")
            return "transaction \(index + 1): status '\(status)' is not one the gateway writes (\(allowed))"
        case .unknownReasonCode(let code, let index):
            let place = index.map { "transaction \($0 + 1): " } ?? ""
            return "\(place)reason '\(code)' is not an ExternalStatusReason1Code"
        case .rejectionWithoutReason(let endToEndId, let index):
            return "transaction \(index + 1) (EndToEndId \(endToEndId)) is rejected without a reason code"
        }
    }
}
