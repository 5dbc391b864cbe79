#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import ISO20022

@Suite struct ISODateTimeTests {
    @Test(arguments: [
        ("2024-02-29T13:45:00", nil as Int?),
        ("2024-02-29T13:45:00Z", 0),
        ("2024-02-29T13:45:00.123+01:00", 3600),
        ("2024-02-29T13:45:00.1234567891-05:30", -19_800),
        ("2024-02-29T23:59:59+14:00", 50_400),
        ("2024-02-29T00:00:00-00:00", 0),
        ("2024-02-29T24:00:00Z", 0),
    ])
    func acceptsDateTimesKeepingTextAsWritten(text: String, offset: Int?) throws {
        let value = try ISODateTime(text)
        #expect(value.rawValue == text)
        #expect(value.description == text)
        #expect(value.offsetSeconds == offset)
    }

    @Test(arguments: [
        "2023-02-29T10:00:00Z", "2024-01-01 10:00:00", "2024-01-01T25:00:00", "2024-01-01T10:60:00",
        "2024-01-01T10:00:60", "2024-01-01T10:00", "2024-01-01T10:00:00.", "2024-01-01T10:00:00+15:00",
        "2024-01-01T10:00:00+01:60", "2024-01-01T10:00:00+0100", "2024-01-01T24:00:01", "2024-01-01T10:00:00z",
        "2024-01-01", "2024-01-01T10:00:00Z ",
    ])
    func rejectsInvalidDateTimes(text: String) {
        let error = #expect(throws: DateTimeError.self) { try ISODateTime(text) }
        #expect(error?.kind == .dateTime)
        #expect(ISODateTime(rawValue: text) == nil)
    }

    @Test func parsesComponentsAndFraction() throws {
        let value = try ISODateTime("2024-02-29T13:45:07.0123-05:30")
        #expect((value.year, value.month, value.day) == (2024, 2, 29))
        #expect((value.hour, value.minute, value.second) == (13, 45, 7))
        #expect(value.nanosecond == 12_300_000)
        #expect(value.offsetSeconds == -(5 * 3600 + 30 * 60))
        #expect(value.date == (try ISODate("2024-02-29")))
    }

    @Test func offsetsDenoteTheSameInstant() throws {
        let utc = try ISODateTime("2024-03-01T00:30:00Z")
        let plusOne = try ISODateTime("2024-03-01T01:30:00+01:00")
        let minusFive = try ISODateTime("2024-02-29T19:30:00-05:00")
        #expect(utc != plusOne, "equality compares the text")
        #expect(utc.instant == plusOne.instant)
        #expect(utc.instant == minusFive.instant)
        #expect(utc.secondsSince1970 == 1_709_253_000)
    }

    @Test func treatsMissingOffsetAsUTC() throws {
        let local = try ISODateTime("2024-03-01T00:30:00")
        #expect(local.offsetSeconds == nil)
        #expect(local.instant == (try ISODateTime("2024-03-01T00:30:00Z")).instant)
    }

    @Test func endOfDayIsMidnightOfTheNextDay() throws {
        let end = try ISODateTime("2024-02-29T24:00:00Z")
        #expect(end.instant == (try ISODateTime("2024-03-01T00:00:00Z")).instant)
    }

    @Test func instantKeepsMilliseconds() throws {
        let value = try ISODateTime("1970-01-01T00:00:01.250Z")
        #expect(value.instant == Date(timeIntervalSince1970: 1.25))
    }

    @Test func formatsUTCMillisecondsWithZ() {
        #expect(ISODateTime(utcMilliseconds: 0).rawValue == "1970-01-01T00:00:00.000Z")
        #expect(ISODateTime(utcMilliseconds: 1_709_253_000_123).rawValue == "2024-03-01T00:30:00.123Z")
        #expect(ISODateTime(utcMilliseconds: -1).rawValue == "1969-12-31T23:59:59.999Z")
    }

    @Test func nowProducesParsableUTCTextWithMilliseconds() throws {
        let now = ISODateTime.now()
        let reparsed = try ISODateTime(now.rawValue)
        #expect(reparsed.offsetSeconds == 0)
        #expect(now.rawValue.utf8.count == 24)
        #expect(now.rawValue.hasSuffix("Z"))
        let drift = try #require(now.instant).timeIntervalSince(Date())
        #expect(abs(drift) < 5)
    }
}
