import Synchronization
import Testing
@testable import Settlement

@Suite struct MessageIDGeneratorTests {
    @Test func identifierIsPrefixUTCMillisecondsAndSequence() {
        let generator = MessageIDGenerator(prefix: "CRDRGB2LXXX", clock: { 1_795_684_500_412 })
        #expect(generator.next() == "CRDRGB2LXXX-20261126091500412-00000")
        #expect(generator.next() == "CRDRGB2LXXX-20261126091500412-00001")
        #expect(generator.next().count == 35)
    }

    @Test func prefixIsCleanedAndCutSoIdentifiersFit() {
        let generator = MessageIDGenerator(prefix: "crdr-gb2l-xxx-extra", clock: { 0 })
        #expect(generator.prefix == "CRDRGB2LXXX")
        #expect(MessageIDGenerator(prefix: "", clock: { 0 }).next() == "19700101000000000-00000")
    }

    @Test func clockSteppingBackNeverRepeatsAnIdentifier() {
        let times = Mutex([Int64(5_000), 4_000, 5_000, 5_001])
        let generator = MessageIDGenerator(prefix: "GW", clock: { times.withLock { $0.removeFirst() } })
        let ids = (0..<4).map { _ in generator.next() }
        #expect(Set(ids).count == 4)
        #expect(ids == ids.sorted())
    }

    @Test func sequenceOverflowMovesToTheNextMillisecond() {
        let generator = MessageIDGenerator(prefix: "GW", clock: { 0 })
        var last = ""
        for _ in 0...100_000 { last = generator.next() }
        #expect(last == "GW-19700101000000001-00000")
    }

    @Test func concurrentCallersGetDistinctIdentifiers() async {
        let generator = MessageIDGenerator(prefix: "GW", clock: { 42 })
        let ids = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { (0..<500).map { _ in generator.next() } } }
            var all: [String] = []
            for await batch in group { all += batch }
            return all
        }
        #expect(Set(ids).count == 4000)
    }

    @Test func derivedIdentifiersDependOnlyOnTheKeyAndTheDay() {
        let generator = MessageIDGenerator(prefix: "CRDR")
        let at: Int64 = 1_795_685_400_000  // 2026-11-26T09:30Z
        let id = generator.derived(from: "digest|pacs002", at: at)
        #expect(id.hasPrefix("CRDR-20261126-") && id.count == 35)
        #expect(generator.derived(from: "digest|pacs002", at: at + 60_000) == id, "the same day: the same identifier")
        #expect(generator.derived(from: "digest|pacs008-1", at: at) != id)
        #expect(MessageIdentifier.isValid(MessageIDGenerator(prefix: "CRDRGB2LXXX").derived(from: "x", at: at)))
    }
}

