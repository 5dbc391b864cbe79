import Testing
@testable import Settlement

@Suite struct NarrativeTests {
    @Test func shortTextIsOneTrimmedLine() {
        #expect(Narrative.lines("  Insufficient funds ") == ["Insufficient funds"])
        #expect(Narrative.lines("   ").isEmpty)
        #expect(Narrative.joined([]) == nil)
    }

    @Test func textBreaksAtTheLastSpaceThatFits() {
        #expect(Narrative.lines("aaa bbb ccc", lineLength: 7) == ["aaa bbb", "ccc"])
        #expect(Narrative.lines("aaa bbbb ccc", lineLength: 7) == ["aaa", "bbbb", "ccc"])
    }

    @Test func overlongWordIsCutInside() {
        #expect(Narrative.lines("abcdefghij", lineLength: 4) == ["abcd", "efgh", "ij"])
    }

    @Test func linesCountUnicodeScalarsAsTheSchemaDoes() {
        let text = String(repeating: "é", count: 106)
        let lines = Narrative.lines(text)
        #expect(lines.map { $0.unicodeScalars.count } == [105, 1])
    }
}
