/// What sort of party an actor is; decides pronoun resolution and how titles apply.
package enum ActorKind: String, Codable, Sendable, CaseIterable {
    case person, government, organisation, country, group
}

/// One entry of the actor gazetteer: a party whose stance the tool reports.
///
/// `aliases` are names (`Vladimir Putin`, `Putin`, misspellings and transliterations);
/// `titles` are role descriptions that stand for the actor who holds them
/// (`the Russian president`); `metonyms` are places or buildings that stand for a
/// government (`the Kremlin`, `Downing Street`). The canonical `name` is what output reports.
package struct Actor: Codable, Equatable, Sendable {
    /// Grammatical gender, used to resolve `he`/`she` to the right person.
    package enum Gender: String, Codable, Sendable {
        case male, female
    }

    /// Canonical name, unique within a gazetteer.
    package var name: String
    /// Person, government, organisation, country or group.
    package var kind: ActorKind
    /// Gender of a person, when known.
    package var gender: Gender?
    /// Country the actor belongs to, when known (informational).
    package var country: String?
    /// Names the actor is called by, matched case-sensitively when capitalised.
    package var aliases: [String]
    /// Role descriptions that refer to the actor, matched case-insensitively.
    package var titles: [String]
    /// Places and buildings that stand for the actor (not when used as a location).
    package var metonyms: [String]
    /// Adjectives of a country (`Kuwaiti`, `Soviet`): a mention only before a group or
    /// government noun (`Kuwaiti officials`, `the Soviet delegation`), never alone
    /// (`Kuwaiti oil` names no actor).
    package var demonyms: [String]

    /// Creates an actor entry.
    package init(
        name: String, kind: ActorKind, gender: Gender? = nil, country: String? = nil,
        aliases: [String] = [], titles: [String] = [], metonyms: [String] = [], demonyms: [String] = []
    ) {
        (self.name, self.kind, self.gender, self.country) = (name, kind, gender, country)
        (self.aliases, self.titles, self.metonyms, self.demonyms) = (aliases, titles, metonyms, demonyms)
    }

    private enum CodingKeys: String, CodingKey {
        case name, kind, gender, country, aliases, titles, metonyms, demonyms
    }

    /// Decodes an entry; the three surface lists may be omitted and default to empty,
    /// so a hand-written entry needs only `name` and `kind`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        kind = try container.decode(ActorKind.self, forKey: .kind)
        gender = try container.decodeIfPresent(Gender.self, forKey: .gender)
        country = try container.decodeIfPresent(String.self, forKey: .country)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        titles = try container.decodeIfPresent([String].self, forKey: .titles) ?? []
        metonyms = try container.decodeIfPresent([String].self, forKey: .metonyms) ?? []
        demonyms = try container.decodeIfPresent([String].self, forKey: .demonyms) ?? []
    }

    /// Encodes with optional fields omitted when absent.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(gender, forKey: .gender)
        try container.encodeIfPresent(country, forKey: .country)
        for (list, key) in [(aliases, CodingKeys.aliases), (titles, .titles), (metonyms, .metonyms)] {
            try container.encode(list, forKey: key)
        }
        if !demonyms.isEmpty { try container.encode(demonyms, forKey: .demonyms) }
    }
}
