import Foundation
import ISO20022

/// The `gateway:` section of `corridor.yaml`: who the gateway is and where it keeps its files.
public struct GatewaySettings: Sendable, Hashable {
    /// The `data` folder used when the key is absent: `./var` next to the configuration file.
    public static let defaultDataDirectory = "./var"
    /// The `timeoutSeconds` used when the key is absent.
    public static let defaultTimeoutSeconds = 10

    /// The gateway's own BIC, in its 11-character form: the AppHdr `From` of everything the
    /// gateway writes and the instructing agent of forwarded payments.
    public var bic: BIC
    /// The absolute folder holding `inbox/`, `processing/`, `outbox/`, `outbound/`, `archive/`,
    /// `error/` and the ledger (key `data`, relative to the configuration file's folder).
    public var dataDirectory: URL
    /// The instant-payment deadline for forwarded payments, in seconds (at least 1).
    public var timeoutSeconds: Int

    /// Creates the settings.
    public init(bic: BIC, dataDirectory: URL, timeoutSeconds: Int = GatewaySettings.defaultTimeoutSeconds) {
        self.bic = bic
        self.dataDirectory = dataDirectory
        self.timeoutSeconds = timeoutSeconds
    }
}
