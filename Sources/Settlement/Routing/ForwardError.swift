/// Why a pacs.008 could not be built for the next agent.
public enum ForwardError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A new `MsgId` that is empty, over 35 characters or padded with white space.
    case invalidMessageId(String)
    /// The creditor agent is not identified by BIC, so the message cannot be addressed to it.
    case creditorAgentWithoutBIC(endToEndId: String)
    /// No transaction to send.
    case noTransactions
    /// The transactions are in more than one currency (or their sum does not fit), so the
    /// group total cannot be given.
    case mixedCurrencies

    public var description: String {
        switch self {
        case .invalidMessageId(let id):
            return "'\(id)' cannot be a MsgId: it must be 1 to 35 characters without surrounding white space"
        case .creditorAgentWithoutBIC(let endToEndId):
            return "the creditor agent of EndToEndId \(endToEndId) has no BIC to address the message to"
        case .noTransactions:
            return "a pacs.008 needs at least one transaction"
        case .mixedCurrencies:
            return "the transactions of one pacs.008 must share a currency for its group total"
        }
    }
}
