/// A JSON value with ordered object members, for deterministic output.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .number(let n): hasher.combine(n)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let members):
            for (key, value) in members {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }

    /// An integer.
    public static func int<I: BinaryInteger>(_ value: I) -> JSONValue { .number(String(value)) }

    /// A string, or `null` when absent.
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// An amount as exact strings: `{"amount": "12.50", "currency": "EUR"}`.
    public static func money(_ money: Money) -> JSONValue {
        .object([("amount", .string(money.amount.description)), ("currency", .string(money.currency.xmlText))])
    }

    /// Serialises the value; `indent` > 0 pretty-prints with that many spaces per level.
    public func serialized(indent: Int = 0) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        self.write(to: &out, indent: indent, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the serialised value to a byte buffer (UTF-8).
    ///
    /// `level` is the nesting depth the value sits at when pretty-printed, so that parts of a
    /// larger document (one array element each) can be rendered separately and joined.
    public func write(to out: inout [UInt8], indent: Int = 0, level: Int = 0) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            var layout = JSONContainerLayout(opening: "[", closing: "]", indent: indent, level: level, to: &out)
            for item in items {
                layout.element(&out)
                item.write(to: &out, indent: indent, level: level + 1)
            }
            layout.finish(&out)
        case .object(let members):
            var layout = JSONContainerLayout(opening: "{", closing: "}", indent: indent, level: level, to: &out)
            for (key, value) in members {
                layout.element(&out)
                JSONValue.writeMember(key, value, indent: indent, level: level, to: &out)
            }
            layout.finish(&out)
        }
    }

    fileprivate static func writeMember(_ key: String, _ value: JSONValue, indent: Int, level: Int, to out: inout [UInt8]) {
        JSONValue.writeString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        if indent > 0 { out.append(UInt8(ascii: " ")) }
        value.write(to: &out, indent: indent, level: level + 1)
    }

    fileprivate static func newline(_ out: inout [UInt8], indent: Int, level: Int) {
        guard indent > 0 else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    fileprivate static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            // Runs of bytes that need no escaping are copied at once.
            var start = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default:
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// The layout arrays and objects share: the opening bracket, then before each element a comma
/// (after the first) and a new line indented one level deeper, then the closing bracket on a
/// line of its own (`[]` and `{}` when empty).
struct JSONContainerLayout {
    private let indent: Int
    private let level: Int
    private let closing: UInt8
    private var empty = true

    init(opening: Unicode.Scalar, closing: Unicode.Scalar, indent: Int, level: Int, to out: inout [UInt8]) {
        self.indent = indent
        self.level = level
        self.closing = UInt8(ascii: closing)
        out.append(UInt8(ascii: opening))
    }

    /// What goes before the next element.
    mutating func element(_ out: inout [UInt8]) {
        if !self.empty { out.append(UInt8(ascii: ",")) }
        self.empty = false
        JSONValue.newline(&out, indent: self.indent, level: self.level + 1)
    }

    func finish(_ out: inout [UInt8]) {
        if !self.empty { JSONValue.newline(&out, indent: self.indent, level: self.level) }
        out.append(self.closing)
    }
}

/// Writes one JSON object member by member, formatted exactly as
/// ``JSONValue/write(to:indent:level:)`` formats an `.object`, without first building the
/// array of members (for output written thousands of times, such as validation reports).
public struct JSONObjectWriter {
    private var layout: JSONContainerLayout
    private let indent: Int
    private let level: Int

    /// Starts the object (`{`) at nesting depth `level`.
    public init(to out: inout [UInt8], indent: Int, level: Int) {
        self.layout = JSONContainerLayout(opening: "{", closing: "}", indent: indent, level: level, to: &out)
        self.indent = indent
        self.level = level
    }

    /// Appends one member.
    public mutating func add(_ key: String, _ value: JSONValue, to out: inout [UInt8]) {
        self.layout.element(&out)
        JSONValue.writeMember(key, value, indent: self.indent, level: self.level, to: &out)
    }

    /// Ends the object (`}`).
    public func finish(_ out: inout [UInt8]) { self.layout.finish(&out) }
}

/// Writes one JSON array whose elements were serialised separately (on several threads, say)
/// at depth `level` + 1, formatted exactly as ``JSONValue/write(to:indent:level:)`` formats an
/// `.array`.
public struct JSONArrayWriter {
    private var layout: JSONContainerLayout

    /// Starts the array (`[`) at nesting depth `level`.
    public init(to out: inout [UInt8], indent: Int, level: Int) {
        self.layout = JSONContainerLayout(opening: "[", closing: "]", indent: indent, level: level, to: &out)
    }

    /// Appends one element already serialised at depth `level` + 1.
    public mutating func add(serialized element: [UInt8], to out: inout [UInt8]) {
        self.layout.element(&out)
        out.append(contentsOf: element)
    }

    /// Ends the array (`]`).
    public func finish(_ out: inout [UInt8]) { self.layout.finish(&out) }
}
