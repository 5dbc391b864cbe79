import ISO20022

/// The ordered routing table: the first route whose ``RouteMatch`` holds decides a payment.
///
/// Order is significant, so put narrow routes (one creditor agent, a small-amount band) before
/// broad ones (a country, a catch-all). A table without a matching route returns `nil`; the
/// caller decides what an unroutable payment gets (usually a rejection with `AGNT` or `CNOR`).
public struct RouteTable: Sendable, Hashable {
    /// The routes, in the order they are tried.
    public var routes: [Route]

    /// Creates a table trying `routes` in order.
    public init(_ routes: [Route]) {
        self.routes = routes
    }

    /// The first route matching one transaction of a pacs.008, or `nil` when none does.
    ///
    /// - Parameters:
    ///   - tx: the transaction (`CdtTrfTxInf`).
    ///   - group: the group header of its message, for group-level payment type information.
    public func route(_ tx: CreditTransferTransaction39, group: GroupHeader93) -> Route? {
        self.routes.first { $0.match.matches(tx, group: group) }
    }
}
