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

    /// The offset of the first byte at or after `start` that a JSON string cannot hold as it
    /// is (`"`, `\` or a control character below 0x20), or `bytes.count` when there is none.
    ///
    /// Eight bytes are tested at a time with word arithmetic: the common string, long and
    /// plain, is passed over at a fraction of a byte-by-byte loop's cost. A word that may hold
    /// one is finished byte by byte, so the answer is exact.
    @inline(__always)
    package static func firstSpecialStringByte(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // A byte below 0x20, or equal to `"` or `\` (a zero byte after the XOR), sets its high bit.
                let control = (word &- 0x20 &* ones) & ~word & highs
                let quote = word ^ (0x22 &* ones)
                let backslash = word ^ (0x5C &* ones)
                let special = control | ((quote &- ones) & ~quote & highs) | ((backslash &- ones) & ~backslash & highs)
                if special != 0 { break }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return index }
            index += 1
        }
        return bytes.count
    }
}
