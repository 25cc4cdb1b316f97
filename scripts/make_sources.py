"""
Regenerate ``src/jp_mfg_policy/data/sources.json`` from the research notes.

The notes are ``verified-facts.md``, from which the dataset was built.

    python scripts/make_sources.py ../shared/sources/verified-facts.md

Titles, publishers and kinds are curated below; addresses and verbatim
excerpts are read from the notes, so a quote in the data can be checked
against the words that were actually seen in each source.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

# (reference, id, title, publisher, kind, language, canonical address or None)
CURATED = [
    (
        "S2",
        "jawiki-meti",
        "経済産業省",
        "Japanese Wikipedia",
        "encyclopedia",
        "ja",
        "https://ja.wikipedia.org/wiki/経済産業省",
    ),
    (
        "S3",
        "imi-enrichment-hojin",
        "imi-enrichment-hojin README (corporate-number data from the National Tax Agency)",
        "IMI-Tool-Project",
        "dataset_documentation",
        "ja",
        "https://github.com/IMI-Tool-Project/imi-enrichment-hojin",
    ),
    (
        "S4",
        "ror-meti",
        "ROR record 055tm7f07: Ministry of Economy, Trade and Industry",
        "Research Organization Registry",
        "registry_record",
        "en",
        "https://ror.org/055tm7f07",
    ),
    (
        "S5",
        "enwiki-meti",
        "Ministry of Economy, Trade and Industry",
        "English Wikipedia",
        "encyclopedia",
        "en",
        "https://en.wikipedia.org/wiki/Ministry_of_Economy,_Trade_and_Industry",
    ),
    ("S6", "meti-history", "History of METI", "Ministry of Economy, Trade and Industry", "web_page", "en", None),
    ("S7", "enpedia-miti", "通商産業省", "Enpedia", "encyclopedia", "ja", None),
    (
        "S8",
        "miti-establishment-law",
        "Ministry of International Trade and Industry Establishment Law (Law No. 102 of 1949)",
        "Japanese Law Database, Nagoya University",
        "law",
        "en",
        None,
    ),
    ("S9", "itlaw-miti", "Ministry of International Trade and Industry", "IT Law Wiki", "encyclopedia", "en", None),
    (
        "S10",
        "jawiki-mhlw",
        "厚生労働省",
        "Japanese Wikipedia",
        "encyclopedia",
        "ja",
        "https://ja.wikipedia.org/wiki/厚生労働省",
    ),
    (
        "S11",
        "enwiki-mhlw",
        "Ministry of Health, Labour and Welfare",
        "English Wikipedia",
        "encyclopedia",
        "en",
        "https://en.wikipedia.org/wiki/Ministry_of_Health,_Labour_and_Welfare",
    ),
    (
        "S12",
        "enwiki-minister-mhlw",
        "Minister of Health, Labour, and Welfare",
        "English Wikipedia",
        "encyclopedia",
        "en",
        "https://en.wikipedia.org/wiki/Minister_of_Health,_Labour,_and_Welfare",
    ),
    (
        "S13",
        "ooyake-scorecard",
        "ooyake 公 — Maturity Scorecard (third-party file)",
        "unknown repository",
        "third_party_file",
        "en",
        None,
    ),
    (
        "S14",
        "ror-niid",
        "ROR record 001ggbx22: National Institute of Infectious Diseases",
        "Research Organization Registry",
        "registry_record",
        "en",
        "https://ror.org/001ggbx22",
    ),
    (
        "S15",
        "jawiki-mext",
        "文部科学省",
        "Japanese Wikipedia",
        "encyclopedia",
        "ja",
        "https://ja.wikipedia.org/wiki/文部科学省",
    ),
    (
        "S16",
        "ror-mext",
        "ROR record 048rj2z13: Ministry of Education, Culture, Sports, Science and Technology",
        "Research Organization Registry",
        "registry_record",
        "en",
        "https://ror.org/048rj2z13",
    ),
    ("S17", "public-map-mext", "文部科学省", "public-map.info", "web_page", "ja", None),
    (
        "S18",
        "jawiki-cabinet-office",
        "内閣府",
        "Japanese Wikipedia",
        "encyclopedia",
        "ja",
        "https://ja.wikipedia.org/wiki/内閣府",
    ),
    (
        "S19",
        "ror-cabinet-office",
        "ROR record 007f5s288: Cabinet Office",
        "Research Organization Registry",
        "registry_record",
        "en",
        "https://ror.org/007f5s288",
    ),
    (
        "S20",
        "cao-csti-renaming",
        "「内閣府設置法の一部を改正する法律」の施行について",
        "Cabinet Office",
        "web_page",
        "ja",
        None,
    ),
    (
        "S21",
        "jawiki-csti",
        "総合科学技術・イノベーション会議",
        "Japanese Wikipedia (extract)",
        "encyclopedia",
        "ja",
        "https://ja.wikipedia.org/wiki/総合科学技術・イノベーション会議",
    ),
    (
        "S22",
        "ror-csti",
        "ROR record 007tjaq50: Council for Science, Technology and Innovation",
        "Research Organization Registry",
        "registry_record",
        "en",
        "https://ror.org/007tjaq50",
    ),
    (
        "S23",
        "aist-history",
        "沿革 (AIST digital brochure)",
        "National Institute of Advanced Industrial Science and Technology",
        "web_page",
        "ja",
        None,
    ),
    (
        "S24",
        "aist-president",
        "理事長挨拶",
        "National Institute of Advanced Industrial Science and Technology",
        "web_page",
        "ja",
        None,
    ),
    (
        "S25",
        "aist-specified-nrda",
        "特定国立研究開発法人への指定について (2016-10-01)",
        "National Institute of Advanced Industrial Science and Technology",
        "news_release",
        "ja",
        "https://www.aist.go.jp/aist_j/news/announce/au20161001.html",
    ),
    (
        "S26",
        "dewiki-aist",
        "National Institute of Advanced Industrial Science and Technology",
        "German Wikipedia",
        "encyclopedia",
        "de",
        None,
    ),
    (
        "S27",
        "jawiki-aist",
        "産業技術総合研究所 (text derived from Japanese Wikipedia)",
        "spacexinsight.earth",
        "encyclopedia",
        "ja",
        None,
    ),
    (
        "S28",
        "aist-ror-third-party",
        "AIST's ROR ID in third-party files (affiliation lists, a mapping table)",
        "various repositories",
        "third_party_file",
        "en",
        None,
    ),
    (
        "S29",
        "aist-organization",
        "Organization",
        "National Institute of Advanced Industrial Science and Technology",
        "web_page",
        "en",
        None,
    ),
    ("S30", "smea-history", "History of the SME Agency", "Small and Medium Enterprise Agency", "web_page", "en", None),
    (
        "S31",
        "smea-act",
        "Act for Establishment of the Small and Medium Enterprise Agency (tentative translation)",
        "Small and Medium Enterprise Agency",
        "law",
        "en",
        None,
    ),
    (
        "S32",
        "jawiki-smea",
        "中小企業庁",
        "Japanese Wikipedia",
        "encyclopedia",
        "ja",
        "https://ja.wikipedia.org/wiki/中小企業庁",
    ),
    ("S33", "jacar-smea", "中小企業庁 (glossary)", "Japan Center for Asian Historical Records", "web_page", "ja", None),
    ("S34", "wiki-mib", "製造産業局", "pedia.3rd-in.co.jp", "encyclopedia", "ja", None),
    (
        "S35",
        "jawiki-jetro",
        "日本貿易振興機構",
        "Japanese Wikipedia",
        "encyclopedia",
        "ja",
        "https://ja.wikipedia.org/wiki/日本貿易振興機構",
    ),
    (
        "S36",
        "jawiki-jetro-extract",
        "日本貿易振興機構 (extract)",
        "Japanese Wikipedia (extract)",
        "encyclopedia",
        "ja",
        None,
    ),
    (
        "S37",
        "jetro-60th",
        "JETRO 60th anniversary message",
        "Japan External Trade Organization",
        "web_page",
        "en",
        None,
    ),
    ("S38", "ide-message", "所長挨拶", "Institute of Developing Economies, JETRO", "web_page", "ja", None),
    ("S39", "jawiki-jpo", "特許庁", "Japanese Wikipedia", "encyclopedia", "ja", "https://ja.wikipedia.org/wiki/特許庁"),
    (
        "S40",
        "enwiki-jpo",
        "Japan Patent Office",
        "English Wikipedia",
        "encyclopedia",
        "en",
        "https://en.wikipedia.org/wiki/Japan_Patent_Office",
    ),
    ("S41", "kantei-jpo", "Patent Office: history", "Prime Minister's Office of Japan", "web_page", "en", None),
    ("S42", "jst-history", "JSTの沿革", "Japan Science and Technology Agency", "web_page", "ja", None),
    ("S43", "kotobank-jst", "科学技術振興機構", "Kotobank", "encyclopedia", "ja", None),
    (
        "S44",
        "ror-jst",
        "ROR record 00097mb19: Japan Science and Technology Agency",
        "Research Organization Registry",
        "registry_record",
        "en",
        "https://ror.org/00097mb19",
    ),
    (
        "S45",
        "jst-news-332",
        "JST news No. 332 (2003-06-30)",
        "Japan Science and Technology Agency",
        "news_release",
        "ja",
        None,
    ),
    ("S46", "jst-20th", "JST 20th-anniversary book", "Japan Science and Technology Agency", "book", "ja", None),
    (
        "S47",
        "crds-third-party",
        "CRDS English name and address in third-party notes",
        "various repositories",
        "third_party_file",
        "en",
        None,
    ),
    (
        "S48",
        "jawiki-jsps",
        "日本学術振興会",
        "Japanese Wikipedia",
        "encyclopedia",
        "ja",
        "https://ja.wikipedia.org/wiki/日本学術振興会",
    ),
    (
        "S49",
        "enwiki-jsps",
        "Japan Society for the Promotion of Science",
        "English Wikipedia",
        "encyclopedia",
        "en",
        "https://en.wikipedia.org/wiki/Japan_Society_for_the_Promotion_of_Science",
    ),
    (
        "S50",
        "ror-funder-transition",
        "ROR documentation on the Funder Registry transition",
        "Research Organization Registry",
        "documentation",
        "en",
        None,
    ),
    (
        "S51",
        "nistep-dg-message",
        "所長挨拶 (Director-General's message, July 2025)",
        "National Institute of Science and Technology Policy",
        "web_page",
        "ja",
        "https://www.nistep.go.jp/about/message-from-dg",
    ),
    (
        "S52",
        "nistep-30th",
        "STI Horizon Vol. 4 No. 3",
        "National Institute of Science and Technology Policy",
        "article",
        "ja",
        None,
    ),
    (
        "S53",
        "ror-nistep",
        "ROR record 00kbjsx88: National Institute of Science and Technology Policy",
        "Research Organization Registry",
        "registry_record",
        "en",
        "https://ror.org/00kbjsx88",
    ),
    (
        "S54",
        "nedo-40th",
        "NEDO 40年史",
        "New Energy and Industrial Technology Development Organization",
        "book",
        "ja",
        None,
    ),
    (
        "S55",
        "ror-nedo",
        "ROR record 0055k7a87: New Energy and Industrial Technology Development Organization",
        "Research Organization Registry",
        "registry_record",
        "en",
        "https://ror.org/0055k7a87",
    ),
    ("S56", "koumuin-nedo", "NEDOをわかりやすく解説", "koumuin-news.com", "article", "ja", None),
    ("S57", "weblio-nedo", "新エネルギー総合開発機構", "Weblio", "encyclopedia", "ja", None),
    (
        "S58",
        "verdexchange-nedo",
        "NEDO Chairman Tamotsu Saito on Japan-California collaboration",
        "VerdeXchange",
        "article",
        "en",
        None,
    ),
    (
        "S59",
        "keidanren-profile",
        "経団連とは",
        "Keidanren (Japan Business Federation)",
        "web_page",
        "ja",
        "https://www.keidanren.or.jp/profile/pro001.html",
    ),
    (
        "S60",
        "jawiki-keidanren",
        "日本経済団体連合会",
        "Japanese Wikipedia",
        "encyclopedia",
        "ja",
        "https://ja.wikipedia.org/wiki/日本経済団体連合会",
    ),
    (
        "S61",
        "jawiki-keidanren-extract",
        "日本経団連 (extract)",
        "Japanese Wikipedia (extract)",
        "encyclopedia",
        "ja",
        None,
    ),
    (
        "S62",
        "japan-times-2002",
        "Top business lobbies tie knot, hope to better sway politics",
        "The Japan Times",
        "news_article",
        "en",
        None,
    ),
    (
        "S63",
        "enwiki-keidanren",
        "Japan Business Federation",
        "English Wikipedia",
        "encyclopedia",
        "en",
        "https://en.wikipedia.org/wiki/Japan_Business_Federation",
    ),
    (
        "S64",
        "keidanren-annual-2020",
        "Keidanren Annual Report 2020",
        "Keidanren (Japan Business Federation)",
        "report",
        "en",
        None,
    ),
    (
        "S65",
        "ror-keidanren",
        "ROR record 01py0xw12: Keidanren",
        "Research Organization Registry",
        "registry_record",
        "en",
        "https://ror.org/01py0xw12",
    ),
    ("S66", "jil-2002", "Japan Business Federation launched", "Japan Institute for Labour", "article", "en", None),
    (
        "S67",
        "ror-sandia",
        "ROR record 01apwpt12: Sandia National Laboratories",
        "Research Organization Registry",
        "registry_record",
        "en",
        "https://ror.org/01apwpt12",
    ),
    (
        "S68",
        "enwiki-sandia",
        "Sandia National Laboratories",
        "English Wikipedia (mirror)",
        "encyclopedia",
        "en",
        "https://en.wikipedia.org/wiki/Sandia_National_Laboratories",
    ),
    (
        "S69",
        "krqe-sandia-2017",
        "New management takes over New Mexico-based national lab",
        "KRQE / Associated Press",
        "news_article",
        "en",
        None,
    ),
    (
        "S70",
        "nedo-ames-2013",
        "NEDO concludes MOU with the Ames Laboratory",
        "New Energy and Industrial Technology Development Organization",
        "news_release",
        "en",
        None,
    ),
    (
        "S71",
        "kanto-award-6th",
        "第6回ものづくり日本大賞",
        "Kanto Bureau of Economy, Trade and Industry",
        "web_page",
        "ja",
        None,
    ),
    (
        "S72",
        "monodzukuri-white-paper-2018",
        "ものづくり白書 2018, 第2部第5章第2節",
        "Ministry of Economy, Trade and Industry",
        "report",
        "ja",
        None,
    ),
    ("S73", "jmf-award", "ものづくり日本大賞", "Japan Machinery Federation", "web_page", "ja", None),
    (
        "S74",
        "kyushu-award-7th",
        "第7回ものづくり日本大賞 (leaflet)",
        "Kyushu Bureau of Economy, Trade and Industry",
        "leaflet",
        "ja",
        None,
    ),
    ("S75", "jpbm-white-paper", "ものづくり白書 (daily news)", "JPBM", "news_article", "ja", None),
    ("S76", "newskey-white-paper", "ものづくり白書 (2024)", "newskey", "news_article", "ja", None),
    ("S77", "kotobank-white-paper", "ものづくり白書", "Kotobank", "encyclopedia", "ja", None),
    (
        "S78",
        "cao-basic-plans",
        "科学技術基本計画及び科学技術・イノベーション基本計画",
        "Cabinet Office",
        "web_page",
        "ja",
        None,
    ),
    (
        "S79",
        "mext-4th-plan",
        "第4期科学技術基本計画",
        "Ministry of Education, Culture, Sports, Science and Technology",
        "web_page",
        "ja",
        "http://www.mext.go.jp/a_menu/kagaku/kihon/main5_a4.htm",
    ),
    (
        "S80",
        "mext-white-paper-2004",
        "White Paper on Science and Technology FY2004, Part 3",
        "Ministry of Education, Culture, Sports, Science and Technology",
        "report",
        "en",
        None,
    ),
    ("S81", "jipdec-basic-act", "科学技術基本法 (glossary)", "JIPDEC", "web_page", "ja", None),
    (
        "S82",
        "wtec-aist",
        "Nanostructure Science and Technology",
        "World Technology Evaluation Center",
        "report",
        "en",
        None,
    ),
    (
        "S83",
        "meti-2024-bureaus",
        "METI news release, 25 June 2024",
        "Ministry of Economy, Trade and Industry",
        "news_release",
        "en",
        "https://www.meti.go.jp/english/press/2024/0625_001.html",
    ),
    (
        "S84",
        "meti-nedo-2003",
        "独立行政法人評価委員会 NEDO分科会 議事録 (2003-09-05)",
        "Ministry of Economy, Trade and Industry",
        "minutes",
        "ja",
        None,
    ),
    (
        "S85",
        "greencar-nedo-2017",
        "DOE and NEDO to collaborate on hydrogen and fuel cell safety",
        "Green Car Congress",
        "news_article",
        "en",
        None,
    ),
]

# Publication dates the notes give (in a source's title or its excerpts).
PUBLISHED = {
    "S25": "2016-10-01",
    "S45": "2003-06-30",
    "S51": "2025-07",
    "S58": "2025",
    "S62": "2002-05-29",
    "S66": "2002",
    "S69": "2017-05-01",
    "S70": "2013-09-13",
    "S76": "2024",
    "S83": "2024-06-25",
    "S84": "2003-09-05",
    "S85": "2017-10",
}

# Sources found after the notes were written, with the search tool's code corpus.
EXTRA = [
    {
        "id": "mlit-third-party",
        "title": "The English name of 国土交通省 in third-party files",
        "publisher": "various repositories",
        "kind": "third_party_file",
        "language": "en",
        "excerpts": [
            "Scraper for Ministry of Land, Infrastructure, Transport and Tourism (国土交通省) advisory councils.",
            "Ministry of Land, Infrastructure, Transport and Tourism (MLIT), Government of Japan",
        ],
        "note": "Found with the search tool's code corpus (find_string file ids 54025043500 and 61116676930): "
        "a scraper's docstring and a catalogue of urban digital-twin projects. Third-party files only; "
        "the ministry's own English pages were not read.",
    },
]

_ENTRY = re.compile(r"^- \*\*(S\d+b?)\*\* (.*)$")
_URL = re.compile(r"https?://[^\s)\]]+")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def read_references(text: str) -> dict[str, str]:
    """The reference list of the notes, keyed by reference number."""
    entries = {}
    for line in text.splitlines():
        match = _ENTRY.match(line)
        if match:
            entries[match.group(1)] = match.group(2)
    return entries


def main(notes: Path, out: Path) -> None:
    """Write the sources file."""
    references = read_references(notes.read_text(encoding="utf-8"))
    sources = [
        {
            "id": "cambridge-actors",
            "title": "Actors & Institutions (Japan)",
            "publisher": "Manufacturing Policy Portal, Centre for Science, Technology & Innovation Policy, "
            "University of Cambridge",
            "url": "https://www.manufacturing-policy.eng.cam.ac.uk/country-profiles/japan/actors-institutions",
            "kind": "web_page",
            "language": "en",
            "text": "manufacturing-policy-portal-japan-actors.txt",
            "note": "The primary source: every fact on the page is in the dataset. The page is undated; "
            "its latest dated statement is as of 2014-07-01.",
        },
    ]
    for ref, ident, title, publisher, kind, language, canonical in CURATED:
        entry = references[ref]
        parts = entry.split(" — ")
        taken = 1
        while taken < len(parts) and " — ".join(parts[:taken]).count('"') % 2:
            taken += 1  # the title itself holds a dash inside quotes
        head, tail = " — ".join(parts[:taken]), " — ".join(parts[taken:])
        found = _URL.findall(tail.split(" — ")[0]) + _URL.findall(head)
        urls = [url.rstrip(",.;") for url in found if url.rstrip(",.;") != canonical]
        excerpts = [m.replace('\\"', '"') for m in _QUOTED.findall(tail)]
        source: dict[str, object] = {"id": ident, "title": title, "publisher": publisher}
        read = urls[0] if urls else None
        if canonical:
            source["url"] = canonical
            if read and read != canonical:
                source["copy_url"] = read
        elif read:
            source["url"] = read
        source |= {"kind": kind, "language": language}
        if ref in PUBLISHED:
            source["published"] = PUBLISHED[ref]
        source["excerpts"] = excerpts
        source["note"] = f"Reference {ref} of the dataset's research notes: {head.strip()}."
        sources.append(source)
    sources += EXTRA
    document = {
        "$schema": "schema.json",
        "about": {
            "title": "Sources cited by the dataset",
            "produced_by": "scripts/make_sources.py from the research notes (verified-facts.md)",
            "as_of": "2026-11-25",
            "primary_source": "https://www.manufacturing-policy.eng.cam.ac.uk/country-profiles/japan/actors-institutions",
        },
        "sources": sources,
    }
    out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).parents[1] / "src/jp_mfg_policy/data/sources.json")
