import Compliance
import Foundation
import ISO20022
import Logging
import Settlement

/// Everything the pipeline needs, opened once from a configuration.
///
/// Opening creates the data directories, opens the ledger and the gateway store, opens the
/// participants' accounts (idempotently: their opening balances are funded once) and one
/// settlement account per forwarding route and currency, and loads the sanctions lists (a
/// missing list is an error unless the configuration says `allowUnscreened: true`).
public final class GatewayRuntime: Sendable {
    public let configuration: GatewayConfiguration
    public let directories: DropDirectories
    public let ledger: Ledger
    public let store: GatewayStore
    public let reader: MessageReader
    public let routes: RouteTable
    public let statusReports: StatusReportBuilder
    public let forwards: ForwardBuilder
    public let messageIDs: MessageIDGenerator
    public let limits: LimitChecker
    public let policy: CorridorPolicy
    public let screening: PaymentScreening
    public let writer: DurableFileWriter
    public let archiver: Archiver
    public let logger: Logger
    /// Participant BIC11 → its accounts' currencies.
    let participants: [String: Set<String>]

    public init(configuration: GatewayConfiguration, logger: Logger = Logger(label: "corridor"),
                screening: PaymentScreening? = nil) throws {
        self.configuration = configuration
        self.logger = logger
        let root = configuration.gateway.dataDirectory
        self.directories = DropDirectories(root: root)
        try self.directories.create()
        self.ledger = try Ledger(directory: root.appendingPathComponent("ledger"))
        self.store = try GatewayStore(directory: root.appendingPathComponent("state"))
        self.reader = MessageReader()
        self.routes = RouteTable(configuration.routes)
        self.statusReports = StatusReportBuilder(gateway: configuration.gateway.bic)
        self.forwards = ForwardBuilder(gateway: configuration.gateway.bic)
        self.messageIDs = MessageIDGenerator(prefix: String(configuration.gateway.bic.rawValue.prefix(4)))
        self.writer = DurableFileWriter()
        self.archiver = Archiver(directories: self.directories, writer: self.writer)
        // Temporary files a crash left half-written are never renamed into place: clear those
        // of writers that no longer run, and any old ones. A daemon may be writing beside this
        // runtime (`corridor review`); its temporary files exist for milliseconds.
        var outputFolders = [self.directories.error]
        for parent in [self.directories.outbox, self.directories.outbound] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] {
                outputFolders.append(parent + "/" + name)
            }
        }
        for folder in outputFolders { _ = try? self.writer.removeAbandonedTemporaryFiles(in: folder, olderThan: 600) }
        self.policy = CorridorPolicy(embargoed: Set(configuration.screening.embargoedCountries))
        // Limit windows survive a restart: the usage the store recorded within the longest
        // window starts the in-memory windows again.
        let since = GatewayRuntime.limitUsageCutoff(longestWindowSeconds: LimitChecker.longestWindowSeconds(of: configuration.limits))
        let restored = try self.store.limitUsage(since: since).compactMap { row in
            ExactDecimal(row.amount).map {
                LimitUsageEntry(key: LimitWindow.Key(rawValue: row.key), amount: $0, at: Date(timeIntervalSince1970: Double(row.at) / 1000))
            }
        }
        self.limits = try LimitChecker(rules: configuration.limits, store: InMemoryLimitWindowStore(restoring: restored))
        if let screening {
            self.screening = screening
        } else {
            self.screening = try SanctionsScreening(settings: configuration.screening, logger: logger)
        }

        var accounts: [AccountSpec] = []
        var participants: [String: Set<String>] = [:]
        var currencies = Set<String>()
        for participant in configuration.participants {
            let bic = participant.bic.bic11
            for account in participant.accounts {
                let currency = account.currency.rawValue
                currencies.insert(currency)
                participants[bic, default: []].insert(currency)
                let units = account.currency.minorUnits ?? 0
                accounts.append(AccountSpec(
                    participant: bic, currency: currency,
                    minimumBalance: GatewayRuntime.minor(account.minimumBalance, units: units),
                    openingBalance: GatewayRuntime.minor(account.balance, units: units)))
            }
        }
        var nextAgents = Set<String>()
        for route in configuration.routes {
            guard case .forward(let nextAgent) = route.action, nextAgents.insert(nextAgent.bic11).inserted else { continue }
            for currency in currencies.sorted() where participants[nextAgent.bic11]?.contains(currency) != true {
                accounts.append(AccountSpec(participant: nextAgent.bic11, currency: currency))
            }
        }
        self.participants = participants
        _ = try self.ledger.createAccounts(accounts)
    }

    /// The ledger account that collects what is forwarded through a route: the next agent's.
    public static func routeAccount(_ nextAgent: BIC) -> String { nextAgent.bic11 }

    static func minor(_ amount: ExactDecimal, units: Int) -> Int64 {
        amount.withScale(units)?.significand ?? amount.rounded(scale: units, rule: .halfEven).significand
    }

    func isParticipant(_ bic: BIC?, currency: String) -> Bool {
        guard let bic else { return false }
        return self.participants[bic.bic11]?.contains(currency) ?? false
    }
}

extension GatewayRuntime {
    /// Deletes the recorded limit usage that no configured window reaches any more (all of it
    /// when no rule has a window). The daemon calls this now and then; a start reads only what
    /// the windows reach.
    public func pruneLimitUsage(now: Date = Date()) throws {
        try self.store.pruneLimitUsage(before: GatewayRuntime.limitUsageCutoff(longestWindowSeconds: self.limits.longestWindowSeconds, now: now))
    }

    /// The oldest time (milliseconds since 1970) the longest window still reaches.
    static func limitUsageCutoff(longestWindowSeconds: Int, now: Date = Date()) -> Int64 {
        Int64(now.timeIntervalSince1970 * 1000) - Int64(longestWindowSeconds) * 1000
    }
}
