"""Known-item search cases for bench_relevance.py, on real libraries of ../shared/data.

Each case is (library, query, expected, kind): `library` is a name for `_data.library`,
`query` what a person looking for one known entry would type, `expected` its key, a tuple of
the keys that are all acceptable, or () when the query should find nothing. Keys are as
`load_file` gives them.

Most cases are on progr-oceanogr (Beebe's archive: titles, authors, years, no abstracts) and
bibliotex_all (physics, many with abstracts); fisheries and marpolicy2020 are a held-out
check, for ranking changes tuned on the first two.

The kinds:

- surname-year: an author's surname and the year ("puig 2013"); the surname is no title
  word anywhere in the library.
- surname-topic: a surname and one or two words of the title.
- rare-surname: a surname alone, of an author with one or two entries (all listed).
- word-surname: a surname that is also an ordinary word and a title word of other entries
  ("long", "small", "knight", "white"), with the year or a title word.
- title-words: two to four distinctive title words, in the title's order.
- title-reordered: the same, in another order.
- typo: title words, one of them with one typing error (a word no entry holds).
- derived-form: title words, one in another derivational form than the title's
  (ecology for ecological, dependent for dependence, electric for electrical).
- eponym: a proper noun of the title with a word next to it ("Ekman pumping").
- rare-word: one title word that no other entry's title or author has.
- year-word: a year and a title word.
- year-absent: a year no entry has and no field holds: nothing should be found.
- nonsense: made-up words, none within two edits (one for short words) of any word of the
  library, nor the start of one: nothing should be found.

Every case holds against the data: each expected entry has the query's words as its kind
says (surname of an author or editor, the year, title words), and no other entry has them
all as author surnames, title words or the year (nor, for words in another form or with a
typo, a related form or a word one edit away), so that the first hit has one right answer.
Entries that share the words only in an abstract, keywords or the journal may rank lower.
"""

from __future__ import annotations

OCEAN = "progr-oceanogr"
PHYSICS = "bibliotex_all"
FISHERIES = "fisheries"
POLICY = "marpolicy2020"

#: Entries with the same title: a paper and its preprint, and two papers on one surface.
BI_ARRHENIUS = ("2019-Chatzichristos-PRL-123-095901", "arXiv:1810.12537")
MOTT_HUBBARD = ("2005-Schillinger-PRB-72-115314", "2006-Fick-SS-600-3835")

#: The kinds, in the order the report lists them.
KINDS = (
    "surname-year",
    "surname-topic",
    "rare-surname",
    "word-surname",
    "title-words",
    "title-reordered",
    "typo",
    "derived-form",
    "eponym",
    "rare-word",
    "year-word",
    "year-absent",
    "nonsense",
)

CASES: list[tuple[str, str, str | tuple[str, ...], str]] = [
    # surname-year
    (OCEAN, "macdonald 1998", "Macdonald:1998:GOC", "surname-year"),
    (OCEAN, "whitney 2007", "Whitney:2007:PDO", "surname-year"),
    (OCEAN, "pingree 1989", "Pingree:1989:CAS", "surname-year"),
    (OCEAN, "kieke 2015", "Kieke:2015:SLS", "surname-year"),
    (OCEAN, "lavaniegos 2009", "Lavaniegos:2009:IME", "surname-year"),
    (OCEAN, "richardson 2006", "Richardson:2006:UCP", "surname-year"),
    (OCEAN, "minobe 2002", "Minobe:2002:IIC", "surname-year"),
    (OCEAN, "puig 2013", "Puig:2013:TBN", "surname-year"),
    (PHYSICS, "anderson 1950", "1950-Anderson-PR-79-350", "surname-year"),
    (PHYSICS, "fetter 1969", "1969-Fetter-S-2-817", "surname-year"),
    (PHYSICS, "momma 2008", "2008-Momma-JAC-41-653", "surname-year"),
    (PHYSICS, "kiefl 1992", "1992-Kiefl-PoMS-9-265", "surname-year"),
    (PHYSICS, "catalano 2018", "2018-Catalano-RPP-81-046501", "surname-year"),
    (FISHERIES, "sommer 2001", "Sommer:2001:CYB", "surname-year"),
    (FISHERIES, "wilde 1997", "Wilde:1997:LBF", "surname-year"),
    (POLICY, "hickey 2021", "Hickey:2021:IOT", "surname-year"),
    (POLICY, "ansong 2022", "Ansong:2022:IBI", "surname-year"),
    # surname-topic
    (OCEAN, "chronis nepheloid", "Chronis:2000:SPM", "surname-topic"),
    (OCEAN, "scheffer regime", "Scheffer:2004:MMR", "surname-topic"),
    (OCEAN, "horsburgh cold pool", "Horsburgh:2000:SEC", "surname-topic"),
    (OCEAN, "strub chile", "Strub:2019:OCA", "surname-topic"),
    (OCEAN, "jamieson hadal zones", "Jamieson:2021:HZN", "surname-topic"),
    (OCEAN, "polovina atolls", "Polovina:2008:EDP", "surname-topic"),
    (PHYSICS, "anderson superexchange", "1950-Anderson-PR-79-350", "surname-topic"),
    (PHYSICS, "fetter superconductors", "1969-Fetter-S-2-817", "surname-topic"),
    (PHYSICS, "catalano nickelates", "2018-Catalano-RPP-81-046501", "surname-topic"),
    (PHYSICS, "suter skewed gaussian", "2008-Suter-M", "surname-topic"),
    (PHYSICS, "momma morphology", "2011-Momma-JAC-44-1272", "surname-topic"),
    (FISHERIES, "hallerman regulatory", "Hallerman:1990:TFPa", "surname-topic"),
    (FISHERIES, "vincent seahorses", "Vincent:2017:SPE", "surname-topic"),
    (POLICY, "willette labeling", "Willette:2021:LMC", "surname-topic"),
    (POLICY, "tian nighttime light", "Tian:2022:AUN", "surname-topic"),
    # rare-surname
    (OCEAN, "corbineau", "Corbineau:2010:PVL", "rare-surname"),
    (OCEAN, "wheatcroft", "Wheatcroft:2006:TSM", "rare-surname"),
    (OCEAN, "politikos", "Politikos:2015:SAF", "rare-surname"),
    (OCEAN, "dandonneau", "Dandonneau:2007:APP", "rare-surname"),
    (OCEAN, "newman", ("Newman:1987:HEN", "Newman:1987:PNR"), "rare-surname"),
    (OCEAN, "wyrtki", "Wyrtki:2006:P", "rare-surname"),
    (PHYSICS, "schlewitz", "2009-Schlewitz-KOECT-17-1", "rare-surname"),
    (PHYSICS, "kizilyalli", "1999-Kizilyalli-PAC-71-1307", "rare-surname"),
    (PHYSICS, "mayadas", "1972-Mayadas-JAP-43-1287", "rare-surname"),
    (PHYSICS, "awaka", "2009-Awaka-JSSC-182-2046", "rare-surname"),
    (FISHERIES, "stalnaker", "Stalnaker:2017:CDT", "rare-surname"),
    (FISHERIES, "geoghegan", "Geoghegan:1996:MQC", "rare-surname"),
    (POLICY, "pincinato", "Pincinato:2022:MIS", "rare-surname"),
    (POLICY, "paolacci", "Paolacci:2021:LSP", "rare-surname"),
    # word-surname (how many other entries have the word in the title)
    (OCEAN, "long nutrient streams", "Long:2022:NSN", "word-surname"),  # 54
    (OCEAN, "small fecal", "Small:1992:FCP", "word-surname"),  # 26
    (OCEAN, "stock 2014", "Stock:2014:GSC", "word-surname"),  # 13
    (OCEAN, "cross advection", "Cross:2015:RAD", "word-surname"),  # 12
    (OCEAN, "herring 1998", "Herring:1998:ASR", "word-surname"),  # 9
    (OCEAN, "new azores", "New:2001:RAC", "word-surname"),  # 77
    (OCEAN, "head mesozooplankton", "Head:2003:DCS", "word-surname"),  # 3
    (OCEAN, "young swordfish", "Young:2010:DPS", "word-surname"),  # 3
    (OCEAN, "king sablefish", "King:2001:IDM", "word-surname"),  # 3
    (OCEAN, "rice sustainable management", "Rice:2001:IVM", "word-surname"),  # 1
    (OCEAN, "manning stomatopod", "Manning:1990:BDS", "word-surname"),  # 0
    (PHYSICS, "knight 1949", "1949-Knight-PR-76-1259.2", "word-surname"),  # 28, Knight shift
    (PHYSICS, "powers 1959", "1959-Powers-JAP-30-514", "word-surname"),  # 12
    (PHYSICS, "cooper 1956", "1956-Cooper-PR-104-1189", "word-surname"),  # 5, Cooper pairs
    (PHYSICS, "case magnesium", "2020-Case-M-25-3172", "word-surname"),  # 3, 70 abstracts
    (PHYSICS, "wells voigt", "1999-Wells-JQSRT-62-29", "word-surname"),  # 3
    (FISHERIES, "white sturgeon captive", "White:2023:DGS", "word-surname"),  # 7
    (FISHERIES, "black fishing lessons", "Black:2018:FLA", "word-surname"),  # 16
    (FISHERIES, "rivers forage fish", "Rivers:2022:CRN", "word-surname"),  # 14
    (FISHERIES, "long catfish", "Long:2013:CEM", "word-surname"),  # 10
    (FISHERIES, "rice mixed methods", "Rice:2023:PFS", "word-surname"),  # 0
    (POLICY, "white virginia fishermen", "White:2025:WTL", "word-surname"),  # 5
    (POLICY, "brown rescue beacons", "Brown:2023:MSR", "word-surname"),  # 2
    (POLICY, "green high seas", "Green:2020:CHS", "word-surname"),  # 12
    (POLICY, "gray mackerel war", "Gray:2021:NTI", "word-surname"),  # 2
    (POLICY, "park fukushima", "Park:2024:DMG", "word-surname"),  # 13
    # title-words
    (OCEAN, "nepheloid portuguese shelf", "Oliveira:2002:NLD", "title-words"),
    (OCEAN, "inflated subpolar gyre", "Hatun:2016:ISG", "title-words"),
    (OCEAN, "jack chub mackerels", "Alegre:2015:DDJ", "title-words"),
    (OCEAN, "cod drift north sea", "Huserbraaten:2018:CDN", "title-words"),
    (OCEAN, "vortex merging", "Fu:2024:AVM", "title-words"),
    (PHYSICS, "triangle method corner", "2002-Castellanos-ANM-43-359", "title-words"),
    (PHYSICS, "extraordinary adhesion niobium", "1997-Song-PRL-79-5062", "title-words"),
    (PHYSICS, "revised ionic radii", "1976-Shannon-AC-A32-751", "title-words"),
    (PHYSICS, "numerical methods ill-posed", "1995-Tikhonov-NMSIPP", "title-words"),
    (FISHERIES, "monitoring garbage yields", "Hughes:2014:MGY", "title-words"),
    (POLICY, "last mile challenge", "Willette:2021:LMC", "title-words"),
    (POLICY, "fragmented digital connectivity", "Jensen:2021:FDC", "title-words"),
    # title-reordered
    (OCEAN, "layers nepheloid thick", "Puig:2013:TBN", "title-reordered"),
    (OCEAN, "mackerels jack chub diet", "Alegre:2015:DDJ", "title-reordered"),
    (OCEAN, "sargassum transport simulating", "Putman:2022:STP", "title-reordered"),
    (OCEAN, "bioluminescence dinoflagellate", "Marcinko:2013:RMM", "title-reordered"),
    (PHYSICS, "radii ionic revised", "1976-Shannon-AC-A32-751", "title-reordered"),
    (PHYSICS, "corner triangle method", "2002-Castellanos-ANM-43-359", "title-reordered"),
    (PHYSICS, "nonlocal screening meissner", "2006-Suter-PB-374-243", "title-reordered"),
    (PHYSICS, "nbse2 vortex lattice", "2006-Wang-MSc", "title-reordered"),
    (FISHERIES, "bypass yolo california", "Sommer:2001:CYB", "title-reordered"),
    (POLICY, "sync labeling laws", "Willette:2021:LMC", "title-reordered"),
    # typo
    (OCEAN, "nephaloid portuguese shelf", "Oliveira:2002:NLD", "typo"),
    (OCEAN, "thermohaline intrusions theroy", "Ruddick:2003:OTIa", "typo"),  # b: observations
    (OCEAN, "microplatics gulf of lion", "Schmidt:2018:OMS", "typo"),
    (OCEAN, "biolumenescence dinoflagellate", "Marcinko:2013:RMM", "typo"),
    (OCEAN, "jellyfsh bering climate", "Brodeur:2008:RFJ", "typo"),
    (OCEAN, "sargasum caribbean", "Putman:2022:STP", "typo"),
    (PHYSICS, "triangel method l-curve", "2002-Castellanos-ANM-43-359", "typo"),
    (PHYSICS, "extraordinary adhesoin", "1997-Song-PRL-79-5062", "typo"),
    (PHYSICS, "nonlocal meisner screening", "2006-Suter-PB-374-243", "typo"),
    (PHYSICS, "hemoglobin magnetsim", "2007-Nagamine-PJASB-83-120", "typo"),
    (PHYSICS, "convex arrhenuis plots", "2001-Truhlar-PNAS-98-848", "typo"),
    (FISHERIES, "monitoring garbge", "Hughes:2014:MGY", "typo"),
    (POLICY, "nightime light fisheries", "Tian:2022:AUN", "typo"),
    # derived-form; the titles say: ecological, seasonality, stratified, acidification,
    # stratification dependence, ecology; electrical, magnetism, resistive, oscillations,
    # dependence; accountability; fragmented
    (OCEAN, "ecology niche hake", "Druon:2015:MEH", "derived-form"),
    (OCEAN, "seasonal calcifiers barents", "Anglada-Ortiz:2023:SMC", "derived-form"),
    (OCEAN, "wind farm foundations stratification", "Floeter:2017:PEO", "derived-form"),
    (OCEAN, "pteropods acidified", "Bednarsek:2016:PEC", "derived-form"),
    (OCEAN, "stratified dependent estuarine exchange", "Basdurak:2021:LEV", "derived-form"),
    (OCEAN, "ecological functioning submarine canyons", "Canals:2019:RAU", "derived-form"),
    (PHYSICS, "electric conduction fe2o3", "1974-deCogan-SSC-15-1517", "derived-form"),
    (PHYSICS, "weak magnetic srtio3 multilayers", "2012-Salman-PRL-109-257207", "derived-form"),
    (PHYSICS, "resistance switching tio2", "2014-Szot-SSP-65-353", "derived-form"),
    (PHYSICS, "vortex oscillating relaxation", "1994-Demidov-PC-234-285", "derived-form"),
    (PHYSICS, "dependent knight shift vanadium", "1976-Hechtfischer-ZPBCM-23-255", "derived-form"),
    (FISHERIES, "forest service accountable", "Forsgren:1993:RGF", "derived-form"),
    (POLICY, "fragmentation digital connectivity", "Jensen:2021:FDC", "derived-form"),
    # eponym
    (OCEAN, "kelvin wave forcing", "Bertrand:2008:IKW", "eponym"),
    (OCEAN, "ekman pumping", "He:2016:AEI", "eponym"),
    (OCEAN, "ekman transport bering", "Danielson:2014:CWF", "eponym"),
    (OCEAN, "gulf stream recirculation", "Hogg:1985:EBI", "eponym"),
    (OCEAN, "redfield monod", "Flynn:2010:EMS", "eponym"),
    (OCEAN, "sverdrup hypothesis", "Mikaelyan:2017:PDW", "eponym"),
    (OCEAN, "agulhas eddies", "Orselli:2019:SAC", "eponym"),
    (OCEAN, "leeuwin current pacific heating", "Godfrey:1991:LCD", "eponym"),
    (OCEAN, "topographic rossby waves", "Hamilton:2009:TRW", "eponym"),
    (PHYSICS, "korringa ratio", "1994-Shastry-PRL-72-1933", "eponym"),
    (PHYSICS, "korringa law semimetals", "2001-Blundell-JPCM-13-2163", "eponym"),
    (PHYSICS, "stokes einstein", "1970-Edward-JCE-47-261", "eponym"),
    (PHYSICS, "mott hubbard", MOTT_HUBBARD, "eponym"),
    (PHYSICS, "josephson junctions", "1994-Kim-JAP-75-8163", "eponym"),
    (PHYSICS, "zeeman effect", "2016-Fu-NC-7-10829", "eponym"),
    (PHYSICS, "voigtian kubo toyabe", "1997-Crook-JPCM-9-1149", "eponym"),
    (PHYSICS, "ginzburg landau vortex lattice", "2003-Brandt-PRB-68-054506", "eponym"),
    (PHYSICS, "bi-arrhenius diffusion", BI_ARRHENIUS, "eponym"),
    (FISHERIES, "yolo bypass", "Sommer:2001:CYB", "eponym"),
    (POLICY, "galapagos plastic waste", "Zambrano-Monserrate:2020:EDC", "eponym"),
    # rare-word
    (OCEAN, "expatriates", "Olli:2007:FPC", "rare-word"),
    (OCEAN, "edifice", "Girard:2020:CTD", "rare-word"),
    (OCEAN, "oxymeter", "Foyn:1965:O", "rare-word"),
    (OCEAN, "sunscreens", "Fileman:2017:SLO", "rare-word"),
    (OCEAN, "pitfall", "Anderson:2010:DEM", "rare-word"),
    (PHYSICS, "adhesion", "1997-Song-PRL-79-5062", "rare-word"),
    (PHYSICS, "pymatgen", "2013-Ong-CMS-68-314", "rare-word"),
    (PHYSICS, "reanalyzed", "1975-Allen-PRB-12-905", "rare-word"),
    (PHYSICS, "pyridine", "2009-Evlampieva-RJAC-82-666", "rare-word"),
    (FISHERIES, "bathwater", "Stalnaker:2017:CDT", "rare-word"),
    (FISHERIES, "precedent", "Vincent:2017:SPE", "rare-word"),
    (POLICY, "autoregressive", "Shao:2021:ERG", "rare-word"),
    (POLICY, "yantai", "Du:2020:ESE", "rare-word"),
    # year-word
    (OCEAN, "hydrothermal 2020", "Girard:2020:CTD", "year-word"),
    (OCEAN, "iceberg 2015", "Wilton:2015:MTC", "year-word"),
    (OCEAN, "burst 2023", "Wang:2023:BEN", "year-word"),
    (OCEAN, "1985 recirculation", "Hogg:1985:EBI", "year-word"),
    (PHYSICS, "c6li 1988", "1988-MortonBlake-PRB-37-4180", "year-word"),
    (PHYSICS, "sb2te3 2009", "2009-Zhang-NP-5-438", "year-word"),
    (PHYSICS, "1921 atome", "1921-Vegard-ZP-5-17", "year-word"),
    (FISHERIES, "bathwater 2017", "Stalnaker:2017:CDT", "year-word"),
    (POLICY, "premium 2020", "Sanchez:2020:EPP", "year-word"),
    # year-absent
    (OCEAN, "1972", (), "year-absent"),  # between 1969 and 1973
    (OCEAN, "2026", (), "year-absent"),
    (PHYSICS, "1899", (), "year-absent"),
    (FISHERIES, "1971", (), "year-absent"),
    (POLICY, "2012", (), "year-absent"),  # the library is 2020-2025
    # nonsense
    (OCEAN, "qzxv plombix", (), "nonsense"),
    (OCEAN, "xylofrabble", (), "nonsense"),
    (OCEAN, "blorptangle snazzwick", (), "nonsense"),
    (OCEAN, "zzqx", (), "nonsense"),
    (OCEAN, "fnordwick", (), "nonsense"),
    (OCEAN, "kwyjibo", (), "nonsense"),
    (PHYSICS, "wibbleqvist", (), "nonsense"),
    (PHYSICS, "krazhnuplet", (), "nonsense"),
    (PHYSICS, "quizzaflop", (), "nonsense"),
    (PHYSICS, "glimbrixel", (), "nonsense"),
    (PHYSICS, "zorbleflax vexnorpium", (), "nonsense"),
    (PHYSICS, "jabberwockish", (), "nonsense"),
    (FISHERIES, "frumjoblet", (), "nonsense"),
    (FISHERIES, "blarnixt", (), "nonsense"),
    (POLICY, "snorklefrump", (), "nonsense"),
    (POLICY, "trumplequib wumpquist", (), "nonsense"),
]
