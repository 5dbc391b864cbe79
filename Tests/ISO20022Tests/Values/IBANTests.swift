import Testing
@testable import ISO20022

@Suite struct IBANTests {
    @Test(arguments: [
        "GB82WEST12345698765432", "GB29NWBK60161331926819", "DE89370400440532013000",
        "FR1420041010050500013M02606", "ES9121000418450200051332", "IT60X0542811101000000123456",
        "NL91ABNA0417164300", "BE68539007547034", "CH9300762011623852957", "AT611904300234573201",
        "NO9386011117947", "PL61109010140000071219812874", "SE4550000000058398257466",
        "DK5000400440116243", "FI2112345600000785", "IE29AIBK93115212345678",
        "PT50000201231234567890154", "LU280019400644750000", "SA0380000000608010167519",
        "AE070331234567890123456", "MT84MALT011000012345MTLCAST001S", "LC55HEMM000100010012001200023015",
        "RU0304452522540817810538091310419", "XK051212012345678906", "BR1800360305000010009795493C1",
        "QA58DOHB00001234567890ABCDEFG", "KW81CBKU0000000000001234560101", "JO94CBJO0010000000000131000302",
        "UA213223130000026007233566001", "SC18SSCB11010000000000001497USD", "EG380019000500000000263180002",
        "IL620108000000099999999", "TR330006100519786457841326",
    ])
    func acceptsRegistryExamples(text: String) throws {
        try IBAN(text).validate()
    }

    @Test func rejectsIBANWithBadCheckDigits() {
        let error = #expect(throws: IdentifierError.self) { try IBAN("DE89370400440532013001").validate() }
        #expect(error?.problem == .checkDigitsFailed)
        #expect(error?.reasonCode == "AC01")
        #expect(error?.description == "IBAN DE89370400440532013001 has check digits that fail mod-97")
    }

    @Test func describesWrongLengthWithTheRegisteredLength() {
        let error = #expect(throws: IdentifierError.self) { try IBAN("DE8937040044053201300").validate() }
        #expect(error?.description == "IBAN DE8937040044053201300 has 21 characters but must have 22")
        let short = #expect(throws: IdentifierError.self) { try IBAN("GB8").validate() }
        #expect(short?.description == "IBAN GB8 is too short (3 characters)")
    }

    @Test func rejectsSwappedDigits() {
        #expect(!IBAN("GB82WEST12345698765423").isValid)
    }

    @Test(arguments: [
        ("DE8937040044053201300", IdentifierError.Problem.wrongLength(found: 21, expected: [22])),
        ("DE893704004405320130000", .wrongLength(found: 23, expected: [22])),
        ("US64SVBKUS6S3300958879", .countryWithoutIBAN("US")),
        ("QQ82WEST12345698765432", .unknownCountry("QQ")),
        ("GBX2WEST12345698765432", .invalidCharacter(position: 2, expected: "a digit")),
        ("GB82WEST1234569876543-", .invalidCharacter(position: 21, expected: "a letter or digit")),
        ("1B82WEST12345698765432", .invalidCharacter(position: 0, expected: "a letter")),
        ("GB8", .wrongLength(found: 3, expected: [])),
    ])
    func rejectsMalformedIBANs(text: String, problem: IdentifierError.Problem) {
        let error = #expect(throws: IdentifierError.self) { try IBAN(text).validate() }
        #expect(error?.problem == problem)
        #expect(error?.kind == .iban)
    }

    @Test func normalizesPrintFormatToElectronicFormat() throws {
        let iban = IBAN("gb82 west 1234 5698 7654 32")
        #expect(iban.rawValue == "gb82 west 1234 5698 7654 32")
        #expect(iban.electronicFormat == "GB82WEST12345698765432")
        #expect(iban.countryCode == "GB")
        #expect(iban.checkDigits == "82")
        #expect(iban.bban == "WEST12345698765432")
        #expect(iban == IBAN("GB82WEST12345698765432"))
        try iban.validate()
    }

    @Test func registryHasTheKnownLengths() {
        #expect(IBANRegistry.length(forCountry: "DE") == 22)
        #expect(IBANRegistry.length(forCountry: "NO") == 15)
        #expect(IBANRegistry.length(forCountry: "LC") == 32)
        #expect(IBANRegistry.length(forCountry: "RU") == 33)
        #expect(IBANRegistry.length(forCountry: "US") == nil)
        #expect(IBANRegistry.length(forCountry: "de") == nil)
        #expect(IBANRegistry.allLengths.keys.allSatisfy { CountryCode($0).isValid })
    }
}
