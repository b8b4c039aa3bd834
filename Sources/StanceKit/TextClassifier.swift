import Foundation
import StanceFeatures
import StanceLearning

/// A trained text model: the featurizer that builds rows and the classifier that reads them.
package typealias TextModelFile = ModelFile<Featurizer>

/// Classifies mention instances with one model file (stance or sentiment).
package struct TextClassifier: Sendable {
    /// The model file this classifier wraps.
    package let file: TextModelFile

    /// Wraps a model file, checking that the featurizer and classifier agree.
    package init(_ file: TextModelFile, name: String) throws {
        guard file.features.dimension == file.classifier.featureCount else {
            throw StanceKitError(
                file: name,
                "the feature configuration builds \(file.features.dimension) features but the classifier expects \(file.classifier.featureCount); the model was not trained with this feature configuration: retrain it with stance-train"
            )
        }
        guard file.labels.count == file.classifier.classCount else {
            throw StanceKitError(
                file: name,
                "the model lists \(file.labels.count) labels but has \(file.classifier.classCount) classes; retrain it with stance-train")
        }
        self.file = file
        labelOrder = file.labels.indices.sorted { Vocabulary.precedes(file.labels[$0], file.labels[$1]) }
        sortedLabels = labelOrder.map { file.labels[$0] }
    }

    /// Class indices in code-point order of their labels, and those labels: computed once so
    /// each row's distribution is a permutation, not a sort.
    private let labelOrder: [Int]
    private let sortedLabels: [String]

    /// Class probabilities (in `labels` order) as a row's label distribution.
    package func distribution(_ probabilities: [Double]) -> LabelDistribution {
        LabelDistribution(sortedLabels: sortedLabels, values: labelOrder.map { probabilities[$0] })
    }

    /// Loads and checks a text model file.
    package static func load(_ url: URL) throws -> TextClassifier {
        let file: TextModelFile
        do { file = try TextModelFile.read(from: url) } catch {
            throw StanceKitError(reading: url.path, error)
        }
        return try TextClassifier(file, name: url.path)
    }

    /// The label names, in class order.
    package var labels: [String] { file.labels }

    /// The feature row of one example.
    package func vector(for example: FeatureExample) -> SparseVector { file.features.vector(for: example) }

    /// Tokenizes and analyses a sentence once, for all of its mentions.
    package func prepare(_ sentence: String) -> PreparedSentence { file.features.prepare(sentence) }

    /// Analyses a sentence from tokens the caller already has (document offsets, minus `sentenceStart`).
    package func prepare(tokens: [Token], sentenceStart: Int) -> PreparedSentence {
        file.features.prepare(tokens: tokens, sentenceStart: sentenceStart)
    }

    /// `prepare(tokens:sentenceStart:)` with word entries a `SharedWordLookup` found.
    package func prepare(tokens: [Token], sentenceStart: Int, words: TokenWords) -> PreparedSentence {
        file.features.prepare(tokens: tokens, sentenceStart: sentenceStart, words: words)
    }

    /// The biases plus the scores of a prepared sentence's bag of words: the part of every
    /// mention's scores that the sentence alone decides, computed once for all its mentions.
    package func bagScores(for sentence: PreparedSentence) -> [Double] {
        file.classifier.scores(indices: sentence.bagOfWords.indices, values: sentence.bagOfWords.values)
    }

    /// Class probabilities of one mention of a prepared sentence, in `labels` order, from the
    /// sentence's `bagScores(for:)` and the mention's own block (built on the stack).
    ///
    /// Every scoring path adds the bag of words first and the mention block after it, so a
    /// mention gets the same probabilities, bit for bit, however it was reached.
    package func probabilities(for sentence: PreparedSentence, bagScores: [Double], example: FeatureExample) -> [Double] {
        let classifier = file.classifier
        return file.features.withContextEntries(for: sentence, target: example.target, otherActors: example.otherActors) {
            classifier.probabilities(base: bagScores, packed: $0)
        }
    }

    /// Class probabilities of one mention of a prepared sentence, in `labels` order.
    package func probabilities(for sentence: PreparedSentence, example: FeatureExample) -> [Double] {
        probabilities(for: sentence, bagScores: bagScores(for: sentence), example: example)
    }

    /// Class probabilities of one example, in `labels` order.
    package func probabilities(for example: FeatureExample) -> [Double] {
        probabilities(for: prepare(example.sentence), example: example)
    }

    /// The feature row of one mention of a prepared sentence.
    package func vector(for sentence: PreparedSentence, example: FeatureExample) -> SparseVector {
        file.features.vector(for: sentence, target: example.target, otherActors: example.otherActors)
    }

    /// The `count` features of the feature row `v` that pushed class `classIndex` most, by weight × value.
    package func topFeatures(of v: SparseVector, classIndex: Int, count: Int) -> [FeatureContribution] {
        guard count > 0 else { return [] }
        return file.classifier.contributions(indices: v.indices, values: v.values, classIndex: classIndex)
            .sorted { ($0.contribution, $1.feature) > ($1.contribution, $0.feature) }
            .prefix(count)
            .map { FeatureContribution(feature: file.features.featureName($0.feature), contribution: $0.contribution) }
    }
}
