import Crypto
import Foundation

/// The SHA-256 of a file's bytes, as 64 lowercase hex digits; used to recognise an input
/// delivered twice under different names.
public struct ContentDigest: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 64 lowercase hex digits.
    public let hex: String

    /// The digest of `data`.
    public init(of data: some DataProtocol) {
        self.init(SHA256.hash(data: data))
    }

    /// A digest from its hex form, or `nil` unless it is 64 hex digits (upper case is
    /// accepted and lowered).
    public init?(hex: String) {
        let lowered = hex.lowercased()
        guard lowered.utf8.count == 64,
              lowered.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        self.hex = lowered
    }

    private init(_ digest: SHA256.Digest) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        self.hex = String(decoding: text, as: UTF8.self)
    }

    /// The digest of the file at `path`, read in chunks (large files are not loaded whole).
    public static func ofFile(atPath path: String) throws(FileDropError) -> ContentDigest {
        var hasher = SHA256()
        try POSIX.readChunks(path) { hasher.update(bufferPointer: $0) }
        return ContentDigest(hasher.finalize())
    }

    public var description: String { hex }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let digest = ContentDigest(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a SHA-256 in hex")
        }
        self = digest
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
