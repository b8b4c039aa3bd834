import Foundation
import FuzzSupport

@testable import StanceLearning

/// Scratch file the LIBSVM reader reads (it takes a path): in /dev/shm when available.
let scratch: URL = {
    let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return URL(fileURLWithPath: directory).appendingPathComponent("stance-fuzz-libsvm-\(getpid()).libsvm")
}()

/// libFuzzer entry: the LIBSVM reader. A file it accepts has finite values, column
/// indices below its column count and within the index limit, and one label per row.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLIBSVM(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    FileManager.default.createFile(atPath: scratch.path, contents: Data(bytes: bytes, count: count))
    for reader in [
        LIBSVMReader(url: scratch), LIBSVMReader(url: scratch, labelNames: ["-1", "1", "2"], requireTwoExamplesPerLabel: false),
    ] {
        guard let dataset = try? reader.load() else { continue }
        let rows = dataset.rows
        FuzzSupport.check(rows.columnCount <= LIBSVMReader.maximumIndex, "column count \(rows.columnCount) beyond the limit")
        FuzzSupport.check(dataset.labels.count == rows.rowCount, "\(dataset.labels.count) labels for \(rows.rowCount) rows")
        for r in 0..<rows.rowCount {
            let row = rows.row(r)
            FuzzSupport.check(row.indices.allSatisfy { $0 >= 0 && Int($0) < rows.columnCount }, "index outside the columns")
            FuzzSupport.check(row.values.allSatisfy(\.isFinite), "value not finite")
        }
    }
    return 0
}

FuzzSupport.run(fuzzLIBSVM)
