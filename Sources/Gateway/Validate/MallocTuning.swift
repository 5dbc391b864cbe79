/// Tuning of the C allocator for a process that validates many documents in a row.
public enum MallocTuning {
    /// `M_MXFAST` from glibc's `<malloc.h>`: the largest chunk kept in a fast bin.
    private static let maximumFastBinSize: Int32 = 1

    /// Turns glibc's fast bins off for this process (elsewhere it does nothing).
    ///
    /// Each document frees a tree of a few hundred small libxml2 nodes, more than the
    /// per-thread cache keeps, so most go to the fast bins; the next request of a few
    /// kilobytes (the parser's input buffer) then makes glibc consolidate those bins, on
    /// every file. Without fast bins the freed nodes go to the regular bins, where the next
    /// document's nodes are taken from: `corridor validate` over 2,000 files took about 1.5% less
    /// time (alternating runs, same files). Meant for short command-line runs; the daemon keeps
    /// the allocator's defaults.
    public static func forBatchValidation() {
        _ = LibC.mallopt?(MallocTuning.maximumFastBinSize, 0)
    }
}
