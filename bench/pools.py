"""Built-in word and sentence pools for the synthetic content of ``bench/run.py``.

Everything is bilingual and aligned: entry i of a French list is the
translation of entry i of the English one, so that both language versions of
an article name the same terms and participants (the copy-desk parity check
stays quiet). Sentences take their slots from the article being written:

    {T0} {T1}   a glossary term, bare          {leT0} {dT0} {aT0}  with le/de/à (French)
    {P0} {P1}   a country, organisation or group, with its article (« la France »)
    {dP0} {aP0} the same after de / à (« de la France », « aux États-Unis »)
    {S0} {dS0}  a person                        {theT0}             "the" + term (English)
"""

# -- glossary terms -------------------------------------------------------------------

#: Head nouns: (French, French plural, gender, English, English plural).
NOUNS = [
    ("accord", "accords", "m", "agreement", "agreements"),
    ("zone", "zones", "f", "zone", "zones"),
    ("force", "forces", "f", "force", "forces"),
    ("garantie", "garanties", "f", "guarantee", "guarantees"),
    ("sanction", "sanctions", "f", "sanction", "sanctions"),
    ("embargo", "embargos", "m", "embargo", "embargoes"),
    ("corridor", "corridors", "m", "corridor", "corridors"),
    ("traité", "traités", "m", "treaty", "treaties"),
    ("mission", "missions", "f", "mission", "missions"),
    ("mécanisme", "mécanismes", "m", "mechanism", "mechanisms"),
    ("réseau", "réseaux", "m", "network", "networks"),
    ("bouclier", "boucliers", "m", "shield", "shields"),
    ("frontière", "frontières", "f", "border", "borders"),
    ("réserve", "réserves", "f", "reserve", "reserves"),
    ("tarif", "tarifs", "m", "tariff", "tariffs"),
    ("quota", "quotas", "m", "quota", "quotas"),
    ("pacte", "pactes", "m", "pact", "pacts"),
    ("plafond", "plafonds", "m", "ceiling", "ceilings"),
    ("procédure", "procédures", "f", "procedure", "procedures"),
    ("référendum", "référendums", "m", "referendum", "referendums"),
    ("coalition", "coalitions", "f", "coalition", "coalitions"),
    ("dette", "dettes", "f", "debt", "debts"),
    ("crédit", "crédits", "m", "credit", "credits"),
    ("régime", "régimes", "m", "regime", "regimes"),
    ("clause", "clauses", "f", "clause", "clauses"),
    ("contrôle", "contrôles", "m", "control", "controls"),
    ("déficit", "déficits", "m", "deficit", "deficits"),
    ("réforme", "réformes", "f", "reform", "reforms"),
    ("stratégie", "stratégies", "f", "strategy", "strategies"),
    ("sommet", "sommets", "m", "summit", "summits"),
    ("mandat", "mandats", "m", "mandate", "mandates"),
    ("impôt", "impôts", "m", "tax", "taxes"),
    ("marché", "marchés", "m", "market", "markets"),
    ("enclave", "enclaves", "f", "enclave", "enclaves"),
    ("alliance", "alliances", "f", "alliance", "alliances"),
    ("doctrine", "doctrines", "f", "doctrine", "doctrines"),
    ("programme", "programmes", "m", "programme", "programmes"),
    ("opération", "opérations", "f", "operation", "operations"),
    ("plan", "plans", "m", "plan", "plans"),
]

#: Adjectives: (masculine, feminine, masculine plural, feminine plural, English).
ADJECTIVES = [
    ("bilatéral", "bilatérale", "bilatéraux", "bilatérales", "bilateral"),
    ("multilatéral", "multilatérale", "multilatéraux", "multilatérales", "multilateral"),
    ("européen", "européenne", "européens", "européennes", "European"),
    ("nucléaire", "nucléaire", "nucléaires", "nucléaires", "nuclear"),
    ("militaire", "militaire", "militaires", "militaires", "military"),
    ("économique", "économique", "économiques", "économiques", "economic"),
    ("énergétique", "énergétique", "énergétiques", "énergétiques", "energy"),
    ("humanitaire", "humanitaire", "humanitaires", "humanitaires", "humanitarian"),
    ("douanier", "douanière", "douaniers", "douanières", "customs"),
    ("fiscal", "fiscale", "fiscaux", "fiscales", "fiscal"),
    ("budgétaire", "budgétaire", "budgétaires", "budgétaires", "budgetary"),
    ("commercial", "commerciale", "commerciaux", "commerciales", "trade"),
    ("monétaire", "monétaire", "monétaires", "monétaires", "monetary"),
    ("frontalier", "frontalière", "frontaliers", "frontalières", "cross-border"),
    ("stratégique", "stratégique", "stratégiques", "stratégiques", "strategic"),
    ("régional", "régionale", "régionaux", "régionales", "regional"),
    ("provisoire", "provisoire", "provisoires", "provisoires", "interim"),
    ("préventif", "préventive", "préventifs", "préventives", "preventive"),
    ("conjoint", "conjointe", "conjoints", "conjointes", "joint"),
    ("financier", "financière", "financiers", "financières", "financial"),
    ("maritime", "maritime", "maritimes", "maritimes", "maritime"),
    ("aérien", "aérienne", "aériens", "aériennes", "air"),
    ("naval", "navale", "navals", "navales", "naval"),
    ("spatial", "spatiale", "spatiaux", "spatiales", "space"),
    ("climatique", "climatique", "climatiques", "climatiques", "climate"),
    ("électoral", "électorale", "électoraux", "électorales", "electoral"),
    ("constitutionnel", "constitutionnelle", "constitutionnels", "constitutionnelles", "constitutional"),
    ("temporaire", "temporaire", "temporaires", "temporaires", "temporary"),
    ("permanent", "permanente", "permanents", "permanentes", "permanent"),
    ("collectif", "collective", "collectifs", "collectives", "collective"),
]

#: Complements: (French « de … », English noun adjunct).
COMPLEMENTS = [
    ("de sécurité", "security"),
    ("de défense", "defence"),
    ("de crise", "crisis"),
    ("d’urgence", "emergency"),
    ("de paix", "peace"),
    ("de surveillance", "monitoring"),
    ("de reconstruction", "reconstruction"),
    ("de transition", "transition"),
    ("d’investissement", "investment"),
    ("de solidarité", "solidarity"),
    ("de stabilité", "stability"),
    ("de coopération", "cooperation"),
    ("de sortie", "exit"),
    ("de relance", "recovery"),
    ("d’exportation", "export"),
    ("de non-prolifération", "non-proliferation"),
    ("de réassurance", "reassurance"),
    ("de désescalade", "de-escalation"),
    ("d’évacuation", "evacuation"),
    ("de vérification", "verification"),
    ("de retrait", "withdrawal"),
    ("d’entraide", "mutual assistance"),
    ("d’adhésion", "accession"),
    ("de voisinage", "neighbourhood"),
    ("de résilience", "resilience"),
]

#: One-word terms: (French, gender, French aliases, English, English aliases).
SINGLES = [
    ("annexion", "f", ["annexions"], "annexation", ["annexations"]),
    ("souveraineté", "f", ["souverainetés"], "sovereignty", ["sovereignties"]),
    ("récession", "f", ["récessions"], "recession", ["recessions"]),
    ("armistice", "m", ["armistices"], "armistice", ["armistices"]),
    ("cessez-le-feu", "m", ["cessez le feu"], "ceasefire", ["ceasefires", "cease-fire"]),
    ("moratoire", "m", ["moratoires"], "moratorium", ["moratoria", "moratoriums"]),
    ("ultimatum", "m", ["ultimatums"], "ultimatum", ["ultimatums"]),
    ("belligérant", "m", ["belligérants"], "belligerent", ["belligerents"]),
    ("démilitarisation", "f", ["démilitariser"], "demilitarisation", ["demilitarization", "demilitarise"]),
    ("dénucléarisation", "f", ["dénucléariser"], "denuclearisation", ["denuclearization"]),
    ("mobilisation", "f", ["mobilisations"], "mobilisation", ["mobilization", "mobilisations"]),
    ("protectorat", "m", ["protectorats"], "protectorate", ["protectorates"]),
    ("ratification", "f", ["ratifications", "ratifier"], "ratification", ["ratifications", "ratify"]),
    ("extradition", "f", ["extraditions", "extrader"], "extradition", ["extraditions", "extradite"]),
    ("stagflation", "f", ["stagflations"], "stagflation", ["stagflationary"]),
    ("dévaluation", "f", ["dévaluations"], "devaluation", ["devaluations"]),
    ("cohabitation", "f", ["cohabitations"], "cohabitation", ["cohabitations"]),
    ("immunité", "f", ["immunités"], "immunity", ["immunities"]),
    ("veto", "m", ["véto", "vétos"], "veto", ["vetoes"]),
    ("sécession", "f", ["sécessions"], "secession", ["secessions"]),
    ("contre-offensive", "f", ["contre-offensives"], "counter-offensive", ["counteroffensive", "counter-offensives"]),
    ("désinformation", "f", ["infox"], "disinformation", ["fake news"]),
    ("subvention", "f", ["subventions"], "subsidy", ["subsidies"]),
    ("austérité", "f", ["politique d’austérité"], "austerity", ["austerity policy"]),
    ("blocus", "m", ["blocus naval"], "blockade", ["blockades"]),
    ("dissuasion", "f", ["force de dissuasion"], "deterrence", ["deterrent"]),
]

SHORT = [
    ("Notion employée dans les relations internationales pour désigner {un} {term} et les règles qui l’encadrent.",
     "A notion used in international relations to describe {a} {term} and the rules that govern it."),
    ("Dispositif prévu par plusieurs accords récents, dont la portée exacte fait encore débat entre les États.",
     "An arrangement provided for by several recent agreements, whose exact scope is still debated between states."),
    ("Terme juridique et politique qui désigne {un} {term}, souvent au cœur des négociations entre alliés.",
     "A legal and political term for {a} {term}, often at the heart of negotiations between allies."),
]

DEFINITION = [
    ("{Leterm} désigne un ensemble de règles et de pratiques adoptées par des États pour encadrer "
     "une situation de crise ou de coopération. Sa portée varie selon les textes qui {le} prévoient et "
     "selon la volonté politique des parties.",
     "{Theterm} refers to a set of rules and practices adopted by states to manage a situation of "
     "crisis or cooperation. Its scope varies with the texts that provide for it and with the political "
     "will of the parties."),
    ("L’expression apparaît régulièrement dans le débat public depuis le début des années 2000. Les "
     "juristes soulignent qu’elle n’a pas de définition unique en droit international, ce qui alimente "
     "les controverses.",
     "The expression has appeared regularly in public debate since the early 2000s. Lawyers point out "
     "that it has no single definition in international law, which fuels controversy."),
    ("Sa mise en œuvre suppose en général un mandat clair, un financement durable et un mécanisme de "
     "suivi accepté par toutes les parties ; sans eux, l’engagement reste largement symbolique.",
     "Putting it into practice usually requires a clear mandate, lasting funding and a follow-up "
     "mechanism accepted by all parties; without them, the commitment remains largely symbolic."),
    ("Les critiques y voient parfois un moyen de différer des décisions difficiles, tandis que ses "
     "partisans rappellent qu’il a permis d’éviter plusieurs escalades au cours des dernières décennies.",
     "Critics sometimes see it as a way of putting off difficult decisions, while its supporters point "
     "out that it has helped avoid several escalations in recent decades."),
]

# -- participants ---------------------------------------------------------------------

#: A few capitals, as aliases of their country (French, English).
CAPITALS = {
    "AT": ("Vienne", "Vienna"), "BE": ("Bruxelles", "Brussels"), "CH": ("Berne", "Bern"),
    "CN": ("Pékin", "Beijing"), "CZ": ("Prague", "Prague"), "DE": ("Berlin", "Berlin"),
    "DK": ("Copenhague", "Copenhagen"), "EE": ("Tallinn", "Tallinn"), "ES": ("Madrid", "Madrid"),
    "FI": ("Helsinki", "Helsinki"), "FR": ("Paris", "Paris"), "GB": ("Londres", "London"),
    "GR": ("Athènes", "Athens"), "IT": ("Rome", "Rome"), "JP": ("Tokyo", "Tokyo"),
    "LT": ("Vilnius", "Vilnius"), "LV": ("Riga", "Riga"), "NO": ("Oslo", "Oslo"),
    "PL": ("Varsovie", "Warsaw"), "PT": ("Lisbonne", "Lisbon"), "RO": ("Bucarest", "Bucharest"),
    "RU": ("Moscou", "Moscow"), "SE": ("Stockholm", "Stockholm"), "TR": ("Ankara", "Ankara"),
    "UA": ("Kiev", "Kyiv"), "US": ("Washington", "Washington"), "DZ": ("Alger", "Algiers"),
    "EG": ("Le Caire", "Cairo"), "BR": ("Brasilia", "Brasília"), "CA": ("Ottawa", "Ottawa"),
    "AR": ("Buenos Aires", "Buenos Aires"), "AU": ("Canberra", "Canberra"), "CL": ("Santiago du Chili", "Santiago"),
    "BG": ("Sofia", "Sofia"), "HU": ("Budapest", "Budapest"), "HR": ("Zagreb", "Zagreb"),
}

FIRST_NAMES = [
    "Hélène", "Frédéric", "Agnès", "Jérôme", "Zoé", "Søren", "Małgorzata", "José", "Núria", "Björn",
    "Anaïs", "Loïc", "Renée", "Gaëlle", "Chloé", "Matthias", "Ingrid", "Tomás", "Ioana", "Dragan",
    "Katarzyna", "Mehmet", "Aïcha", "Léon", "Élodie", "François", "Inès", "Joaquín", "Mária", "Ondřej",
    "Siobhán", "Niamh", "Rūta", "Jüri", "Ayşe", "Amélie", "Benoît", "Cécile", "Raphaël", "Noémie",
]
LAST_NAMES = [
    "Lefèvre", "Müller", "Nowak", "García", "Østergaard", "Kovač", "Dubois", "Lemaître", "Höglund",
    "Şahin", "Petrović", "Fernández", "Bélanger", "Moreau", "Schäfer", "Jansen", "Novák", "Horváth",
    "Kowalczyk", "O’Brien", "D’Amico", "Lindqvist", "Papadopoulos", "Ionescu", "Vásquez", "Rousseau",
    "Gauthier", "Mercier", "Delacroix", "Bouchard", "Lambrecht", "Łukasik", "Žukauskas", "Virtanen",
    "Kristiansen", "Brennan", "Castellano", "Ferreira", "Marchetti", "Tamm", "Kask", "Ozoliņš",
    "Bergström", "Nieminen", "Abramović", "Haddad", "Benali", "Okonkwo", "Szabó", "Dvořák",
]
ROLES = [
    ("ministre des Affaires étrangères", "Minister of Foreign Affairs"),
    ("ministre de la Défense", "Minister of Defence"),
    ("ministre des Finances", "Minister of Finance"),
    ("ministre de l’Économie", "Minister for the Economy"),
    ("porte-parole du gouvernement", "government spokesperson"),
    ("conseiller à la sécurité nationale", "National Security Adviser"),
    ("secrétaire d’État aux Affaires européennes", "Minister of State for European Affairs"),
    ("chef de la délégation aux négociations", "head of the negotiating delegation"),
]

#: Organisations: type (French, gender, English), qualifier (masc., fem., English), domain.
ORG_TYPES = [
    ("Agence", "f", "Agency"), ("Conseil", "m", "Council"), ("Fonds", "m", "Fund"),
    ("Commission", "f", "Commission"), ("Office", "m", "Office"), ("Institut", "m", "Institute"),
    ("Organisation", "f", "Organisation"), ("Banque", "f", "Bank"), ("Observatoire", "m", "Observatory"),
    ("Autorité", "f", "Authority"), ("Centre", "m", "Centre"), ("Forum", "m", "Forum"),
]
ORG_QUALIFIERS = [
    ("européen", "européenne", "European"), ("international", "internationale", "International"),
    ("africain", "africaine", "African"), ("nordique", "nordique", "Nordic"),
    ("méditerranéen", "méditerranéenne", "Mediterranean"), ("arctique", "arctique", "Arctic"),
    ("baltique", "baltique", "Baltic"), ("andin", "andine", "Andean"),
    ("asiatique", "asiatique", "Asian"), ("panaméricain", "panaméricaine", "Pan-American"),
    ("transatlantique", "transatlantique", "Transatlantic"), ("sahélien", "sahélienne", "Sahel"),
]
ORG_DOMAINS = [
    ("de l’énergie", "Energy"), ("pour la sécurité alimentaire", "Food Security"),
    ("des réfugiés", "Refugee"), ("du commerce", "Trade"), ("de la santé", "Health"),
    ("pour le développement", "Development"), ("des transports", "Transport"), ("de l’eau", "Water"),
    ("du climat", "Climate"), ("pour la reconstruction", "Reconstruction"), ("de la pêche", "Fisheries"),
    ("des droits humains", "Human Rights"), ("de la cybersécurité", "Cybersecurity"),
    ("des migrations", "Migration"),
]
GROUP_TYPES = [("groupe de {}", "{} Group"), ("format de {}", "{} format"), ("trio de {}", "{} Trio"),
               ("club de {}", "{} Club"), ("cercle de {}", "{} Circle")]
GROUP_CITIES = [
    ("Séville", "Seville"), ("Cracovie", "Krakow"), ("Anvers", "Antwerp"), ("Venise", "Venice"),
    ("Bâle", "Basel"), ("Gdańsk", "Gdańsk"), ("Thessalonique", "Thessaloniki"), ("Québec", "Quebec"),
    ("Dakar", "Dakar"), ("Marrakech", "Marrakesh"), ("Genève", "Geneva"), ("Lyon", "Lyon"),
    ("Turin", "Turin"), ("Munich", "Munich"), ("Bergen", "Bergen"), ("Tartu", "Tartu"),
    ("Salzbourg", "Salzburg"), ("Cork", "Cork"), ("Porto", "Porto"), ("Naples", "Naples"),
]

# -- articles -------------------------------------------------------------------------

SENTENCES = [
    ("Selon {P0}, {leT0} devrait être au cœur des discussions prévues dans les prochaines semaines, "
     "même si aucun calendrier précis n’a encore été fixé.",
     "According to {P0}, {theT0} should be at the heart of the talks planned for the coming weeks, "
     "even though no precise timetable has yet been set."),
    ("Les négociateurs réunis à huis clos ont longuement débattu {dT0}, sans parvenir à un compromis "
     "acceptable pour l’ensemble des délégations présentes.",
     "Negotiators meeting behind closed doors debated {theT0} at length, without reaching a compromise "
     "acceptable to all the delegations present."),
    ("{S0} a rappelé que la question {dT0} ne pouvait pas être tranchée sans l’aval préalable des "
     "parlements nationaux.",
     "{S0} recalled that the question of {theT0} could not be settled without the prior approval of "
     "national parliaments."),
    ("Pour {P0}, il s’agit avant tout d’une affaire de crédibilité : renoncer maintenant reviendrait à "
     "envoyer un signal de faiblesse.",
     "For {P0}, this is above all a matter of credibility: giving up now would send a signal of weakness."),
    ("Le texte discuté mardi mentionne explicitement la notion de « {T0} », une formule que plusieurs "
     "diplomates jugent encore trop vague.",
     "The text discussed on Tuesday explicitly mentions the notion of “{T0}”, a wording that several "
     "diplomats still find too vague."),
    ("Les échanges entre {P0} et {P1} se sont poursuivis tard dans la soirée, selon une source proche "
     "du dossier.",
     "Talks between {P0} and {P1} continued late into the evening, according to a source close to the matter."),
    ("Du côté {dP0}, on insiste sur la nécessité d’un calendrier clair et d’engagements vérifiables "
     "avant toute décision supplémentaire.",
     "On the side of {P0}, officials insist on the need for a clear timetable and verifiable commitments "
     "before any further decision."),
    ("Plusieurs experts estiment que {leT0} pourrait modifier durablement l’équilibre des puissances "
     "dans la région.",
     "Several experts believe that {theT0} could durably change the balance of power in the region."),
    ("« Nous ne signerons rien qui affaiblisse notre position », a prévenu un haut responsable, sous le "
     "couvert de l’anonymat.",
     "“We will not sign anything that weakens our position,” a senior official warned, speaking on "
     "condition of anonymity."),
    ("{S0} doit se rendre la semaine prochaine à l’étranger pour présenter les grandes lignes {dT0} à "
     "ses homologues.",
     "{S0} is due to travel abroad next week to present the outline of {theT0} to counterparts."),
    ("Les chiffres publiés jeudi montrent une nette hausse des dépenses liées {aT0}, un sujet sensible à "
     "l’approche des élections.",
     "Figures published on Thursday show a sharp rise in spending linked to {theT0}, a sensitive issue "
     "as elections approach."),
    ("L’opposition reproche au gouvernement de ne pas avoir consulté le Parlement avant de s’engager "
     "sur {leT0}.",
     "The opposition accuses the government of failing to consult Parliament before committing to {theT0}."),
    ("Dans un communiqué publié dans la nuit, les autorités {dP0} se disent prêtes à reprendre le "
     "dialogue, à condition que les engagements pris soient respectés.",
     "In a statement released overnight, the authorities of {P0} said they were ready to resume "
     "dialogue, provided that the commitments made are honoured."),
    ("Ce n’est pas la première fois que {leT0} divise les partenaires du continent, rappellent les "
     "observateurs.",
     "This is not the first time that {theT0} has divided partners across the continent, observers "
     "point out."),
    ("Dans les capitales concernées, on s’interroge sur le coût réel de cette initiative et sur sa durée.",
     "In the capitals concerned, questions are being asked about the real cost of this initiative and "
     "how long it will last."),
    ("Le ministère a publié une note de synthèse détaillant les conséquences possibles {dT0} pour les "
     "entreprises et les ménages.",
     "The ministry published a summary note detailing the possible consequences of {theT0} for "
     "businesses and households."),
    ("Selon un sondage récent, près de six personnes sur dix se disent favorables {aT0}, un chiffre en "
     "légère baisse.",
     "According to a recent poll, nearly six in ten people say they support {theT0}, a figure that is "
     "slightly down."),
    ("Les discussions techniques reprendront lundi, avec pour objectif de rapprocher les positions "
     "{dP0} et {dP1}.",
     "Technical discussions will resume on Monday, with the aim of bringing the positions of {P0} and "
     "{P1} closer together."),
    ("{S0} a qualifié cette proposition d’« irresponsable », estimant qu’elle mettait en péril des "
     "années d’efforts diplomatiques.",
     "{S0} called the proposal “irresponsible”, arguing that it jeopardised years of diplomatic effort."),
    ("Les juristes consultés soulignent que {leT0} n’a, à ce stade, aucune base légale solide en droit "
     "international.",
     "The lawyers consulted stress that {theT0} has, at this stage, no solid legal basis in "
     "international law."),
    ("Un rapport parlementaire publié l’an dernier recommandait déjà de renforcer {leT0} et d’en "
     "clarifier le financement.",
     "A parliamentary report published last year already recommended strengthening {theT0} and "
     "clarifying how it is funded."),
    ("Sur le terrain, la situation reste tendue, et les organisations d’aide s’inquiètent de l’accès "
     "aux populations civiles.",
     "On the ground, the situation remains tense, and aid organisations are worried about access to "
     "civilian populations."),
    ("{P0} et {P1} ont signé en début d’année une déclaration commune portant sur {leT0}.",
     "Earlier this year, {P0} and {P1} signed a common declaration on {theT0}."),
    ("La porte-parole du gouvernement a refusé de commenter ces informations, se contentant d’évoquer "
     "« des échanges constructifs ».",
     "The government’s spokeswoman declined to comment on the reports, merely referring to "
     "“constructive exchanges”."),
    ("Pour les analystes, l’enjeu dépasse largement la question {dT0} : c’est toute l’architecture de "
     "sécurité du continent qui est en jeu.",
     "For analysts, the stakes go far beyond the question of {theT0}: the entire security "
     "architecture of the continent is at stake."),
    ("Le président de la commission des affaires étrangères a demandé l’audition rapide {dS0}.",
     "The chair of the foreign affairs committee called for {S0} to be heard without delay."),
    ("Les investisseurs ont réagi avec prudence à l’annonce, dans l’attente de précisions sur {leT0}.",
     "Investors reacted cautiously to the announcement, waiting for more details on {theT0}."),
    ("D’après des documents consultés par notre rédaction, une version révisée {dT0} aurait été "
     "proposée dès le mois dernier par {P0}.",
     "According to documents seen by our newsroom, a revised version of {theT0} was proposed as early "
     "as last month by {P0}."),
    ("Les syndicats, eux, dénoncent un projet conçu sans concertation et réclament l’ouverture d’un "
     "véritable débat public.",
     "The unions, for their part, denounce a plan drawn up without consultation and are calling for a "
     "genuine public debate."),
    ("Il faudra sans doute plusieurs mois avant que {leT0} ne produise des effets mesurables, "
     "préviennent les économistes.",
     "It will probably take several months before {theT0} produces measurable effects, economists warn."),
    ("Sur ce point, {S0} a reconnu que « tout n’est pas encore réglé », tout en jugant la suite "
     "prometteuse.",
     "On this point, {S0} acknowledged that “not everything has been settled yet”, while calling the "
     "outlook promising."),
    ("La réunion de vendredi devrait permettre de fixer les modalités pratiques {dT0}, notamment son "
     "financement et sa durée.",
     "Friday’s meeting should make it possible to set out the practical arrangements for {theT0}, "
     "including its funding and duration."),
    ("Dans l’entourage {dS0}, on assure que les contacts n’ont jamais été rompus avec {P0}.",
     "People close to {S0} say that contacts with {P0} have never been broken off."),
    ("Reste une inconnue de taille : la position {dP0}, dont les intentions demeurent floues.",
     "One major unknown remains: the position of {P0}, whose intentions are still unclear."),
    ("Les associations de défense des droits humains appellent à la plus grande vigilance quant à la "
     "mise en œuvre {dT0}.",
     "Human rights associations are calling for the utmost vigilance over the implementation of {theT0}."),
    ("En coulisses, plusieurs délégations reconnaissent que {leT0} reste le principal point de blocage "
     "des négociations.",
     "Behind the scenes, several delegations acknowledge that {theT0} remains the main sticking point "
     "in the negotiations."),
    ("Cette décision intervient après des semaines de tractations, marquées par de vives tensions "
     "entre {P0} et {P1}.",
     "The decision comes after weeks of wrangling, marked by sharp tensions between {P0} and {P1}."),
    ("Le Premier ministre a promis un texte « équilibré », qui tiendra compte des inquiétudes exprimées "
     "par les collectivités locales.",
     "The Prime Minister promised a “balanced” text that will take into account the concerns expressed "
     "by local authorities."),
    ("Selon les estimations disponibles, le dispositif pourrait concerner plusieurs centaines de "
     "milliers de personnes d’ici à la fin de l’année.",
     "According to available estimates, the scheme could affect several hundred thousand people by "
     "the end of the year."),
    ("{S0} a insisté sur « la nécessité d’agir vite », tout en reconnaissant que {leT0} suscitait "
     "encore des réserves.",
     "{S0} stressed “the need to act quickly”, while acknowledging that {theT0} still raised "
     "misgivings."),
]

HEADINGS = [("Le contexte", "Background"), ("Les enjeux", "What is at stake"),
            ("Et maintenant ?", "What happens next?")]

QUOTES = [
    ("Nous ne céderons pas à la pression, mais nous restons ouverts au dialogue",
     "We will not give in to pressure, but we remain open to dialogue"),
    ("Personne n’a intérêt à laisser la situation s’envenimer",
     "Nobody has any interest in letting the situation get worse"),
    ("C’est un pas important, mais ce n’est qu’un premier pas",
     "This is an important step, but it is only a first step"),
    ("Les engagements pris doivent désormais se traduire en actes",
     "The commitments made must now be turned into action"),
    ("Il n’y aura pas de solution durable sans la participation de tous",
     "There will be no lasting solution without everyone taking part"),
    ("Nous avons besoin de règles claires et vérifiables",
     "We need clear and verifiable rules"),
]

ARTICLE_ROLES = [
    ("A présenté la proposition discutée.", "Presented the proposal under discussion."),
    ("Réclame des engagements avant toute décision.", "Wants commitments before any decision."),
    ("Mène les négociations pour son camp.", "Leads the negotiations for its side."),
    ("Soutient le projet, sous conditions.", "Supports the plan, with conditions."),
    ("S’oppose au calendrier proposé.", "Opposes the proposed timetable."),
    ("Accueille la prochaine réunion.", "Hosts the next meeting."),
    ("Finance une partie du dispositif.", "Funds part of the scheme."),
]

TITLES = [
    ("{Tcap0} : ce que prévoit le projet discuté par {P0} et {P1}",
     "{Tcap0}: what the plan discussed by {P0} and {P1} provides for"),
    ("{P0} et {P1} divisés sur {leT0}", "{P0} and {P1} divided over {theT0}"),
    ("Pourquoi {leT0} inquiète {P0}", "Why {theT0} worries {P0}"),
    ("{Tcap0} : les questions qui restent ouvertes", "{Tcap0}: the questions that remain open"),
]

SUMMARIES = [
    ("{P0} et {P1} discutent {dT0}, au cœur de négociations qui pourraient durer plusieurs mois.",
     "{P0} and {P1} are discussing {theT0}, at the heart of negotiations that could last several months."),
    ("Réunies cette semaine, les délégations ont avancé sur {leT0}, sans lever toutes les réserves {dP0}.",
     "Meeting this week, delegations made progress on {theT0}, without dispelling all the misgivings "
     "of {P0}."),
]

KEY_FACTS = [
    ("Les discussions portent sur {leT0} et sur son financement.",
     "The talks concern {theT0} and how it is funded."),
    ("{P0} et {P1} ont déjà signé une déclaration commune.",
     "{P0} and {P1} have already signed a common declaration."),
    ("Une nouvelle réunion est prévue dans un mois.", "Another meeting is planned in a month."),
]
UNKNOWNS = [("Le calendrier de mise en œuvre {dT0}.", "The timetable for implementing {theT0}.")]
TIMELINE = [("Première réunion consacrée {aT0}.", "First meeting devoted to {theT0}.")]

#: Appended to an article during the edit-reload measurement (no term, no
#: participant, no punctuation that French typography would respace).
RELOAD_SENTENCES = [
    "La rédaction a complété cet article lors de la relecture numéro {}.",
]
RELOAD_MARKERS = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"]
