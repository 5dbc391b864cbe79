import ISO20022
import Settlement
import Yams

extension ConfigurationParser {
    /// A participant read from the file, with its node for later messages.
    struct ParsedParticipant {
        var participant: Participant
        var node: Node
    }

    /// Reads `participants:`. Each participant needs a valid, unique BIC, a name and at least
    /// one account; each account a known currency (once per participant), a balance that is
    /// not negative, and a `minimumBalance` (default 0; negative for an intraday credit line)
    /// not above the balance.
    mutating func parseParticipants(_ document: ConfigurationFields) -> [ParsedParticipant] {
        guard document.has("participants") else {
            reader.warning("no participants section: no payment can be settled or forwarded",
                           at: document.node, key: "participants")
            return []
        }
        guard let items = reader.items(document, "participants") else { return [] }
        var parsed: [ParsedParticipant] = []
        var firstLineByBIC: [String: Int] = [:]
        for (node, path) in items {
            guard let fields = reader.fields(of: node, path: path, known: ["bic", "name", "accounts"]) else { continue }
            let bic = reader.bic(fields, "bic", required: true)
            if let bic {
                if let first = firstLineByBIC[bic.bic11] {
                    reader.error("participant \(bic) is already defined on line \(first)", at: fields["bic"], key: fields.path("bic"))
                } else {
                    firstLineByBIC[bic.bic11] = fields["bic"]?.mark?.line ?? 0
                }
            }
            let name = reader.text(fields, "name", required: true)
            let accounts = parseAccounts(fields)
            if let bic, let name, let accounts {
                parsed.append(ParsedParticipant(participant: Participant(bic: bic, name: name, accounts: accounts), node: node))
            }
        }
        return parsed
    }

    private mutating func parseAccounts(_ participant: ConfigurationFields) -> [Participant.Account]? {
        guard participant.has("accounts") else {
            reader.missing("accounts", in: participant, hint: "a participant needs at least one settlement account")
            return nil
        }
        guard let items = reader.items(participant, "accounts") else { return nil }
        guard !items.isEmpty else {
            reader.error("a participant needs at least one settlement account", at: participant["accounts"],
                         key: participant.path("accounts"))
            return nil
        }
        var accounts: [Participant.Account] = []
        var firstLineByCurrency: [CurrencyCode: Int] = [:]
        var complete = true
        for (node, path) in items {
            guard let fields = reader.fields(of: node, path: path, known: ["currency", "balance", "minimumBalance"]) else {
                complete = false
                continue
            }
            let currency = reader.currency(fields, "currency", required: true)
            if let currency {
                if let first = firstLineByCurrency[currency] {
                    reader.error("this participant already has a \(currency) account on line \(first)",
                                 at: fields["currency"], key: fields.path("currency"))
                    complete = false
                } else {
                    firstLineByCurrency[currency] = fields["currency"]?.mark?.line ?? 0
                }
            }
            let balance = reader.amount(fields, "balance", currency: currency, required: true)
            let minimum = fields.has("minimumBalance")
                ? reader.amount(fields, "minimumBalance", currency: currency, allowNegative: true) : .zero
            guard let currency, let balance, let minimum else {
                complete = false
                continue
            }
            if balance < minimum {
                reader.error("the balance \(balance) is below the minimumBalance \(minimum); the account would start in breach",
                             at: fields["minimumBalance"], key: fields.path("minimumBalance"))
                complete = false
            }
            accounts.append(Participant.Account(currency: currency, balance: balance, minimumBalance: minimum))
        }
        return complete ? accounts : nil
    }
}
