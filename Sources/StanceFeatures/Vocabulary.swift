import Foundation

/// The feature names a featurizer learned at fit time, with their document frequencies.
///
/// Column `i` of every row is `terms[i]`. Terms are sorted by Unicode code points, so
/// the same training data always gives the same columns and a byte-identical model file;
/// arrays rather than a dictionary keep the encoding in a fixed order.
package struct Vocabulary: Codable, Equatable, Sendable {
    /// Readable feature names in column order, strictly increasing.
    package private(set) var terms: [String]
    /// Number of training examples each term occurred in, parallel to `terms`.
    package private(set) var documentFrequencies: [Int]
    /// Number of training examples the frequencies were counted over.
    package private(set) var documentCount: Int

    /// Largest document count a model file may claim (2⁴⁰, a trillion examples): far beyond
    /// any training set, small enough that `1 + documentCount` and the idf stay exact.
    package static let maximumDocumentCount = 1 << 40

    /// Creates a vocabulary from term/frequency pairs in any order.
    package init(frequencies: [String: Int], documentCount: Int) {
        let sorted = frequencies.sorted { Vocabulary.precedes($0.key, $1.key) }
        terms = sorted.map(\.key)
        documentFrequencies = sorted.map(\.value)
        self.documentCount = documentCount
    }

    /// Number of terms, the dimension of the rows.
    package var count: Int { terms.count }

    /// The column of a term, or nil when it is not in the vocabulary.
    package func index(of term: String) -> Int? {
        var low = 0
        var high = terms.count
        while low < high {
            let middle = (low + high) / 2
            if Vocabulary.precedes(terms[middle], term) { low = middle + 1 } else { high = middle }
        }
        return low < terms.count && terms[low] == term ? low : nil
    }

    /// Code-point order, independent of locale and of Swift's String comparison details.
    ///
    /// Compared on UTF-8 bytes, whose order is code-point order by design, because checking a
    /// loaded vocabulary's order scalar by scalar was a visible part of loading a model.
    package static func precedes(_ left: String, _ right: String) -> Bool {
        var left = left
        var right = right
        return left.withUTF8 { a in
            right.withUTF8 { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)  // safe: common > 0
                return order < 0 || (order == 0 && a.count < b.count)
            }
        }
    }

    private enum CodingKeys: String, CodingKey { case terms, documentFrequencies, documentCount }

    /// Decodes a vocabulary and checks that it is sorted and its arrays agree.
    package init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        terms = try container.decodeStrings(forKey: .terms, decoder: decoder)
        documentFrequencies = try container.decodeIntegers(forKey: .documentFrequencies, decoder: decoder)
        documentCount = try container.decode(Int.self, forKey: .documentCount)
        guard terms.count == documentFrequencies.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .documentFrequencies, in: container,
                debugDescription: "vocabulary has \(terms.count) terms but \(documentFrequencies.count) document "
                    + "frequencies; the model file is damaged, retrain it with stance-train")
        }
        guard (0...Vocabulary.maximumDocumentCount).contains(documentCount) else {
            throw DecodingError.dataCorruptedError(
                forKey: .documentCount, in: container,
                debugDescription: "documentCount \(documentCount) must be between 0 and \(Vocabulary.maximumDocumentCount)")
        }
        for (index, frequency) in documentFrequencies.enumerated() where !(0...documentCount).contains(frequency) {
            throw DecodingError.dataCorruptedError(
                forKey: .documentFrequencies, in: container,
                debugDescription: "documentFrequencies[\(index)] is \(frequency) but must be between 0 and documentCount "
                    + "\(documentCount)")
        }
        for index in terms.indices.dropFirst() where !Vocabulary.precedes(terms[index - 1], terms[index]) {
            throw DecodingError.dataCorruptedError(
                forKey: .terms, in: container,
                debugDescription: "vocabulary term \(index) \"\(terms[index])\" is not after \"\(terms[index - 1])\"; "
                    + "terms must be sorted and unique, retrain the model with stance-train")
        }
    }
}

extension KeyedDecodingContainer {
    /// The value under `key` as the model reader cut it out (`BulkJSONArrays` in the learning
    /// library, found through `userInfo` by name), or nil when the decoder carries none.
    func bulkValues(forKey key: Key, decoder: any Decoder) -> Any? {
        guard let name = CodingUserInfoKey(rawValue: "stance.bulkJSONArrays"),
            let lookup = decoder.userInfo[name] as? @Sendable (String) -> Any?
        else { return nil }
        return lookup((codingPath + [key]).map(\.stringValue).joined(separator: "."))
    }

    /// The strings under `key`, cut out by the model reader or decoded as usual.
    fileprivate func decodeStrings(forKey key: Key, decoder: any Decoder) throws -> [String] {
        guard let found = bulkValues(forKey: key, decoder: decoder) else { return try decode([String].self, forKey: key) }
        guard let strings = found as? [String] else {
            throw DecodingError.typeMismatch([String].self, .init(codingPath: codingPath + [key], debugDescription: "expected strings"))
        }
        return strings
    }

    /// The integers under `key`, cut out by the model reader or decoded as usual.
    fileprivate func decodeIntegers(forKey key: Key, decoder: any Decoder) throws -> [Int] {
        guard let found = bulkValues(forKey: key, decoder: decoder) else { return try decode([Int].self, forKey: key) }
        guard let (_, integers) = found as? ([Double], [Int]?), let integers else {
            throw DecodingError.typeMismatch([Int].self, .init(codingPath: codingPath + [key], debugDescription: "expected integers"))
        }
        return integers
    }
}
