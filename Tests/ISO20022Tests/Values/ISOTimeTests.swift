import Testing
@testable import ISO20022

@Suite struct ISOTimeTests {
    @Test(arguments: [
        ("14:30:00", nil as Int?), ("14:30:00Z", 0), ("14:30:00.5+01:00", 3600), ("00:00:00-12:00", -43_200),
        ("24:00:00", nil),
    ])
    func acceptsTimesKeepingTextAsWritten(text: String, offset: Int?) throws {
        let time = try ISOTime(text)
        #expect(time.rawValue == text)
        #expect(time.offsetSeconds == offset)
    }

    @Test(arguments: ["24:00:01", "12:60:00", "12:00:60", "1:00:00", "12:00", "12:00:00+14:01", "T12:00:00", "12:00:00.Z"])
    func rejectsInvalidTimes(text: String) {
        let error = #expect(throws: DateTimeError.self) { try ISOTime(text) }
        #expect(error?.kind == .time)
    }

    @Test func parsesComponents() throws {
        let time = try ISOTime("07:08:09.000000001")
        #expect((time.hour, time.minute, time.second, time.nanosecond) == (7, 8, 9, 1))
        #expect(time.secondsSinceMidnight == 25_689)
    }
}
