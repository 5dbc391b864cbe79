import Foundation
import ISO20022
import Testing
@testable import Compliance

@Suite struct DuplicateDetectorTests {
    typealias F = ComplianceFixtures

    private func detector(clock: ManualClock, retentionSeconds: Int = 86_400) -> DuplicateDetector {
        DuplicateDetector(store: InMemoryDuplicateStore(retentionSeconds: retentionSeconds), now: clock.function)
    }

    @Test func acceptsTheFirstOccurrenceOfEveryIdentifier() async throws {
        let duplicates = detector(clock: ManualClock())
        #expect(try await duplicates.check(message: [F.payment(uetr: UETR.random())]) == [.unique])
        #expect(try await duplicates.check(message: [F.payment(messageId: "MSG-2", uetr: UETR.random(), txId: "TX-2")]) == [.unique])
    }

    @Test func rejectsAReusedMessageIdFromTheSameSenderWithAPointerToTheFirstMessage() async throws {
        let clock = ManualClock()
        let duplicates = detector(clock: clock)
        _ = try await duplicates.check(message: [F.payment(messageId: "MSG-7", txId: "TX-1")])
        let firstSeen = clock.now
        clock.advance(seconds: 30)
        let verdicts = try await duplicates.check(message: [
            F.payment(messageId: "MSG-7", txId: "TX-8"), F.payment(messageId: "MSG-7", txId: "TX-9", position: 2),
        ])
        let expected = DuplicateMatch(
            key: .messageID("MSG-7", sender: "BANKDEFFXXX"),
            first: DuplicateOccurrence(messageId: "MSG-7", sender: "BANKDEFFXXX",
                                       path: "/Document/FIToFICstmrCdtTrf/GrpHdr", firstSeen: firstSeen))
        #expect(verdicts == [.duplicate(expected), .duplicate(expected)])
        #expect(verdicts[0].outcome?.reasonCode == "AM05")
        #expect(verdicts[0].outcome?.ruleID == "duplicate.messageID")
    }

    @Test func acceptsTheSameMessageIdFromAnotherSender() async throws {
        let duplicates = detector(clock: ManualClock())
        _ = try await duplicates.check(message: [F.payment(messageId: "MSG-7", debtorAgent: "BANKDEFFXXX")])
        #expect(try await duplicates.check(message: [F.payment(messageId: "MSG-7", debtorAgent: "OTHRDEFFXXX")]) == [.unique])
    }

    @Test func rejectsAReusedUETRWhateverTheMessageAndNamesTheFirstTransaction() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_795_000_000.25))
        let duplicates = detector(clock: clock)
        let uetr: UETR = "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b"
        _ = try await duplicates.check(message: [
            F.payment(messageId: "MSG-1", uetr: UETR.random(), txId: "TX-1"),
            F.payment(messageId: "MSG-1", uetr: uetr, txId: "TX-2", position: 2),
        ])
        clock.advance(seconds: 5)
        let verdicts = try await duplicates.check(message: [
            F.payment(messageId: "MSG-2", debtorAgent: "OTHRDEFFXXX", uetr: "6F1D2A3B-4C5D-4E6F-8A9B-0C1D2E3F4A5B", txId: "TX-X"),
        ])
        guard case .duplicate(let match) = verdicts.first else { Issue.record("not a duplicate: \(verdicts)"); return }
        #expect(match.key.kind == .uetr)
        #expect(match.first.messageId == "MSG-1")
        #expect(match.first.path == "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]")
        #expect(match.outcome.narrative == "duplicate UETR 6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b: first seen "
            + "2026-11-18T11:06:40.250Z in message MSG-1 at /Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]")
    }

    @Test func rejectsTheSameAgentEndToEndIdAndTxIdInANewMessage() async throws {
        let duplicates = detector(clock: ManualClock())
        _ = try await duplicates.check(message: [F.payment(messageId: "MSG-1", endToEndId: "E2E-9", txId: "TX-9")])
        let verdicts = try await duplicates.check(message: [F.payment(messageId: "MSG-2", endToEndId: "E2E-9", txId: "TX-9")])
        guard case .duplicate(let match) = verdicts.first else { Issue.record("not a duplicate: \(verdicts)"); return }
        #expect(match.key == DuplicateKey(kind: .transactionReference, value: "BANKDEFFXXX|E2E-9|TX-9"))
        #expect(match.first.messageId == "MSG-1")
    }

    @Test func acceptsARepeatedEndToEndIdWithADifferentTxIdOrAgent() async throws {
        let duplicates = detector(clock: ManualClock())
        _ = try await duplicates.check(message: [F.payment(messageId: "MSG-1", endToEndId: "E2E-9", txId: "TX-9")])
        #expect(try await duplicates.check(message: [F.payment(messageId: "MSG-2", endToEndId: "E2E-9", txId: "TX-10")]) == [.unique])
        #expect(try await duplicates.check(message: [
            F.payment(messageId: "MSG-3", debtorAgent: "OTHRDEFFXXX", endToEndId: "E2E-9", txId: "TX-9"),
        ]) == [.unique])
    }

    @Test func catchesTwoTransactionsOfOneMessageSharingAUETR() async throws {
        let duplicates = detector(clock: ManualClock())
        let uetr = UETR.random()
        let verdicts = try await duplicates.check(message: [
            F.payment(uetr: uetr, txId: "TX-1"), F.payment(uetr: uetr, txId: "TX-2", position: 2),
        ])
        #expect(verdicts.first == .unique)
        guard case .duplicate(let match) = verdicts.last else { Issue.record("not a duplicate: \(verdicts)"); return }
        #expect(match.first.path == PaymentFacts.path(ofTransaction: 1))
    }

    @Test func forgetsIdentifiersOnceTheRetentionHasPassed() async throws {
        let clock = ManualClock()
        let duplicates = detector(clock: clock, retentionSeconds: 3_600)
        let uetr = UETR.random()
        _ = try await duplicates.check(message: [F.payment(messageId: "MSG-1", uetr: uetr)])
        clock.advance(seconds: 3_599)
        #expect(try await duplicates.check(message: [F.payment(messageId: "MSG-2", uetr: uetr, txId: "TX-2")]).first != .unique)
        clock.advance(seconds: 1)
        #expect(try await duplicates.check(message: [F.payment(messageId: "MSG-1", uetr: uetr)]) == [.unique])
    }

    @Test func tellsAReplayOfTheSameMessageFromANewMessageReusingItsId() async throws {
        let duplicates = detector(clock: ManualClock())
        _ = try await duplicates.check(message: [F.payment(messageId: "MSG-1")], fingerprint: "sha256:aaa")
        let replay = try await duplicates.check(message: [F.payment(messageId: "MSG-1")], fingerprint: "sha256:aaa")
        guard case .duplicate(let match) = replay.first else { Issue.record("not a duplicate: \(replay)"); return }
        #expect(match.isReplay(fingerprint: "sha256:aaa"))
        #expect(!match.isReplay(fingerprint: "sha256:bbb"))
        #expect(!match.isReplay(fingerprint: nil))
    }

    @Test func onlyOneOfManyConcurrentCopiesIsTakenAsTheFirst() async throws {
        let duplicates = detector(clock: ManualClock())
        let uetr = UETR.random()
        let uniques = try await withThrowingTaskGroup(of: Bool.self) { group in
            for copy in 0..<20 {
                group.addTask {
                    try await duplicates.check(message: [F.payment(messageId: "MSG-\(copy)", uetr: uetr, txId: "TX-\(copy)")]) == [.unique]
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(uniques == 1)
    }

    @Test func answersNothingForAnEmptyMessage() async throws {
        #expect(try await detector(clock: ManualClock()).check(message: []) == [])
    }
}
