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
}
