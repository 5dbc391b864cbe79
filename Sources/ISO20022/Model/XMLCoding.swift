/// A model type the generated decoders build from an element.
protocol XMLDecodable {
    init(decoding element: XMLElementCursor) throws(ModelDecodingError)
}

/// A model type that writes its children as XML and itself as JSON.
protocol XMLEncodable {
    func encodeChildren(to writer: inout XMLWriter)
    func jsonValue() -> JSONValue
}

/// A value type with an XML text form (BIC, IBAN, ISODate, …).
///
/// `init?(xmlText:)` accepts the lexical forms the schema allows and keeps the text as written,
/// so that writing gives back the same characters.
public protocol XMLTextValue: Sendable, Hashable {
    init?(xmlText: String)
    var xmlText: String { get }
}
