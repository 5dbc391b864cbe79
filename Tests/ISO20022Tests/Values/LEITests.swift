import Testing
@testable import ISO20022

@Suite struct LEITests {
    @Test(arguments: ["5493001KJTIIGC8Y1R12", "529900T8BM49AURSDO55", "HWUPKR0MPOU8FGXBT394", "7LTWFZYICNSX8D621K86"])
    func acceptsValidLEIs(text: String) throws {
        try LEI(text).validate()
    }

    @Test func rejectsLEIWithOneChangedDigit() {
        let error = #expect(throws: IdentifierError.self) { try LEI("5493001KJTIIGC8Y1R13").validate() }
        #expect(error?.problem == .checkDigitsFailed)
        #expect(error?.reasonCode == "BE15")
        #expect(!LEI("5493002KJTIIGC8Y1R12").isValid)
    }

    @Test(arguments: [
        ("5493001KJTIIGC8Y1R1", IdentifierError.Problem.wrongLength(found: 19, expected: [20])),
        ("5493001kjtiigc8y1r12", .invalidCharacter(position: 7, expected: "an upper-case letter or digit")),
        ("5493001KJTIIGC8Y1R1A", .invalidCharacter(position: 19, expected: "a digit")),
    ])
    func rejectsMalformedLEIs(text: String, problem: IdentifierError.Problem) {
        let error = #expect(throws: IdentifierError.self) { try LEI(text).validate() }
        #expect(error?.problem == problem)
    }
}
