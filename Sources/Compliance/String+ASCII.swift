extension String {
    /// Whether every byte of the text is ASCII. Native strings are scanned in place, a whole
    /// buffer at a time, instead of through the UTF-8 view's index.
    var isAllASCII: Bool {
        if let result = utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            var any: UInt8 = 0
            for b in bytes { any |= b }
            return any < 0x80
        }) {
            return result
        }
        return !utf8.contains { $0 >= 0x80 }
    }
}

extension UInt8 {
    /// Whether the byte is ASCII white space: tab, line feed, vertical tab, form feed, carriage
    /// return or space (in ASCII text, exactly what Foundation trims as white space and newlines).
    var isASCIIWhitespace: Bool { (0x09...0x0D).contains(self) || self == 0x20 }
}
