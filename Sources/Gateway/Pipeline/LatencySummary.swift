import Histogram

/// Latency percentiles from microsecond samples (HdrHistogram, three significant digits).
public struct LatencySummary: Sendable, Hashable {
    public var count: Int
    public var meanMicros: Double
    public var p50Micros: UInt64
    public var p95Micros: UInt64
    public var p99Micros: UInt64
    public var maxMicros: UInt64

    public init(_ samples: [Int64]) {
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        for sample in samples { _ = histogram.record(UInt64(max(1, min(sample, 3_600_000_000)))) }
        self.count = samples.count
        self.meanMicros = samples.isEmpty ? 0 : histogram.mean
        self.p50Micros = samples.isEmpty ? 0 : histogram.valueAtPercentile(50)
        self.p95Micros = samples.isEmpty ? 0 : histogram.valueAtPercentile(95)
        self.p99Micros = samples.isEmpty ? 0 : histogram.valueAtPercentile(99)
        self.maxMicros = samples.isEmpty ? 0 : histogram.valueAtPercentile(100)
    }

    static func milliseconds(_ micros: Double) -> String { String(format: "%.2f ms", micros / 1000) }
    static func milliseconds(_ micros: UInt64) -> String { milliseconds(Double(micros)) }

    /// `p50 1.20 ms, p95 …, p99 …, max …`.
    public var text: String {
        "mean \(Self.milliseconds(self.meanMicros)), p50 \(Self.milliseconds(self.p50Micros)), p95 \(Self.milliseconds(self.p95Micros)), "
            + "p99 \(Self.milliseconds(self.p99Micros)), max \(Self.milliseconds(self.maxMicros))"
    }
}
