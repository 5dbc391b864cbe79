import Foundation
import Testing
@testable import Settlement

@Suite struct TransferIDTests {
    @Test func fnv1a128MatchesThePublishedVectors() {
        #expect(FNV1a128().hexDigest == "6c62272e07bb014262b821756295c58d")
        var hash = FNV1a128()
        hash.combine("a".utf8)
        #expect(hash.hexDigest == "d228cb696f1a8caf78912b704e4a8964")
    }

    @Test func derivedIDIsStableAndPrefixed() {
        let id = TransferID.derive(instructingAgent: "BANKDEFFXXX", transactionId: "TX-1")
        #expect(id == TransferID.derive(instructingAgent: "bankdeffxxx", transactionId: "TX-1"))
        #expect(id.rawValue.hasPrefix("fnv1a128:"))
        #expect(id.rawValue.count == "fnv1a128:".count + 32)
    }

    @Test func derivedIDSeparatesFieldBoundaries() {
        let a = TransferID.derive(instructingAgent: "BANKDEFF", transactionId: "X1")
        let b = TransferID.derive(instructingAgent: "BANKDEFFX", transactionId: "1")
        let c = TransferID.derive(instructingAgent: "BANKDEFF", transactionId: "X2")
        #expect(a != b)
        #expect(a != c)
    }

    @Test func uetrIsLowercased() {
        let uuid = UUID(uuidString: "E2D9A5C4-6F0B-4A7E-9C1D-2B3A4F5E6D7C")!
        #expect(TransferID(uetr: uuid).rawValue == "e2d9a5c4-6f0b-4a7e-9c1d-2b3a4f5e6d7c")
    }

    @Test func emptyAndOverlongIDsAreRefused() {
        #expect(throws: LedgerError.self) { try TransferID("") }
        #expect(throws: LedgerError.self) { try TransferID(String(repeating: "x", count: 129)) }
        #expect(throws: LedgerError.self) { try TransferID("a\nb") }
    }
}
