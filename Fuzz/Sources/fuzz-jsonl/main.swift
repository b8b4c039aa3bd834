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
    // The byte path (lines parsed where they lie, as stance-predict reads files) gives the
    // document the text path gives, and fails where the line is not UTF-8.
    for raw in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
        let fromBytes = try? Array(raw).withUnsafeBufferPointer {
            try DocumentReader.document(fromJSONBytes: $0, number: 1, file: "fuzz.jsonl")
        }
        guard let text = String(validating: Array(raw), as: UTF8.self) else {
            FuzzSupport.check(fromBytes == nil, "a line that is not UTF-8 was read")
            continue
        }
        let fromText = try? DocumentReader.document(fromJSONLine: Substring(text), number: 1, file: "fuzz.jsonl")
        FuzzSupport.check(fromBytes?.text == fromText?.text && fromBytes?.id == fromText?.id, "bytes and text read differently")
        FuzzSupport.check(fromBytes?.targets == fromText?.targets && fromBytes?.title == fromText?.title, "bytes and text differ")
        // Where the fast reader accepts a line, JSONDecoder reads the same fields.
        if let fast = FastLineParser.rawLine(Substring(text)) {
            let decoded = try? JSONDecoder().decode(DocumentReader.RawLine.self, from: Data(text.utf8))
            FuzzSupport.check(decoded != nil, "the fast reader accepted a line JSONDecoder refuses")
            FuzzSupport.check(
                fast.text == decoded?.text && fast.title == decoded?.title && fast.id == decoded?.id
                    && fast.sentence_normalized == decoded?.sentence_normalized && fast.primary_gid == decoded?.primary_gid,
                "the fast reader decoded a string differently")
        }
    }
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
