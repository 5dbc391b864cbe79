import ISO20022

/// The compliance stage: sanctions screening, limits, duplicates and corridor policy.
public enum Compliance {}
