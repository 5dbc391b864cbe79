import Testing
@testable import ISO20022

@Suite struct UETRTests {
    @Test(arguments: ["eb6305c9-1f7f-49de-aed0-16487c27b42d", "00000000-0000-4000-8000-000000000000", "ffffffff-ffff-4fff-bfff-ffffffffffff"])
    func acceptsVersion4LowerCaseUUIDs(text: String) throws {
        try UETR(text).validate()
    }

    @Test(arguments: [
        ("EB6305C9-1F7F-49DE-AED0-16487C27B42D", IdentifierError.Problem.invalidCharacter(position: 0, expected: "a lower-case hexadecimal digit")),
        ("eb6305c9-1f7f-19de-aed0-16487c27b42d", .invalidCharacter(position: 14, expected: "version digit 4")),
        ("eb6305c9-1f7f-49de-ced0-16487c27b42d", .invalidCharacter(position: 19, expected: "variant digit 8, 9, a or b")),
        ("eb6305c91f7f-49de-aed0-16487c27b42d0", .invalidCharacter(position: 8, expected: "a hyphen")),
        ("eb6305c9-1f7f-49de-aed0-16487c27b42", .wrongLength(found: 35, expected: [36])),
        ("eb6305c9-1f7f-49de-aed0-16487c27b42g", .invalidCharacter(position: 35, expected: "a lower-case hexadecimal digit")),
    ])
    func rejectsTextOutsideTheUUIDv4Pattern(text: String, problem: IdentifierError.Problem) {
        let error = #expect(throws: IdentifierError.self) { try UETR(text).validate() }
        #expect(error?.problem == problem)
        #expect(error?.reasonCode == "FF08")
    }

    @Test func randomValuesAreValidAndDistinct() {
        let values = (0..<1000).map { _ in UETR.random() }
        #expect(values.allSatisfy { $0.isValid })
        #expect(Set(values).count == values.count)
    }
}
