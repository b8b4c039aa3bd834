/// A read-only hash table from token text to a value, for the per-token lookups of
/// mention detection.
///
/// `Dictionary<String, _>` hashes with SipHash through the generic `Hasher`, which costs
/// more than everything else done per token. Token texts are short, so FNV-1a over their
/// UTF-8 bytes with open addressing is several times faster and cannot be flooded by
/// hostile input any worse than the linear probing's worst case on a fixed key set.
struct TokenTable<Value: Sendable>: Sendable {
  private var keyBytes: [UInt8] = []
  /// Start of each key in `keyBytes`; one extra element marks the end of the last key.
  private var keyStarts: [Int] = [0]
  private var values: [Value] = []
  /// Entry index per slot, or -1 for an empty slot.
  private var slots: [Int32]
  private let mask: Int

  /// Builds the table from a dictionary.
  init(_ dictionary: [String: Value]) {
    var capacity = 16
    while capacity < dictionary.count * 2 { capacity *= 2 }
    mask = capacity - 1
    slots = [Int32](repeating: -1, count: capacity)
    for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
      let bytes = Array(key.utf8)
      var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(values.count)
      keyBytes.append(contentsOf: bytes)
      keyStarts.append(keyBytes.count)
      values.append(value)
    }
  }

  /// The value stored for `text`, if any.
  @inline(__always)
  func value(for text: String) -> Value? {
    var text = text
    return text.withUTF8 { bytes in lookup(bytes) }
  }

  private func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
    var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
    while true {
      let entry = Int(slots[slot])
      if entry < 0 { return nil }
      let start = keyStarts[entry], end = keyStarts[entry + 1]
      if end - start == bytes.count {
        var equal = true
        var offset = 0
        while offset < bytes.count {
          if keyBytes[start + offset] != bytes[offset] {
            equal = false
            break
          }
          offset += 1
        }
        if equal { return values[entry] }
      }
      slot = (slot + 1) & mask
    }
  }

  /// 64-bit FNV-1a (Fowler–Noll–Vo), folded so the low bits used as a slot mix in the high ones.
  @inline(__always)
  private static func hash<Bytes: Collection>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash ^ (hash >> 29)
  }
}
