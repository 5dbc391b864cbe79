import Compliance
import ISO20022
import Settlement

/// The gateway: pipeline, file-drop directories, daemon, metrics and configuration.
public enum Gateway {}
