import Foundation
import ISO20022

/// The payments recorded under one window key, in time order, with a running count and total
/// for each window length asked about, so a usage query costs only the entries that rolled out
/// since the last one rather than a scan of the whole window.
struct WindowLedger: Sendable {
    private struct Entry: Sendable {
        var at: Date
        var amount: ExactDecimal
        /// False once released: the entry stays in place (indices are stable) but counts for nothing.
        var live: Bool
    }

    /// The entries from `start` on are inside a window of one length; `count`/`total` sum the live ones.
    private struct Cursor: Sendable {
        var start: Int
        var count: Int
        var total: AmountSum
    }

    private var entries: [Entry] = []
    /// The position (over the ledger's whole life) of `entries[0]`.
    private var dropped = 0
    private var cursors: [Int: Cursor] = [:]

    var isEmpty: Bool { entries.isEmpty }

    /// Count and total of the live entries recorded after `now - seconds`.
    mutating func usage(windowSeconds seconds: Int, now: Date) -> (count: Int, total: AmountSum) {
        var cursor = cursors[seconds] ?? newCursor()
        let cutoff = now.addingTimeInterval(-TimeInterval(seconds))
        while cursor.start < dropped + entries.count {
            let entry = entries[cursor.start - dropped]
            guard entry.at <= cutoff else { break }
            if entry.live {
                cursor.count -= 1
                cursor.total.subtract(entry.amount)
            }
            cursor.start += 1
        }
        cursors[seconds] = cursor
        compact()
        return (cursor.count, cursor.total)
    }

    /// Records a payment and returns its position, for ``remove(at:)``. Entries stay in time
    /// order: a clock that steps back records at the latest time already seen.
    mutating func append(_ amount: ExactDecimal, at instant: Date) -> Int {
        let at = max(instant, entries.last?.at ?? instant)
        entries.append(Entry(at: at, amount: amount, live: true))
        for (seconds, var cursor) in cursors {
            cursor.count += 1
            cursor.total.add(amount)
            cursors[seconds] = cursor
        }
        return dropped + entries.count - 1
    }

    /// Takes a recorded payment back out of every window that still holds it.
    mutating func remove(at position: Int) {
        guard position >= dropped, position < dropped + entries.count, entries[position - dropped].live else { return }
        let amount = entries[position - dropped].amount
        entries[position - dropped].live = false
        for (seconds, var cursor) in cursors where cursor.start <= position {
            cursor.count -= 1
            cursor.total.subtract(amount)
            cursors[seconds] = cursor
        }
    }

    private func newCursor() -> Cursor {
        var cursor = Cursor(start: dropped, count: 0, total: .zero)
        for entry in entries where entry.live {
            cursor.count += 1
            cursor.total.add(entry.amount)
        }
        return cursor
    }

    /// Forgets entries every window has rolled past, in batches so removal stays amortised O(1).
    private mutating func compact() {
        let oldestNeeded = cursors.values.map(\.start).min() ?? dropped + entries.count
        let removable = oldestNeeded - dropped
        guard removable > 0, removable >= 64 || removable == entries.count, removable * 2 >= entries.count else { return }
        entries.removeFirst(removable)
        dropped = oldestNeeded
    }
}
