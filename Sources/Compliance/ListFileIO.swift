import Foundation

/// File access shared by the list loaders, mapping failures to ``ScreeningError``.
enum ListFileIO {
    static func readBytes(_ path: String) throws(ScreeningError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .listNotFound(path: path)
        }
        if isDirectory.boolValue { throw .listUnreadable(path: path, reason: "is a folder, expected a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .listUnreadable(path: path, reason: "permission denied or I/O error")
        }
        return [UInt8](data)
    }

    /// The file's modification date as `yyyy-mm-dd`, used when a list carries no date of its own.
    static func modificationDate(_ path: String) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let date = attributes[.modificationDate] as? Date else { return "unknown" }
        return isoDay(date)
    }

    static func isoDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// Converts `dd/mm/yyyy` to `yyyy-mm-dd`; other strings are returned unchanged.
    static func isoFromDayMonthYear(_ s: String) -> String {
        let parts = s.split(separator: "/")
        guard parts.count == 3, parts[2].count == 4 else { return s }
        return "\(parts[2])-\(parts[1])-\(parts[0])"
    }

    /// Names of the regular files in a folder, sorted.
    static func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}
