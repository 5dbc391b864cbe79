import ISO20022

/// The compliance stage: sanctions screening, limits, duplicates and corridor policy.
///
/// Sanctions screening is implemented by ``Screener``; limits, duplicates and policy are
/// not implemented yet.
public enum Compliance {}
