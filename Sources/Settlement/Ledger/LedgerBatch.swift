import Foundation
import GRDB

/// Applies ledger operations inside one open write transaction.
///
/// Every operation is checked against the in-memory working set of accounts before anything is
/// written for it, so a refused operation writes nothing and needs no savepoint; the operations
/// that pass append their rows at once (so later operations in the batch see them, e.g. a post
/// after its reserve, or a replay of an id recorded earlier in the batch). ``flush()`` writes the
/// touched accounts back; the caller must call it before the transaction commits.
///
/// Only database failures throw; they abort the whole transaction.
struct LedgerBatch {
    private let db: Database
    private let now: Int64
    private var accounts: [Int64: AccountState] = [:]
    private var accountIDs: [AccountKey: Int64] = [:]
    private let insertTransfer: HotStatement
    private let insertOpenReservation: HotStatement
    private let selectPending: HotStatement
    private let insertResolution: HotStatement
    private let deleteOpenReservation: HotStatement

    init(db: Database, now: Int64) throws {
        self.db = db
        self.now = now
        insertTransfer = try HotStatement(db, sql: """
            INSERT INTO "transfer" (id, kind, debitAccountID, creditAccountID, currency, amount, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
            """)
        insertOpenReservation = try HotStatement(db, sql: "INSERT INTO open_reservation (createdAt, transferSeq) VALUES (?, ?)")
        selectPending = try HotStatement(db, sql: """
            SELECT t.seq, t.kind, t.debitAccountID, t.creditAccountID, t.amount, t.createdAt, r.state
            FROM "transfer" t LEFT JOIN transfer_resolution r ON r.transferSeq = t.seq
            WHERE t.id = ?
            """)
        insertResolution = try HotStatement(db, sql: "INSERT INTO transfer_resolution (transferSeq, state, resolvedAt) VALUES (?, ?, ?)")
        deleteOpenReservation = try HotStatement(db, sql: "DELETE FROM open_reservation WHERE createdAt = ? AND transferSeq = ?")
    }

    // MARK: Operations

    mutating func apply(_ operation: LedgerOperation) throws -> LedgerOutcome {
        switch operation {
        case .settle(let request): try record(request, kind: .settlement)
        case .reserve(let request): try record(request, kind: .reservation)
        case .post(let id): try resolve(id, as: .posted)
        case .void(let id): try resolve(id, as: .voided)
        }
    }

    /// Records a settlement or a reservation.
    private mutating func record(_ request: TransferRequest, kind: Transfer.Kind) throws -> LedgerOutcome {
        let id = request.id
        guard request.amount > 0 else {
            return try replayOr(.invalidAmount(id, amount: request.amount), request, kind)
        }
        guard request.debit != request.credit else {
            return try replayOr(.sameAccount(id, participant: request.debit), request, kind)
        }
        guard let debitID = try accountID(AccountKey(participant: request.debit, currency: request.currency)) else {
            return try replayOr(.unknownAccount(id, participant: request.debit, currency: request.currency), request, kind)
        }
        guard let creditID = try accountID(AccountKey(participant: request.credit, currency: request.currency)) else {
            return try replayOr(.unknownAccount(id, participant: request.credit, currency: request.currency), request, kind)
        }
        var debit = accounts[debitID]!
        var credit = accounts[creditID]!
        guard debit.canDebit(request.amount) else {
            return try replayOr(
                .insufficientFunds(
                    id, participant: request.debit, currency: request.currency, available: debit.available,
                    requested: request.amount, minimumBalance: debit.minimumBalance ?? .min),
                request, kind)
        }
        // Compute every new value before changing anything, refusing on overflow.
        let amount = request.amount
        let newDebit: (Int64, Bool)
        let newCredit: (Int64, Bool)
        switch kind {
        case .settlement:
            newDebit = debit.balance.subtractingReportingOverflow(amount)
            newCredit = credit.balance.addingReportingOverflow(amount)
        case .reservation:
            newDebit = debit.pendingDebits.addingReportingOverflow(amount)
            newCredit = credit.pendingCredits.addingReportingOverflow(amount)
        }
        if newDebit.1 { return try replayOr(.balanceOverflow(id, participant: request.debit), request, kind) }
        if newCredit.1 { return try replayOr(.balanceOverflow(id, participant: request.credit), request, kind) }

        let insert = insertTransfer
        insert.bind(id.rawValue, at: 1)
        insert.bind(kind.rawValue, at: 2)
        insert.bind(debitID, at: 3)
        insert.bind(creditID, at: 4)
        insert.bind(request.currency, at: 5)
        insert.bind(amount, at: 6)
        insert.bind(now, at: 7)
        defer { insert.reset() }
        _ = try insert.step()
        guard insert.changes == 1 else {
            // The id was recorded before (in an earlier batch or earlier in this one).
            return try replay(request, kind)
        }
        let sequence = insert.lastInsertedRowID
        switch kind {
        case .settlement:
            debit.balance = newDebit.0
            credit.balance = newCredit.0
        case .reservation:
            debit.pendingDebits = newDebit.0
            credit.pendingCredits = newCredit.0
            let open = insertOpenReservation
            open.bind(now, at: 1)
            open.bind(sequence, at: 2)
            defer { open.reset() }
            _ = try open.step()
        }
        debit.isDirty = true
        credit.isDirty = true
        accounts[debitID] = debit
        accounts[creditID] = credit
        return .applied(
            Transfer(
                id: id, sequence: sequence, kind: kind, debit: request.debit, credit: request.credit,
                currency: request.currency, amount: amount, createdAt: LedgerTimestamp.date(now),
                state: kind == .settlement ? .posted : .pending, resolvedAt: nil))
    }

    /// Posts, voids or expires the reservation `id`.
    private mutating func resolve(_ id: TransferID, as state: Transfer.State) throws -> LedgerOutcome {
        let lookup = selectPending
        lookup.bind(id.rawValue, at: 1)
        guard try lookup.step() else {
            lookup.reset()
            return .rejected(.unknownTransfer(id))
        }
        let sequence = lookup.int64(0)
        let kind = lookup.int64(1)
        let debitID = lookup.int64(2)
        let creditID = lookup.int64(3)
        let amount = lookup.int64(4)
        let createdAt = lookup.int64(5)
        let resolved = lookup.optionalInt64(6)
        lookup.reset()
        guard kind == Transfer.Kind.reservation.rawValue else {
            return .rejected(.notPending(id))
        }
        if let resolved, let resolvedState = Transfer.State(rawValue: resolved) {
            return .rejected(.alreadyResolved(id, state: resolvedState))
        }
        return try resolve(
            id: id, sequence: sequence, debitID: debitID, creditID: creditID, amount: amount, createdAt: createdAt, as: state)
    }

    /// Resolves an open reservation whose row is already known.
    private mutating func resolve(
        id: TransferID, sequence: Int64, debitID: Int64, creditID: Int64, amount: Int64, createdAt: Int64,
        as state: Transfer.State
    ) throws -> LedgerOutcome {
        guard var debit = try account(id: debitID), var credit = try account(id: creditID) else {
            throw DatabaseError(message: "transfer \(id) references a missing account")
        }
        switch state {
        case .posted:
            let (newBalance, overflow) = credit.balance.addingReportingOverflow(amount)
            if overflow { return .rejected(.balanceOverflow(id, participant: credit.key.participant)) }
            debit.balance -= amount  // cannot overflow: the reservation already held `amount` above the minimum
            debit.pendingDebits -= amount
            credit.balance = newBalance
            credit.pendingCredits -= amount
        case .voided, .expired:
            debit.pendingDebits -= amount
            credit.pendingCredits -= amount
        case .pending:
            preconditionFailure("a reservation cannot be resolved as pending")
        }
        let insert = insertResolution
        insert.bind(sequence, at: 1)
        insert.bind(state.rawValue, at: 2)
        insert.bind(now, at: 3)
        defer { insert.reset() }
        _ = try insert.step()
        let close = deleteOpenReservation
        close.bind(createdAt, at: 1)
        close.bind(sequence, at: 2)
        defer { close.reset() }
        _ = try close.step()
        debit.isDirty = true
        credit.isDirty = true
        accounts[debitID] = debit
        accounts[creditID] = credit
        return .applied(
            Transfer(
                id: id, sequence: sequence, kind: .reservation, debit: debit.key.participant,
                credit: credit.key.participant, currency: debit.key.currency, amount: amount,
                createdAt: LedgerTimestamp.date(createdAt), state: state, resolvedAt: LedgerTimestamp.date(now)))
    }

    /// Expires every reservation created before `cutoff` (microseconds) that is still open.
    mutating func expire(before cutoff: Int64) throws -> [Transfer] {
        let open = try Row.fetchAll(
            db,
            sql: """
                SELECT t.id, t.seq, t.debitAccountID, t.creditAccountID, t.amount, t.createdAt
                FROM open_reservation o JOIN "transfer" t ON t.seq = o.transferSeq
                WHERE o.createdAt < ? ORDER BY o.createdAt, o.transferSeq
                """,
            arguments: [cutoff])
        var expired: [Transfer] = []
        expired.reserveCapacity(open.count)
        for row in open {
            let outcome = try resolve(
                id: TransferID(trusted: row[0]), sequence: row[1], debitID: row[2], creditID: row[3], amount: row[4],
                createdAt: row[5], as: .expired)
            if let transfer = outcome.transfer { expired.append(transfer) }
        }
        return expired
    }

    // MARK: Replays

    /// Returns the replay outcome if `request.id` was recorded before, else `rejection`.
    ///
    /// A retry must get the first result even where the request would now be refused (the
    /// funds it moved are gone), so every refusal first looks the id up.
    private func replayOr(_ rejection: LedgerRejection, _ request: TransferRequest, _ kind: Transfer.Kind) throws -> LedgerOutcome {
        if let outcome = try replayIfRecorded(request, kind) { return outcome }
        return .rejected(rejection)
    }

    private func replay(_ request: TransferRequest, _ kind: Transfer.Kind) throws -> LedgerOutcome {
        guard let outcome = try replayIfRecorded(request, kind) else {
            throw DatabaseError(message: "transfer \(request.id) conflicted on insert but cannot be read back")
        }
        return outcome
    }

    private func replayIfRecorded(_ request: TransferRequest, _ kind: Transfer.Kind) throws -> LedgerOutcome? {
        guard let recorded = try Self.transfer(id: request.id, in: db) else { return nil }
        let comparisons: [(TransferField, String, String)] = [
            (.kind, recorded.kind.description, kind.description),
            (.debit, recorded.debit, request.debit),
            (.credit, recorded.credit, request.credit),
            (.currency, recorded.currency, request.currency),
            (.amount, String(recorded.amount), String(request.amount)),
        ]
        for (field, recordedValue, submittedValue) in comparisons where recordedValue != submittedValue {
            return .rejected(.conflictingReplay(request.id, field: field, recorded: recordedValue, submitted: submittedValue))
        }
        return .replayed(recorded)
    }

    // MARK: Accounts

    /// The id of the account `key`, loading it into the working set; `nil` if there is none.
    private mutating func accountID(_ key: AccountKey) throws -> Int64? {
        if let id = accountIDs[key] { return id }
        let select = try db.cachedStatement(sql: """
            SELECT id, minimumBalance, balance, pendingDebits, pendingCredits
            FROM account WHERE participant = ? AND currency = ?
            """)
        guard let row = try Row.fetchOne(select, arguments: [key.participant, key.currency]) else { return nil }
        let state = AccountState(
            id: row[0], key: key, minimumBalance: row[1], balance: row[2], pendingDebits: row[3], pendingCredits: row[4])
        accountIDs[key] = state.id
        accounts[state.id] = state
        return state.id
    }

    /// The account `id` from the working set, loading it if needed.
    private mutating func account(id: Int64) throws -> AccountState? {
        if let state = accounts[id] { return state }
        let select = try db.cachedStatement(sql: """
            SELECT participant, currency, minimumBalance, balance, pendingDebits, pendingCredits
            FROM account WHERE id = ?
            """)
        guard let row = try Row.fetchOne(select, arguments: [id]) else { return nil }
        let key = AccountKey(participant: row[0], currency: row[1])
        let state = AccountState(
            id: id, key: key, minimumBalance: row[2], balance: row[3], pendingDebits: row[4], pendingCredits: row[5])
        accountIDs[key] = id
        accounts[id] = state
        return state
    }

    /// Writes every account changed by the batch back to the database.
    mutating func flush() throws {
        let update = try db.cachedStatement(sql: """
            UPDATE account SET balance = ?, pendingDebits = ?, pendingCredits = ? WHERE id = ?
            """)
        for (id, state) in accounts where state.isDirty {
            try update.execute(arguments: [state.balance, state.pendingDebits, state.pendingCredits, id])
            accounts[id]?.isDirty = false
        }
    }

    // MARK: Reads shared with Ledger

    static let transferColumns = """
        t.id, t.seq, t.kind, d.participant, c.participant, t.currency, t.amount, t.createdAt, r.state, r.resolvedAt
        FROM "transfer" t
        JOIN account d ON d.id = t.debitAccountID
        JOIN account c ON c.id = t.creditAccountID
        LEFT JOIN transfer_resolution r ON r.transferSeq = t.seq
        """

    static func transfer(id: TransferID, in db: Database) throws -> Transfer? {
        let select = try db.cachedStatement(sql: "SELECT \(transferColumns) WHERE t.id = ?")
        return try Row.fetchOne(select, arguments: [id.rawValue]).map(decodeTransfer)
    }

    static func decodeTransfer(_ row: Row) -> Transfer {
        let kind = Transfer.Kind(rawValue: row[2]) ?? .settlement
        let resolved = (row[8] as Int64?).flatMap(Transfer.State.init(rawValue:))
        let state = resolved ?? (kind == .settlement ? .posted : .pending)
        return Transfer(
            id: TransferID(trusted: row[0]), sequence: row[1], kind: kind, debit: row[3], credit: row[4],
            currency: row[5], amount: row[6], createdAt: LedgerTimestamp.date(row[7]), state: state,
            resolvedAt: (row[9] as Int64?).map(LedgerTimestamp.date))
    }
}
