"""Facts: every body, law, programme and strategy added this round, and the audit's corrections, with sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import attrs
import pytest

import jp_mfg_policy as jmp
from jp_mfg_policy._bodies import Organization
from jp_mfg_policy._facts import Source
from jp_mfg_policy._records import Citation
from jp_mfg_policy._registry import SOURCES


def _flat(text: str) -> str:
    """Whitespace normalised: runs of spaces and line breaks as one space."""
    return " ".join(text.split())


def _citations(record: object) -> Iterator[Citation]:
    """Every citation inside a record, nested records included."""
    if isinstance(record, Citation):
        yield record
    elif attrs.has(cls := type(record)):
        for attribute in attrs.fields(cls):
            yield from _citations(getattr(record, attribute.name))
    elif isinstance(record, tuple):
        for item in record:
            yield from _citations(item)


def _record_citations(system: jmp.PolicySystem, key: str) -> list[Citation]:
    """The citations of an entity's record, of its events and of the relations it is in."""
    entity = system.get(key)
    found = list(_citations(entity))
    for event in system.history(entity):
        found += event.sources
    for relation in (*system.relations(subject=entity.id), *system.relations(object=entity.id)):
        found += relation.sources
    return found


def _source(system: jmp.PolicySystem, source_id: str) -> Source:
    return next(source for source in system.dataset[SOURCES] if source.id == source_id)


def assert_cited(system: jmp.PolicySystem, key: str, source_id: str, quote: str) -> None:
    """*quote* is in the source's excerpts, and the record of *key* cites that source with a quote holding it."""
    excerpts = [_flat(excerpt) for excerpt in _source(system, source_id).excerpts]
    assert any(_flat(quote) in excerpt for excerpt in excerpts), f"{quote!r} is not in {source_id}'s excerpts"
    cited = [c for c in _record_citations(system, key) if c.source == source_id and c.quote is not None]
    assert any(_flat(quote) in _flat(c.quote) for c in cited if c.quote), f"{key} does not cite {source_id}: {quote!r}"


Evidence = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Body:
    """A body's key facts as its sources state them; *evidence* holds (source id, verbatim passage) pairs."""

    key: str
    name_ja: str | None = None
    established: str | None = None
    legal_form: str | None = None
    parent: tuple[str, str | None] | None = None  # (parent id, day), the day None for today
    identifiers: dict[str, str] = field(default_factory=dict)
    evidence: tuple[tuple[str, str], ...] = ()


# The bodies added this round (those not in organizations.json at c4ab4c8). Every value asserted is
# supported by a passage of the evidence: the Japanese name, the founding date (to the precision recorded),
# the legal form (where a passage or the name's legal-form prefix states it), the parent (where a passage
# names it) and each identifier (a passage holding it, or its source being the identifier's own ROR record).
BODIES = [
    Body(
        "ministry-of-commerce-and-industry-1945",
        name_ja="商工省",
        established="1945-08-26",
        evidence=(
            ("kotobank-shokosho", "1925年に同省は商工省と農林省に二分された。"),
            ("jacar-glossary-shokosho", "敗戦後の1945年8月26日、商工省が再建され戦後経"),
        ),
    ),
    Body(
        "economic-deliberation-agency",
        name_ja="経済審議庁",
        established="1952-08-01",
        parent=("prime-ministers-office", "1955-07-19"),
        evidence=(
            ("jacar-glossary-epa", "30)年7月20日、経済審議庁が改称され、経済企画庁が"),
            ("jacar-glossary-eda", "1952年8月1日に経済安定本部を再編し、"),
            ("jacar-glossary-eda", "済安定本部を再編し、総理府の外局として設置。国務大"),
        ),
    ),
    Body(
        "economic-stabilization-board",
        name_ja="経済安定本部",
        established="1946-08-12",
        evidence=(
            ("jacar-glossary-eda", "1952年8月1日に経済安定本部を再編し、総理府の外局と"),
            ("book-miti-japanese-miracle-1", "being on August 12, 1946"),
        ),
    ),
    Body(
        "prime-ministers-office",
        name_ja="総理府",
        established="1949-06-01",
        evidence=(
            ("rakuten-2001-reorganisation", "総理府と経済企画庁、沖縄開発庁"),
            ("jawiki-sorifu", "1949年(昭和24年)6月1日 - 国家行政組織法およ"),
        ),
    ),
    Body(
        "cefp",
        name_ja="経済財政諮問会議",
        established="2001-01-06",
        legal_form="council_on_important_policy",
        parent=("cabinet-office", None),
        evidence=(
            ("cao-important-policy-councils", "る会議として、1) 経済財政諮問会議、"),
            ("ron-cao-establishment-act", "法律第89号 施行:平成13年1月6日"),
            ("jawiki-cefp", "府に設置されている「重要政策に関する会議」の一つである。設置根拠"),
            ("jawiki-cefp", "licy)は、日本の内閣府に設置されている「重要政"),
        ),
    ),
    Body(
        "ip-strategy-headquarters",
        name_ja="知的財産戦略本部",
        established="2003-03",
        parent=("cabinet", None),
        evidence=(
            ("kotobank-ip-basic-act", "れに基づいて、内閣に知的財産戦略本部が設置された。"),
            ("kotobank-ip-basic-act", "12月4日公布、2003年3月1日に施行された。"),
            ("jawiki-ipsh", "2003年3月[1]内閣に設置された機関である。"),
        ),
    ),
    Body(
        "integrated-innovation-strategy-council",
        name_ja="統合イノベーション戦略推進会議",
        established="2018",
        parent=("cabinet", None),
        evidence=(
            ("ameblo-seisaku-research-iisc", "房長官を議長とする「統合イノベーション戦略推進会議」を立ち上げた。"),
            ("cao-integrated-innovation-strategy", "ノベーション戦略」(平成30年6月15日閣議決定)に基"),
            ("cao-integrated-innovation-strategy", "戦略を推進するため、内閣に統合イノベーション戦略"),
        ),
    ),
    Body(
        "cabinet",
        name_ja="内閣",
        established="1885-12-22",
        legal_form="cabinet",
        identifiers={"wikidata": "Q529012"},
        evidence=(
            ("jawiki-cabinet", "内閣(ないかく、英語: Ca"),
            ("jawiki-cabinet-2016", "1885年(明治18年)12月22日に、「太政官達第69号」"),
            ("ooyake-gov-units-executive", 'me-local "内閣" :gov.unit/'),
            ("ooyake-gov-units-executive", 'wikidata "Q529012"'),
        ),
    ),
    Body(
        "meti-ministers-secretariat",
        name_ja="大臣官房",
        established="2001-01-06",
        legal_form="internal_bureau",
        parent=("meti", None),
        evidence=(
            ("egov-meti-organization-order", "(大臣官房及び局の設置等)第二条"),
            ("jawiki-meti", "設置 | 2001年(平成13年)1月6日 |"),
            ("jawiki-meti", "内部部局 | 大臣官房 経済産業"),
            ("egov-meti-organization-order", "八 経済産業省の所掌事務に関する総合調"),
        ),
    ),
    Body(
        "economic-and-industrial-policy-bureau",
        name_ja="経済産業政策局",
        established="2001-01-06",
        legal_form="internal_bureau",
        parent=("meti", None),
        evidence=(
            ("wiki-eipb", "経済産業政策局は、日本の経済産業省に属"),
            ("jawiki-meti", "設置 | 2001年(平成13年)1月6日 |"),
            ("jawiki-meti", "内部部局 | 大臣官房 経済産業"),
            ("wiki-eipb", "産業政策局は、日本の経済産業省に属する部門で、産業政策"),
        ),
    ),
    Body(
        "trade-policy-bureau",
        name_ja="通商政策局",
        established="2001-01-06",
        legal_form="internal_bureau",
        parent=("meti", None),
        evidence=(
            ("techplus-meti-2024", "振興課や通商金融課は通商政策局に移管した。"),
            ("jawiki-meti", "設置 | 2001年(平成13年)1月6日 |"),
            ("jawiki-meti", "内部部局 | 大臣官房 経済産業"),
            ("mwords-tpb", "経済産業省の組織の一つで、通商に関"),
        ),
    ),
    Body(
        "trade-and-economic-security-bureau",
        name_ja="貿易経済安全保障局",
        established="2001-01-06",
        legal_form="internal_bureau",
        parent=("meti", None),
        evidence=(
            ("egov-meti-organization-order", "策局に国際経済部を、貿易経済安全保障局に貿易管理部をそれぞれ置"),
            ("jawiki-meti", "設置 | 2001年(平成13年)1月6日 |"),
            ("jawiki-meti", "内部部局 | 大臣官房 経済産業"),
            ("chemt-meti-2001", "(一部)を統合して「経済産業省」に生れ変った。"),
        ),
    ),
    Body(
        "innovation-and-environment-bureau",
        name_ja="イノベーション・環境局",
        established="2001-01-06",
        legal_form="internal_bureau",
        parent=("meti", None),
        evidence=(
            ("logi-today-meti-2024", "産業技術環境局をイノベーション・環境局に改称するとともに、新た"),
            ("jawiki-meti", "設置 | 2001年(平成13年)1月6日 |"),
            ("jawiki-meti", "内部部局 | 大臣官房 経済産業"),
            ("chemt-meti-2001", "(一部)を統合して「経済産業省」に生れ変った。"),
        ),
    ),
    Body(
        "commerce-and-information-policy-bureau",
        name_ja="商務情報政策局",
        established="2001-01-06",
        legal_form="internal_bureau",
        parent=("meti", None),
        evidence=(
            ("jawiki-kikai-joho", "際して廃止。大部分は商務情報政策局に移管。"),
            ("jawiki-meti", "設置 | 2001年(平成13年)1月6日 |"),
            ("jawiki-meti", "内部部局 | 大臣官房 経済産業"),
            ("chemt-meti-2001", "(一部)を統合して「経済産業省」に生れ変った。"),
        ),
    ),
    Body(
        "anre",
        name_ja="資源エネルギー庁",
        established="1973-07-25",
        legal_form="external_agency",
        identifiers={"ror": "047mtdf33"},
        evidence=(
            ("ror-anre", '"value": "資源エネルギー庁"'),
            ("weblio-jawiki-sekitancho", "鉱山石炭局)を経て、1973年(昭和48年)7月25日、現在の資源エネルギー庁"),
            ("jawiki-meti", "外局 | 資源エネルギー庁"),
            ("ror-anre", '//ror.org/047mtdf33"'),
        ),
    ),
    Body(
        "industrial-structure-council",
        name_ja="産業構造審議会",
        established="1964",
        legal_form="deliberative_council",
        parent=("meti", None),
        evidence=(
            ("egov-meti-establishment-act", "の審議会等を置く。 産業構造審議会 消費経済審議会"),
            ("kotobank-isc", "産業省所管の審議会。1964年(昭和39)に通商産業大"),
            ("jawiki-meti", "審議会等 | 産業構造審議会 消"),
            ("kotobank-isc", "事項を調査・審議する経済産業省所管の審議会。1964年"),
        ),
    ),
    Body(
        "agency-of-industrial-science-and-technology",
        name_ja="工業技術院",
        established="1948",
        parent=("miti", "2001-01-05"),
        evidence=(
            ("jahis-agency-ist-act-1952", "業省の附属機関である工業技術院に改組することが本法案の"),
            ("kotobank-agency-ist", "1948年に工業技術庁設置法にもと"),
            ("shugiin-agency-ist-act-1952", "第二条第一項中「通商産業省の外局として、」を「通商"),
        ),
    ),
    Body(
        "miti-industrial-policy-bureau",
        name_ja="産業政策局",
        established="1973",
        evidence=(
            ("wiki-eipb", "中央省庁再編により旧産業政策局が改組されて設立されまし"),
            ("wiki-eipb", "その後、1973年には大規模な機構改革が行"),
        ),
    ),
    Body(
        "miti-machinery-and-information-industries-bureau",
        name_ja="機械情報産業局",
        established="1973-07",
        legal_form="internal_bureau",
        parent=("miti", "2001-01-05"),
        evidence=(
            ("jawiki-kikai-joho", "機械情報産業局(きかいじょうほうさんぎ"),
            ("jawiki-kikai-joho", "1973年7月 大規模な機構改革により"),
            ("jawiki-kikai-joho", "通商産業省に存在した内部部局の一つ。"),
            ("jawiki-kikai-joho", "うきょく)はかつての通商産業省に存在した内部部局の一つ"),
        ),
    ),
    Body(
        "miti-basic-industries-bureau",
        name_ja="基礎産業局",
        established="1973-07",
        parent=("miti", "2001-01-05"),
        evidence=(
            ("chemt-meti-2001", "従来の基礎産業局は製造産業局と名称が変わ"),
            ("chosakai-seikatsu-sangyo", "械情報産業局とともに1973(昭和48)年7月の通商産業省の機構改革に"),
            ("chosakai-seikatsu-sangyo", "(昭和48)年7月の通商産業省の機構改革によって誕生し"),
        ),
    ),
    Body(
        "miti-consumer-goods-industries-bureau",
        name_ja="生活産業局",
        established="1973-07",
        parent=("miti", "2001-01-05"),
        evidence=(
            ("wiki-mib", "い、旧い基礎産業局と生活産業局に加え、環境立地局や機械"),
            ("chosakai-seikatsu-sangyo", "械情報産業局とともに1973(昭和48)年7月の通商産業省の機構改革に"),
            ("chosakai-seikatsu-sangyo", "(昭和48)年7月の通商産業省の機構改革によって誕生し"),
        ),
    ),
    Body(
        "rieti",
        name_ja="独立行政法人経済産業研究所",
        established="2001-04-01",
        legal_form="incorporated_administrative_agency",
        identifiers={"funder_id": "501100010222"},
        evidence=(
            ("ror-rieti", '"label": "独立行政法人経済産業研究所"'),
            ("hatena-rieti-2011", "2001年4月1日に非公務員型の独立行政法"),
            ("ror-rieti", 'ferred": "501100010222", "all": ["'),
        ),
    ),
    Body(
        "miti-research-institute",
        name_ja="通商産業研究所",
        established="1987",
        evidence=(
            ("hatena-rieti-2011", "部局として設置された通商産業研究所を前身とし"),
            ("hatena-rieti-2011", "1987年に通商産業省の一部局とし"),
        ),
    ),
    Body(
        "ipa",
        name_ja="独立行政法人情報処理推進機構",
        established="2004-01-05",
        legal_form="incorporated_administrative_agency",
        parent=("meti", None),
        identifiers={"ror": "034e1cb35"},
        evidence=(
            ("nikkeibp-ipa-2004", "5日,独立行政法人「情報処理推進機構」として新たに発足した。"),
            ("yourpedia-ipa", "2004年1月5日に情報処理の促進に関する"),
            ("nikkeibp-ipa-2004", "経済産業省(経産省)の外郭団体で,"),
            ("ror-meti", '//ror.org/034e1cb35"}'),
        ),
    ),
    Body(
        "joho-shori-shinko-jigyo-kyokai",
        name_ja="情報処理振興事業協会",
        established="1970-10",
        legal_form="authorized_corporation",
        parent=("meti", "2004-01-04"),
        evidence=(
            ("jahis-ipa-1970-act", "情報処理振興事業協会等に関する法律をここに公"),
            ("swri-ipa", "1970年10月に特別認可法人情報処理振"),
            ("swri-ipa", "970年10月に特別認可法人情報処理振興事業協会とし"),
            ("nikkeibp-ipa-2004", "経済産業省(経産省)の外郭団体で,"),
        ),
    ),
    Body(
        "nite",
        name_ja="独立行政法人製品評価技術基盤機構",
        established="2001-04-01",
        legal_form="incorporated_administrative_agency",
        parent=("meti", None),
        identifiers={"wikidata": "Q6973745"},
        evidence=(
            ("egov-nite-act", "独立行政法人製品評価技術基盤機構法 平成11年法律第20"),
            ("jawiki-nite", "2001年4月1日 製品評価技術センターか"),
            ("jawiki-nite", "uation)とは、経済産業省所管の独立行政法人。"),
            ("ror-nite", '"all": ["Q6973745"]}'),
        ),
    ),
    Body(
        "product-evaluation-technology-center",
        name_ja="製品評価技術センター",
        established="1984",
        evidence=(
            ("jawiki-nite", "、通商産業検査所から製品評価技術センターに改称。"),
            ("jawiki-nite", "1984年、通商産業省(当時)の製"),
        ),
    ),
    Body(
        "jogmec",
        name_ja="独立行政法人エネルギー・金属鉱物資源機構",
        established="2004-02-29",
        legal_form="incorporated_administrative_agency",
        parent=("meti", None),
        identifiers={"wikidata": "Q3249266"},
        evidence=(
            ("dempa-jogmec-2022", "構は20日、名称を「エネルギー・金属鉱物資源機構」に変更する、と発表した"),
            ("jogmec-history-ja", "2004年2月29日、独立行政法人 石油天然"),
            ("meti-iaa-committee-48", "経済産業省所管独立行政法人の業務実"),
            ("ror-jogmec", '{"all": ["Q3249266"], "preferr'),
        ),
    ),
    Body(
        "jnoc",
        name_ja="石油公団",
        established="1967-10",
        legal_form="special_corporation",
        evidence=(
            ("kotobank-jnoc", "05年3月末に石油公団は解散した。"),
            ("kotobank-jnoc", "出資により設立された特殊法人。"),
            ("weblio-jpda", "1967 年(昭和 42 年)10 月の石油開発公団創設"),
        ),
    ),
    Body(
        "mmaj",
        name_ja="金属鉱業事業団",
        established="1963",
        evidence=(
            ("gyoukaku-jnoc", "下の機能については、金属鉱業事業団に統合する。"),
            ("jogmec-history-en", "while, in 1963 the Metalli"),
        ),
    ),
    Body(
        "nexi",
        name_ja="株式会社日本貿易保険",
        established="2001-04",
        legal_form="stock_company",
        parent=("meti", None),
        evidence=(
            ("nexi-trade-insurance-act", "第2章 株式会社日本貿易保険"),
            ("hatena-trade-insurance", "の通商産業省(現在の経済産業省)が直接運営してきたが、"),
            ("nexi-brochure-2016", "2001 年 4 月の設立以来"),
        ),
    ),
    Body(
        "smrj",
        name_ja="独立行政法人中小企業基盤整備機構",
        established="2004-07-01",
        legal_form="incorporated_administrative_agency",
        parent=("meti", None),
        evidence=(
            ("kotobank-smrj", "根拠法は独立行政法人中小企業基盤整備機構法(平成14年法律第14"),
            ("kotobank-smrj", "く)の3法人を統合し2004年(平成16)7月に発足。根拠法は独立行政"),
            ("kotobank-smrj", "47号)。所管官庁は経済産業省。"),
        ),
    ),
    Body(
        "japan-small-and-medium-enterprise-corporation",
        name_ja="中小企業総合事業団",
        established="1999-07",
        parent=("meti", "2004-06-30"),
        evidence=(
            ("gyoukaku-jasmec-2001", "<法人名:中小企業総合事業団> 所管省庁:経済産業省"),
            ("gyoukaku-jasmec-2001", "事業団> 所管省庁:経済産業省"),
            ("kotobank-jasmec", "同年7月に特殊法人等の整理合理化の一環として"),
            ("kotobank-jasmec", "1999年(平成11)制定の中小企業総合事業団法に基づき設立された"),
        ),
    ),
    Body(
        "inpit",
        name_ja="独立行政法人工業所有権情報・研修館",
        established="2001-04",
        legal_form="incorporated_administrative_agency",
        parent=("meti", None),
        evidence=(
            ("kotobank-inpit", "独立行政法人工業所有権情報・研修館法(平成11年法律第20"),
            ("kotobank-inpit", "2001年(平成13)4月、独立行政法人となり"),
            ("kotobank-inpit", "を行う中央資料館で、経済産業省所管の独立行政法人。英語"),
        ),
    ),
    Body(
        "jic",
        name_ja="株式会社産業革新投資機構",
        established="2009-07",
        legal_form="stock_company",
        parent=("meti", None),
        evidence=(
            ("glossary-jic", "株式会社産業革新投資機構"),
            ("kotobank-incj", "代産業の育成のため、2009年7月に設置された官民ファンド"),
            ("mainichi-jic-2018", "経済産業省が所管する官民ファンド「"),
        ),
    ),
    Body(
        "riken",
        name_ja="国立研究開発法人理化学研究所",
        established="1917-03-20",
        legal_form="specified_national_research_and_development_agency",
        parent=("mext", None),
        identifiers={"wikidata": "Q1153275", "funder_id": "501100006264"},
        evidence=(
            ("everybodywiki-riken", "平成27年)4月、「国立研究開発法人理化学研究所」に改称した。"),
            ("jawiki-riken", "平成15年)10月に文部科学省所管独立行政法人「独立行"),
            ("ror-riken", '{"all": ["Q1153275"], "preferr'),
            ("ror-riken", '{"all": ["501100006264", "50110000'),
            ("riken-history", "財団法人理化学研究所設立(3月20日)"),
            ("ror-riken", '"established": 1917'),
        ),
    ),
    Body(
        "nims",
        name_ja="国立研究開発法人物質・材料研究機構",
        established="2001-04-01",
        legal_form="specified_national_research_and_development_agency",
        parent=("mext", None),
        identifiers={"wikidata": "Q4853179", "funder_id": "501100004496"},
        evidence=(
            ("ror-nims", '"label": "国立研究開発法人物質・材料研究機構", "iso639":'),
            ("nims-now-2006", "平成13年4月1日にNIMSが設立されてか"),
            ("nistep-st-policy-db", "なお、文部科学省では、平成13年4月、金"),
            ("ror-nims", '"all": ["Q4853179"]}'),
            ("ror-nims", '"all": ["501100004496"]}'),
        ),
    ),
    Body(
        "nrim",
        name_ja="金属材料技術研究所",
        established="1956",
        parent=("mext", "2001-03-31"),
        evidence=(
            ("aec-sta-act-1957", "航空技術研究所 金属材料技術研究所"),
            ("nrim-1994-eval", "技研はご存知のように昭和31年に創設され"),
            ("nistep-st-policy-db", "なお、文部科学省では、平成13年4月、金"),
        ),
    ),
    Body(
        "nirim",
        name_ja="無機材質研究所",
        established="1966",
        parent=("mext", "2001-03-31"),
        evidence=(
            ("nims-greeting-2022", "2001年に無機材質研究所とともにNIMSとして独"),
            ("nistep-st-policy-db", "料技術研究所の設立、昭和41年の無機材質研究所の設立な"),
            ("nistep-st-policy-db", "なお、文部科学省では、平成13年4月、金"),
        ),
    ),
    Body(
        "jicst",
        name_ja="日本科学技術情報センター",
        established="1957-08",
        legal_form="special_corporation",
        parent=("science-and-technology-agency", "1996-09-30"),
        evidence=(
            ("jawiki-jrdc", "996年10月1日に日本科学技術情報センターと統合され、新たに科学技"),
            ("jst-history", "に提供する事を目的に1957年8月に設立されました。"),
            ("mext-wp-1966-jicst", "和32年に設立された特殊法人である。"),
            ("imidas-jst", "同事業団は、いずれも科学技術庁(当時)の傘下にあった日"),
        ),
    ),
    Body(
        "jrdc",
        name_ja="新技術事業団",
        established="1961-07",
        legal_form="special_corporation",
        parent=("science-and-technology-agency", "1996-09-30"),
        evidence=(
            ("jnrera-jrdc-1989", "技術開発事業団」を「新技術事業団」に"),
            ("jawiki-jrdc", "れた特殊法人である。1961年7月設立。新技術開発事業団法"),
            ("jawiki-jrdc", "目的として設立された特殊法人である。1961年7月設"),
            ("imidas-jst", "同事業団は、いずれも科学技術庁(当時)の傘下にあった日"),
        ),
    ),
    Body(
        "jcci",
        name_ja="日本商工会議所",
        established="1922-06-29",
        legal_form="special_private_corporation",
        parent=("meti", None),
        evidence=(
            ("jcci-100-history", "商工会議所法」施行。日本商工会議所、各地商工会議所を法定化"),
            ("jcci-history", "画」に関連して日商が特別民間法人に改編される"),
            ("weblio-jawiki-shokokai", "会法 管轄する官庁 経済産業省経済産業政策局 経済産業"),
            (
                "jcci-100-history",
                "(6/29 東京)において、同連合会への常設の機構および事務局の設置を決定(日本商工会議所の創立)",
            ),
        ),
    ),
    Body(
        "keizai-doyukai",
        name_ja="公益社団法人経済同友会",
        established="1946-04-30",
        legal_form="public_interest_incorporated_association",
        identifiers={"ror": "05b6z1n20", "corporate_number": "7010005015184"},
        evidence=(
            ("shibusawa-doyukai-10nenshi", "(社)経済同友会『経済同友会十年史』(1"),
            ("jawiki-doyukai", "設立 1946年4月30日"),
            ("ror-doyukai", '//ror.org/05b6z1n20"'),
            ("jawiki-doyukai", "法人番号 7010005015184"),
        ),
    ),
    Body(
        "jmf",
        name_ja="一般社団法人日本機械工業連合会",
        established="1952-04-02",
        legal_form="general_incorporated_association",
        identifiers={"ror": "0195avp08"},
        evidence=(
            ("jmf-ayumi", "| 9月20日 | 日本機械工業連合会と改称 |"),
            ("ror-jmf", '//ror.org/0195avp08"'),
            ("jmf-ayumi", "1952年 (昭和27年) | 4月2日 | 日本機械工業会設立"),
        ),
    ),
    Body(
        "jeida",
        name_ja="社団法人日本電子工業振興協会",
        established="1958-04",
        legal_form="incorporated_association",
        evidence=(
            ("jawiki-jeita-2007", "メーカーを会員として日本電子工業振興協会が1958年4月に設立さ"),
            ("jawiki-jeita-2007", "本電子工業振興協会が1958年4月に設立された。"),
        ),
    ),
    Body(
        "jeita",
        name_ja="一般社団法人電子情報技術産業協会",
        legal_form="general_incorporated_association",
        identifiers={"ror": "04b6xwk80"},
        evidence=(
            ("jeita-press-2000-1101", "って統合し、「(社)電子情報技術産業協会(JEITA)」として2"),
            ("ror-jeita", '//ror.org/04b6xwk80"'),
        ),
    ),
    Body(
        "jama",
        name_ja="一般社団法人日本自動車工業会",
        established="1967-04-03",
        legal_form="general_incorporated_association",
        identifiers={"ror": "04a7t5284", "corporate_number": "7010405008746"},
        evidence=(
            ("jama-history", "1967 社団法人日本自動車工業会発足/4月3日 (自動車"),
            ("ror-jama", '//ror.org/04a7t5284"'),
            ("jawiki-jama", "法人番号 | 7010405008746 |"),
            ("jama-history", "1967 社団法人日本自動車工業会発足/4月3日"),
        ),
    ),
    Body(
        "jisf",
        name_ja="一般社団法人日本鉄鋼連盟",
        established="1948",
        legal_form="general_incorporated_association",
        identifiers={"ror": "00xcej302"},
        evidence=(
            ("jawiki-jisf", "一般社団法人日本鉄鋼連盟(にほんてっこうれんめい"),
            ("jawiki-jisf", "初代 - 三鬼隆(1948年11月 - 1952年4"),
            ("ror-jisf", '//ror.org/00xcej302"'),
        ),
    ),
    Body(
        "amed",
        name_ja="国立研究開発法人日本医療研究開発機構",
        established="2015",
        legal_form="national_research_and_development_agency",
        identifiers={"wikidata": "Q23010232", "funder_id": "100009619"},
        evidence=(
            ("csti-moonshot-goals-2020", "国立研究開発法人日本医療研究開発機構及び国立研究開発法人農業"),
            ("ror-amed", 'blished": 2015'),
            ("ror-amed", '{"all": ["Q23010232"], "preferr'),
            ("ror-amed", '{"all": ["100009619"], "preferr'),
        ),
    ),
    Body(
        "bio-oriented-technology-research-advancement-institution",
        name_ja="生物系特定産業技術研究支援センター",
        established="2016",
        evidence=(
            ("brain-sip-bio-koubo-2019", "業技術総合研究機構 生物系特定産業技術研究支援センター(生研支援センター)"),
            ("naro-brain-director", ")」との統合を経て、平成28年の農研機構と農業生物資源"),
        ),
    ),
]


def _any(system: jmp.PolicySystem, key: str) -> Any:
    """The entity *key*, typed loosely: the tests read the fields of its own class."""
    return system.get(key)


def _body(system: jmp.PolicySystem, key: str) -> Organization:
    body = system.get(key)
    assert isinstance(body, Organization)
    return body


@pytest.mark.parametrize("fact", BODIES, ids=[fact.key for fact in BODIES])
def test_new_body(system: jmp.PolicySystem, fact: Body) -> None:
    """A body added this round has its sourced Japanese name, founding, legal form, parent and identifiers."""
    body = _body(system, fact.key)
    if fact.name_ja is not None:
        assert fact.name_ja == body.name_ja
    if fact.established is not None:
        assert fact.established == str(body.established)
    if fact.legal_form is not None:
        assert jmp.LegalForm(fact.legal_form) == body.legal_form
    if fact.parent is not None:
        parent_id, day = fact.parent
        view = system if day is None else system.at(dt.date.fromisoformat(day))
        parent = view.parent(fact.key)
        assert parent is not None
        assert parent_id == parent.id
    for scheme, value in fact.identifiers.items():
        assert value == body.identifier(scheme)
    for source_id, quote in fact.evidence:
        assert_cited(system, fact.key, source_id, quote)


@pytest.mark.parametrize("fact", [fact for fact in BODIES if fact.identifiers], ids=lambda fact: fact.key)
def test_new_body_identifiers_are_cited(system: jmp.PolicySystem, fact: Body) -> None:
    """Each identifier of a new body cites a passage holding it, or the identifier's own registry record."""
    body = _body(system, fact.key)
    for identifier in body.identifiers:
        supported = [
            citation
            for citation in identifier.sources
            if (citation.quote is not None and identifier.value in _flat(citation.quote))
            or identifier.value in (_source(system, citation.source).url or "")
        ]
        assert supported, (identifier.scheme, identifier.value)


@dataclass(frozen=True)
class Law:
    """A law's key facts as its sources state them."""

    key: str
    name_ja: str
    number: str
    promulgated: str | None
    effective: str
    passed: str | None
    evidence: tuple[tuple[str, str], ...]


LAWS = [
    Law(
        "chamber-of-commerce-and-industry-act",
        "商工会議所法",
        "昭和28年法律第143号",
        "1953-08-01",
        "1953-10-01",
        None,
        (
            ("egov-cci-act", "商工会議所法（昭和二十八年八月一日法律第百四十三号）"),
            ("egov-cci-act", "この法律は、昭和二十八年十月一日から施行する。"),
        ),
    ),
    Law(
        "monodzukuri-basic-act",
        "ものづくり基盤技術振興基本法",
        "平成11年法律第2号",
        "1999-03-19",
        "1999-06-18",
        "1999-03-12",
        (
            ("jawiki-monodzukuri-act", "法令番号 平成11年法律第2号"),
            ("jawiki-monodzukuri-act", "成立 1999年3月12日 公布 1999年3月19日 施行 1999年6月18日"),
            ("egov-monodzukuri-act", "ものづくり基盤技術振興基本法（平成十一年三月十九日法律第二号）"),
        ),
    ),
    Law(
        "science-and-technology-basic-act",
        "科学技術・イノベーション基本法",
        "平成7年法律第130号",
        "1995-11-15",
        "1995-11-15",
        "1995-11-08",
        (
            ("shugiin-housei-2020-63", "題名を次のように改める。 科学技術・イノベーション基本法"),
            ("cao-st-basic-act-history", "平成7年11月8日 参議院本会議で、全会一致で可決、成立。"),
            ("cao-st-basic-act-history", "平成7年11月15日 公布、施行(法律第130号)"),
        ),
    ),
    Law(
        "act-on-general-rules-for-iaas",
        "独立行政法人通則法",
        "平成11年法律第103号",
        "1999-07-16",
        "2001-01-06",
        None,
        (
            ("egov-iaa-general-rules-act", "独立行政法人通則法（平成十一年七月十六日法律第百三号）"),
            (
                "egov-iaa-general-rules-act",
                "この法律は、内閣法の一部を改正する法律（平成十一年法律第八十八号）の施行の日から施行する。",
            ),
            ("egov-central-reform-enforcement-act", "内閣法の一部を改正する法律は、平成十三年一月六日から施行する。"),
        ),
    ),
    Law(
        "specified-nrda-act",
        "特定国立研究開発法人による研究開発等の促進に関する特別措置法",
        "平成28年法律第43号",
        None,
        "2016-10-01",
        None,
        (
            ("jplaws-specified-nrda-act", "特定国立研究開発法人による研究開発等の促進に関する特別措置法"),
            ("jplaws-specified-nrda-act", "法番号:2016年法律第43号"),
            ("jplaws-specified-nrda-act", "この法律は、2016年10月1日から施行する。"),
        ),
    ),
    Law(
        "act-for-establishment-of-the-cabinet-office",
        "内閣府設置法",
        "平成11年法律第89号",
        "1999-07-16",
        "2001-01-06",
        "1999-07-08",
        (
            ("jawiki-cao-establishment-act", "成立 | 1999年7月8日 | 公布 | 1999年7月16日 | 施行 | 2001年1月6日 |"),
            ("ron-cao-establishment-act", "公布:平成11年7月16日法律第89号 施行:平成13年1月6日"),
        ),
    ),
    Law(
        "act-for-establishment-of-meti",
        "経済産業省設置法",
        "平成11年法律第99号",
        "1999-07-16",
        "2001-01-06",
        None,
        (
            ("egov-meti-establishment-act", "経済産業省設置法（平成十一年七月十六日法律第九十九号）"),
            (
                "egov-meti-establishment-act",
                "この法律は、内閣法の一部を改正する法律（平成十一年法律第八十八号）の施行の日から施行する。",
            ),
            ("egov-central-reform-enforcement-act", "内閣法の一部を改正する法律は、平成十三年一月六日から施行する。"),
        ),
    ),
    Law(
        "act-for-establishment-of-mext",
        "文部科学省設置法",
        "平成11年法律第96号",
        "1999-07-16",
        "2001-01-06",
        None,
        (
            ("egov-mext-establishment-act", "文部科学省設置法（平成十一年七月十六日法律第九十六号）"),
            (
                "egov-mext-establishment-act",
                "この法律は、内閣法の一部を改正する法律（平成十一年法律第八十八号）の施行の日から施行する。",
            ),
            ("egov-central-reform-enforcement-act", "内閣法の一部を改正する法律は、平成十三年一月六日から施行する。"),
        ),
    ),
    Law(
        "intellectual-property-basic-act",
        "知的財産基本法",
        "平成14年法律第122号",
        "2002-12-04",
        "2003-03-01",
        "2002-11-27",
        (
            ("jawiki-ip-basic-act", "成立 2002年11月27日 公布 2002年12月4日 施行 2003年3月1日"),
            ("kotobank-ip-basic-act", "2002年(平成14)12月4日に制定された法律。平成14年法律第122号。"),
        ),
    ),
]


@pytest.mark.parametrize("fact", LAWS, ids=[fact.key for fact in LAWS])
def test_new_law(system: jmp.PolicySystem, fact: Law) -> None:
    """A law added this round has its sourced Japanese title, number and dates (passed, promulgated, in force)."""
    law = _any(system, fact.key)
    assert (fact.name_ja, fact.number, fact.effective) == (law.name_ja, law.number, str(law.effective))
    assert fact.promulgated == (str(law.promulgated) if law.promulgated else None)
    assert fact.passed == (str(law.passed) if law.passed else None)
    for source_id, quote in fact.evidence:
        assert_cited(system, fact.key, source_id, quote)


@pytest.mark.parametrize(
    "fact",
    [
        (
            "sip",
            "戦略的イノベーション創造プログラム",
            "SIP",
            2014,
            None,
            (
                ("cao-sip-about-2014", "「戦略的イノベーション創造プログラム(SIP)」"),
                ("sip2019-about", "平成26年度から平成30年度までの5年間を第1期として"),
                ("jst-sip-en", "The SIP has been promoting 11 themes since FY2014"),
            ),
        ),
        (
            "impact",
            "革新的研究開発推進プログラム",
            "ImPACT",
            2014,
            2018,
            (
                ("jawiki-impact", "略称:ImPACT)[1]は、日本の内閣府が主導し、2014年度から2018年度まで実施した"),
                ("kotobank-impact", "正式名称は革新的研究開発推進プログラム。"),
            ),
        ),
        (
            "moonshot",
            "ムーンショット型研究開発制度",
            None,
            2018,
            None,
            (
                ("scienceportal-moonshot-2020", "ムーンショット型研究開発制度は"),
                ("judgit-moonshot-mext", "事業期間: 2018年〜終了予定なし"),
            ),
        ),
    ],
)
def test_new_program(system: jmp.PolicySystem, fact: tuple[str, str, str | None, int, int | None, Evidence]) -> None:
    """A programme added this round has its sourced Japanese name, acronym and first and last fiscal years."""
    key, name_ja, acronym, first, last, evidence = fact
    program = _any(system, key)
    assert (name_ja, acronym, first, last) == (
        program.name_ja,
        program.acronym,
        program.first_fiscal_year,
        program.last_fiscal_year,
    )
    for source_id, quote in evidence:
        assert_cited(system, key, source_id, quote)


@pytest.mark.parametrize(
    "fact",
    [
        (
            "monodzukuri-basic-plan",
            "ものづくり基盤技術基本計画",
            "2000-09",
            None,
            (("mext-wp-2002-manufacturing", "「ものづくり基盤技術基本計画」(平成12年9月)が策定され"),),
        ),
        (
            "society-5-0",
            "Society 5.0",
            "2016-01-22",
            "csti",
            (
                ("cao-society5-en", "Society 5.0 was proposed in the 5th Science and Technology Basic Plan"),
                (
                    "mext-white-paper-2017",
                    "On January 22, 2016, a Cabinet Decision was made to implement the 5th Basic Plan.",
                ),
                ("itu-journal-society5-2017", "総合科学技術・イノベーション会議(CSTI)として初めて策定した計画である。"),
            ),
        ),
        (
            "connected-industries",
            "Connected Industries",
            "2017-03",
            "meti",
            (
                ("monoist-ci-2017", "2017年3月にドイツ・ハノーバーで開催された「CeBIT 2017」"),
                ("monoist-ci-2017", "パートナー国として参加した際に経済産業省が発表した"),
            ),
        ),
        (
            "integrated-innovation-strategy",
            "統合イノベーション戦略",
            "2018-06-15",
            "cabinet",
            (("cao-tougosenryaku", "「統合イノベーション戦略」(平成30年6月15日閣議決定)"),),
        ),
    ],
)
def test_new_strategy(system: jmp.PolicySystem, fact: tuple[str, str, str, str | None, Evidence]) -> None:
    """A strategy or concept added this round has its sourced Japanese title, date and publisher."""
    key, title_ja, published, publisher, evidence = fact
    strategy = _any(system, key)
    assert (title_ja, published) == (strategy.title_ja, str(strategy.published))
    if publisher is not None:
        assert publisher == strategy.publisher
    for source_id, quote in evidence:
        assert_cited(system, key, source_id, quote)


class TestAuditCorrections:
    """The audit's findings (time issue, point 5) not already tested in test_time.py, each with its source."""

    def test_economic_planning_agency_merged_into_the_cabinet_office(self, system: jmp.PolicySystem) -> None:
        """The EPA was merged into the Cabinet Office on 2001-01-06 (jacar-glossary-epa, kotobank-epa)."""
        merged = [e for e in system.history("economic-planning-agency") if e.kind is jmp.EventKind.MERGED_INTO]
        assert [("2001-01-06", ("cabinet-office",))] == [(str(e.date), e.other) for e in merged]
        assert "cabinet-office" in [body.id for body in system.successors("economic-planning-agency")]
        assert_cited(
            system,
            "economic-planning-agency",
            "jacar-glossary-epa",
            "2001(平成13)年1月6日、内閣府の発足にともない廃止され、業務移管された。",
        )
        assert_cited(system, "economic-planning-agency", "kotobank-epa", "内閣府に統合された。")

    def test_jst_2015_legal_basis(self, system: jmp.PolicySystem) -> None:
        """JST became an NRDA on 2015-04-01 under Act No. 67 of 2014 (jlt-jst-act, iuris-tsusokuho-2014)."""
        change = next(
            e
            for e in system.history("JST")
            if e.kind is jmp.EventKind.LEGAL_FORM_CHANGED and str(e.date) == "2015-04-01"
        )
        assert jmp.LegalForm.NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY.value == change.to_value
        assert change.legal_basis is not None
        assert "平成26年法律第67号" in change.legal_basis
        assert_cited(system, "jst", "jlt-jst-act", "最終更新:平成二十六年法律第六十七号")
        assert_cited(system, "jst", "iuris-tsusokuho-2014", "この法律は、平成二十七年四月一日から施行する。")

    def test_second_basic_plan_not_by_the_old_council(self, system: jmp.PolicySystem) -> None:
        """The 2nd Basic Plan, adopted 2001-03-30 after the old council ended, was CSTP's (mext-wp-2004-st-ja)."""
        old = _any(system, "council-for-science-and-technology")
        assert "2001-01-06" == str(old.dissolved)
        assert ["basic-plan-1"] == [r.object for r in system.relations(subject=old.id, kind="formulates")]
        assert ["csti"] == [r.subject for r in system.relations(object="basic-plan-2", kind="formulates")]
        assert "2001-03-30" == str(_any(system, "basic-plan-2").adopted)
        assert_cited(
            system,
            "basic-plan-2",
            "mext-wp-2004-st-ja",
            "同年3月30日,政府は,第2期科学技術基本計画(以下「基本計画」という。)を閣議決定した。",
        )

    def test_jpo_origin_and_the_name_of_1949(self, system: jmp.PolicySystem) -> None:
        """JPO began as the 専売特許所 in April 1885; 特許庁 from 1949-05-25 (jacar-patent-office, jawiki-jpo)."""
        jpo = _any(system, "JPO")
        assert "1885-04" == str(jpo.established)
        renamings = [(str(e.date), e.to_value) for e in system.history(jpo) if e.kind is jmp.EventKind.RENAMED]
        assert ("1949-05-25", "特許庁") in renamings
        assert "特許局" == _any(system.at(dt.date(1949, 5, 24)), "JPO").name_ja
        assert_cited(
            system,
            "jpo",
            "jacar-patent-office",
            "1885年4月18日専売特許条例を公布し、同20日に農商務省工務局に専売特許所の設置が定められ",
        )
        assert_cited(system, "jpo", "jawiki-jpo", "設置 | 1949年(昭和24年)5月25日 |")

    def test_monodzukuri_award_created_and_first_presented(self, system: jmp.PolicySystem) -> None:
        """The award was created in FY2004, first presented 2005-08-04 (jmf-award, kantei-monodzukuri-2005)."""
        award = _any(system, "monodzukuri-nippon-grand-award")
        assert (2004, "2005-08-04") == (award.established_fiscal_year, str(award.established))
        assert_cited(
            system,
            award.id,
            "jmf-award",
            "政府は平成16年度に新たな総理大臣表彰制度として「ものづくり日本大賞」を創設いたしました。",
        )
        assert_cited(
            system,
            award.id,
            "kantei-monodzukuri-2005",
            "平成17年8月4日、小泉総理は総理大臣官邸で、第1回「ものづくり日本大賞」内閣総理大臣表彰を行いました。",
        )

    @pytest.mark.parametrize(
        ("key", "adopted", "source_id", "quote"),
        [
            (
                "basic-plan-1",
                "1996-07",
                "mext-en-wp-2003-plan2",
                "The First Basic Plan was adopted by the government in July 1996",
            ),
            (
                "basic-plan-2",
                "2001-03-30",
                "mext-en-wp-2003-plan2",
                "decided by the Government of J apan on March 30, 2001",
            ),
            (
                "basic-plan-3",
                "2006-03-28",
                "igaku-shoin-2006-3rd-plan",
                "第3期基本計画(平成18~22年度)が3月28日に閣議決定された",
            ),
            (
                "basic-plan-4",
                "2011-08-19",
                "mext-4th-plan",
                "第4期科学技術基本計画は、平成23年8月19日に閣議決定されました。",
            ),
            ("basic-plan-5", "2016-01-22", "mext-wp-2019-st", "平成28年1月22日、第5期基本計画が閣議決定された。"),
            (
                "basic-plan-6",
                "2021-03-26",
                "mext-wp-2024-st",
                "第6期科学技術・イノベーション基本計画(令和3年3月26日閣議決定)",
            ),
        ],
    )
    def test_basic_plan_adopted(
        self, system: jmp.PolicySystem, key: str, adopted: str, source_id: str, quote: str
    ) -> None:
        """Each Basic Plan carries the Cabinet's adoption date its source gives (the quote in the parameters)."""
        assert adopted == str(_any(system, key).adopted)
        assert_cited(system, key, source_id, quote)

    def test_sixth_plan_targets(self, system: jmp.PolicySystem) -> None:
        """The 6th plan targets 30 and 120 trillion yen of R&D investment (takaichi-column-6th-plan-target)."""
        targets = {(t.value, t.unit) for t in _any(system, "basic-plan-6").targets}
        assert {(30.0, "trillion yen"), (120.0, "trillion yen")} == targets
        assert_cited(system, "basic-plan-6", "takaichi-column-6th-plan-target", "政府研究開発投資の目標である約30兆円")
        assert_cited(
            system, "basic-plan-6", "takaichi-column-6th-plan-target", "約120兆円の官民合わせた研究開発投資目標"
        )

    def test_keidanren_2011_strategy_title(self, system: jmp.PolicySystem) -> None:
        """Keidanren's 2011 strategy is 「経団連成長戦略2011」 of 2011-09-16 (keidanren-growth-strategy-2011-ja)."""
        strategy = _any(system, "keidanren-growth-strategy-2011")
        assert ("Keidanren Growth Strategy 2011", "2011-09-16") == (strategy.title, str(strategy.published))
        assert strategy.title_ja.startswith("経団連成長戦略2011")
        assert_cited(
            system,
            strategy.id,
            "keidanren-growth-strategy-2011-ja",
            "「経団連成長戦略2011」 -民間活力の発揮による成長加速に向けて- 2011年9月16日",
        )
        assert_cited(
            system,
            strategy.id,
            "keidanren-growth-strategy-2011-en",
            "Keidanren released a proposal titled Keidanren Growth Strategy 2011.",
        )

    def test_mlit_former_english_name(self, system: jmp.PolicySystem) -> None:
        """MLIT (2001-01-06) was "…Infrastructure and Transport" to 2008-01-08 (travelvision-mlit-english-name)."""
        assert "2001-01-06" == str(_any(system, "MLIT").established)
        assert "Ministry of Land, Infrastructure and Transport" == system.at(dt.date(2008, 1, 7)).get("MLIT").name
        assert (
            "Ministry of Land, Infrastructure, Transport and Tourism" == system.at(dt.date(2008, 1, 8)).get("MLIT").name
        )
        assert_cited(
            system,
            "mlit",
            "travelvision-mlit-english-name",
            "英語表記に従来の「Ministry of Land, Infrastructure and Transport」に「Tourism」を加え",
        )
        assert_cited(system, "mlit", "jawiki-mlit", "設置 | 2001年(平成13年)1月6日 |")
