import Foundation
import GRDB
import Settlement

/// The gateway's durable memory: payments, their audit trail, inputs seen, and statistics.
///
/// SQLite in WAL mode with `synchronous = FULL` (each commit reaches the disk before it
/// returns), next to the ledger in the data directory. Every batch of the pipeline writes in one
/// transaction, so durability costs one flush per batch, not per payment.
public final class GatewayStore: Sendable {
    private let pool: DatabasePool

    public init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.label = "Corridor.GatewayStore"
        // `corridor review` and `corridor stats` open the store beside a running daemon: wait
        // for a lock rather than failing a group's commit with SQLITE_BUSY.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -32768")  // 32 MiB: a day's payments and their indexes stay in memory
        }
        self.pool = try DatabasePool(path: directory.appendingPathComponent("gateway.sqlite").path, configuration: configuration)
        // GRDB turns the pool to WAL with synchronous = NORMAL after `prepareDatabase` has run, so
        // a commit would reach the disk only at the next checkpoint. The writer connection (the
        // only one that commits) must flush every commit: statuses, deadlines and the inputs seen
        // are what a rerun after a power cut relies on.
        try self.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try GatewayStore.migrator.migrate(self.pool)
    }

    /// The writer's `journal_mode` (expected `"wal"`), `synchronous` (expected `2`, FULL) and
    /// `busy_timeout` in milliseconds.
    public func durabilitySettings() throws -> (journalMode: String, synchronous: Int, busyTimeout: Int) {
        try self.pool.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?", try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
             try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? -1)
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE payment (
                    transferID TEXT PRIMARY KEY NOT NULL,
                    uetr TEXT, messageId TEXT NOT NULL, sender TEXT, instructingAgent TEXT,
                    endToEndId TEXT NOT NULL, txId TEXT, instrId TEXT, debtorAgent TEXT, creditorAgent TEXT,
                    currency TEXT NOT NULL, amount TEXT NOT NULL, route TEXT, action TEXT NOT NULL,
                    status TEXT NOT NULL, reason TEXT, narrative TEXT,
                    inputName TEXT NOT NULL, inputDigest TEXT NOT NULL, transactionIndex INTEGER NOT NULL,
                    receivedAt INTEGER NOT NULL, updatedAt INTEGER NOT NULL, deadline INTEGER,
                    routeAcknowledged INTEGER NOT NULL DEFAULT 0, forwardMessageId TEXT,
                    fingerprint TEXT NOT NULL, latencyMicros INTEGER
                );
                CREATE INDEX payment_uetr ON payment(uetr);
                CREATE INDEX payment_message ON payment(messageId);
                CREATE INDEX payment_e2e ON payment(endToEndId);
                CREATE INDEX payment_agent_tx ON payment(instructingAgent, endToEndId, txId);
                CREATE INDEX payment_forward ON payment(forwardMessageId);
                CREATE INDEX payment_deadline ON payment(deadline) WHERE deadline IS NOT NULL;
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    transferID TEXT, messageId TEXT, at INTEGER NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL
                );
                CREATE INDEX event_transfer ON event(transferID);
                CREATE INDEX event_message ON event(messageId);
                CREATE TABLE input (
                    digest TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, firstSeen INTEGER NOT NULL,
                    kind TEXT NOT NULL, latencyMicros INTEGER
                );
                CREATE TABLE message (
                    sender TEXT NOT NULL, messageId TEXT NOT NULL, inputDigest TEXT NOT NULL, firstSeen INTEGER NOT NULL,
                    PRIMARY KEY (sender, messageId)
                );
                """)
        }
        migrator.registerMigration("v2-stages") { db in
            try db.execute(sql: """
                CREATE TABLE stage (at INTEGER NOT NULL, stage TEXT NOT NULL, micros INTEGER NOT NULL, files INTEGER NOT NULL);
                CREATE INDEX stage_name ON stage(stage);
                """)
        }
        migrator.registerMigration("v3-resolved-by") { db in
            try db.execute(sql: "ALTER TABLE payment ADD COLUMN resolvedBy TEXT")
        }
        migrator.registerMigration("v4-limit-usage") { db in
            try db.execute(sql: """
                CREATE TABLE limit_usage (key TEXT NOT NULL, at INTEGER NOT NULL, amount TEXT NOT NULL);
                CREATE INDEX limit_usage_at ON limit_usage(at);
                """)
        }
        // Fewer index entries per accepted payment. Two indexes held nothing useful for most
        // payments: forward MsgIds (NULL unless forwarded) and the MsgId of events that belong
        // to a transaction (found by their transfer id); partial indexes skip them. And the
        // EndToEndId index is the duplicate check's index with its columns reordered: one index
        // with EndToEndId first serves both.
        migrator.registerMigration("v5-fewer-index-entries") { db in
            try db.execute(sql: """
                DROP INDEX payment_forward;
                CREATE INDEX payment_forward ON payment(forwardMessageId) WHERE forwardMessageId IS NOT NULL;
                DROP INDEX event_message;
                CREATE INDEX event_message ON event(messageId) WHERE transferID IS NULL;
                DROP INDEX payment_e2e;
                DROP INDEX payment_agent_tx;
                CREATE INDEX payment_e2e_agent_tx ON payment(endToEndId, instructingAgent, txId);
                """)
        }
        // A payment's transfer id is its UETR whenever it has one, so the UETR index repeated the
        // primary key for nearly every row: one more random-order insert per payment, each
        // dirtying a page of its own in the write-ahead log. It keeps only the rows whose id
        // differs (duplicates recorded under `dup:` ids); look-ups by UETR search both.
        migrator.registerMigration("v6-uetr-only-where-not-the-id") { db in
            try db.execute(sql: """
                DROP INDEX payment_uetr;
                CREATE INDEX payment_uetr ON payment(uetr) WHERE transferID <> uetr;
                """)
        }
        return migrator
    }

    // MARK: Reads

    /// The limit usage recorded since `since` (milliseconds since 1970), oldest first, for the
    /// windows a restart restores.
    public func limitUsage(since: Int64) throws -> [(key: String, at: Int64, amount: String)] {
        try self.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT key, at, amount FROM limit_usage WHERE at >= ? ORDER BY at", arguments: [since]).map {
                (key: $0["key"], at: $0["at"], amount: $0["amount"])
            }
        }
    }

    /// Deletes the limit usage recorded before `before` (milliseconds since 1970), which no
    /// window reaches any more.
    public func pruneLimitUsage(before: Int64) throws {
        try self.pool.write { db in
            try db.execute(sql: "DELETE FROM limit_usage WHERE at < ?", arguments: [before])
        }
    }

    /// Payments by UETR, MsgId or EndToEndId (the `payments show` lookup).
    public func payments(matching id: String) throws -> [PaymentRecord] {
        try self.pool.read { db in
            try Row.fetchAll(db, sql: GatewayStore.matchingQuery, arguments: [id]).map(GatewayStore.record)
        }
    }

    /// A UETR is found by the primary key (a payment's id is its UETR) or, for the rows
    /// recorded under another id, by the partial UETR index, whose condition the query repeats.
    private static let matchingQuery = """
        SELECT * FROM payment WHERE transferID = ?1 OR (uetr = ?1 AND transferID <> uetr) OR messageId = ?1
            OR endToEndId = ?1 OR forwardMessageId = ?1 ORDER BY receivedAt, transactionIndex
        """

    /// SQLite's plan for ``payments(matching:)``, one line per step (`SEARCH ...`, `SCAN ...`).
    func lookupPlan() throws -> [String] {
        try self.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + GatewayStore.matchingQuery, arguments: ["x"]).map { $0["detail"] as String }
        }
    }

    /// The forward a route's status report answers: by forward MsgId and TxId or InstrId.
    public func forwardedPayment(forwardMessageId: String, txId: String?, instrId: String?) throws -> PaymentRecord? {
        try self.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM payment WHERE forwardMessageId = ?", arguments: [forwardMessageId])
                .map(GatewayStore.record)
                .first { ($0.txId != nil && $0.txId == txId) || ($0.instrId != nil && $0.instrId == instrId) || (txId == nil && instrId == nil) }
        }
    }

    /// Forwards still waiting for their route whose deadline has passed.
    public func overdueForwards(now: Int64) throws -> [PaymentRecord] {
        try self.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM payment WHERE deadline IS NOT NULL AND deadline <= ? AND status = 'ACSP'",
                             arguments: [now]).map(GatewayStore.record)
        }
    }

    public func heldPayments() throws -> [PaymentRecord] {
        try self.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM payment WHERE action = 'hold' AND status = 'PDNG' ORDER BY receivedAt")
                .map(GatewayStore.record)
        }
    }

    /// The events of the given transactions, and those of the given messages as a whole (the
    /// events of a message that name no transaction), in time order.
    public func events(transferIDs: [String], messageIds: [String]) throws -> [PaymentEvent] {
        try self.pool.read { db in
            let ids = transferIDs.isEmpty ? [""] : transferIDs
            let messages = messageIds.isEmpty ? [""] : messageIds
            let sql = "SELECT * FROM event WHERE transferID IN (\(ids.map { _ in "?" }.joined(separator: ","))) "
                + "OR (transferID IS NULL AND messageId IN (\(messages.map { _ in "?" }.joined(separator: ",")))) ORDER BY at, id"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(ids + messages)).map {
                PaymentEvent(transferID: $0["transferID"], messageId: $0["messageId"], at: $0["at"], kind: $0["kind"], detail: $0["detail"])
            }
        }
    }

    /// Counts by status and reason, and every recorded latency (microseconds).
    public func statistics() throws -> (byStatus: [(status: String, reason: String?, count: Int)], latencies: [Int64],
                                        inputs: [(kind: String, count: Int)], firstAt: Int64?, lastAt: Int64?) {
        try self.pool.read { db in
            let statuses = try Row.fetchAll(db, sql: "SELECT status, reason, COUNT(*) AS n FROM payment GROUP BY status, reason ORDER BY status, reason")
                .map { (status: $0["status"] as String, reason: $0["reason"] as String?, count: $0["n"] as Int) }
            let latencies = try Int64.fetchAll(db, sql: "SELECT latencyMicros FROM payment WHERE latencyMicros IS NOT NULL")
            let inputs = try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM input GROUP BY kind ORDER BY kind")
                .map { (kind: $0["kind"] as String, count: $0["n"] as Int) }
            let range = try Row.fetchOne(db, sql: "SELECT MIN(firstSeen) AS a, MAX(firstSeen) AS b FROM input")
            return (statuses, latencies, inputs, range?["a"], range?["b"])
        }
    }

    /// Per stage: every group's time per file, in microseconds.
    public func stageTimings() throws -> [(stage: String, microsPerFile: [Int64])] {
        try self.pool.read { db in
            var byStage: [String: [Int64]] = [:]
            var order: [String] = []
            for row in try Row.fetchAll(db, sql: "SELECT stage, micros, files FROM stage ORDER BY rowid") {
                let name: String = row["stage"]
                let files: Int64 = max(1, row["files"])
                if byStage[name] == nil { order.append(name) }
                byStage[name, default: []].append((row["micros"] as Int64) / files)
            }
            return order.map { ($0, byStage[$0] ?? []) }
        }
    }

    /// What the store already knows about a group's keys, fetched in a few queries.
    public struct Known: Sendable {
        public var payments: [String: PaymentRecord] = [:]
        public var byReference: [String: PaymentRecord] = [:]
        public var messages: [String: (digest: String, at: Int64)] = [:]
        public var inputs: [String: (name: String, at: Int64)] = [:]

        public static func referenceKey(_ agent: String?, _ endToEndId: String, _ txId: String?) -> String {
            "\(agent ?? "-")|\(endToEndId)|\(txId ?? "-")"
        }

        public static func messageKey(_ sender: String, _ messageId: String) -> String { "\(sender)|\(messageId)" }
    }

    /// Fetches, in one read transaction, every stored payment, message and input a group refers to.
    public func known(transferIDs: [String], references: [(String?, String, String?)], messages: [(String, String)],
                      digests: [String]) throws -> Known {
        try self.pool.read { db in
            var known = Known()
            for chunk in stride(from: 0, to: transferIDs.count, by: 500) {
                let ids = Array(transferIDs[chunk..<min(chunk + 500, transferIDs.count)])
                let sql = "SELECT * FROM payment WHERE transferID IN (\(ids.map { _ in "?" }.joined(separator: ",")))"
                for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(ids)) {
                    let record = GatewayStore.record(row)
                    known.payments[record.transferID] = record
                }
            }
            // The duplicate check's references, up to 256 per statement: the join searches the
            // (EndToEndId, agent, TxId) index once per reference, without a statement run per
            // payment. Statements come in power-of-two sizes, padded with NULL rows (which match
            // nothing), so that a few prepared statements serve every group. A reference matched
            // by several rows (a duplicate stored beside the payment it repeats) keeps the first
            // in index order, the earliest stored.
            var seen = Set<String>()
            let wanted = references.filter { $0.2 != nil && seen.insert(Known.referenceKey($0.0, $0.1, $0.2)).inserted }
            var start = 0
            while start < wanted.count {
                var size = 1
                while size < min(256, wanted.count - start) { size *= 2 }
                let part = wanted[start..<min(start + size, wanted.count)]
                start += part.count
                var values: [(any DatabaseValueConvertible)?] = []
                values.reserveCapacity(3 * size)
                for (agent, e2e, txId) in part { values += [e2e, agent, txId] }
                values += repeatElement(nil, count: 3 * (size - part.count))
                let statement = try db.cachedStatement(sql: GatewayStore.referenceQuery(size: size))
                for row in try Row.fetchAll(statement, arguments: StatementArguments(values)) {
                    let record = GatewayStore.record(row)
                    let key = Known.referenceKey(record.instructingAgent, record.endToEndId, record.txId)
                    if known.byReference[key] == nil { known.byReference[key] = record }
                }
            }
            let messageStatement = try db.cachedStatement(sql: "SELECT inputDigest, firstSeen FROM message WHERE sender = ? AND messageId = ?")
            for (sender, messageId) in messages {
                if let row = try Row.fetchOne(messageStatement, arguments: [sender, messageId]) {
                    known.messages[Known.messageKey(sender, messageId)] = (row["inputDigest"], row["firstSeen"])
                }
            }
            let inputStatement = try db.cachedStatement(sql: "SELECT name, firstSeen FROM input WHERE digest = ?")
            for digest in digests {
                if let row = try Row.fetchOne(inputStatement, arguments: [digest]) {
                    known.inputs[digest] = (row["name"], row["firstSeen"])
                }
            }
            return known
        }
    }

    /// The payments matching `size` (EndToEndId, instructing agent, TxId) references.
    static func referenceQuery(size: Int) -> String {
        "SELECT payment.* FROM (VALUES " + Array(repeating: "(?,?,?)", count: size).joined(separator: ",") + ") AS wanted "
            + "JOIN payment ON payment.endToEndId = wanted.column1 AND payment.instructingAgent IS wanted.column2 "
            + "AND payment.txId = wanted.column3"
    }

    // MARK: Writes

    /// Everything one pipeline batch records, written in one durable transaction.
    public struct Batch: Sendable {
        public var payments: [PaymentRecord] = []
        public var events: [PaymentEvent] = []
        public var inputs: [(digest: String, name: String, kind: String, latencyMicros: Int64?)] = []
        public var messages: [(sender: String, messageId: String, digest: String)] = []
        /// Per-stage timings of a group (for `corridor stats`).
        public var stages: [(at: Int64, stage: String, micros: Int64, files: Int)] = []
        /// The limit windows accepted payments count in (restored by ``limitUsage(since:)``).
        public var limitUsage: [(key: String, at: Int64, amount: String)] = []
        public var at: Int64 = 0

        public init() {}
        public var isEmpty: Bool {
            payments.isEmpty && events.isEmpty && inputs.isEmpty && messages.isEmpty && limitUsage.isEmpty
        }
    }

    /// Records `batch` in one transaction, durably.
    public func commit(_ batch: Batch) throws {
        guard !batch.isEmpty else { return }
        try self.pool.write { db in
            // Bound through the C API: a group commits hundreds of rows of 28 columns, and GRDB's
            // boxed arguments cost more than SQLite's insert of them.
            let upsert = try HotStatement(db, sql: GatewayStore.upsertPayment)
            for p in batch.payments {
                upsert.bind(p.transferID, at: 1)
                upsert.bind(p.uetr, at: 2)
                upsert.bind(p.messageId, at: 3)
                upsert.bind(p.sender, at: 4)
                upsert.bind(p.instructingAgent, at: 5)
                upsert.bind(p.endToEndId, at: 6)
                upsert.bind(p.txId, at: 7)
                upsert.bind(p.instrId, at: 8)
                upsert.bind(p.debtorAgent, at: 9)
                upsert.bind(p.creditorAgent, at: 10)
                upsert.bind(p.currency, at: 11)
                upsert.bind(p.amount, at: 12)
                upsert.bind(p.route, at: 13)
                upsert.bind(p.action, at: 14)
                upsert.bind(p.status, at: 15)
                upsert.bind(p.reason, at: 16)
                upsert.bind(p.narrative, at: 17)
                upsert.bind(p.inputName, at: 18)
                upsert.bind(p.inputDigest, at: 19)
                upsert.bind(Int64(p.transactionIndex), at: 20)
                upsert.bind(p.receivedAt, at: 21)
                upsert.bind(p.updatedAt, at: 22)
                upsert.bind(p.deadline, at: 23)
                upsert.bind(Int64(p.routeAcknowledged ? 1 : 0), at: 24)
                upsert.bind(p.forwardMessageId, at: 25)
                upsert.bind(p.fingerprint, at: 26)
                upsert.bind(p.latencyMicros, at: 27)
                upsert.bind(p.resolvedBy, at: 28)
                try upsert.run()
            }
            let event = try HotStatement(db, sql: "INSERT INTO event (transferID, messageId, at, kind, detail) VALUES (?,?,?,?,?)")
            for e in batch.events {
                event.bind(e.transferID, at: 1)
                event.bind(e.messageId, at: 2)
                event.bind(e.at, at: 3)
                event.bind(e.kind, at: 4)
                event.bind(e.detail, at: 5)
                try event.run()
            }
            let input = try db.cachedStatement(sql: "INSERT OR IGNORE INTO input VALUES (?,?,?,?,?)")
            for i in batch.inputs {
                try input.execute(arguments: [i.digest, i.name, batch.at, i.kind, i.latencyMicros])
            }
            let stage = try db.cachedStatement(sql: "INSERT INTO stage VALUES (?,?,?,?)")
            for st in batch.stages {
                try stage.execute(arguments: [st.at, st.stage, st.micros, st.files])
            }
            let message = try db.cachedStatement(sql: "INSERT OR IGNORE INTO message VALUES (?,?,?,?)")
            for m in batch.messages {
                try message.execute(arguments: [m.sender, m.messageId, m.digest, batch.at])
            }
            let usage = try db.cachedStatement(sql: "INSERT INTO limit_usage VALUES (?,?,?)")
            for u in batch.limitUsage {
                try usage.execute(arguments: [u.key, u.at, u.amount])
            }
        }
    }

    /// One payment row, inserted or, when its id is known, brought up to date (the first latency
    /// and resolution stand).
    private static let upsertPayment = """
        INSERT INTO payment VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
        ON CONFLICT(transferID) DO UPDATE SET route=excluded.route, action=excluded.action,
            status=excluded.status, reason=excluded.reason, narrative=excluded.narrative,
            updatedAt=excluded.updatedAt, deadline=excluded.deadline,
            routeAcknowledged=excluded.routeAcknowledged, forwardMessageId=excluded.forwardMessageId,
            latencyMicros=COALESCE(payment.latencyMicros, excluded.latencyMicros),
            resolvedBy=COALESCE(payment.resolvedBy, excluded.resolvedBy)
        """

    private static func record(_ row: Row) -> PaymentRecord {
        PaymentRecord(
            transferID: row["transferID"], uetr: row["uetr"], messageId: row["messageId"], sender: row["sender"],
            instructingAgent: row["instructingAgent"], endToEndId: row["endToEndId"], txId: row["txId"], instrId: row["instrId"],
            debtorAgent: row["debtorAgent"], creditorAgent: row["creditorAgent"], currency: row["currency"], amount: row["amount"],
            route: row["route"], action: row["action"], status: row["status"], reason: row["reason"], narrative: row["narrative"],
            inputName: row["inputName"], inputDigest: row["inputDigest"], transactionIndex: row["transactionIndex"],
            receivedAt: row["receivedAt"], updatedAt: row["updatedAt"], deadline: row["deadline"],
            routeAcknowledged: row["routeAcknowledged"], forwardMessageId: row["forwardMessageId"],
            fingerprint: row["fingerprint"], latencyMicros: row["latencyMicros"], resolvedBy: row["resolvedBy"])
    }
}
