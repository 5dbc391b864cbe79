/// The wrapper a message arrived in.
///
/// The reader finds `AppHdr` and `Document` by namespace and local name wherever they sit, so
/// any wrapper works; this value only records which one it was.
public struct Envelope: Sendable, Hashable {
    /// The wrapper's namespace URI, if any.
    public var namespace: String?
    /// The wrapper's root element local name.
    public var rootElement: String

    public init(namespace: String?, rootElement: String) {
        self.namespace = namespace
        self.rootElement = rootElement
    }

    /// A short name: `swift`, `fednow`, `tch`, `swiftnet`, or `{namespace}Root` for others.
    public var name: String {
        switch self.namespace {
        case "urn:swift:xsd:envelope": return "swift"
        case let ns? where ns.hasPrefix("urn:fednow:"): return "fednow"
        case "urn:tch": return "tch"
        case let ns? where ns.hasPrefix("urn:swift:snl:") || ns.hasPrefix("urn:swift:saa:"): return "swiftnet"
        case let ns?: return "{\(ns)}\(self.rootElement)"
        case nil: return self.rootElement
        }
    }
}
