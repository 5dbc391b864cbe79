import Foundation
import Synchronization
import Testing
@testable import Gateway

@Suite struct ContentDigestTests {
    @Test func digestOfBytesIsLowercaseHexSHA256() {
        #expect(ContentDigest(of: Data("abc".utf8)).hex
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentDigest(of: Data()).hex
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func digestOfAFileMatchesTheDigestOfItsBytes() async throws {
        try await withDataRoot { root in
            let text = String(repeating: "pacs.008 ", count: 100_000)  // several read chunks
            let path = try root.put(text, in: root.directories.inbox, as: "big.xml")
            #expect(try ContentDigest.ofFile(atPath: path) == ContentDigest(of: Data(text.utf8)))
        }
    }

    @Test func digestOfAMissingFileThrowsWithThePath() {
        let error = #expect(throws: FileDropError.self) { try ContentDigest.ofFile(atPath: "/nonexistent/x.xml") }
        #expect(error?.path == "/nonexistent/x.xml")
        #expect(error?.errno == ENOENT)
    }

    @Test func hexFormIsValidated() {
        #expect(ContentDigest(hex: "ABC") == nil)
        #expect(ContentDigest(hex: String(repeating: "g", count: 64)) == nil)
        #expect(ContentDigest(hex: String(repeating: "A", count: 64))?.hex == String(repeating: "a", count: 64))
    }

    @Test func seenDigestsReportsTheFirstSightingWithinRetention() {
        let clock = Mutex(Date(timeIntervalSince1970: 1_000_000))
        let store = InMemorySeenDigests(retention: .seconds(3600)) { clock.withLock { $0 } }
        let digest = ContentDigest(of: Data("payment".utf8))
        #expect(store.firstSeen(digest) == nil)

        store.record(SeenRecord(digest: digest, firstSeen: clock.withLock { $0 }, fileName: "a.xml"))
        clock.withLock { $0 += 60 }
        store.record(SeenRecord(digest: digest, firstSeen: clock.withLock { $0 }, fileName: "b.xml"))
        #expect(store.firstSeen(digest)?.fileName == "a.xml")

        clock.withLock { $0 += 3600 }
        #expect(store.firstSeen(digest) == nil)  // a.xml's record expired
    }

    @Test func expiredRecordsAreSweptAndASightingAfterExpiryCountsAsNew() {
        let clock = Mutex(Date(timeIntervalSince1970: 1_000_000))
        let store = InMemorySeenDigests(retention: .seconds(100)) { clock.withLock { $0 } }
        for index in 0..<10 {
            store.record(SeenRecord(
                digest: ContentDigest(of: Data("\(index)".utf8)), firstSeen: clock.withLock { $0 }, fileName: "\(index)"))
        }
        #expect(store.count == 10)
        clock.withLock { $0 += 200 }
        let digest = ContentDigest(of: Data("0".utf8))
        store.record(SeenRecord(digest: digest, firstSeen: clock.withLock { $0 }, fileName: "again.xml"))
        #expect(store.count == 1)
        #expect(store.firstSeen(digest)?.fileName == "again.xml")
    }
}
