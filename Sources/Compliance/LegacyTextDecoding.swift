/// Decoding of single-byte legacy encodings used by the list publishers.
///
/// OFAC and OFSI publish Windows-1252; the EU CSV is ISO-8859-1, which differs only in
/// 0x80–0x9F, where Windows-1252 has printable characters. Decoding ISO-8859-1 as
/// Windows-1252 is therefore safe for these files.
enum LegacyTextDecoding {
    /// Windows-1252 code points for bytes 0x80–0x9F (0 marks an undefined byte).
    private static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Decodes Windows-1252 bytes; undefined bytes become their Latin-1 code point.
    static func windows1252<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if !bytes.contains(where: { $0 >= 0x80 }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            var value = UInt32(b)
            if b >= 0x80 && b <= 0x9F {
                let mapped = cp1252High[Int(b) - 0x80]
                if mapped != 0 { value = mapped }
            }
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    /// Decodes bytes as UTF-8 when they are valid UTF-8, otherwise as Windows-1252.
    static func utf8OrWindows1252<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if !bytes.contains(where: { $0 >= 0x80 }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return windows1252(bytes)
    }
}
