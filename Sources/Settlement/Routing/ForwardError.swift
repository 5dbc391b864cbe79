/// Why a pacs.008 could not be built for the next agent.
public enum ForwardError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A new `MsgId` that is empty, over 35 characters or padded with white space.
    case invalidMessageId(String)
    /// The creditor agent is not identified by BIC, so the message cannot be addressed to it.
    case creditorAgentWithoutBIC(endToEndId: String)

    public var description: String {
        switch self {
        case .invalidMessageId(let id):
            return "'\(id)' cannot be a MsgId: it must be 1 to 35 characters without surrounding white space"
        case .creditorAgentWithoutBIC(let endToEndId):
            return "the creditor agent of EndToEndId \(endToEndId) has no BIC to address the message to"
        }
    }
}
