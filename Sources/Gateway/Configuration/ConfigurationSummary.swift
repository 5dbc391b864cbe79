import Compliance
import Foundation
import ISO20022
import Settlement

/// What `corridor config check` prints: the configuration as the gateway will use it, with
/// paths made absolute, routes in the order they are tried, limits in words and whether each
/// sanctions list exists.
public struct ConfigurationSummary: Sendable {
    /// A sanctions list path and what is there now.
    public struct ListStatus: Sendable, Hashable {
        /// The absolute path.
        public var url: URL
        /// `true` when a file or folder exists at the path.
        public var exists: Bool
        /// `true` when the path is a folder.
        public var isDirectory: Bool

        /// Creates a status.
        public init(url: URL, exists: Bool, isDirectory: Bool) {
            self.url = url
            self.exists = exists
            self.isDirectory = isDirectory
        }
    }

    /// The configuration summarised.
    public let configuration: GatewayConfiguration
    /// Each of `screening.lists`, in order, checked when the summary was made.
    public let lists: [ListStatus]

    /// Summarises `configuration`, looking at the file system for its sanctions lists.
    public init(_ configuration: GatewayConfiguration) {
        self.configuration = configuration
        lists = configuration.screening.lists.map { url in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            return ListStatus(url: url, exists: exists, isDirectory: exists && isDirectory.boolValue)
        }
    }

    /// `true` when every sanctions list exists.
    public var allListsExist: Bool { lists.allSatisfy(\.exists) }

    // MARK: Text

    /// The summary for a terminal: one section per part of the configuration.
    public func text() -> String {
        let config = configuration
        var lines = ["Configuration \(config.sourceFile)", "", "Gateway"]
        lines.append("  BIC        \(config.gateway.bic)")
        lines.append("  data       \(config.gateway.dataDirectory.path)")
        lines.append("  timeout    \(config.gateway.timeoutSeconds) s for forwarded payments")

        lines += ["", "Participants (\(config.participants.count))"]
        if config.participants.isEmpty { lines.append("  none") }
        for participant in config.participants {
            lines.append("  \(participant.bic)  \(participant.name)")
            for account in participant.accounts {
                var line = "    \(account.currency)  balance \(account.balance)"
                if !account.minimumBalance.isZero { line += ", minimum \(account.minimumBalance)" }
                lines.append(line)
            }
        }

        lines += ["", "Routes (first match wins)"]
        if config.routes.isEmpty { lines.append("  none: no payment matches a route") }
        for (index, route) in config.routes.enumerated() {
            lines.append("  \(index + 1). \(route.name): \(Self.words(route.match)) → \(Self.words(route.action, route: route.name))")
        }

        let screening = config.screening
        lines += ["", "Screening"]
        lines.append("  review at  \(screening.reviewThreshold), block at \(screening.blockThreshold)")
        lines.append("  on review  \(Self.words(screening.onReview))")
        let embargoed = screening.embargoedCountries.map(\.rawValue).joined(separator: ", ")
        lines.append("  embargoed  \(embargoed.isEmpty ? "none" : embargoed)")
        lines.append("  remittance information \(screening.screenRemittance ? "screened" : "not screened")")
        if lists.isEmpty {
            lines.append(screening.allowUnscreened
                ? "  lists      none: payments pass UNSCREENED (allowUnscreened: true)"
                : "  lists      none")
        } else {
            lines.append("  lists")
            for list in lists {
                let state = !list.exists ? "MISSING" : list.isDirectory ? "folder" : "file"
                lines.append("    \(list.url.path)  (\(state))")
            }
        }

        lines += ["", "Limits"]
        if config.limits.isEmpty { lines.append("  none") }
        for rule in config.limits { lines.append("  \(Self.words(rule))") }

        if !config.warnings.isEmpty {
            lines += ["", "Warnings"]
            lines += config.warnings.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A route's conditions in words: `currency EUR, country US` or `every payment`.
    static func words(_ match: RouteMatch) -> String {
        var parts: [String] = []
        if let agent = match.instructedAgent { parts.append("creditor agent \(agent)") }
        if let country = match.country { parts.append("country \(country)") }
        if let currency = match.currency { parts.append("currency \(currency)") }
        switch (match.minAmount, match.maxAmount) {
        case let (low?, high?): parts.append("amount \(low) to \(high)")
        case let (low?, nil): parts.append("amount from \(low)")
        case let (nil, high?): parts.append("amount up to \(high)")
        case (nil, nil): break
        }
        if let level = match.serviceLevel { parts.append("service level \(level)") }
        if let instrument = match.localInstrument { parts.append("local instrument \(instrument)") }
        return parts.isEmpty ? "every payment" : parts.joined(separator: ", ")
    }

    /// A route's action in words.
    static func words(_ action: Route.Action, route: String) -> String {
        switch action {
        case .settle:
            return "settle between participants"
        case .forward(let agent):
            return "forward to \(agent) via outbound/\(route)/"
        case .reject(let reason):
            let definition = ExternalCodeSets.definition(of: reason, in: .statusReason).map { ": \($0)" } ?? ""
            return "reject with \(reason)\(definition)"
        }
    }

    static func words(_ action: ScreeningSettings.ReviewAction) -> String {
        switch action {
        case .hold: return "hold (status PDNG until decided with `corridor review`)"
        case .reject: return "reject"
        case .pass: return "pass (the match is logged)"
        }
    }

    /// A limit rule in words, e.g. `EUR: at most 100000.00 per payment` or
    /// `EUR: each debtor agent at most 5000000.00 in total per 24h`.
    static func words(_ rule: LimitRule) -> String {
        var caps: [String] = []
        if let maxAmount = rule.maxAmount { caps.append("at most \(maxAmount) per payment") }
        if let seconds = rule.windowSeconds {
            var window: [String] = []
            if let maxTotal = rule.maxTotal { window.append("at most \(maxTotal) in total") }
            if let maxCount = rule.maxCount { window.append("at most \(maxCount) payment\(maxCount == 1 ? "" : "s")") }
            caps.append("\(window.joined(separator: " and ")) per \(WindowDuration.text(seconds: seconds))")
        }
        let who: String
        switch rule.scope {
        case .transaction: who = ""
        case .debtorAgent("*"): who = "each debtor agent "
        case .debtorAgent(let bic): who = "debtor agent \(bic) "
        case .debtorAccount: who = "each debtor account "
        }
        return "\(rule.currency): \(who)\(caps.joined(separator: ", "))"
    }

    // MARK: JSON

    /// The summary as JSON: amounts as exact strings, thresholds as numbers.
    public func json() -> JSONValue {
        let config = configuration
        let gateway: JSONValue = .object([
            ("bic", .string(config.gateway.bic.rawValue)),
            ("dataDirectory", .string(config.gateway.dataDirectory.path)),
            ("timeoutSeconds", .int(config.gateway.timeoutSeconds)),
        ])
        let participants: [JSONValue] = config.participants.map { participant in
            .object([
                ("bic", .string(participant.bic.rawValue)),
                ("name", .string(participant.name)),
                ("accounts", .array(participant.accounts.map { account in
                    .object([
                        ("currency", .string(account.currency.rawValue)),
                        ("balance", .string(account.balance.description)),
                        ("minimumBalance", .string(account.minimumBalance.description)),
                    ])
                })),
            ])
        }
        let routes: [JSONValue] = config.routes.map { Self.json($0) }
        let screening = config.screening
        let screeningJSON: JSONValue = .object([
            ("lists", .array(lists.map { list in
                .object([("path", .string(list.url.path)), ("exists", .bool(list.exists)),
                         ("directory", .bool(list.isDirectory))])
            })),
            ("reviewThreshold", .number(String(screening.reviewThreshold))),
            ("blockThreshold", .number(String(screening.blockThreshold))),
            ("embargoedCountries", .array(screening.embargoedCountries.map { .string($0.rawValue) })),
            ("onReview", .string(screening.onReview.rawValue)),
            ("allowUnscreened", .bool(screening.allowUnscreened)),
            ("screenRemittance", .bool(screening.screenRemittance)),
        ])
        let limits: [JSONValue] = config.limits.map { Self.json($0) }
        return .object([
            ("file", .string(config.sourceFile)),
            ("gateway", gateway),
            ("participants", .array(participants)),
            ("routes", .array(routes)),
            ("screening", screeningJSON),
            ("limits", .array(limits)),
            ("warnings", .array(config.warnings.map { .string($0.description) })),
        ])
    }

    private static func json(_ route: Route) -> JSONValue {
        let match = route.match
        var conditions: [(String, JSONValue)] = []
        if let agent = match.instructedAgent { conditions.append(("instructedAgent", .string(agent.text))) }
        if let country = match.country { conditions.append(("country", .string(country.rawValue))) }
        if let currency = match.currency { conditions.append(("currency", .string(currency.rawValue))) }
        if let low = match.minAmount { conditions.append(("minAmount", .string(low.description))) }
        if let high = match.maxAmount { conditions.append(("maxAmount", .string(high.description))) }
        if let level = match.serviceLevel { conditions.append(("serviceLevel", .string(level))) }
        if let instrument = match.localInstrument { conditions.append(("localInstrument", .string(instrument))) }
        var members: [(String, JSONValue)] = [("name", .string(route.name)), ("match", .object(conditions))]
        switch route.action {
        case .settle:
            members.append(("action", .string("settle")))
        case .forward(let agent):
            members += [("action", .string("forward")), ("nextAgent", .string(agent.rawValue)),
                        ("outbound", .string("outbound/\(route.name)/"))]
        case .reject(let reason):
            members += [("action", .string("reject")), ("reason", .string(reason))]
        }
        members.append(("description", .string("\(words(match)) → \(words(route.action, route: route.name))")))
        return .object(members)
    }

    private static func json(_ rule: LimitRule) -> JSONValue {
        var members: [(String, JSONValue)] = [("currency", .string(rule.currency.rawValue))]
        switch rule.scope {
        case .transaction: members.append(("scope", .string("transaction")))
        case .debtorAgent(let agent): members += [("scope", .string("debtorAgent")), ("debtorAgent", .string(agent))]
        case .debtorAccount: members.append(("scope", .string("debtorAccount")))
        }
        if let maxAmount = rule.maxAmount { members.append(("maxAmount", .string(maxAmount.description))) }
        if let seconds = rule.windowSeconds {
            members += [("window", .string(WindowDuration.text(seconds: seconds))), ("windowSeconds", .int(seconds))]
        }
        if let maxTotal = rule.maxTotal { members.append(("maxTotal", .string(maxTotal.description))) }
        if let maxCount = rule.maxCount { members.append(("maxCount", .int(maxCount))) }
        members.append(("description", .string(words(rule))))
        return .object(members)
    }
}
