/// A window store could not do what was asked.
public struct LimitStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        /// The reservation is not pending: already committed or released, timed out, or
        /// never made by this store.
        case unknownReservation(UInt64)
        /// The backing storage failed (durable stores); the text says how.
        case storage(String)
    }

    public var problem: Problem

    public init(_ problem: Problem) { self.problem = problem }

    public var description: String {
        switch problem {
        case .unknownReservation(let id):
            return "limit reservation \(id) is not pending (already committed or released, or timed out)"
        case .storage(let reason):
            return "limit window store failed: \(reason)"
        }
    }
}
