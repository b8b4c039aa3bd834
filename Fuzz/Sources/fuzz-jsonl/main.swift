import Foundation
import FuzzSupport

@testable import StanceFeatures
@testable import StanceKit

/// libFuzzer entry: the JSONL readers. Arbitrary bytes go through the line splitter
/// (CRLF, byte-order marks, UTF-16) and every line through the document parser; a
/// parsed document's targets must lie inside its text. Errors are expected; crashes are not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let data = Data(bytes: bytes, count: count)
    guard let lines = try? JSONLines.lines(of: data, name: "fuzz.jsonl") else { return 0 }
    for line in lines {
        guard let document = try? DocumentReader.document(fromJSONLine: line.text, number: line.number, file: "fuzz.jsonl") else {
            continue
        }
        let length = document.text.unicodeScalars.count
        for target in document.targets ?? [] {
            FuzzSupport.check(
                target.start >= 0 && target.start < target.end && target.end <= length,
                "target \(target.start)..<\(target.end) outside text of \(length)")
        }
        FuzzSupport.check((document.targets?.count ?? 0) <= InputLimits.maximumTargetsPerLine, "more targets than the cap")
    }
    return 0
}

FuzzSupport.run(fuzzJSONL)
