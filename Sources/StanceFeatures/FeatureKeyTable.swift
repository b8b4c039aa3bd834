/// An immutable open-addressing hash map from 64-bit feature keys to column numbers.
///
/// Building a row looks up every candidate feature, most of which are absent; a flat
/// table with linear probing answers a miss in one or two cache lines, several times
/// faster than `Dictionary<UInt64, Int32>` with its per-lookup SipHash.
struct FeatureKeyTable: Sendable {
    /// A key and its value side by side, so a lookup touches one cache line.
    private struct Slot {
        var key: UInt64
        var value: Int32
    }

    /// `UInt64.max` marks an empty slot; packed keys never reach it (the template byte is < 0xFF).
    private static let emptyKey = UInt64.max
    private var slots: [Slot]
    private var mask: Int

    /// Creates a table holding `pairs`; later duplicates overwrite earlier ones.
    init(_ pairs: [(key: UInt64, value: Int32)]) {
        // At most two thirds full: linear probing stays short, and the table of a large model
        // is half the size of one kept at most half full, so more of it stays in cache;
        // every lookup misses the cache otherwise, and that miss is most of a lookup's cost.
        var capacity = 16
        while capacity < pairs.count + pairs.count / 2 + 2 { capacity <<= 1 }
        slots = Array(repeating: Slot(key: FeatureKeyTable.emptyKey, value: -1), count: capacity)
        mask = capacity - 1
        for pair in pairs { insert(pair.key, pair.value) }
    }

    @inline(__always)
    private static func slot(_ key: UInt64, mask: Int) -> Int {
        // Fibonacci hashing spreads keys whose low bits are all alike (small word ids).
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func insert(_ key: UInt64, _ value: Int32) {
        var index = FeatureKeyTable.slot(key, mask: mask)
        while slots[index].key != FeatureKeyTable.emptyKey && slots[index].key != key { index = (index + 1) & mask }
        slots[index] = Slot(key: key, value: value)
    }

    /// The column of `key`, or -1 when the key is not in the table.
    @inline(__always)
    func value(for key: UInt64) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            var index = FeatureKeyTable.slot(key, mask: mask)
            while true {
                let slot = slots[index]
                if slot.key == key { return slot.value }
                if slot.key == FeatureKeyTable.emptyKey { return -1 }
                index = (index + 1) & mask
            }
        }
    }
}
