/// What became of one ``LedgerOperation``.
///
/// Rejections are outcomes, not errors: one rejected operation does not affect the others in
/// its batch.
public enum LedgerOutcome: Sendable, Hashable, CustomStringConvertible {
    /// The operation was recorded: the new transfer (settle, reserve) or the resolved
    /// reservation (post, void).
    case applied(Transfer)
    /// A transfer with this id and the same fields was recorded before: nothing moved again.
    /// The value is the recorded transfer as it stands now (a reservation may since have been
    /// resolved).
    case replayed(Transfer)
    /// The operation was refused and left no trace.
    case rejected(LedgerRejection)

    /// The recorded transfer, unless the operation was rejected.
    public var transfer: Transfer? {
        switch self {
        case .applied(let transfer), .replayed(let transfer): transfer
        case .rejected: nil
        }
    }

    /// The rejection, if any.
    public var rejection: LedgerRejection? {
        if case .rejected(let rejection) = self { rejection } else { nil }
    }

    public var description: String {
        switch self {
        case .applied(let transfer): "applied \(transfer)"
        case .replayed(let transfer): "replayed \(transfer)"
        case .rejected(let rejection): "rejected: \(rejection)"
        }
    }
}
