import FuzzSupport

@testable import StanceFeatures

/// libFuzzer entry: actor mentions (shipped gazetteer) on arbitrary text. Every mention
/// lies inside its sentence, names a known sentence, and has a non-empty actor.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMentions(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let text = FuzzSupport.text(UnsafeRawBufferPointer(start: bytes, count: count))
    let scalars = ScalarText.scalars(of: text)
    let sentences = SentenceSplitter().split(scalars).sentences
    let mentions = MentionDetector(gazetteer: FuzzSupport.gazetteer).mentions(in: scalars, sentences: sentences)
    for mention in mentions {
        FuzzSupport.check(
            mention.sentence >= 0 && mention.sentence < sentences.count, "mention in sentence \(mention.sentence) of \(sentences.count)")
        let sentence = sentences[mention.sentence].range
        FuzzSupport.check(
            mention.range.lowerBound >= sentence.lowerBound && mention.range.upperBound <= sentence.upperBound && !mention.range.isEmpty,
            "mention \(mention.range) outside its sentence \(sentence)")
        FuzzSupport.check(!mention.actor.isEmpty, "mention without actor")
    }
    return 0
}

FuzzSupport.run(fuzzMentions)
