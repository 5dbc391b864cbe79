/// A time of day in the `xs:time` form `hh:mm:ss[.fff…][Z|±hh:mm]`, e.g. `14:30:00.5+01:00`.
///
/// The text is kept exactly as written in ``rawValue``; a value exists only if every field is
/// in range. `24:00:00` is accepted as the end of the day, as XML Schema 1.0 allows.
/// Fraction digits beyond the ninth are kept in the text but not in ``nanosecond``.
/// Equality and hashing compare the text.
public struct ISOTime: RawRepresentable, Sendable, Hashable {
    /// The text exactly as written.
    public let rawValue: String
    /// The hour, 0–23 (24 only for `24:00:00`).
    public let hour: Int
    /// The minute, 0–59.
    public let minute: Int
    /// The second, 0–59 (leap seconds are not allowed by `xs:time`).
    public let second: Int
    /// The fractional second in nanoseconds, 0 when no fraction is written.
    public let nanosecond: Int
    /// The time-zone offset in seconds east of UTC (`Z` is 0), or `nil` when none is written.
    public let offsetSeconds: Int?

    /// Parses `text`.
    ///
    /// - Throws: ``DateTimeError`` (reason DT01).
    public init(_ text: String) throws(DateTimeError) {
        let result = text.withDateTimeScanner { (scanner: inout DateTimeScanner) throws(DateTimeError.Problem) in
            let time = try scanner.time()
            let offset = try scanner.offset()
            try scanner.requireEnd()
            return (time, offset)
        }
        switch result {
        case .success(let (time, offset)):
            self.rawValue = text
            self.hour = time.hour
            self.minute = time.minute
            self.second = time.second
            self.nanosecond = time.nanosecond
            self.offsetSeconds = offset
        case .failure(let problem):
            throw DateTimeError(kind: .time, value: text, problem: problem)
        }
    }

    /// Parses `rawValue`, or returns `nil` if it is not a valid time.
    public init?(rawValue: String) {
        guard let time = try? ISOTime(rawValue) else { return nil }
        self = time
    }

    /// `true` when `text` is a valid `xs:time`.
    public static func isValid(_ text: String) -> Bool { ISOTime(rawValue: text) != nil }

    /// Whole seconds since the start of the day, in the written (local) time; 86 400 for `24:00:00`.
    public var secondsSinceMidnight: Int { hour * 3600 + minute * 60 + second }

    public static func == (lhs: ISOTime, rhs: ISOTime) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

extension ISOTime: CustomStringConvertible {
    public var description: String { rawValue }
}
