import ISO20022
import Settlement

extension ConfigurationParser {
    /// Checks that need several sections: warns when there are no participants, when a route
    /// can never match because an earlier one takes all its payments, and when a settle route
    /// is for a currency no participant holds.
    mutating func crossCheck(participants: [ParsedParticipant], routes: [ParsedRoute], document: ConfigurationFields) {
        if document.has("participants"), participants.isEmpty, reader.errors.isEmpty {
            reader.warning("no participants: every payment will be rejected", at: document["participants"], key: "participants")
        }
        let currencies = Set(participants.flatMap { $0.participant.accounts.map(\.currency) })
        for (index, parsed) in routes.enumerated() {
            let route = parsed.route
            if let earlier = routes[..<index].first(where: { Self.covers($0.route.match, route.match) }) {
                let reason = earlier.route.match == RouteMatch() ? "matches every payment" : "has the same match"
                reader.warning("route '\(route.name)' can never match: the earlier route '\(earlier.route.name)' "
                               + "(line \(earlier.node.mark?.line ?? 0)) \(reason)", at: parsed.node, key: "routes[\(index)]")
            }
            if case .settle = route.action, let currency = route.match.currency, !participants.isEmpty,
               !currencies.contains(currency) {
                reader.warning("route '\(route.name)' settles \(currency), but no participant has a \(currency) account",
                               at: parsed.node, key: "routes[\(index)]")
            }
        }
    }

    /// `true` when every payment `later` matches is already taken by `earlier`: `earlier` is
    /// empty or identical (a cheap, certain subset of the full containment question).
    private static func covers(_ earlier: RouteMatch, _ later: RouteMatch) -> Bool {
        earlier == RouteMatch() || earlier == later
    }
}
