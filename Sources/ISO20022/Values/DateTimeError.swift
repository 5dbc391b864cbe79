/// Why a date, date-time or time text is not a valid ISO 20022 (`xs:date`, `xs:dateTime`,
/// `xs:time`) value.
///
/// ``reasonCode`` is `DT01` ("Invalid date") from `ExternalStatusReason1Code` for every
/// problem; a rule that knows which element failed may choose a more specific code (for
/// example `DT02` for the group header's creation date-time).
public struct DateTimeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which lexical form was expected.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case date = "Date"
        case dateTime = "Date-time"
        case time = "Time"
    }

    /// What is wrong with the text.
    public enum Problem: Error, Sendable, Hashable {
        /// The text does not follow the lexical form; at zero-based `position`, `expected` was due.
        case malformed(position: Int, expected: String)
        /// A field is outside its range, e.g. month 13, minute 60 or offset +15:00.
        case outOfRange(field: String, value: Int)
        /// Month and day are in range but the date does not exist, e.g. 2023-02-29.
        case nonexistentDate(year: Int, month: Int, day: Int)
    }

    /// Which form was expected.
    public let kind: Kind
    /// The offending text.
    public let value: String
    /// What is wrong with it.
    public let problem: Problem

    public init(kind: Kind, value: String, problem: Problem) {
        self.kind = kind
        self.value = value
        self.problem = problem
    }

    /// `DT01`, the `ExternalStatusReason1Code` for an invalid date.
    public var reasonCode: String { "DT01" }

    /// A sentence naming the text and the problem, e.g.
    /// `"Date 2023-02-29 does not exist: 2023-02 has 28 days"`.
    public var description: String {
        let subject = "\(kind.rawValue) \(value.isEmpty ? "(empty)" : value)"
        switch problem {
        case .malformed(let position, let expected):
            return "\(subject) is malformed at position \(position + 1): expected \(expected)"
        case .outOfRange(let field, let value):
            return "\(subject) has \(field) \(value), which is out of range"
        case .nonexistentDate(let year, let month, _):
            let days = CivilCalendar.daysInMonth(year: year, month: month)
            return "\(subject) does not exist: \(CivilCalendar.pad(year, 4))-\(CivilCalendar.pad(month, 2)) has \(days) days"
        }
    }
}
