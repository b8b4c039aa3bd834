import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Makes the reserved, not yet written tail of large arrays resident ahead of the writer, on
/// a background thread: `madvise(MADV_POPULATE_WRITE)` (Linux 5.14) maps the pages in one call
/// per step instead of one page fault per 4 KB when the writer first touches them. The LIBSVM
/// reader's merge fills 720 MB this way for the million-row benchmark file, and its page faults
/// (about 0.5 s of CPU) otherwise stall the one thread every parse waits for. It never changes
/// memory contents, so it may run while the writer writes; elsewhere it does nothing.
final class PagePopulator: @unchecked Sendable {
    /// Largest number of entries populated per request: 2 M (8 MB of column indices, 16 MB of values).
    static let maximumStep = 1 << 21
    /// Entries per request: a sixteenth of the capacity, so a small file does not get 24 MB
    /// of pages it never writes, but at most `maximumStep`.
    private let step: Int
    private let queue = DispatchQueue(label: "StanceLearning.PagePopulator")
    /// Start address, capacity in entries and entry size of each array's storage.
    private let regions: [(start: UInt, capacity: Int, stride: Int)]
    /// Entries asked for so far; touched by the writer's thread only.
    private var requested = 0

    /// Populates ahead in `arrays`, whose capacity is reserved and whose storage must not move.
    init(_ regions: [(start: UnsafeMutableRawPointer, capacity: Int, stride: Int)]) {
        self.regions = regions.map { (UInt(bitPattern: $0.start), $0.capacity, $0.stride) }
        step = min(Self.maximumStep, max(1 << 12, (regions.map(\.capacity).max() ?? 0) / 16))
    }

    /// The base address and capacity of an array's storage, for `init`.
    static func region<T>(of array: inout [T]) -> (start: UnsafeMutableRawPointer, capacity: Int, stride: Int)? {
        let capacity = array.capacity
        return array.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { (UnsafeMutableRawPointer($0), capacity, MemoryLayout<T>.stride) }
        }
    }

    /// Keeps at least one step beyond `count` written entries populated (or asked for).
    func advance(to count: Int) {
        #if os(Linux)
            while requested < count + step {
                let start = requested
                for region in regions where start < region.capacity {
                    let end = min(region.capacity, start + step)
                    let page = UInt(4096)
                    let first = (region.start + UInt(start * region.stride)) & ~(page - 1)
                    let last = region.start + UInt(end * region.stride)
                    queue.async {
                        // A failure (an older kernel without the advice) only loses the head start.
                        _ = madvise(UnsafeMutableRawPointer(bitPattern: first), Int(last - first), 23)  // MADV_POPULATE_WRITE
                    }
                }
                requested += step
                if regions.allSatisfy({ requested >= $0.capacity }) { break }
            }
        #endif
    }

    /// Waits for every request, so the storage may be freed afterwards.
    func finish() { queue.sync {} }
}
