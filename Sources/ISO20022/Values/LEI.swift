/// A legal entity identifier (ISO 17442), e.g. `5493001KJTIIGC8Y1R12`.
///
/// Twenty characters: 18 upper-case letters or digits, then two check digits such that the
/// whole code, read with letters as 10–35, is 1 modulo 97 (ISO 7064 MOD 97-10). Holds the text
/// as given; call ``validate()`` to check it.
public struct LEI: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    /// The LEI exactly as written.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ text: String) { self.rawValue = text }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// `true` when ``validate()`` would not throw.
    public var isValid: Bool { (try? validate()) != nil }

    /// Checks length, character classes and the MOD 97-10 check digits.
    ///
    /// - Throws: ``IdentifierError`` of kind ``IdentifierError/Kind/lei`` (reason BE15).
    public func validate() throws(IdentifierError) {
        let bytes = rawValue.utf8
        guard bytes.count == 20 else { throw error(.wrongLength(found: bytes.count, expected: [20])) }
        for (position, byte) in bytes.enumerated() {
            if position >= 18 {
                guard ASCII.isDigit(byte) else { throw error(.invalidCharacter(position: position, expected: "a digit")) }
            } else if !ASCII.isUpperAlphanumeric(byte) {
                throw error(.invalidCharacter(position: position, expected: "an upper-case letter or digit"))
            }
        }
        guard Mod97.remainder(of: bytes) == 1 else { throw error(.checkDigitsFailed) }
    }

    private func error(_ problem: IdentifierError.Problem) -> IdentifierError {
        IdentifierError(kind: .lei, value: rawValue, problem: problem)
    }
}

extension LEI: CustomStringConvertible {
    public var description: String { rawValue }
}
