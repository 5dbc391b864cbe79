import GRDB

/// The ledger's database schema, as an ordered list of migrations.
///
/// - `account`: one row per participant and currency, plus one system account per currency
///   (`minimumBalance IS NULL`). Balances are updated in place; a CHECK constraint repeats the
///   minimum-balance rule so that no code path can commit a breach.
/// - `transfer`: one immutable row per settlement or reservation, keyed by an integer sequence
///   (commit order) with the caller's id unique. Triggers refuse UPDATE and DELETE.
/// - `transfer_resolution`: the immutable outcome of a reservation (posted, voided, expired).
///   Its primary key is the reservation's sequence, so a reservation is resolved at most once.
/// - `open_reservation`: the working set of unresolved reservations ordered by creation time,
///   so that expiry reads only what is open. It is derived data: a row is inserted with each
///   reservation and deleted with its resolution, in the same transaction.
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: accounts, transfers, resolutions") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY,
                    participant TEXT NOT NULL,
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    minimumBalance INTEGER,
                    balance INTEGER NOT NULL DEFAULT 0,
                    pendingDebits INTEGER NOT NULL DEFAULT 0 CHECK (pendingDebits >= 0),
                    pendingCredits INTEGER NOT NULL DEFAULT 0 CHECK (pendingCredits >= 0),
                    CHECK (minimumBalance IS NULL OR balance - pendingDebits >= minimumBalance),
                    UNIQUE (participant, currency)
                );
                CREATE TABLE "transfer" (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    kind INTEGER NOT NULL CHECK (kind IN (1, 2)),
                    debitAccountID INTEGER NOT NULL REFERENCES account(id),
                    creditAccountID INTEGER NOT NULL REFERENCES account(id),
                    currency TEXT NOT NULL,
                    amount INTEGER NOT NULL CHECK (amount > 0),
                    createdAt INTEGER NOT NULL,
                    CHECK (debitAccountID <> creditAccountID)
                );
                CREATE TRIGGER transfer_is_immutable BEFORE UPDATE ON "transfer"
                BEGIN SELECT RAISE(ABORT, 'transfers are immutable'); END;
                CREATE TRIGGER transfer_is_permanent BEFORE DELETE ON "transfer"
                BEGIN SELECT RAISE(ABORT, 'transfers are never deleted'); END;
                CREATE TABLE transfer_resolution (
                    transferSeq INTEGER PRIMARY KEY REFERENCES "transfer"(seq),
                    state INTEGER NOT NULL CHECK (state IN (1, 2, 3)),
                    resolvedAt INTEGER NOT NULL
                );
                CREATE TRIGGER resolution_is_immutable BEFORE UPDATE ON transfer_resolution
                BEGIN SELECT RAISE(ABORT, 'resolutions are immutable'); END;
                CREATE TRIGGER resolution_is_permanent BEFORE DELETE ON transfer_resolution
                BEGIN SELECT RAISE(ABORT, 'resolutions are never deleted'); END;
                CREATE TABLE open_reservation (
                    createdAt INTEGER NOT NULL,
                    transferSeq INTEGER NOT NULL,
                    PRIMARY KEY (createdAt, transferSeq)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
