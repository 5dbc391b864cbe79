import Testing
@testable import ISO20022

@Suite struct ISODateTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "2023-12-31", "0001-01-01", "9999-12-31", "2023-04-30"])
    func acceptsRealCalendarDates(text: String) throws {
        let date = try ISODate(text)
        #expect(date.rawValue == text)
    }

    @Test(arguments: [
        ("2023-02-29", DateTimeError.Problem.nonexistentDate(year: 2023, month: 2, day: 29)),
        ("1900-02-29", .nonexistentDate(year: 1900, month: 2, day: 29)),
        ("2023-04-31", .nonexistentDate(year: 2023, month: 4, day: 31)),
        ("2023-13-01", .outOfRange(field: "month", value: 13)),
        ("2023-00-10", .outOfRange(field: "month", value: 0)),
        ("2023-01-00", .outOfRange(field: "day", value: 0)),
        ("0000-01-01", .outOfRange(field: "year", value: 0)),
        ("2023-1-01", .malformed(position: 6, expected: "a digit of the month")),
        ("2023/01/01", .malformed(position: 4, expected: "'-'")),
        ("2023-01-01Z", .malformed(position: 10, expected: "end of text")),
        ("", .malformed(position: 0, expected: "a digit of the year")),
    ])
    func rejectsInvalidDates(text: String, problem: DateTimeError.Problem) {
        let error = #expect(throws: DateTimeError.self) { try ISODate(text) }
        #expect(error?.problem == problem)
        #expect(error?.reasonCode == "DT01")
    }

    @Test func explainsNonexistentDates() {
        let error = #expect(throws: DateTimeError.self) { try ISODate("2023-02-29") }
        #expect(error?.description == "Date 2023-02-29 does not exist: 2023-02 has 28 days")
    }

    @Test func parsesFieldsAndOrdersByCalendar() throws {
        let date = try ISODate("2024-02-29")
        #expect((date.year, date.month, date.day) == (2024, 2, 29))
        #expect(try ISODate("2024-02-28") < date)
        #expect(ISODate(year: 2024, month: 3, day: 1)?.rawValue == "2024-03-01")
        #expect(ISODate(year: 2023, month: 2, day: 29) == nil)
        #expect(ISODate.isValid("2024-02-29"))
        #expect(!ISODate.isValid("2023-02-29"))
    }

    @Test func countsDaysFromTheEpoch() throws {
        #expect(try ISODate("1970-01-01").dayNumber == 0)
        #expect(try ISODate("2000-03-01").dayNumber == 11_017)
        #expect(try ISODate("1969-12-31").dayNumber == -1)
        for number in [-719_162, -1, 0, 11_016, 19_782, 2_932_896] {
            let (year, month, day) = CivilCalendar.date(fromDayNumber: number)
            #expect(CivilCalendar.dayNumber(year: year, month: month, day: day) == number)
        }
    }
}
