import ISO20022
import Settlement
import Yams

extension ConfigurationParser {
    /// A route read from the file, with its node for later messages.
    struct ParsedRoute {
        var route: Route
        var node: Node
    }

    /// The `action` values of a route.
    private enum ActionName: String, CaseIterable {
        case settle, forward, reject
    }

    /// The keys of a route's `match`.
    static let matchKeys = [
        "instructedAgent", "country", "currency", "minAmount", "maxAmount", "serviceLevel", "localInstrument",
    ]

    /// Reads `routes:`. Each route needs a unique name usable as a folder name (forwards are
    /// written to `outbound/<name>/`), a `match` (absent or empty matches every payment) and an
    /// `action`; `forward` needs `nextAgent`, `reject` needs a `reason` from
    /// ExternalStatusReason1Code, and neither key is allowed with another action.
    mutating func parseRoutes(_ document: ConfigurationFields) -> [ParsedRoute] {
        guard document.has("routes") else {
            reader.warning("no routes section: no payment matches a route", at: document.node, key: "routes")
            return []
        }
        guard let items = reader.items(document, "routes") else { return [] }
        var parsed: [ParsedRoute] = []
        var firstLineByName: [String: Int] = [:]
        for (node, path) in items {
            guard let fields = reader.fields(
                of: node, path: path, known: ["name", "match", "action", "nextAgent", "reason"]) else { continue }
            let name = reader.text(fields, "name", required: true)
            if let name {
                if !Self.isFolderName(name) {
                    reader.error("'\(name)' cannot be a folder name under outbound/; use letters, digits, '-', '_' and '.', "
                                 + "starting with a letter or digit (at most 64 characters)",
                                 at: fields["name"], key: fields.path("name"))
                } else if let first = firstLineByName[name.lowercased()] {
                    reader.error("a route named '\(name)' is already defined on line \(first)",
                                 at: fields["name"], key: fields.path("name"))
                } else {
                    firstLineByName[name.lowercased()] = fields["name"]?.mark?.line ?? 0
                }
            }
            let match = fields["match"].map { parseMatch($0, path: fields.path("match")) } ?? RouteMatch()
            let action = parseAction(fields)
            if let name, let match, let action {
                parsed.append(ParsedRoute(route: Route(name: name, match: match, action: action), node: node))
            }
        }
        return parsed
    }

    private mutating func parseAction(_ fields: ConfigurationFields) -> Route.Action? {
        guard fields.has("action") else {
            reader.missing("action", in: fields, hint: "use settle, forward or reject")
            return nil
        }
        guard let name = reader.choice(fields, "action", as: ActionName.self) else { return nil }
        let extra: [String]
        switch name {
        case .settle: extra = ["nextAgent", "reason"]
        case .forward: extra = ["reason"]
        case .reject: extra = ["nextAgent"]
        }
        for key in extra where fields.has(key) {
            let belongs = key == "nextAgent" ? "forward" : "reject"
            reader.error("'\(key)' is only for action \(belongs), not \(name.rawValue)", at: fields[key], key: fields.path(key))
        }
        switch name {
        case .settle:
            return extra.contains(where: fields.has) ? nil : .settle
        case .forward:
            guard fields.has("nextAgent") else {
                reader.missing("nextAgent", in: fields, hint: "a forward route needs the BIC of the next agent")
                return nil
            }
            guard let agent = reader.bic(fields, "nextAgent") else { return nil }
            return fields.has("reason") ? nil : .forward(nextAgent: agent)
        case .reject:
            guard fields.has("reason") else {
                reader.missing("reason", in: fields, hint: "a reject route needs an ExternalStatusReason1Code such as AG01")
                return nil
            }
            guard let reason = reader.text(fields, "reason") else { return nil }
            guard ExternalCodeSets.contains(reason, in: .statusReason) else {
                var message = "'\(reason)' is not an ExternalStatusReason1Code (e.g. AG01 transaction forbidden, RR04 regulatory reason)"
                if ExternalCodeSets.contains(reason.uppercased(), in: .statusReason) {
                    message = "'\(reason)': status reason codes are upper case: \(reason.uppercased())"
                }
                reader.error(message, at: fields["reason"], key: fields.path("reason"))
                return nil
            }
            return fields.has("nextAgent") ? nil : .reject(reason: reason)
        }
    }

    private mutating func parseMatch(_ node: Node, path: String) -> RouteMatch? {
        let errorsBefore = reader.errors.count
        guard let fields = reader.fields(of: node, path: path, known: Self.matchKeys) else { return nil }
        var match = RouteMatch()
        if let text = reader.text(fields, "instructedAgent") {
            if let pattern = BICPattern(text) {
                match.instructedAgent = pattern
            } else {
                reader.error("'\(text)' is not a BIC pattern; write a BIC (BANKDEFFXXX), a BIC8 for any branch (BANKDEFF) "
                             + "or a prefix ending in '*' (BANKDE*)",
                             at: fields["instructedAgent"], key: fields.path("instructedAgent"))
            }
        }
        if let text = reader.text(fields, "country") {
            match.country = reader.country(text, at: fields["country"], path: fields.path("country"))
        }
        match.currency = reader.currency(fields, "currency")
        match.minAmount = reader.amount(fields, "minAmount", currency: match.currency)
        match.maxAmount = reader.amount(fields, "maxAmount", currency: match.currency)
        if let low = match.minAmount, let high = match.maxAmount, low > high {
            reader.error("minAmount \(low) is above maxAmount \(high); no payment could match",
                         at: fields["maxAmount"], key: fields.path("maxAmount"))
        }
        match.serviceLevel = parseCode(fields, "serviceLevel", in: .serviceLevel)
        match.localInstrument = parseCode(fields, "localInstrument", in: .localInstrument)
        return reader.errors.count == errorsBefore ? match : nil
    }

    /// A code of at most 4 characters; one missing from the external code set is only a
    /// warning, since newer or community codes may be in use.
    private mutating func parseCode(_ fields: ConfigurationFields, _ key: String, in set: ExternalCodeSet) -> String? {
        guard let code = reader.text(fields, key) else { return nil }
        guard code.count <= 4 else {
            reader.error("'\(code)' is longer than the 4 characters of a \(set.isoName)", at: fields[key], key: fields.path(key))
            return nil
        }
        if !ExternalCodeSets.contains(code, in: set) {
            reader.warning("'\(code)' is not in the \(set.isoName) list; check the spelling", at: fields[key],
                           key: fields.path(key))
        }
        return code
    }

    /// `true` for a safe single folder name: `[A-Za-z0-9][A-Za-z0-9._-]{0,63}`.
    static func isFolderName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 64 else { return false }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        return isAlphanumeric(first) && bytes.allSatisfy { isAlphanumeric($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F }
    }
}
