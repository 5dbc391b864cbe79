import ISO20022

/// The settlement stage: ledger, routing and status reports.
public enum Settlement {}
