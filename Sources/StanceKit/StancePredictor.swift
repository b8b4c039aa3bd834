import Foundation
import StanceFeatures
import StanceLearning

/// Options that shape prediction output.
public struct PredictionOptions: Sendable {
    /// Below this stance probability the stance is reported as `uncertain` (0 disables).
    public var minimumConfidence: Double = 0
    /// How many top features to attach to each row (0: none).
    package var explainCount: Int = 0
    /// Whether an actor's mentions in one sentence share one stance distribution, their mean
    /// (rule 6 of the annotation guide; `SentenceActorPooling`). Off: each mention's own.
    public var poolsSentenceActor: Bool = true

    /// Creates options.
    public init(minimumConfidence: Double = 0, explainCount: Int = 0, poolsSentenceActor: Bool = true) {
        self.minimumConfidence = minimumConfidence
        self.explainCount = explainCount
        self.poolsSentenceActor = poolsSentenceActor
    }
}

/// The shipped pair of models plus the gazetteer: everything predicting needs.
public struct StancePredictor: Sendable {
    /// The stance classifier.
    package let stance: TextClassifier
    /// The sentiment classifier.
    package let sentiment: TextClassifier
    /// Finds actors and builds instances.
    package let extractor: InstanceExtractor
    /// Both models' word entries of a token text in one lookup, so analysing a sentence for
    /// the two models hashes each word once.
    private let words: SharedWordLookup

    /// Creates a predictor from loaded parts.
    package init(stance: TextClassifier, sentiment: TextClassifier, gazetteer: ActorGazetteer) {
        self.init(stance: stance, sentiment: sentiment, extractor: InstanceExtractor(gazetteer: gazetteer))
    }

    /// Creates a predictor that reuses an extractor (and so its gazetteer).
    package init(stance: TextClassifier, sentiment: TextClassifier, extractor: InstanceExtractor) {
        self.stance = stance
        self.sentiment = sentiment
        self.extractor = extractor
        words = SharedWordLookup([stance.file.features, sentiment.file.features])
    }

    /// Loads `stance.json`, `sentiment.json` and `actors.json` from a model directory,
    /// merging `extraActors` (`--actors FILE`) over the shipped gazetteer.
    public static func load(modelDirectory: URL, extraActors: URL? = nil) throws -> StancePredictor {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: modelDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StanceKitError(file: modelDirectory.path, "model directory not found; pass --model-dir DIR or set STANCE_MODELS")
        }
        // The three files are independent and reading them is most of a short run's time,
        // so they load side by side; errors are reported in file order, as a serial load would.
        let parts = LoadedParts()
        DispatchQueue.concurrentPerform(iterations: 3) { part in
            switch part {
            case 0:
                let result = Result { try TextClassifier.load(modelDirectory.appendingPathComponent(StanceTask.stance.modelFileName)) }
                parts.set { $0.stance = result }
            case 1:
                let result = Result { try TextClassifier.load(modelDirectory.appendingPathComponent(StanceTask.sentiment.modelFileName)) }
                parts.set { $0.sentiment = result }
            default:
                let result = Result { try ActorGazetteer.read(modelDirectory.appendingPathComponent("actors.json"), merging: extraActors) }
                parts.set { $0.gazetteer = result }
            }
        }
        let loaded = parts.get()
        guard let stance = loaded.stance, let sentiment = loaded.sentiment, let gazetteer = loaded.gazetteer else {
            throw StanceKitError(file: modelDirectory.path, "models could not be loaded")
        }
        return StancePredictor(stance: try stance.get(), sentiment: try sentiment.get(), gazetteer: try gazetteer.get())
    }

    /// Labels every actor mention of one document.
    public func predict(_ document: Document, options: PredictionOptions = .init()) -> DocumentResult {
        let extracted = extractor.extract(document, keepingEveryTarget: true)
        // One sentence by construction is the document's own text, as `extract` keeps it.
        let sentenceTexts = extracted.sentences.map(\.text)
        // Each sentence is tokenized once (by the extractor) and analysed once per model for
        // the run of its actors (instances come in text order). The analysis is reused only
        // for the same range of text (windows around given targets share a sentence index but
        // not a range), and read in place: binding a copy of the pair per instance retained
        // and released every array of both analyses.
        var preparedRange = -1..<(-1)
        var stancePrepared = PreparedSentence.empty
        var sentimentPrepared = PreparedSentence.empty
        var stanceBag: [Double] = []
        var sentimentBag: [Double] = []
        var stanceP: [[Double]] = []
        var sentimentP: [[Double]] = []
        stanceP.reserveCapacity(extracted.instances.count)
        sentimentP.reserveCapacity(extracted.instances.count)
        // `--explain` reads the same analysed sentences: each mention's two rows are kept until
        // pooling has fixed the class to explain (re-analysing the sentence text per mention
        // tokenized every sentence twice more).
        var explained: [(stance: SparseVector, sentiment: SparseVector)] = []
        for instance in extracted.instances {
            let range = instance.sentenceStart..<instance.sentenceEnd
            if range != preparedRange {
                (stancePrepared, sentimentPrepared) = prepare(instance, in: extracted)
                preparedRange = range
                // The bag of words is the same for every mention of the sentence: scored once.
                stanceBag = stance.bagScores(for: stancePrepared)
                sentimentBag = sentiment.bagScores(for: sentimentPrepared)
            }
            stanceP.append(stance.probabilities(for: stancePrepared, bagScores: stanceBag, example: instance.example))
            sentimentP.append(sentiment.probabilities(for: sentimentPrepared, bagScores: sentimentBag, example: instance.example))
            if options.explainCount > 0 {
                explained.append(
                    (
                        stance.vector(for: stancePrepared, example: instance.example),
                        sentiment.vector(for: sentimentPrepared, example: instance.example)
                    ))
            }
        }
        if options.poolsSentenceActor && extracted.instances.count > 1 {
            stanceP = SentenceActorPooling.pooled(stanceP, keys: extracted.instances.map(SentenceActorPooling.key(of:)))
        }
        let rows = extracted.instances.indices.map { i in
            row(
                for: extracted.instances[i], date: document.date, options: options, stanceP: stanceP[i], sentimentP: sentimentP[i],
                explainedRows: explained.isEmpty ? nil : explained[i])
        }
        return DocumentResult(
            id: document.id, title: document.title, date: document.date, sentences: sentenceTexts,
            rows: rows, skippedDuplicateParagraphs: extracted.skippedDuplicateParagraphs)
    }

    /// The instance's sentence analysed for both models, from the extractor's tokens when it kept them.
    func prepare(_ instance: MentionInstance, in extracted: ExtractedDocument) -> (PreparedSentence, PreparedSentence) {
        let i = instance.sentenceIndex
        guard extracted.tokens.indices.contains(i), extracted.sentences[i].index == i,
            extracted.sentences[i].range == instance.sentenceStart..<instance.sentenceEnd
        else {
            return (stance.prepare(instance.example.sentence), sentiment.prepare(instance.example.sentence))
        }
        let tokens = extracted.tokens[i]
        let looked = words.words(of: tokens)
        return (
            stance.prepare(tokens: tokens, sentenceStart: instance.sentenceStart, words: looked[0]),
            sentiment.prepare(tokens: tokens, sentenceStart: instance.sentenceStart, words: looked[1])
        )
    }

    /// The output row of one instance from its stance and sentiment distributions (and, for
    /// `--explain`, its two feature rows).
    package func row(
        for instance: MentionInstance, date: String?, options: PredictionOptions, stanceP: [Double], sentimentP: [Double],
        explainedRows: (stance: SparseVector, sentiment: SparseVector)?
    ) -> Prediction {
        let stanceIndex = argmax(stanceP)
        let sentimentIndex = argmax(sentimentP)
        var stanceLabel = stance.labels[stanceIndex]
        if stanceP[stanceIndex] < options.minimumConfidence { stanceLabel = TaskLabels.uncertain }
        var explanation: Explanation?
        if options.explainCount > 0, let rows = explainedRows {
            explanation = Explanation(
                stance: stance.topFeatures(of: rows.stance, classIndex: stanceIndex, count: options.explainCount),
                sentiment: sentiment.topFeatures(of: rows.sentiment, classIndex: sentimentIndex, count: options.explainCount))
        }
        return Prediction(
            document: instance.documentID, sentence: instance.sentenceIndex, text: instance.example.sentence,
            actor: instance.actor, mention: instance.surface,
            start: instance.example.target.lowerBound, end: instance.example.target.upperBound,
            resolved: instance.resolution, stance: stanceLabel,
            stanceDistribution: stance.distribution(stanceP),
            sentiment: sentiment.labels[sentimentIndex],
            sentimentDistribution: sentiment.distribution(sentimentP),
            date: date, explanation: explanation)
    }
}

/// The results of loading a model directory's files on several threads, behind a lock.
private final class LoadedParts: @unchecked Sendable {
    /// What each load produced.
    struct Parts {
        var stance: Result<TextClassifier, any Error>?
        var sentiment: Result<TextClassifier, any Error>?
        var gazetteer: Result<ActorGazetteer, any Error>?
    }

    private var parts = Parts()
    private let lock = NSLock()

    func set(_ change: (inout Parts) -> Void) {
        let _: Void = lock.withLock { change(&parts) }
    }

    func get() -> Parts { lock.withLock { parts } }
}
