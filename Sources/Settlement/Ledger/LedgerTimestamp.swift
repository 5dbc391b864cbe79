import Foundation

/// Conversions between `Date` and the ledger's stored timestamps: whole microseconds since
/// 1970-01-01T00:00:00Z, as 64-bit integers (exact, ordered, and cheap to index).
enum LedgerTimestamp {
    static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
    }

    static func date(_ microseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }
}
