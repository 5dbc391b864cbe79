/// Writes the typed models as namespace-correct, deterministic, indented XML.
///
/// Output depends only on the model: the same model always gives the same bytes. The writer
/// owns a growable byte buffer and copies each piece into it with one `memcpy`: rendering makes
/// several appends per element, and `Array.append(contentsOf:)` costs more per call than the
/// copying itself. It is not copyable (it frees its buffer when it ends), so it is only ever
/// passed `inout`.
struct XMLWriter: ~Copyable {
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    private var count = 0
    private var depth = 0
    let indent: Int

    init(indent: Int = 2, capacity: Int = 8192) {
        self.indent = indent
        self.capacity = max(64, capacity)
        self.storage = .allocate(byteCount: self.capacity, alignment: 1)
    }

    deinit {
        self.storage.deallocate()
    }

    /// The bytes written so far.
    var bytes: [UInt8] {
        [UInt8](UnsafeRawBufferPointer(start: self.storage, count: self.count))
    }

    mutating func declaration() {
        self.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }

    /// Opens an element with optional attributes (already-escaped by this writer).
    mutating func open(_ name: String, attributes: [(String, String)] = []) {
        self.pad()
        self.append(byte: UInt8(ascii: "<"))
        self.append(name)
        for (key, value) in attributes {
            self.append(byte: UInt8(ascii: " "))
            self.append(key)
            self.append("=\"")
            self.escape(value, attribute: true)
            self.append(byte: UInt8(ascii: "\""))
        }
        self.append(">\n")
        self.depth += 1
    }

    mutating func close(_ name: String) {
        self.depth -= 1
        self.pad()
        self.append("</")
        self.append(name)
        self.append(">\n")
    }

    mutating func element(_ name: String, _ value: some XMLEncodable) {
        self.open(name)
        value.encodeChildren(to: &self)
        self.close(name)
    }

    mutating func text(_ name: String, _ value: String) {
        self.pad()
        self.append(byte: UInt8(ascii: "<"))
        self.append(name)
        self.append(byte: UInt8(ascii: ">"))
        self.escape(value, attribute: false)
        self.append("</")
        self.append(name)
        self.append(">\n")
    }

    mutating func money(_ name: String, _ value: Money) {
        self.pad()
        self.append(byte: UInt8(ascii: "<"))
        self.append(name)
        self.append(" Ccy=\"")
        self.escape(value.currency.xmlText, attribute: true)
        self.append("\">")
        self.append(value.amount.description)
        self.append("</")
        self.append(name)
        self.append(">\n")
    }

    /// Inserts a foreign element verbatim (it is already canonical XML).
    mutating func raw(_ element: AnyXMLElement) {
        self.pad()
        self.append(element.xml)
        self.append(byte: 0x0A)
    }

    // MARK: The buffer

    /// Makes room for `extra` more bytes, doubling the buffer as often as needed.
    private mutating func reserve(_ extra: Int) {
        guard self.count + extra > self.capacity else { return }
        var grown = self.capacity * 2
        while grown < self.count + extra { grown *= 2 }
        let storage = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 1)
        storage.copyMemory(from: self.storage, byteCount: self.count)
        self.storage.deallocate()
        self.storage = storage
        self.capacity = grown
    }

    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, !buffer.isEmpty else { return }
        self.reserve(buffer.count)
        (self.storage + self.count).copyMemory(from: source, byteCount: buffer.count)
        self.count += buffer.count
    }

    private mutating func append(byte: UInt8) {
        self.reserve(1)
        self.storage.storeBytes(of: byte, toByteOffset: self.count, as: UInt8.self)
        self.count += 1
    }

    private mutating func pad() {
        let spaces = self.depth * self.indent
        guard spaces > 0 else { return }
        self.reserve(spaces)
        (self.storage + self.count).initializeMemory(as: UInt8.self, repeating: 0x20, count: spaces)
        self.count += spaces
    }

    /// Appends the UTF-8 of `s` (in one copy when the string is native, as literals are).
    private mutating func append(_ s: String) {
        let copied: Void? = s.utf8.withContiguousStorageIfAvailable { self.append($0) }
        if copied == nil {
            var s = s
            s.withUTF8 { self.append($0) }
        }
    }

    /// Appends `s` escaped for element text or, with `attribute`, for a double-quoted value.
    /// Most values need no escaping and are copied in one go.
    private mutating func escape(_ s: String, attribute: Bool) {
        var s = s
        s.withUTF8 { buffer in
            guard buffer.contains(where: { XMLWriter.needsEscaping($0, attribute: attribute) }) else {
                self.append(buffer)
                return
            }
            for byte in buffer {
                switch byte {
                case UInt8(ascii: "&"): self.append("&amp;")
                case UInt8(ascii: "<"): self.append("&lt;")
                case UInt8(ascii: ">"): self.append("&gt;")
                case UInt8(ascii: "\"") where attribute: self.append("&quot;")
                case 0x0D: self.append("&#13;")
                case 0x09 where attribute: self.append("&#9;")
                case 0x0A where attribute: self.append("&#10;")
                default: self.append(byte: byte)
                }
            }
        }
    }

    private static func needsEscaping(_ byte: UInt8, attribute: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x0D: true
        case UInt8(ascii: "\""), 0x09, 0x0A: attribute
        default: false
        }
    }
}
