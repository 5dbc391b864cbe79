extension String {
    /// The value without any white space, upper-cased (codes typed as `de 89 3704`, `deut de ff`).
    /// ASCII values, nearly all of them, take a byte path instead of grapheme iteration.
    func removingWhitespaceUppercased() -> String {
        let utf8 = self.utf8
        guard isAllASCII else { return filter { !$0.isWhitespace }.uppercased() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        for b in utf8 {
            switch b {
            case 0x09...0x0D, 0x20: continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(b - 32)
            default: bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
