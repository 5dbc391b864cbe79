/// A calendar date in the ISO 20022 `ISODate` form `yyyy-mm-dd`, e.g. `2024-02-29`.
///
/// The text is kept exactly as written in ``rawValue``; a value exists only if the text is a
/// real proleptic Gregorian date (leap years included, year 0001–9999). Time-zone suffixes,
/// which `xs:date` allows but payment market practice does not use, are rejected.
/// Equality and ordering follow the calendar.
public struct ISODate: RawRepresentable, Sendable, Hashable, Comparable {
    /// The text exactly as written.
    public let rawValue: String
    /// The year, 1–9999.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31.
    public let day: Int

    /// Parses `text`.
    ///
    /// - Throws: ``DateTimeError`` (reason DT01) saying where the text is malformed or which
    ///   field is out of range.
    public init(_ text: String) throws(DateTimeError) {
        let result = text.withDateTimeScanner { (scanner: inout DateTimeScanner) throws(DateTimeError.Problem) in
            let date = try scanner.date()
            try scanner.requireEnd()
            return date
        }
        switch result {
        case .success(let date):
            self.rawValue = text
            (year, month, day) = date
        case .failure(let problem):
            throw DateTimeError(kind: .date, value: text, problem: problem)
        }
    }

    /// Parses `rawValue`, or returns `nil` if it is not a valid date.
    public init?(rawValue: String) {
        guard let date = try? ISODate(rawValue) else { return nil }
        self = date
    }

    /// The date with the given fields, written `yyyy-mm-dd`, or `nil` if no such date exists.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.rawValue = "\(CivilCalendar.pad(year, 4))-\(CivilCalendar.pad(month, 2))-\(CivilCalendar.pad(day, 2))"
    }

    /// `true` when `text` is a valid `yyyy-mm-dd` date.
    public static func isValid(_ text: String) -> Bool { ISODate(rawValue: text) != nil }

    /// Days since 1970-01-01 (negative before), handy for date differences.
    public var dayNumber: Int { CivilCalendar.dayNumber(year: year, month: month, day: day) }

    public static func == (lhs: ISODate, rhs: ISODate) -> Bool {
        lhs.year == rhs.year && lhs.month == rhs.month && lhs.day == rhs.day
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(year)
        hasher.combine(month)
        hasher.combine(day)
    }

    public static func < (lhs: ISODate, rhs: ISODate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension ISODate: CustomStringConvertible {
    public var description: String { rawValue }
}
