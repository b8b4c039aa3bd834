import FuzzSupport

@testable import StanceFeatures

/// libFuzzer entry: the tokenizer on arbitrary text. Token ranges must be inside the
/// text, never empty, and ordered by start offset (a capitalised hyphenated compound is
/// followed by its parts, which lie inside it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let text = FuzzSupport.text(UnsafeRawBufferPointer(start: bytes, count: count))
    let scalars = ScalarText.scalars(of: text)
    let tokens = Tokenizer().tokenize(scalars, in: 0..<scalars.count)
    var previousStart = 0
    for token in tokens {
        FuzzSupport.check(
            token.range.lowerBound >= previousStart && token.range.upperBound <= scalars.count,
            "token range \(token.range) out of order or bounds")
        FuzzSupport.check(!token.range.isEmpty, "empty token at \(token.range)")
        previousStart = token.range.lowerBound
    }
    _ = Tokenizer().tokenize(text)
    return 0
}

FuzzSupport.run(fuzzTokenizer)
