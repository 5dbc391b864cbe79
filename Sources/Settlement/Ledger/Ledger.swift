import Foundation
import GRDB

/// The settlement ledger: prefunded accounts per participant and currency, and the immutable
/// transfers between them, stored durably in SQLite.
///
/// The model follows TigerBeetle: a transfer is recorded once under its idempotency key
/// (``TransferID``) and never changes; a reservation holds funds until it is posted, voided or
/// expired, exactly once; an account's available funds (`balance - pendingDebits`) never fall
/// below its minimum balance, checked in the same transaction that moves them.
///
/// Funding comes from one system account per currency (participant ``systemParticipant``),
/// created with the first account in that currency and allowed to go negative: its balance is
/// minus the funds in the participants' accounts. Every transfer debits one account and credits
/// another by the same amount, so in each currency the balances sum to zero at all times, and
/// pending debits sum to pending credits.
///
/// ## Durability
/// The database runs in WAL mode with `synchronous = FULL`: each commit syncs the write-ahead
/// log to stable storage before it returns, so a result handed back to a caller survives a
/// power loss or kernel crash. (`NORMAL`, GRDB's default for WAL, syncs only at checkpoints: it
/// keeps the database consistent but may lose the last commits on power loss, which a
/// settlement agent cannot accept once it has told a participant that a payment settled.)
/// Throughput comes from group commit instead: ``apply(_:)`` applies many operations in one
/// transaction, and ``LedgerCommitter`` gathers concurrent callers into such batches.
///
/// All writes go through one serial writer connection; reads use separate WAL reader
/// connections and see the last committed state. `Ledger` is `Sendable`: its state is the
/// database, guarded by GRDB's `DatabasePool`.
public final class Ledger: Sendable {
    /// The participant name of each currency's system account (not a valid BIC, so it cannot
    /// clash with a participant).
    public static let systemParticipant = "SYSTEM"

    /// The file name of the database inside the data directory.
    public static let databaseFileName = "ledger.sqlite"

    /// The database file.
    public let databaseURL: URL

    private let pool: DatabasePool
    private let clock: @Sendable () -> Date

    /// Opens (creating and migrating if needed) the ledger stored in `directory`.
    ///
    /// - Parameters:
    ///   - directory: The data directory; created if missing.
    ///   - clock: The source of transfer timestamps, replaceable in tests.
    public init(directory: URL, clock: @escaping @Sendable () -> Date = { Date() }) throws(LedgerError) {
        self.databaseURL = directory.appendingPathComponent(Self.databaseFileName)
        self.clock = clock
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.label = "Corridor.Ledger"
            // Other commands (`corridor review`, `corridor ledger`) open the ledger beside a
            // running daemon: wait for a lock rather than failing with SQLITE_BUSY.
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA cache_size = -65536")  // 64 MiB page cache per connection
            }
            pool = try DatabasePool(path: databaseURL.path, configuration: configuration)
            // GRDB switches the pool to WAL with synchronous = NORMAL when it opens it; commits
            // must be durable, so the writer connection (the only one that commits) gets FULL.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try LedgerSchema.migrator.migrate(pool)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .storage(context: "opening \(databaseURL.path)", message: "\(error)")
        }
    }

    /// The SQLite settings that decide durability, as reported by the writer connection:
    /// `journalMode` (expected `"wal"`) and `synchronous` (expected `2`, FULL).
    public func durabilitySettings() throws(LedgerError) -> (journalMode: String, synchronous: Int) {
        try write("reading durability settings") { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?"
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            return (mode, synchronous)
        }
    }

    // MARK: Accounts

    /// Opens the accounts in `specs`, with their opening balances funded from the currency's
    /// system account, in one transaction, and returns their balances.
    ///
    /// Opening an account that exists with the same minimum balance is a no-op apart from the
    /// funding, whose transfer id (`opening/<participant>/<currency>`) makes it happen once.
    ///
    /// - Throws: ``LedgerError/invalidParticipant(_:)``, ``LedgerError/invalidCurrency(_:)``,
    ///   ``LedgerError/invalidOpeningBalance(participant:currency:amount:)``,
    ///   ``LedgerError/accountConflict(participant:currency:existingMinimum:requestedMinimum:)``,
    ///   or ``LedgerError/rejected(_:)`` if an opening balance cannot be funded; nothing is
    ///   committed then.
    @discardableResult
    public func createAccounts(_ specs: [AccountSpec]) throws(LedgerError) -> [AccountBalance] {
        for spec in specs {
            guard AccountKey.isValidParticipant(spec.participant) else { throw .invalidParticipant(spec.participant) }
            guard AccountKey.isValidCurrency(spec.currency) else { throw .invalidCurrency(spec.currency) }
            guard spec.openingBalance >= 0 else {
                throw .invalidOpeningBalance(participant: spec.participant, currency: spec.currency, amount: spec.openingBalance)
            }
        }
        let now = LedgerTimestamp.microseconds(clock())
        return try write("creating accounts") { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO account (participant, currency, minimumBalance) VALUES (?, ?, ?)
                ON CONFLICT (participant, currency) DO NOTHING
                """)
            let existing = try db.cachedStatement(sql: "SELECT minimumBalance FROM account WHERE participant = ? AND currency = ?")
            for currency in Set(specs.map(\.currency)) {
                try insert.execute(arguments: [Self.systemParticipant, currency, nil])
            }
            // A new account starts at 0, so a positive minimum is set only after its opening
            // funding (the balance check would refuse the empty account otherwise).
            var raiseMinimum: [AccountSpec] = []
            for spec in specs {
                try insert.execute(arguments: [spec.participant, spec.currency, Swift.min(spec.minimumBalance, 0)])
                if db.changesCount > 0 {
                    if spec.minimumBalance > 0 { raiseMinimum.append(spec) }
                } else {
                    let minimum = try Int64.fetchOne(existing, arguments: [spec.participant, spec.currency])
                    if minimum != spec.minimumBalance {
                        throw LedgerError.accountConflict(
                            participant: spec.participant, currency: spec.currency, existingMinimum: minimum ?? 0,
                            requestedMinimum: spec.minimumBalance)
                    }
                }
            }
            var batch = try LedgerBatch(db: db, now: now)
            for spec in specs where spec.openingBalance > 0 {
                let id = TransferID(trusted: "opening/\(spec.participant)/\(spec.currency)")
                let outcome = try batch.apply(
                    .fund(id: id, participant: spec.participant, currency: spec.currency, amount: spec.openingBalance))
                if let rejection = outcome.rejection { throw LedgerError.rejected(rejection) }
            }
            try batch.flush()
            for spec in raiseMinimum {
                try db.execute(sql: "UPDATE account SET minimumBalance = ? WHERE participant = ? AND currency = ?",
                               arguments: [spec.minimumBalance, spec.participant, spec.currency])
            }
            return try specs.map { spec in
                guard let balance = try Self.balance(participant: spec.participant, currency: spec.currency, in: db) else {
                    throw DatabaseError(message: "account \(spec.participant) \(spec.currency) vanished after insertion")
                }
                return balance
            }
        }
    }

    /// The balances of every account, system accounts included, ordered by currency then participant.
    public func balances() throws(LedgerError) -> [AccountBalance] {
        try read("reading balances") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT participant, currency, balance, pendingDebits, pendingCredits, minimumBalance
                    FROM account ORDER BY currency, participant
                    """
            ).map(Self.decodeBalance)
        }
    }

    /// The balance of one account, or `nil` if it does not exist.
    public func balance(participant: String, currency: String) throws(LedgerError) -> AccountBalance? {
        try read("reading the balance of \(participant) \(currency)") { db in
            try Self.balance(participant: participant, currency: currency, in: db)
        }
    }

    // MARK: Transfers

    /// Settles `request` at once. A replay of a recorded id with the same fields returns the
    /// recorded transfer.
    ///
    /// - Throws: ``LedgerError/rejected(_:)`` with the reason (e.g. insufficient funds), or
    ///   ``LedgerError/storage(context:message:)``.
    @discardableResult
    public func settle(_ request: TransferRequest) throws(LedgerError) -> Transfer {
        try single(.settle(request))
    }

    /// Funds `participant` from the currency's system account (see ``LedgerOperation/fund(id:participant:currency:amount:)``).
    @discardableResult
    public func fund(id: TransferID, participant: String, currency: String, amount: Int64) throws(LedgerError) -> Transfer {
        try single(.fund(id: id, participant: participant, currency: currency, amount: amount))
    }

    /// Reserves the funds of `request` on its debit account; the result is a pending transfer.
    @discardableResult
    public func reserve(_ request: TransferRequest) throws(LedgerError) -> Transfer {
        try single(.reserve(request))
    }

    /// Posts the reservation `pendingID`: the held funds move to the credit account.
    ///
    /// - Throws: ``LedgerError/rejected(_:)`` with ``LedgerRejection/alreadyResolved(_:state:)``
    ///   if it was posted, voided or expired before, or ``LedgerRejection/unknownTransfer(_:)``.
    @discardableResult
    public func post(_ pendingID: TransferID) throws(LedgerError) -> Transfer {
        try single(.post(pendingID: pendingID))
    }

    /// Voids the reservation `pendingID`: the held funds are released.
    @discardableResult
    public func void(_ pendingID: TransferID) throws(LedgerError) -> Transfer {
        try single(.void(pendingID: pendingID))
    }

    /// Expires every reservation still open that was created before `cutoff`, releasing its
    /// funds, and returns them (state ``Transfer/State/expired``) in creation order.
    @discardableResult
    public func expire(olderThan cutoff: Date) throws(LedgerError) -> [Transfer] {
        let now = LedgerTimestamp.microseconds(clock())
        let before = LedgerTimestamp.microseconds(cutoff)
        return try write("expiring reservations") { db in
            var batch = try LedgerBatch(db: db, now: now)
            let expired = try batch.expire(before: before)
            try batch.flush()
            return expired
        }
    }

    /// Applies `operations` in order in one transaction, and returns one outcome per operation
    /// once the transaction is durable.
    ///
    /// Each operation sees the effects of those before it. A refused operation becomes a
    /// ``LedgerOutcome/rejected(_:)`` outcome and does not affect the others.
    ///
    /// - Throws: ``LedgerError/storage(context:message:)`` if the database fails; then nothing
    ///   of the batch is committed.
    public func apply(_ operations: [LedgerOperation]) throws(LedgerError) -> [LedgerOutcome] {
        let now = LedgerTimestamp.microseconds(clock())
        return try write("applying \(operations.count) operations") { db in
            try Self.apply(operations, in: db, now: now)
        }
    }

    /// Like ``apply(_:)``, but suspends instead of blocking while the transaction runs on the
    /// ledger's writer thread.
    public func apply(_ operations: [LedgerOperation]) async throws(LedgerError) -> [LedgerOutcome] {
        let now = LedgerTimestamp.microseconds(clock())
        do {
            return try await pool.write { db in try Self.apply(operations, in: db, now: now) }
        } catch {
            throw .storage(context: "applying \(operations.count) operations", message: "\(error)")
        }
    }

    /// The most recent transfers, newest first.
    public func transfers(limit: Int) throws(LedgerError) -> [Transfer] {
        try read("reading transfers") { db in
            try Row.fetchAll(
                db, sql: "SELECT \(LedgerBatch.transferColumns) ORDER BY t.seq DESC LIMIT ?", arguments: [max(0, limit)]
            ).map(LedgerBatch.decodeTransfer)
        }
    }

    /// The transfer recorded under `id`, or `nil`.
    public func transfer(id: TransferID) throws(LedgerError) -> Transfer? {
        try read("reading transfer \(id)") { db in try LedgerBatch.transfer(id: id, in: db) }
    }

    // MARK: Helpers

    private static func apply(_ operations: [LedgerOperation], in db: Database, now: Int64) throws -> [LedgerOutcome] {
        var batch = try LedgerBatch(db: db, now: now)
        var outcomes: [LedgerOutcome] = []
        outcomes.reserveCapacity(operations.count)
        for operation in operations {
            outcomes.append(try batch.apply(operation))
        }
        try batch.flush()
        return outcomes
    }

    private func single(_ operation: LedgerOperation) throws(LedgerError) -> Transfer {
        let outcome = try apply([operation])[0]
        switch outcome {
        case .applied(let transfer), .replayed(let transfer): return transfer
        case .rejected(let rejection): throw .rejected(rejection)
        }
    }

    private static func balance(participant: String, currency: String, in db: Database) throws -> AccountBalance? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT participant, currency, balance, pendingDebits, pendingCredits, minimumBalance
                FROM account WHERE participant = ? AND currency = ?
                """,
            arguments: [participant, currency]
        ).map(decodeBalance)
    }

    private static func decodeBalance(_ row: Row) -> AccountBalance {
        AccountBalance(
            participant: row[0], currency: row[1], balance: row[2], pendingDebits: row[3], pendingCredits: row[4],
            minimumBalance: row[5])
    }

    private func write<T: Sendable>(_ context: @autoclosure () -> String, _ body: @Sendable (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try pool.write(body)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .storage(context: context(), message: "\(error)")
        }
    }

    private func read<T: Sendable>(_ context: @autoclosure () -> String, _ body: @Sendable (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw .storage(context: context(), message: "\(error)")
        }
    }
}
