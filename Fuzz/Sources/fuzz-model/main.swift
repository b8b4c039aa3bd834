import Foundation
import FuzzSupport

@testable import StanceFeatures
@testable import StanceKit
@testable import StanceLearning

/// libFuzzer entry: the model loader. Arbitrary bytes are decoded as a text model and as
/// a raw LIBSVM model; a model that loads must predict finite probabilities that sum to 1
/// on a fixed sentence and a fixed row, so no corrupt model can crash, hang or yield NaN.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let data = Data(bytes: bytes, count: count)
    if let file = try? TextModelFile.decode(data, path: "fuzz.json"), let classifier = try? TextClassifier(file, name: "fuzz.json") {
        let example = FeatureExample(sentence: "Vladimir Putin rejected the talks, Macron said.", target: 0..<14, otherActors: [35..<41])
        FuzzSupport.checkProbabilities(classifier.probabilities(for: example), "text model")
    }
    if let file = try? ModelFile<RawFeatures>.decode(data, path: "fuzz.json") {
        let model = file.classifier
        let indices = (0..<Int32(min(model.featureCount, 8))).map { $0 }
        FuzzSupport.checkProbabilities(model.probabilities(indices: indices, values: indices.map { _ in 1e6 }), "raw model")
    }
    return 0
}

FuzzSupport.run(fuzzModel)
