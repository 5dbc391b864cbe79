import ISO20022
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Makes unique `MsgId`s for the messages the gateway writes, safe to share across tasks.
///
/// An identifier is `<prefix>-<UTC yyyyMMddHHmmssSSS>-<5-digit sequence>`, at most 35
/// characters, e.g. `CRDRGB2LXXX-20261126091500412-00000`. The (millisecond, sequence) pairs
/// strictly increase within a process: a clock that stands still or steps back reuses the last
/// millisecond with the next sequence number, and after 100 000 identifiers in one millisecond
/// the generator moves on to the next millisecond. Identifiers therefore never repeat within a
/// process, and across restarts as long as the clock does not step back past the last one issued.
/// ``derived(from:at:)`` is the exception by design: the same key and day give the same
/// identifier (its hash part cannot be mistaken for ``next()``'s 17-digit time).
public final class MessageIDGenerator: Sendable {
    /// The longest prefix that still leaves room for the time and sequence in 35 characters.
    public static let maximumPrefixLength = 11

    /// The text before the first hyphen, e.g. the gateway BIC.
    public let prefix: String
    private let clock: @Sendable () -> Int64
    private let state = Mutex<(millisecond: Int64, sequence: Int)>((.min, 0))

    /// - Parameters:
    ///   - prefix: upper-case letters and digits, at most 11 (a BIC11 fits); other characters
    ///     are dropped and the rest is cut to 11.
    ///   - clock: milliseconds since 1970 in UTC; the system clock by default.
    public init(prefix: String, clock: @escaping @Sendable () -> Int64 = MessageIDGenerator.systemMilliseconds) {
        let kept = prefix.uppercased().unicodeScalars.filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        self.prefix = String(String.UnicodeScalarView(kept.prefix(MessageIDGenerator.maximumPrefixLength)))
        self.clock = clock
    }

    /// The system clock in milliseconds since 1970.
    @Sendable public static func systemMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The next identifier.
    public func next() -> String {
        let now = self.clock()
        let (millisecond, sequence) = self.state.withLock { state -> (Int64, Int) in
            if now > state.millisecond {
                state = (now, 0)
            } else if state.sequence + 1 < 100_000 {
                state.sequence += 1
            } else {
                state = (state.millisecond + 1, 0)
            }
            return (state.millisecond, state.sequence)
        }
        let stamp = MessageIDGenerator.digits(ofTime: millisecond)
        let counter = String(sequence)
        let padded = String(repeating: "0", count: max(0, 5 - counter.count)) + counter
        return (self.prefix.isEmpty ? "" : self.prefix + "-") + stamp + "-" + padded
    }

    /// An identifier that depends only on `key` and the UTC day of `milliseconds`:
    /// `<prefix>-<yyyyMMdd>-<hex of a 128-bit FNV-1a hash of key>`, cut to 35 characters.
    ///
    /// For the answers to an input, keyed by the input's SHA-256 and the answer's kind: a
    /// rerun after a crash writes the same message byte for byte, so a receiver that already
    /// collected the first copy sees the same `MsgId` again, a duplicate it can discard.
    public func derived(from key: String, at milliseconds: Int64) -> String {
        var hash = FNV1a128()
        hash.combineField(key)
        let day = String(MessageIDGenerator.digits(ofTime: milliseconds).prefix(8))
        let head = (self.prefix.isEmpty ? "" : self.prefix + "-") + day + "-"
        return head + hash.hexDigest.prefix(max(0, 35 - head.count))
    }

    /// `yyyyMMddHHmmssSSS` of a UTC time in milliseconds.
    private static func digits(ofTime milliseconds: Int64) -> String {
        String(decoding: ISODateTime(utcMilliseconds: milliseconds).rawValue.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self)
    }
}
