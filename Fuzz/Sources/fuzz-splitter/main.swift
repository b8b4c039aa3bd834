import FuzzSupport

@testable import StanceFeatures

/// libFuzzer entry: the sentence splitter on arbitrary text. Sentence ranges must be
/// inside the text, in order, non-overlapping, non-empty, at most the length cap, and
/// their text must be the text of their range.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSplitter(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let text = FuzzSupport.text(UnsafeRawBufferPointer(start: bytes, count: count))
    let scalars = ScalarText.scalars(of: text)
    let split = SentenceSplitter().split(scalars)
    var previousEnd = 0
    for (index, sentence) in split.sentences.enumerated() {
        let range = sentence.range
        FuzzSupport.check(sentence.index == index, "sentence index \(sentence.index) at position \(index)")
        FuzzSupport.check(range.lowerBound >= previousEnd && range.upperBound <= scalars.count, "range \(range) out of order or bounds")
        FuzzSupport.check(!range.isEmpty, "empty sentence at \(range)")
        FuzzSupport.check(range.count <= InputLimits.maximumSentenceLength, "sentence of \(range.count) scalars beyond the cap")
        FuzzSupport.check(sentence.text == ScalarText.string(scalars, range), "sentence text differs from its range")
        previousEnd = range.upperBound
    }
    return 0
}

FuzzSupport.run(fuzzSplitter)
