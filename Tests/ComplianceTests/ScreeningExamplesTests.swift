import Testing
import Foundation
@testable import Compliance

/// One labelled query: the query text and the ids of which any one must be hit, or none.
struct LabelledQuery: CustomTestStringConvertible, Sendable {
    var query: String
    var expected: [String]
    var kind: String

    var testDescription: String { "\(kind): \(query)" }

    static func load(_ path: String) -> [LabelledQuery] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 3 else { return nil }
            return LabelledQuery(query: cols[0], expected: cols[1] == "NONE" ? [] : cols[1].split(separator: "|").map(String.init), kind: cols[2])
        }
    }
}

/// Checks a labelled query against the screener: a hit on any expected id, or no alert at all.
func checkLabelled(_ c: LabelledQuery, screener: Screener) {
    let result = screener.screen(name: c.query)
    let ids = result.hits.map(\.entityId)
    if c.expected.isEmpty {
        #expect(result.decision == .pass, "expected no alert for \(c.query), got \(result.hits.map { "\($0.entityId) \($0.matchedAlias) \($0.score) [\($0.reason)]" })")
    } else {
        #expect(c.expected.contains(where: ids.contains),
                "expected one of \(c.expected) for \(c.query), got \(result.hits.map { "\($0.entityId) \($0.matchedAlias) \($0.score)" })")
    }
}

@Suite(.enabled(if: SharedListData.isAvailable, "shared sanctions data not found at ../shared/sanctions; skipping the labelled examples"))
struct ScreeningExamplesTests {
    static let examples = LabelledQuery.load(SharedListData.path("screening-examples.tsv"))

    @Test func exampleFileHasTwentyCases() {
        #expect(Self.examples.count == 20)
    }

    @Test(arguments: examples)
    func labelledExampleIsScreenedCorrectly(_ c: LabelledQuery) throws {
        let screener = try #require(SharedListData.screener)
        checkLabelled(c, screener: screener)
    }
}
