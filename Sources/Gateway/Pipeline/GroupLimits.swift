/// How much one durable group takes at most: files, and bytes of input.
///
/// Bulk files carry hundreds of transactions each, so a limit on files alone would make one
/// huge group of them with nothing to overlap it; the byte limit keeps groups at a few
/// thousand transactions whatever the files carry. A group always takes at least one file.
public struct GroupLimits: Sendable, Hashable {
    /// Most files per group.
    public var files: Int
    /// Most input bytes per group (a larger file makes a group of its own).
    public var bytes: Int

    public init(files: Int, bytes: Int) {
        self.files = max(1, files)
        self.bytes = max(1, bytes)
    }

    /// Consecutive groups of items of the given sizes, as index ranges, in order.
    func cut(sizes: [Int]) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var start = 0
        var total = 0
        for (index, size) in sizes.enumerated() {
            if index > start, index - start == self.files || total + max(0, size) > self.bytes {
                groups.append(start..<index)
                start = index
                total = 0
            }
            total += max(0, size)
        }
        if start < sizes.count { groups.append(start..<sizes.count) }
        return groups
    }
}
