import Compliance
import Foundation
import ISO20022
import Settlement
import Yams

/// Reads the sections of `corridor.yaml` into a ``GatewayConfiguration``.
///
/// Each section is read as far as possible even after an error, so that one pass reports
/// every problem; a configuration is only produced when there were none.
struct ConfigurationParser {
    /// The keys allowed at the top level.
    static let sections = ["gateway", "participants", "routes", "screening", "limits"]

    var reader: ConfigurationReader

    init(file: String, baseDirectory: URL) {
        reader = ConfigurationReader(file: file, baseDirectory: baseDirectory)
    }

    /// The configuration in `yaml`, or `nil` when there were errors (then in ``reader``).
    mutating func parse(yaml: String) -> GatewayConfiguration? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            reportSyntax(error)
            return nil
        }
        guard let root, !ConfigurationReader.isEmpty(root) else {
            reader.report(.error, "the file is empty; expected the sections \(Self.sections.joined(separator: ", "))",
                          mark: nil, key: "")
            return nil
        }
        guard let document = reader.fields(of: root, path: "", known: Self.sections) else { return nil }

        let gateway = parseGateway(document)
        let participants = parseParticipants(document)
        let routes = parseRoutes(document)
        let screening = parseScreening(document)
        let limits = parseLimits(document)
        crossCheck(participants: participants, routes: routes, document: document)

        guard reader.errors.isEmpty, let gateway, let screening else { return nil }
        return GatewayConfiguration(
            gateway: gateway, participants: participants.map(\.participant), routes: routes.map(\.route),
            screening: screening, limits: limits, sourceFile: reader.file)
    }

    /// Reports a YAML syntax error at the position libyaml gives.
    private mutating func reportSyntax(_ error: any Error) {
        guard let yamlError = error as? YamlError else {
            reader.report(.error, "not valid YAML: \(error)", mark: nil, key: "")
            return
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "not valid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            reader.report(.error, message, mark: mark, key: "")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            reader.report(.error, "duplicate key \(keys): each key may appear only once in a mapping",
                          mark: context.mark, key: duplicates.first ?? "")
        default:
            reader.report(.error, "not valid YAML: \(yamlError)", mark: nil, key: "")
        }
    }

    // MARK: gateway

    private mutating func parseGateway(_ document: ConfigurationFields) -> GatewaySettings? {
        guard let node = document["gateway"] else {
            reader.missing("gateway", in: document, hint: "it names the gateway's own BIC")
            return nil
        }
        guard let fields = reader.fields(of: node, path: "gateway", known: ["bic", "data", "timeoutSeconds"]) else {
            return nil
        }
        let bic = reader.bic(fields, "bic", required: true)
        let data: URL?
        if let dataNode = fields["data"] {
            data = reader.location(of: dataNode, path: fields.path("data"))
        } else {
            data = reader.baseDirectory.appendingPathComponent(GatewaySettings.defaultDataDirectory).standardizedFileURL
        }
        let timeout = fields.has("timeoutSeconds")
            ? reader.integer(fields, "timeoutSeconds", in: 1...3_600) : GatewaySettings.defaultTimeoutSeconds
        guard let bic, let data, let timeout else { return nil }
        return GatewaySettings(bic: bic, dataDirectory: data, timeoutSeconds: timeout)
    }
}
