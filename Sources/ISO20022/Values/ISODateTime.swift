#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A date and time in the `xs:dateTime` form `yyyy-mm-ddThh:mm:ss[.fff…][Z|±hh:mm]`, as in
/// ISO 20022 `ISODateTime` elements such as `CreDtTm`.
///
/// The text is kept exactly as written in ``rawValue`` (fraction and offset included), so it
/// round-trips. A value exists only if the date is a real calendar date and every field is in
/// range. Fraction digits beyond the ninth are kept in the text but not in ``nanosecond``.
///
/// Equality and hashing compare the text, so `10:00:00Z` and `11:00:00+01:00` differ; compare
/// ``instant`` to compare moments.
public struct ISODateTime: RawRepresentable, Sendable, Hashable {
    /// The text exactly as written.
    public let rawValue: String
    /// The year, 1–9999.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month.
    public let day: Int
    /// The hour, 0–23 (24 only for `24:00:00`, the end of the day).
    public let hour: Int
    /// The minute, 0–59.
    public let minute: Int
    /// The second, 0–59.
    public let second: Int
    /// The fractional second in nanoseconds, 0 when no fraction is written.
    public let nanosecond: Int
    /// The time-zone offset in seconds east of UTC (`Z` is 0), or `nil` when none is written.
    public let offsetSeconds: Int?

    /// Parses `text`.
    ///
    /// - Throws: ``DateTimeError`` (reason DT01) saying where the text is malformed or which
    ///   field is out of range.
    public init(_ text: String) throws(DateTimeError) {
        let result = text.withDateTimeScanner { (scanner: inout DateTimeScanner) throws(DateTimeError.Problem) in
            let date = try scanner.date()
            try scanner.literal(UInt8(ascii: "T"))
            let time = try scanner.time()
            let offset = try scanner.offset()
            try scanner.requireEnd()
            return (date, time, offset)
        }
        switch result {
        case .success(let (date, time, offset)):
            self.rawValue = text
            (year, month, day) = date
            self.hour = time.hour
            self.minute = time.minute
            self.second = time.second
            self.nanosecond = time.nanosecond
            self.offsetSeconds = offset
        case .failure(let problem):
            throw DateTimeError(kind: .dateTime, value: text, problem: problem)
        }
    }

    /// Parses `rawValue`, or returns `nil` if it is not a valid date-time.
    public init?(rawValue: String) {
        guard let dateTime = try? ISODateTime(rawValue) else { return nil }
        self = dateTime
    }

    /// `true` when `text` is a valid `xs:dateTime`.
    public static func isValid(_ text: String) -> Bool { ISODateTime(rawValue: text) != nil }

    /// The current time in UTC with millisecond precision, e.g. `2026-11-26T22:30:00.123Z`.
    public static func now() -> ISODateTime {
        ISODateTime(utcMilliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// The moment `milliseconds` after 1970-01-01T00:00:00Z, written in UTC as
    /// `yyyy-mm-ddThh:mm:ss.fffZ`.
    ///
    /// - Precondition: the moment falls in years 0001–9999.
    public init(utcMilliseconds milliseconds: Int64) {
        let millisecondsPerDay: Int64 = 86_400_000
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: millisecondsPerDay)
        let dayNumber = Int(remainder < 0 ? quotient - 1 : quotient)
        let msOfDay = Int(remainder < 0 ? remainder + millisecondsPerDay : remainder)
        let (year, month, day) = CivilCalendar.date(fromDayNumber: dayNumber)
        precondition((1...9999).contains(year), "ISODateTime year \(year) is out of range")
        var bytes = [UInt8]()
        bytes.reserveCapacity(24)
        CivilCalendar.appendDigits(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilCalendar.appendDigits(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilCalendar.appendDigits(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        CivilCalendar.appendDigits(msOfDay / 3_600_000, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilCalendar.appendDigits(msOfDay / 60_000 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilCalendar.appendDigits(msOfDay / 1000 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        CivilCalendar.appendDigits(msOfDay % 1000, width: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        self.rawValue = String(decoding: bytes, as: UTF8.self)
        self.year = year
        self.month = month
        self.day = day
        self.hour = msOfDay / 3_600_000
        self.minute = msOfDay / 60_000 % 60
        self.second = msOfDay / 1000 % 60
        self.nanosecond = msOfDay % 1000 * 1_000_000
        self.offsetSeconds = 0
    }

    /// The date part.
    public var date: ISODate { ISODate(year: year, month: month, day: day)! }

    /// Whole seconds since 1970-01-01T00:00:00Z for this moment.
    ///
    /// A value without an offset is a local time of unknown zone; it is treated as UTC, which
    /// is the usual convention in payment messages. Check ``offsetSeconds`` if that matters.
    public var secondsSince1970: Int64 {
        let days = Int64(CivilCalendar.dayNumber(year: year, month: month, day: day))
        let seconds = Int64(hour * 3600 + minute * 60 + second - (offsetSeconds ?? 0))
        return days * 86_400 + seconds
    }

    /// The moment as a Foundation `Date`.
    ///
    /// A value without an offset is treated as UTC (see ``secondsSince1970``). Every value of
    /// this type (years 0001–9999) has an instant, so this is never `nil` today; it is
    /// optional so that call sites already handle a value whose moment is unknown.
    public var instant: Date? {
        Date(timeIntervalSince1970: Double(secondsSince1970) + Double(nanosecond) / 1_000_000_000)
    }

    public static func == (lhs: ISODateTime, rhs: ISODateTime) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

extension ISODateTime: CustomStringConvertible {
    public var description: String { rawValue }
}
