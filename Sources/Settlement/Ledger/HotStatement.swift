import GRDB
// GRDB's own SQLite module (a library product of the GRDB package, built with it): the hot
// path binds and steps through the C API to skip GRDB's per-call argument boxing.
import GRDBSQLite

/// A prepared statement of a hot path (the ledger's, the gateway store's group commit), driven
/// through the SQLite C API.
///
/// The statement comes from GRDB's per-connection statement cache (`cachedStatement`), so GRDB
/// owns its lifetime; this wrapper only binds integers and text, steps, reads integer columns
/// and resets. It must be used on the writer connection, inside the transaction that created it,
/// and never stored beyond it. Each use ends with ``reset()``, so the statement never stays
/// active between uses. Package-wide, not public: it is a storage detail of this package.
package struct HotStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    package init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the ledger's connection is closed")
        }
        self.connection = connection
    }

    /// Binds an integer to the 1-based parameter `index`.
    package func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    /// Binds a text to the 1-based parameter `index`; SQLite copies it.
    package func bind(_ value: String, at index: Int32) {
        sqlite3_bind_text(handle, index, value, -1, Self.transient)
    }

    /// Binds an integer, or NULL for `nil`.
    package func bind(_ value: Int64?, at index: Int32) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds a text, or NULL for `nil`.
    package func bind(_ value: String?, at index: Int32) {
        if let value { sqlite3_bind_text(handle, index, value, -1, Self.transient) } else { sqlite3_bind_null(handle, index) }
    }

    /// Runs a statement that returns no rows (an INSERT, say) and makes it ready for its next use.
    package func run() throws {
        _ = try step()
        reset()
    }

    /// Runs the statement to its first row; returns `false` when there is none (or it writes).
    package func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let message = String(cString: sqlite3_errmsg(connection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    /// The integer in column `index` (0-based) of the current row.
    package func int64(_ index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// The integer in column `index` of the current row, or `nil` for NULL.
    package func optionalInt64(_ index: Int32) -> Int64? {
        sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, index)
    }

    /// Rows changed by the last completed INSERT, UPDATE or DELETE on the connection.
    package var changes: Int32 { sqlite3_changes(connection) }

    /// The rowid of the last successful INSERT on the connection.
    package var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    /// Makes the statement ready for its next use and drops its bindings.
    package func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// SQLITE_TRANSIENT: SQLite copies bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
