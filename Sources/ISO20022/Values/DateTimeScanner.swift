/// A forward-only reader for the `xs:date`, `xs:time` and `xs:dateTime` lexical forms over
/// contiguous UTF-8 bytes. Shared by ``ISODate``, ``ISOTime`` and ``ISODateTime``.
///
/// It holds an unsafe buffer, so it must not escape the `withUTF8` call that made it; only
/// ``Swift/String/withDateTimeScanner(_:)`` creates one.
struct DateTimeScanner {
    typealias Problem = DateTimeError.Problem

    /// The fields of a time of day.
    struct Time {
        var hour: Int
        var minute: Int
        var second: Int
        var nanosecond: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    func requireEnd() throws(Problem) {
        guard isAtEnd else { throw .malformed(position: position, expected: "end of text") }
    }

    mutating func digits(_ count: Int, _ what: String) throws(Problem) -> Int {
        var value = 0
        for _ in 0..<count {
            guard position < bytes.count, ASCII.isDigit(bytes[position]) else {
                throw .malformed(position: position, expected: "a digit of the \(what)")
            }
            value = value * 10 + Int(bytes[position] &- 0x30)
            position += 1
        }
        return value
    }

    mutating func literal(_ byte: UInt8) throws(Problem) {
        guard position < bytes.count, bytes[position] == byte else {
            throw .malformed(position: position, expected: "'\(Character(Unicode.Scalar(byte)))'")
        }
        position += 1
    }

    /// `yyyy-mm-dd` with a real calendar date; year 0000 is rejected as in XML Schema 1.0.
    mutating func date() throws(Problem) -> (year: Int, month: Int, day: Int) {
        let year = try digits(4, "year")
        try literal(UInt8(ascii: "-"))
        let month = try digits(2, "month")
        try literal(UInt8(ascii: "-"))
        let day = try digits(2, "day")
        guard year >= 1 else { throw .outOfRange(field: "year", value: year) }
        guard (1...12).contains(month) else { throw .outOfRange(field: "month", value: month) }
        guard day >= 1 else { throw .outOfRange(field: "day", value: day) }
        guard day <= CivilCalendar.daysInMonth(year: year, month: month) else {
            throw .nonexistentDate(year: year, month: month, day: day)
        }
        return (year, month, day)
    }

    /// `hh:mm:ss` with optional fraction. `24:00:00` is accepted as the end of the day (XML
    /// Schema 1.0). Fraction digits beyond nanoseconds are read but ignored.
    mutating func time() throws(Problem) -> Time {
        let hour = try digits(2, "hour")
        try literal(UInt8(ascii: ":"))
        let minute = try digits(2, "minute")
        try literal(UInt8(ascii: ":"))
        let second = try digits(2, "second")
        var nanosecond = 0
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            var count = 0
            while position < bytes.count, ASCII.isDigit(bytes[position]) {
                if count < 9 { nanosecond = nanosecond * 10 + Int(bytes[position] &- 0x30) }
                count += 1
                position += 1
            }
            guard count > 0 else { throw .malformed(position: position, expected: "a fraction digit") }
            for _ in count..<max(count, 9) { nanosecond *= 10 }
        }
        guard minute <= 59 else { throw .outOfRange(field: "minute", value: minute) }
        guard second <= 59 else { throw .outOfRange(field: "second", value: second) }
        guard hour <= 23 || (hour == 24 && minute == 0 && second == 0 && nanosecond == 0) else {
            throw .outOfRange(field: "hour", value: hour)
        }
        return Time(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }

    /// An optional time-zone suffix: `Z`, `+hh:mm` or `-hh:mm` (at most 14:00), as seconds east
    /// of UTC, or `nil` when the text ends without one.
    mutating func offset() throws(Problem) -> Int? {
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "Z"):
            position += 1
            return 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[position] == UInt8(ascii: "-") ? -1 : 1
            position += 1
            let hours = try digits(2, "offset hours")
            try literal(UInt8(ascii: ":"))
            let minutes = try digits(2, "offset minutes")
            guard minutes <= 59 else { throw .outOfRange(field: "offset minutes", value: minutes) }
            guard hours * 60 + minutes <= 14 * 60 else { throw .outOfRange(field: "offset hours", value: hours) }
            return sign * (hours * 3600 + minutes * 60)
        default:
            throw .malformed(position: position, expected: "'Z', '+', '-' or end of text")
        }
    }
}

extension String {
    /// Runs `body` over the string's UTF-8 bytes, made contiguous if needed.
    func withDateTimeScanner<T>(
        _ body: (inout DateTimeScanner) throws(DateTimeError.Problem) -> T
    ) -> Result<T, DateTimeError.Problem> {
        var copy = self
        return copy.withUTF8 { buffer in
            var scanner = DateTimeScanner(buffer)
            return Result { () throws(DateTimeError.Problem) -> T in try body(&scanner) }
        }
    }
}
