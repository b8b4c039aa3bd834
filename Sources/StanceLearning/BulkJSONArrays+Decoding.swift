import Foundation

extension KeyedDecodingContainer {
    /// The doubles under `key`: cut out by `BulkJSONArrays` when the decoder carries them, else decoded as usual.
    package func decodeDoubles(forKey key: Key, decoder: any Decoder) throws -> [Double] {
        guard let name = CodingUserInfoKey(rawValue: BulkJSONArrays.userInfoKeyName),
            let lookup = decoder.userInfo[name] as? @Sendable (String) -> Any?,
            let found = lookup((codingPath + [key]).map(\.stringValue).joined(separator: "."))
        else { return try decode([Double].self, forKey: key) }
        guard let (doubles, _) = found as? ([Double], [Int]?) else {
            throw DecodingError.typeMismatch([Double].self, .init(codingPath: codingPath + [key], debugDescription: "expected numbers"))
        }
        return doubles
    }
}

/// Byte-level checks shared by the package's hand-written JSON readers.
package enum JSONBytes {
    /// True when the bytes at `offset` spell `word` (a JSON literal such as `null`).
    package static func spell(_ word: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        for index in 0..<count where bytes[offset + index] != word.utf8Start[index] { return false }
        return true
    }
}
