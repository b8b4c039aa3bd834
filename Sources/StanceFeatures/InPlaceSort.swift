/// An in-place, allocation-free sort for the short integer buffers of one feature row.
///
/// The standard library's `sort()` is a stable merge sort: it allocates a scratch buffer and
/// does more bookkeeping than a row's few dozen packed integers need. Rows hold plain integers,
/// so stability is moot (equal elements are identical) and the result is the same sorted
/// buffer whichever algorithm produced it. Quicksort with a median-of-three pivot, insertion
/// sort below `insertionLimit` elements, and heapsort once the recursion is deeper than
/// `2·log₂ n` (so no input is quadratic).
enum InPlaceSort {
    /// Below this many elements a range is finished by insertion sort.
    static let insertionLimit = 16

    /// Sorts `buffer` ascending, in place.
    @inline(__always)
    static func sort<Element: FixedWidthInteger>(_ buffer: UnsafeMutableBufferPointer<Element>) {
        sort(buffer, depthLimit: 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount))
    }

    /// Sorts `buffer` ascending with at most `depthLimit` quicksort levels before heapsort
    /// takes over (tests pass 0 to check the heapsort path on its own).
    @inline(__always)
    static func sort<Element: FixedWidthInteger>(_ buffer: UnsafeMutableBufferPointer<Element>, depthLimit: Int) {
        guard buffer.count > 1 else { return }
        quicksort(buffer, 0, buffer.count, depthLimit: depthLimit)
        insertionSort(buffer, 0, buffer.count)
    }

    /// Leaves `buffer[low..<high]` partitioned into runs shorter than `insertionLimit`, each
    /// holding the elements that belong there; the final insertion sort orders them.
    private static func quicksort<Element: FixedWidthInteger>(
        _ buffer: UnsafeMutableBufferPointer<Element>, _ low: Int, _ high: Int, depthLimit: Int
    ) {
        var low = low
        var high = high
        var depth = depthLimit
        while high - low > insertionLimit {
            if depth == 0 {
                heapsort(buffer, low, high)
                return
            }
            depth -= 1
            let middle = low + (high - low) / 2
            // Median of three moved to `low`, so the scan below has sentinels on both sides.
            if buffer[middle] < buffer[low] { buffer.swapAt(middle, low) }
            if buffer[high - 1] < buffer[low] { buffer.swapAt(high - 1, low) }
            if buffer[high - 1] < buffer[middle] { buffer.swapAt(high - 1, middle) }
            buffer.swapAt(low, middle)
            let pivot = buffer[low]
            var left = low + 1
            var right = high - 1
            while true {
                while buffer[left] < pivot { left += 1 }
                while pivot < buffer[right] { right -= 1 }
                if left >= right { break }
                buffer.swapAt(left, right)
                left += 1
                right -= 1
            }
            buffer.swapAt(low, right)
            // Recurse into the smaller side, loop on the larger: stack depth stays logarithmic.
            if right - low < high - right - 1 {
                quicksort(buffer, low, right, depthLimit: depth)
                low = right + 1
            } else {
                quicksort(buffer, right + 1, high, depthLimit: depth)
                high = right
            }
        }
    }

    /// Sorts `buffer[low..<high]` by insertion.
    @inline(__always)
    private static func insertionSort<Element: FixedWidthInteger>(
        _ buffer: UnsafeMutableBufferPointer<Element>, _ low: Int, _ high: Int
    ) {
        var index = low + 1
        while index < high {
            let value = buffer[index]
            var hole = index
            while hole > low && value < buffer[hole - 1] {
                buffer[hole] = buffer[hole - 1]
                hole -= 1
            }
            buffer[hole] = value
            index += 1
        }
    }

    /// Sorts `buffer[low..<high]` by heapsort (the depth-limit fallback).
    private static func heapsort<Element: FixedWidthInteger>(
        _ buffer: UnsafeMutableBufferPointer<Element>, _ low: Int, _ high: Int
    ) {
        let count = high - low
        func siftDown(_ start: Int, _ end: Int) {
            var root = start
            while 2 * root + 1 < end {
                var child = 2 * root + 1
                if child + 1 < end && buffer[low + child] < buffer[low + child + 1] { child += 1 }
                guard buffer[low + root] < buffer[low + child] else { return }
                buffer.swapAt(low + root, low + child)
                root = child
            }
        }
        var start = count / 2
        while start > 0 {
            start -= 1
            siftDown(start, count)
        }
        var end = count
        while end > 1 {
            end -= 1
            buffer.swapAt(low, low + end)
            siftDown(0, end)
        }
    }
}
