// swift-format-ignore-file
// The commands keep each ArgumentParser declaration on one line, as written, so the help
// text of an option reads in one place; the rest of the package is formatted by swift-format.
import ArgumentParser
import Foundation
import StanceCLI
import StanceKit
import StanceLearning

/// Learns word clusters from unlabeled text and writes the map the `cl:` features use.
@main
struct StanceClusters: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stance-clusters",
        abstract: "Learn word clusters from unlabeled news text (PPMI, truncated SVD, k-means) for the cl: features.",
        discussion: """
        Counts co-occurrences in a symmetric window over the text's words (tokenized, lower-cased \
        and light-stemmed as the context features see them), takes positive PMI with smoothed \
        context counts, keeps the leading singular vectors of a randomized SVD (LAPACKE), and \
        clusters the normalised word vectors with seeded k-means. Deterministic: the same text, \
        settings and BLAS give the same file. The output (word<TAB>cluster, written atomically) \
        goes in a lexicon directory as word-clusters.tsv; models trained with \
        "wordClusters": true in their actorContext configuration carry a copy.

        Example (what Scripts/train-models.sh runs):
          stance-clusters --source newsmtsc:TrainingData/newsmtsc/train.jsonl \\
              --exclude-articles-of TrainingData/newsmtsc-stance/dev.jsonl \\
              --source trainingdata:TrainingData/train.jsonl --source trainingdata:TrainingData/dev.jsonl \\
              --source realnews:TrainingData/realnews/train.jsonl \\
              --source snippets:../shared/data/vader-nyt/nytEditorialSnippets_GroundTruth.txt \\
              --output Models/lexicons/word-clusters.tsv
        """)

    @Option(help: ArgumentHelp("Unlabeled text, FORMAT:FILE with FORMAT newsmtsc, trainingdata, realnews, snippets or text; repeat to join. Never pass a dev or test split.", valueName: "FORMAT:FILE"))
    var source: [String] = []

    @Option(help: ArgumentHelp("NewsMTSC-keyed labels (primary_gid per line) whose articles' sentences are left out of newsmtsc sources; repeat.", valueName: "FILE"))
    var excludeArticlesOf: [String] = []

    @Option(help: "Context words on each side. (default: 4)")
    var window: Int = 4

    @Option(help: "Minimum occurrences of a word to be clustered. (default: 5)")
    var minCount: Int = 5

    @Option(help: "SVD dimensions. (default: 100)")
    var dimensions: Int = 100

    @Option(help: "Number of clusters. (default: 300)")
    var clusters: Int = 300

    @Flag(inversion: .prefixedNo, help: "Key words by light stem, as the context features do. (default: --stem)")
    var stem = true

    @Option(help: "Seed of the random projection and of k-means++. (default: 0)")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("Where to write the word<TAB>cluster file (atomically).", valueName: "FILE"))
    var output: String

    @Flag(help: "Silence progress on stderr.")
    var quiet = false

    func validate() throws {
        if source.isEmpty { throw ValidationError("give at least one --source FORMAT:FILE") }
        if window < 1 || window > 50 { throw ValidationError("--window must be between 1 and 50") }
        if minCount < 1 { throw ValidationError("--min-count must be 1 or more") }
        if dimensions < 1 || dimensions > 2000 { throw ValidationError("--dimensions must be between 1 and 2000") }
        if clusters < 2 || clusters > 100_000 { throw ValidationError("--clusters must be between 2 and 100000") }
    }

    func run() throws {
        try runReportingErrors("stance-clusters") {
            var settings = WordClusterSettings()
            (settings.window, settings.minimumCount, settings.dimensions) = (window, minCount, dimensions)
            (settings.clusters, settings.stem, settings.seed) = (clusters, stem, seed)
            let progress: (String) -> Void = { message in if !quiet { printError("stance-clusters: \(message)") } }
            let units = try WordClusterSources.units(of: source, excluding: excludeArticlesOf)
            progress("\(units.count) text units from \(source.count) sources")
            let table = try WordClusterBuilder.build(units: units, settings: settings, progress: progress)
            let header = [
                "word clusters for the cl: features, written by stance-clusters (PPMI + truncated SVD + k-means)",
                "settings: window \(window), min-count \(minCount), dimensions \(dimensions), clusters \(clusters), "
                    + "stem \(stem), smoothing \(settings.smoothing), seed \(seed)",
                "sources: " + source.joined(separator: ", ")
                    + (excludeArticlesOf.isEmpty ? "" : "; NewsMTSC articles of " + excludeArticlesOf.joined(separator: ", ") + " left out"),
                "\(table.tokenCount) words of text, \(table.words.count) clustered",
            ]
            do {
                try AtomicFile.write(Data(WordClusterBuilder.render(table, header: header).utf8), to: URL(fileURLWithPath: output))
            } catch { throw StanceKitError(file: output, "cannot write: \(error)") }
            progress("wrote \(output)")
        }
    }
}
