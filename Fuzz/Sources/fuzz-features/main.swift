import FuzzSupport

@testable import StanceFeatures
@testable import StanceKit
@testable import StanceLearning

/// libFuzzer entry: text → instances → feature rows → probabilities with the shipped
/// models. Every feature index is a column of the model, every value finite, and every
/// probability vector finite and summing to 1.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeatures(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let text = FuzzSupport.text(UnsafeRawBufferPointer(start: bytes, count: count))
    guard !text.isEmpty else { return 0 }
    let extracted = InstanceExtractor(gazetteer: FuzzSupport.gazetteer).extract(Document(id: "fuzz", text: text))
    // Each sentence is prepared once per model, as StancePredictor does.
    var prepared: [Int: [PreparedSentence]] = [:]
    for instance in extracted.instances {
        let local = instance.example.target
        let length = instance.example.sentence.unicodeScalars.count
        FuzzSupport.check(local.lowerBound >= 0 && local.upperBound <= length, "target \(local) outside its sentence of \(length)")
        let sentences = prepared[instance.sentenceIndex] ?? FuzzSupport.classifiers.map { $0.prepare(instance.example.sentence) }
        prepared[instance.sentenceIndex] = sentences
        for (classifier, sentence) in zip(FuzzSupport.classifiers, sentences) {
            let vector = classifier.file.features.vector(for: sentence, target: local, otherActors: instance.example.otherActors)
            FuzzSupport.check(
                vector.indices.allSatisfy { $0 >= 0 && Int($0) < classifier.file.classifier.featureCount },
                "feature index outside the model")
            FuzzSupport.check(vector.values.allSatisfy(\.isFinite), "feature value not finite")
            FuzzSupport.checkProbabilities(
                classifier.file.classifier.probabilities(indices: vector.indices, values: vector.values), "probabilities")
        }
    }
    return 0
}

FuzzSupport.run(fuzzFeatures)
