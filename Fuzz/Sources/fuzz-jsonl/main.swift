import Foundation
import FuzzSupport

@testable import StanceFeatures
@testable import StanceKit

/// libFuzzer entry: the JSONL readers. Arbitrary bytes go through the line splitter
/// (CRLF, byte-order marks, UTF-16) and every line through the document parser; a
/// parsed document's targets must lie inside its text, and its segments must hold its text.
/// Errors are expected; crashes are not.
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
        // A long article is predicted in segments: cut small here so that short inputs are cut
        // too; no byte may be lost or added, and no piece may exceed its limit.
        var pieces: [String] = []
        PlainTextSegmenter.forEachSegment(of: document.text, byteCount: 64) { pieces.append($0) }
        FuzzSupport.check(pieces.joined().utf8.elementsEqual(document.text.utf8), "segments lose or add bytes")
        FuzzSupport.check(pieces.count == 1 || pieces.allSatisfy { $0.utf8.count <= 64 }, "a segment longer than its limit")
        var segments = 0
        document.forEachSegment(byteCount: 64) { segment in
            FuzzSupport.check(segment.isContinuation == (segments > 0), "only later segments continue")
            FuzzSupport.check(segment.id == document.id && segment.date == document.date, "a segment lost its id or date")
            segments += 1
        }
        FuzzSupport.check(segments >= 1 && segments <= pieces.count, "\(segments) segments from \(pieces.count) pieces")
    }
    return 0
}

FuzzSupport.run(fuzzJSONL)
