extension XMLTextValue where Self: RawRepresentable, Self.RawValue == String {
    public init?(xmlText: String) { self.init(rawValue: xmlText) }
    public var xmlText: String { self.rawValue }
}

extension BIC: XMLTextValue {}
extension IBAN: XMLTextValue {}
extension LEI: XMLTextValue {}
extension UETR: XMLTextValue {}
extension CountryCode: XMLTextValue {}
extension CurrencyCode: XMLTextValue {}
extension ISODate: XMLTextValue {}
extension ISODateTime: XMLTextValue {}
extension ISOTime: XMLTextValue {}
