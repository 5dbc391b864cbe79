/// A minimal, tolerant XML reader for well-formed list files.
///
/// It builds a small element tree from UTF-8 bytes: elements, attributes and text, with the
/// five predefined entities and numeric character references decoded. It ignores the XML
/// declaration, comments, processing instructions and DOCTYPE, resolves no external
/// entities, and treats CDATA as text. It is not a validating parser and is meant only for
/// list files such as the UN consolidated list.
struct XMLPullScanner {
    /// One element of the tree.
    struct Element: Sendable {
        var name: String
        var attributes: [String: String] = [:]
        var text: String = ""
        var children: [Element] = []

        /// The first child with the given name.
        func child(_ name: String) -> Element? { children.first { $0.name == name } }
        /// All children with the given name.
        func children(_ name: String) -> [Element] { children.filter { $0.name == name } }
        /// The trimmed text of the first child with the given name, or "".
        func value(_ name: String) -> String { child(name)?.text.trimmingASCIIWhitespace() ?? "" }
    }

    struct Failure: Error {
        var line: Int
        var reason: String
    }

    let bytes: [UInt8]

    /// Parses the document and returns its root element.
    func parse() throws(Failure) -> Element {
        var stack: [Element] = [Element(name: "#document")]
        var text: [UInt8] = []
        var i = 0
        let n = bytes.count
        var line = 1
        func flushText() {
            if !text.isEmpty {
                stack[stack.count - 1].text += XMLPullScanner.decodeEntities(text)
                text.removeAll(keepingCapacity: true)
            }
        }
        func starts(_ s: String, at j: Int) -> Bool {
            let u = Array(s.utf8)
            guard j + u.count <= n else { return false }
            for k in 0..<u.count where bytes[j + k] != u[k] { return false }
            return true
        }
        func skip(past terminator: String, from j: Int) throws(Failure) -> Int {
            let u = Array(terminator.utf8)
            var k = j
            while k + u.count <= n {
                if bytes[k] == 10 { line += 1 }
                if bytes[k] == u[0] && starts(terminator, at: k) { return k + u.count }
                k += 1
            }
            throw Failure(line: line, reason: "unterminated construct, expected \(terminator)")
        }
        while i < n {
            let b = bytes[i]
            if b != UInt8(ascii: "<") {
                if b == 10 { line += 1 }
                text.append(b)
                i += 1
                continue
            }
            if starts("<!--", at: i) { i = try skip(past: "-->", from: i + 4); continue }
            if starts("<![CDATA[", at: i) {
                let start = i + 9
                let end = try skip(past: "]]>", from: start)
                flushText()
                stack[stack.count - 1].text += String(decoding: bytes[start..<(end - 3)], as: UTF8.self)
                i = end
                continue
            }
            if starts("<?", at: i) || starts("<!", at: i) { i = try skip(past: ">", from: i + 2); continue }
            flushText()
            // Find the end of the tag, respecting quoted attribute values.
            var j = i + 1
            var quote: UInt8 = 0
            while j < n {
                let c = bytes[j]
                if c == 10 { line += 1 }
                if quote != 0 { if c == quote { quote = 0 } }
                else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c }
                else if c == UInt8(ascii: ">") { break }
                j += 1
            }
            guard j < n else { throw Failure(line: line, reason: "unterminated tag") }
            let tag = bytes[(i + 1)..<j]
            i = j + 1
            if tag.first == UInt8(ascii: "/") {
                let name = String(decoding: tag.dropFirst(), as: UTF8.self).trimmingASCIIWhitespace()
                guard stack.count > 1, stack[stack.count - 1].name == name else {
                    throw Failure(line: line, reason: "unexpected closing tag </\(name)>")
                }
                let done = stack.removeLast()
                stack[stack.count - 1].children.append(done)
                continue
            }
            let selfClosing = tag.last == UInt8(ascii: "/")
            let body = selfClosing ? tag.dropLast() : tag
            let element = Self.element(from: body)
            if selfClosing {
                stack[stack.count - 1].children.append(element)
            } else {
                stack.append(element)
            }
        }
        guard stack.count == 1 else {
            throw Failure(line: line, reason: "unclosed element <\(stack[stack.count - 1].name)>")
        }
        guard let root = stack[0].children.first else { throw Failure(line: line, reason: "no root element") }
        return root
    }

    private static func element(from tag: ArraySlice<UInt8>) -> Element {
        let isSpace: (UInt8) -> Bool = { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
        var k = tag.startIndex
        while k < tag.endIndex, !isSpace(tag[k]) { k += 1 }
        var element = Element(name: String(decoding: tag[tag.startIndex..<k], as: UTF8.self))
        // Attributes: name="value" or name='value'.
        while k < tag.endIndex {
            while k < tag.endIndex, isSpace(tag[k]) { k += 1 }
            let nameStart = k
            while k < tag.endIndex, tag[k] != UInt8(ascii: "="), !isSpace(tag[k]) { k += 1 }
            let name = String(decoding: tag[nameStart..<k], as: UTF8.self)
            while k < tag.endIndex, tag[k] != UInt8(ascii: "\"") && tag[k] != UInt8(ascii: "'") { k += 1 }
            guard k < tag.endIndex else { break }
            let q = tag[k]
            k += 1
            let valueStart = k
            while k < tag.endIndex, tag[k] != q { k += 1 }
            if !name.isEmpty { element.attributes[name] = decodeEntities(tag[valueStart..<min(k, tag.endIndex)]) }
            k += 1
        }
        return element
    }

    static func decodeEntities<C: Collection>(_ raw: C) -> String where C.Element == UInt8 {
        let s = String(decoding: raw, as: UTF8.self)
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var scalar: Unicode.Scalar?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                }
                if let scalar { out.unicodeScalars.append(scalar) } else { out += "&\(entity);" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        out += rest
        return out
    }
}
