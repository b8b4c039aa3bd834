import StanceFeatures
import StanceKit

extension StanceTrain {
    /// Refuses a configuration that asks for word-cluster features when the lexicon directory
    /// has no cluster map: the model would silently lack the `cl:` features it was asked for.
    func checkWordClusters(_ configuration: TextTrainingConfiguration, _ lexiconSet: Lexicons) throws {
        guard configuration.features.actorContext.wordClusters, lexiconSet.wordClusters.isEmpty else { return }
        throw StanceKitError(
            file: lexicons,
            "the configuration turns on wordClusters but this directory has no \(WordClusters.fileName); "
                + "build it with stance-clusters (see Scripts/train-models.sh) or turn wordClusters off")
    }
}
