/// Why a schema-valid tree could not be mapped into the typed model.
///
/// With the gateway's own schemas this does not happen: every element they allow maps into the
/// model. It happens when a caller validates against other schemas (`--schemas`) that allow
/// something the model does not know; the element is then named rather than silently dropped.
public struct ModelDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable, Hashable {
        case unexpectedElement, repeatedElement, missingElement, ambiguousChoice, invalidValue
    }

    public var kind: Kind
    /// The element path where it went wrong.
    public var path: String
    /// The 1-based source line of that element.
    public var line: Int
    /// A sentence saying what is wrong.
    public var message: String

    public var description: String { "\(self.line): \(self.path): \(self.message)" }
}
