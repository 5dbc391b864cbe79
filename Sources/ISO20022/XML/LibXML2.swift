internal import CLibXML2

/// One-time, process-wide libxml2 set-up.
///
/// Every entry point that touches libxml2 calls ``LibXML2/initialize()`` first. The static
/// initialiser runs exactly once and is thread-safe: it initialises the parser and installs an
/// external-entity loader that refuses everything, so no code path can reach the network or the
/// file system through an entity, a DTD or an `xsi:schemaLocation`.
enum LibXML2 {
    static func initialize() { _ = once }

    private static let once: Void = {
        xmlInitParser()
        corridor_install_entity_loader()
    }()

    /// The version of the libxml2 library the process runs with, e.g. `20914`.
    static var version: Int { Int(LIBXML_VERSION) }
}
