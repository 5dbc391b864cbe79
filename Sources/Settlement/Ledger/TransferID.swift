import Foundation

/// The idempotency key of a transfer.
///
/// Corridor uses the UETR of the payment when the message carries one, and otherwise an
/// identifier derived from the instructing agent and its transaction id
/// (``derive(instructingAgent:transactionId:)``). Submitting the same id twice never moves money
/// twice: the ledger returns the first result, or rejects the second request if its fields differ.
public struct TransferID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The longest identifier accepted, in UTF-8 bytes.
    public static let maximumLength = 128

    /// The identifier as stored in the ledger.
    public let rawValue: String

    /// Wraps an identifier chosen by the caller.
    ///
    /// - Throws: ``LedgerError/invalidTransferID(_:reason:)`` when `rawValue` is empty, longer than
    ///   ``maximumLength`` bytes, or contains control characters.
    public init(_ rawValue: String) throws(LedgerError) {
        if rawValue.isEmpty {
            throw .invalidTransferID(rawValue, reason: "it is empty")
        }
        if rawValue.utf8.count > Self.maximumLength {
            throw .invalidTransferID(rawValue, reason: "it is longer than \(Self.maximumLength) bytes")
        }
        // The control characters (general category Cc) are exactly U+0000–U+001F and U+007F–U+009F.
        if rawValue.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw .invalidTransferID(rawValue, reason: "it contains control characters")
        }
        self.rawValue = rawValue
    }

    /// An identifier the caller has already validated (internal, for rows read back from the ledger).
    init(trusted rawValue: String) {
        self.rawValue = rawValue
    }

    /// The identifier of a payment that carries a UETR: its canonical lowercase UUID form.
    public init(uetr: UUID) {
        self.rawValue = uetr.uuidString.lowercased()
    }

    /// Derives the identifier of a payment that carries no UETR from its instructing agent and the
    /// transaction id that agent assigned.
    ///
    /// The result is `"fnv1a128:"` followed by 32 hexadecimal digits of the 128-bit FNV-1a hash of
    /// both fields, each prefixed with its UTF-8 length. The agent is upper-cased first (BICs are
    /// case-insensitive); the transaction id is taken byte for byte. The prefix keeps derived ids
    /// apart from UETRs, and the value is stable across processes, platforms and releases.
    public static func derive(instructingAgent: String, transactionId: String) -> TransferID {
        var hash = FNV1a128()
        hash.combineField(instructingAgent.uppercased())
        hash.combineField(transactionId)
        return TransferID(trusted: "fnv1a128:" + hash.hexDigest)
    }

    public var description: String { rawValue }

    public static func < (lhs: TransferID, rhs: TransferID) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
