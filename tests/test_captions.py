"""Caption and credit parsing: every credit form of the captions issue, on invented captions.

The captions here are written for these tests (none is copied from a real page); the real
captions are exercised in ``test_captions_real.py``.
"""

from __future__ import annotations

import datetime
import inspect

import attrs
import pytest

import newsdoc.captions as captions
from newsdoc import Caption, Credit, CreditKind
from newsdoc.captions import (
    KNOWN_AGENCIES,
    Agencies,
    display_name,
    find_date,
    format_caption,
    parse_caption,
    parse_credit,
    same_caption,
    split_credit,
)

D = datetime.date
PA = CreditKind.PHOTOGRAPHER_AGENCY
AG = CreditKind.AGENCY
PH = CreditKind.PHOTOGRAPHER
LB = CreditKind.LABELLED
SM = CreditKind.SOCIAL_MEDIA
ORG = CreditKind.ORGANISATION
UNK = CreditKind.UNKNOWN
UNS = CreditKind.UNSURE


@attrs.frozen
class Case:
    raw: str
    text: str
    photographers: tuple[str, ...] = ()
    agency: str | None = None
    date: datetime.date | None = None
    kind: CreditKind | None = None  # None: no credit expected
    file_photo: bool = False
    handout: bool = False
    source: str | None = None
    credit_raw: str | None = None  # when the credit does not simply end the line


CASES = [
    # (Photo by NAME / AGENCY), names in capitals kept as published
    Case("The prime minister at the Kremlin on December 19, 2024. (Photo by Pavel ORLOV / AFP)",
         "The prime minister at the Kremlin on December 19, 2024.", ("Pavel ORLOV",), "AFP",
         D(2024, 12, 19), PA),
    Case("Residents queue for bread in Khartoum on March 3, 2024. (Photo by OMAR HASSAN / AFP)",
         "Residents queue for bread in Khartoum on March 3, 2024.", ("OMAR HASSAN",), "AFP",
         D(2024, 3, 3), PA),
    Case("Voters queue in Lahore (Photo by Arif Ali / AFP via Getty Images)",
         "Voters queue in Lahore", ("Arif Ali",), "AFP", None, PA),
    Case("The crowd at the rally. (Photo by Jane Doyle/Getty Images for Global Citizen)",
         "The crowd at the rally.", ("Jane Doyle",), "Getty Images", None, PA,
         source="Global Citizen"),
    # (AGENCY), known agencies under their canonical names
    Case("The minister speaks in Riyadh. (SPA)", "The minister speaks in Riyadh.", (), "SPA",
         None, AG),
    Case("Delegates arrive for the summit in Abu Dhabi. (WAM)",
         "Delegates arrive for the summit in Abu Dhabi.", (), "WAM", None, AG),
    Case("Rescue teams search the rubble in Gaza City. (WAFA)",
         "Rescue teams search the rubble in Gaza City.", (), "WAFA", None, AG),
    Case("The emir receives the envoy. (KUNA)", "The emir receives the envoy.", (), "KUNA",
         None, AG),
    Case("Protesters gather outside parliament. (REUTERS)",
         "Protesters gather outside parliament.", (), "Reuters", None, AG),
    Case("Aid trucks wait at the Rafah crossing (AFP)", "Aid trucks wait at the Rafah crossing",
         (), "AFP", None, AG),
    Case("Flooded streets in Valencia. (EPA)", "Flooded streets in Valencia.", (), "EPA", None,
         AG),
    Case("The president at the White House on 22 January 2024 (AP)",
         "The president at the White House on 22 January 2024", (), "AP", D(2024, 1, 22), AG),
    Case("Cranes along the Jeddah waterfront. (Saudi Press Agency)",
         "Cranes along the Jeddah waterfront.", (), "SPA", None, AG),
    Case("A crowd in Tahrir Square (MENA)", "A crowd in Tahrir Square", (), "MENA", None, AG),
    Case("Officials inspect the site (Xinhua)", "Officials inspect the site", (), "Xinhua",
         None, AG),
    Case("A market in Sanaa on 5 March 2023 (Saba)", "A market in Sanaa on 5 March 2023", (),
         "Saba", D(2023, 3, 5), AG),
    Case("Rubble in Khan Younis (AFP photo)", "Rubble in Khan Younis", (), "AFP", None, AG),
    # (Getty Images)
    Case("A fishing boat off the coast of Tyre (Getty Images)",
         "A fishing boat off the coast of Tyre", (), "Getty Images", None, AG),
    Case("Rebels near Tripoli, October 14, 2019 (Getty Images)",
         "Rebels near Tripoli, October 14, 2019", (), "Getty Images", D(2019, 10, 14), AG),
    Case("A woman walks past a mural (Image: Getty)", "A woman walks past a mural", (),
         "Getty Images", None, AG),
    # Photo: SOURCE, Photo: NAME's account on X
    Case("Fighters gather near the border. Photo: Ministry of Defence",
         "Fighters gather near the border.", (), None, None, ORG,
         source="Ministry of Defence"),
    Case("The envoy meets elders in Zintan. Photo: Khoury's account on X",
         "The envoy meets elders in Zintan.", (), None, None, SM,
         source="Khoury's account on X"),
    Case("The new terminal at dusk. Photo: Zenmark", "The new terminal at dusk.", (), None,
         None, LB, source="Zenmark"),
    Case("The stadium at night. Picture: Shutterstock", "The stadium at night.", (),
         "Shutterstock", None, AG),
    # after a dash: - AGENCY, - (AGENCY), - (ORGANISATION)
    Case("Fireworks over the harbour - Reuters", "Fireworks over the harbour", (), "Reuters",
         None, AG),
    Case("The envoy speaks to reporters in Tunis - (UNSMIL)",
         "The envoy speaks to reporters in Tunis", (), None, None, ORG, source="UNSMIL"),
    Case("A view of the port of Aden - (AFP)", "A view of the port of Aden", (), "AFP", None,
         AG),
    Case("Children play in a park — Getty Images", "Children play in a park", (),
         "Getty Images", None, AG),
    Case("Ships in the Strait of Hormuz, Sept. 2, 2024 - AFP",
         "Ships in the Strait of Hormuz, Sept. 2, 2024", (), "AFP", D(2024, 9, 2), AG),
    # (File/AP), (AFP/File), (AP Photo/NAME, File), (AGENCY Photo/NAME)
    Case("Troops patrol the old city (File/AP)", "Troops patrol the old city", (), "AP", None,
         AG, file_photo=True),
    Case("Oil tanks at the Ras Tanura refinery (AFP/File)",
         "Oil tanks at the Ras Tanura refinery", (), "AFP", None, AG, file_photo=True),
    Case("FILE - A man walks past a mural in Beirut, Oct. 5, 2021. (AP Photo/Lena Haddad, File)",
         "FILE - A man walks past a mural in Beirut, Oct. 5, 2021.", ("Lena Haddad",), "AP",
         D(2021, 10, 5), PA, file_photo=True),
    Case("Workers repair a power line in Kharkiv (AP Photo/Ivan Petrenko)",
         "Workers repair a power line in Kharkiv", ("Ivan Petrenko",), "AP", None, PA),
    Case("Supporters wave flags in Ankara. (AFP Photo/Murat Demir)",
         "Supporters wave flags in Ankara.", ("Murat Demir",), "AFP", None, PA),
    Case("President arrives in Lagos, Dec. 21, 2022. (AP Photo/Sunday Okafor)",
         "President arrives in Lagos, Dec. 21, 2022.", ("Sunday Okafor",), "AP",
         D(2022, 12, 21), PA),
    # REUTERS/NAME and NAME/EPA without brackets
    Case("Shoppers in central Tokyo, Dec. 21, 2022. REUTERS/Kenji Sato",
         "Shoppers in central Tokyo, Dec. 21, 2022.", ("Kenji Sato",), "Reuters",
         D(2022, 12, 21), PA),
    Case("A child looks out of a window in Mosul. Ahmed Saleh/EPA",
         "A child looks out of a window in Mosul.", ("Ahmed Saleh",), "EPA", None, PA),
    Case("Firefighters in Athens. EPA/Yannis Kolias", "Firefighters in Athens.",
         ("Yannis Kolias",), "EPA", None, PA),
    Case("Delegates at the conference in Davos. AFP/Fabrice Martin",
         "Delegates at the conference in Davos.", ("Fabrice Martin",), "AFP", None, PA),
    Case("Troops on the move near the front line. Stringer/Reuters",
         "Troops on the move near the front line.", (), "Reuters", None, AG),
    Case("A lone tree in the desert at dawn Dana Faris/Reuters",
         "A lone tree in the desert at dawn", ("Dana Faris",), "Reuters", None, PA),
    Case("Lady Tessa at the show in the UK Jon Kerr/AP", "Lady Tessa at the show in the UK",
         ("Jon Kerr",), "AP", None, PA),
    Case("The harbour at dawn. Tom Walsh / Reuters file", "The harbour at dawn.",
         ("Tom Walsh",), "Reuters", None, PA, file_photo=True),
    # (NAME / AGENCY)
    Case("Riot police stand guard in Paris (Julien DUPONT / AFP)",
         "Riot police stand guard in Paris", ("Julien DUPONT",), "AFP", None, PA),
    Case("Farmers harvest wheat near Homs. (Mahmoud Taha / AFP)",
         "Farmers harvest wheat near Homs.", ("Mahmoud Taha",), "AFP", None, PA),
    Case("A reporter at the border. (Leila Nasser/CBC)", "A reporter at the border.",
         ("Leila Nasser",), "CBC", None, PA),
    # AGENCY photo, AGENCY photo by NAME
    Case("Pilgrims circle the Kaaba in Mecca. SPA photo", "Pilgrims circle the Kaaba in Mecca.",
         (), "SPA", None, AG),
    Case("The crown prince chairs the cabinet session. SPA photo by Faisal Al-Harbi",
         "The crown prince chairs the cabinet session.", ("Faisal Al-Harbi",), "SPA", None,
         PA),
    Case("The court session lasted an hour. AP", "The court session lasted an hour.", (), "AP",
         None, AG),
    # (photo credit: AGENCY/NAME)
    Case("Volunteers sort donations in Mosul (photo credit: AFP/Sami Youssef)",
         "Volunteers sort donations in Mosul", ("Sami Youssef",), "AFP", None, PA),
    # (ORG via AFP), NAME/AFP via Getty Images
    Case("Civil defence crews at the scene (Syrian Civil Defence via AFP)",
         "Civil defence crews at the scene", (), "AFP", None, ORG,
         source="Syrian Civil Defence"),
    Case("Migrants rest at a shelter in Tijuana. Carlos RAMIREZ/AFP via Getty Images",
         "Migrants rest at a shelter in Tijuana.", ("Carlos RAMIREZ",), "AFP", None, PA),
    Case("Rescuers carry a survivor. Khalil Ahmad/Anadolu via Getty Images",
         "Rescuers carry a survivor.", ("Khalil Ahmad",), "Anadolu", None, PA),
    # Photo: NAME/dpa and other labels
    Case("Tourists on the cathedral steps in Cologne. Photo: Anna Weber/dpa",
         "Tourists on the cathedral steps in Cologne.", ("Anna Weber",), "dpa", None, PA),
    Case("Quake survivors in Hatay. Photo: Emre Yilmaz/Anadolu Agency",
         "Quake survivors in Hatay.", ("Emre Yilmaz",), "Anadolu", None, PA),
    Case("Security forces in Mogadishu. (Photo: Hassan Abdi, AP)",
         "Security forces in Mogadishu.", ("Hassan Abdi",), "AP", None, PA),
    Case("Police at the scene in Leeds. Photo by Sam Turner/PA",
         "Police at the scene in Leeds.", ("Sam Turner",), "PA", None, PA),
    Case("The ship docks in Lisbon. Photograph: Rui Costa/Reuters", "The ship docks in Lisbon.",
         ("Rui Costa",), "Reuters", None, PA),
    Case("A quiet street in Oslo. Photo by Ingrid Berg", "A quiet street in Oslo.",
         ("Ingrid Berg",), None, None, PH),
    # Credit: ...
    Case("A rocket lifts off from the launch pad. Credit: NASA",
         "A rocket lifts off from the launch pad.", (), None, None, ORG, source="NASA"),
    Case("The vaccine centre in Nairobi. Credit: Mary Wanjiru/Reuters",
         "The vaccine centre in Nairobi.", ("Mary Wanjiru",), "Reuters", None, PA),
    Case("The minister during a visit, January 3rd, 2026. Credit: Ministry of Foreign Affairs",
         "The minister during a visit, January 3rd, 2026.", (), None, D(2026, 1, 3), ORG,
         source="Ministry of Foreign Affairs"),
    Case("Heavy snow in Kyiv (Photos: Reuters/AP)", "Heavy snow in Kyiv", (), "Reuters", None,
         AG),
    # handouts
    Case("The refurbished lobby of the hotel. Supplied", "The refurbished lobby of the hotel.",
         (), None, None, UNK, handout=True),
    Case("Volunteers unload boxes (Courtesy of the Palestinian Red Crescent)",
         "Volunteers unload boxes", (), None, None, LB, handout=True,
         source="the Palestinian Red Crescent"),
    # stacked credits: both belong to the credit
    Case("A refinery near the coast. (AP Photo/Ruth Cole) AP Photo", "A refinery near the coast.",
         ("Ruth Cole",), "AP", None, PA),
    # no credit, though the text names an agency or a newspaper
    Case("The foreign minister in an interview with Asharq Al-Awsat",
         "The foreign minister in an interview with Asharq Al-Awsat"),
    Case("The envoy speaks to Reuters in Tripoli", "The envoy speaks to Reuters in Tripoli"),
    Case("Shares fell sharply, according to Reuters",
         "Shares fell sharply, according to Reuters"),
    Case("Former New York mayor Michael Bloomberg", "Former New York mayor Michael Bloomberg"),
    Case("A photo released by the army shows the damage",
         "A photo released by the army shows the damage"),
    Case("Aloe vera plants on a windowsill (stock image)",
         "Aloe vera plants on a windowsill (stock image)"),
    Case("The goalkeeper saves a penalty (left)", "The goalkeeper saves a penalty (left)"),
    Case("Traders on the floor of the New York Stock Exchange (NYSE)",
         "Traders on the floor of the New York Stock Exchange (NYSE)"),
    Case("Image: the new stadium has been delayed by two more years",
         "Image: the new stadium has been delayed by two more years"),
    Case("Either/or choices remain for the council", "Either/or choices remain for the council"),
    # dates: never from a bare number, a weekday, a month with a year, or a year alone
    Case("Fans celebrate the win in Casablanca on Sunday",
         "Fans celebrate the win in Casablanca on Sunday"),
    Case("The 2019 protests in Khartoum", "The 2019 protests in Khartoum"),
    Case("A man holds 42 balloons in May 2021", "A man holds 42 balloons in May 2021"),
    Case("Talks open in Geneva on 22 January 2024", "Talks open in Geneva on 22 January 2024",
         date=D(2024, 1, 22)),
    Case("The tech fair in Denver on July 29.", "The tech fair in Denver on July 29."),
    Case("  A caption with spaces around it (AFP)  ", "A caption with spaces around it", (),
         "AFP", None, AG),
    # --- issue 12: credits as real pages write them (invented captions, one per rule) ---
    # 1. punctuation after the credit
    Case("Talks open in Baghdad on Monday (Reuters).", "Talks open in Baghdad on Monday", (),
         "Reuters", None, AG, credit_raw="(Reuters)"),
    Case("Leaders pose at the summit (Photo: Press Office).", "Leaders pose at the summit",
         (), None, None, ORG, source="Press Office", credit_raw="(Photo: Press Office)"),
    # 2. an organisation, platform or name alone at the end, not in the agency table
    Case("Rescuers dig in Idlib. (Syrian Civil Defence)", "Rescuers dig in Idlib.", (), None,
         None, ORG, source="Syrian Civil Defence"),
    Case("Members meet in Tripoli (Transitional Council)", "Members meet in Tripoli", (),
         None, None, ORG, source="Transitional Council"),
    Case("Footage shared by the group (Telegram)", "Footage shared by the group", (), None,
         None, SM, source="Telegram"),
    Case("Delegates meet in Riyadh - (Gulf Media Office)", "Delegates meet in Riyadh", (),
         None, None, ORG, source="Gulf Media Office"),
    Case("The minister greets the envoy. Royal Court", "The minister greets the envoy.", (),
         None, None, ORG, source="Royal Court"),
    Case("The flag over the ministry. Daily Gazette Staff", "The flag over the ministry.", (),
         None, None, ORG, source="Daily Gazette Staff"),
    Case("The old harbour at dawn. (Asharq Al-Awsat)", "The old harbour at dawn.", (), None,
         None, UNS, source="Asharq Al-Awsat"),
    Case("Soldiers march in Kabul. Fernando Ruiz", "Soldiers march in Kabul.", (), None, None,
         UNS, source="Fernando Ruiz"),
    Case("Activists rally outside. (activenews.org)", "Activists rally outside.", (), None,
         None, ORG, source="activenews.org"),
    Case("Leaders at the Gulf Cooperation Council (GCC)",
         "Leaders at the Gulf Cooperation Council (GCC)"),
    Case("The state agency (KUNA) reported the news.",
         "The state agency (KUNA) reported the news."),
    # 3. lower-case particles in names
    Case("Smoke over the port. REUTERS/Khalid al-Amri", "Smoke over the port.",
         ("Khalid al-Amri",), "Reuters", None, PA),
    Case("Fighters rest in Aleppo. (AP Photo/Nadia bin Saleh, File)", "Fighters rest in Aleppo.",
         ("Nadia bin Saleh",), "AP", None, PA, file_photo=True),
    Case("Ships in the harbour. Pieter van Dijk/ANP", "Ships in the harbour.",
         ("Pieter van Dijk",), "ANP", None, PA),
    # 4. agencies in lower or mixed case in the agency slot
    Case("Crowds in Berlin. epa/Hans Muller", "Crowds in Berlin.", ("Hans Muller",), "EPA",
         None, PA),
    Case("A market in Lyon (Afp)", "A market in Lyon", (), "AFP", None, AG),
    # 5. no space before the credit
    Case("Protesters in Amman.REUTERS/Sami Haddad", "Protesters in Amman.", ("Sami Haddad",),
         "Reuters", None, PA),
    Case("Migrants wait in Texas.Felix Ortega/AP", "Migrants wait in Texas.", ("Felix Ortega",),
         "AP", None, PA),
    # 6. nested brackets
    Case("Ships off the coast (Photo by Navy Media/ABN (Arab Broadcast News)/Handout via AFP)",
         "Ships off the coast", (), "AFP", None, ORG, handout=True),
    # 7. credit followed by a byline or page chrome
    Case("Aid arrives in Gaza. (Handout via AFP) Staff reporter", "Aid arrives in Gaza.", (),
         "AFP", None, AG, handout=True, credit_raw="(Handout via AFP)"),
    Case("Fans cheer in Denver. (AP Photo/Jack Dempsey) less", "Fans cheer in Denver.",
         ("Jack Dempsey",), "AP", None, PA, credit_raw="(AP Photo/Jack Dempsey)"),
    Case("Smoke rises. REUTERS/Ali Hassan Purchase Licensing Rights, opens new tab",
         "Smoke rises.", ("Ali Hassan",), "Reuters", None, PA, credit_raw="REUTERS/Ali Hassan"),
    Case("Crowds gather. REUTERS/Omar Said (IRAQ - Tags: POLITICS)", "Crowds gather.",
         ("Omar Said",), "Reuters", None, PA, credit_raw="REUTERS/Omar Said"),
    Case("Flames at night. Omar Said/AFP via Getty Images hide caption", "Flames at night.",
         ("Omar Said",), "AFP", None, PA, credit_raw="Omar Said/AFP via Getty Images"),
    Case("A ruling on May 3, 2021 (Reuters). August 20, 2021", "A ruling on May 3, 2021", (),
         "Reuters", D(2021, 5, 3), AG, credit_raw="(Reuters)"),
    Case("Fans cheer [Omar Said/Al Jazeera]](/images/a.jpg)", "Fans cheer", ("Omar Said",),
         "Al Jazeera", None, PA, credit_raw="[Omar Said/Al Jazeera]"),
    # 8. credit at the start
    Case("Image copyright Getty Images Image caption Protesters march in Lima",
         "Protesters march in Lima", (), "Getty Images", None, AG,
         credit_raw="Image copyright Getty Images"),
    Case("Alex Wong | Getty Images Senators leave the chamber", "Senators leave the chamber",
         ("Alex Wong",), "Getty Images", None, PA, credit_raw="Alex Wong | Getty Images"),
    Case("Reuters / Friday, January 23, 2015", "Friday, January 23, 2015", (), "Reuters",
         D(2015, 1, 23), AG, credit_raw="Reuters"),
    # 9. odd separators, chains, courtesy
    Case("Ruins in Homs. Sami Haddad\\ ABN File", "Ruins in Homs.", ("Sami Haddad",), "ABN",
         None, PA, file_photo=True),
    Case("Ruins in Homs | © AFP | Omar Said", "Ruins in Homs", ("Omar Said",), "AFP", None,
         PA),
    Case("The skyline at dusk. Polaris Images/Alamy/Shutterstock", "The skyline at dusk.", (),
         "Polaris Images", None, AG),
    Case("The old souk. Courtesy of Lina Haddad", "The old souk.", ("Lina Haddad",), None,
         None, PH, handout=True),
    # labels and shapes met on other sites
    Case("Words and Photo by Lina Haddad / Gulf Today", "", ("Lina Haddad",), "Gulf Today",
         None, PA),
    Case("Photos: Omar Said and Lina Haddad", "", ("Omar Said", "Lina Haddad"), None, None,
         PH),
    Case("Market day (Image: GETTY )", "Market day", (), "Getty Images", None, AG),
    Case("A checkpoint at dawn. REUTERS/Parwiz", "A checkpoint at dawn.", ("Parwiz",),
         "Reuters", None, PA),
    Case("Medics train. (U.S. Army photo by Spc. Dana Lee/Released)", "Medics train.",
         ("Spc. Dana Lee",), None, None, PH, source="U.S. Army"),
    Case("Fans cheer. (X/@GulfFC)", "Fans cheer.", (), None, None, SM, source="X/@GulfFC"),
    Case("(Copyright 2021 The Associated Press. All rights reserved.)", "", (), "AP", None,
         AG),
    Case('The summit opens. "AP"', "The summit opens.", (), "AP", None, AG),
    Case("Troops in Mosul. John Smith/Business Daily", "Troops in Mosul.", ("John Smith",),
         "Business Daily", None, PA),
    Case("Crowds in Tunis – Photo AFP", "Crowds in Tunis", (), "AFP", None, AG),
    Case("File photo: The minister speaks in Rome.", "File photo: The minister speaks in Rome."),
    Case("Image: Jose Ruiz has agreed a deal to become manager of the club",
         "Image: Jose Ruiz has agreed a deal to become manager of the club"),
    Case("A sarcophagus from Minya (issued 15 August 2017)",
         "A sarcophagus from Minya (issued 15 August 2017)"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.raw[:50] for c in CASES])
def test_caption_table(case: Case) -> None:
    cap = parse_caption(case.raw)
    assert cap.raw == case.raw
    assert cap.text == case.text
    assert cap.date == case.date
    assert cap.span is None
    assert format_caption(cap) == case.raw
    if case.kind is None:
        assert cap.credit is None
        return
    credit = cap.credit
    assert credit is not None
    assert credit.photographers == case.photographers
    assert credit.agency == case.agency
    assert credit.kind == case.kind
    assert credit.file_photo == case.file_photo
    assert credit.handout == case.handout
    if case.source is not None:
        assert credit.source == case.source
    # The credit is part of the line, as published (its end unless chrome follows it, or
    # its start for a leading credit).
    assert credit.raw in case.raw
    if case.credit_raw is not None:
        assert credit.raw == case.credit_raw


def test_table_is_big_enough() -> None:
    """The issue asks for at least 60 invented cases."""
    assert len(CASES) >= 60


def test_credit_raw_keeps_brackets_and_label() -> None:
    _, credit = split_credit("Snow in Kyiv. (Photo by Olena KOVAL / AFP)")
    assert credit is not None
    assert credit.raw == "(Photo by Olena KOVAL / AFP)"
    _, credit = split_credit("Snow in Kyiv. Photo: Olena Koval's account on X")
    assert credit is not None
    assert credit.raw == "Photo: Olena Koval's account on X"


def test_agencies_list_every_known_agency_in_order() -> None:
    credit = parse_caption("A shelter in Tijuana. Carlos RAMIREZ/AFP via Getty Images").credit
    assert credit is not None
    assert credit.agencies == ("AFP", "Getty Images")


# --- parse_credit ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "photographers", "agency", "kind"),
    [
        ("Lars Holm/AP", ("Lars Holm",), "AP", PA),
        ("REUTERS", (), "Reuters", AG),
        ("AP Photo", (), "AP", AG),
        ("AP Photo/Eva Lund; File", ("Eva Lund",), "AP", PA),
        ("Getty Images/iStockphoto", (), "Getty Images", AG),
        ("Ana Ruiz, Associated Press", ("Ana Ruiz",), "AP", PA),
        ("Anadolu via Getty Images", (), "Anadolu", AG),
        ("Photo: Omar Farouk", ("Omar Farouk",), None, PH),
        ("(Photo by Ali KHAN / AFP)", ("Ali KHAN",), "AFP", PA),
        ("Credit: Harbour Films", (), None, ORG),
        ("- Reuters", (), "Reuters", AG),
        ("Kim Soo/Yonhap", ("Kim Soo",), "Yonhap", PA),
        ("Maria Lopez for The Daily Post", ("Maria Lopez",), "The Daily Post", PA),
    ],
)
def test_parse_credit(raw: str, photographers: tuple[str, ...], agency: str | None,
                      kind: CreditKind) -> None:
    credit = parse_credit(raw)
    assert credit is not None
    assert credit.raw == raw.strip()
    assert credit.photographers == photographers
    assert credit.agency == agency
    assert credit.kind == kind


def test_parse_credit_flags() -> None:
    supplied = parse_credit("Supplied")
    assert supplied is not None
    assert supplied.handout
    assert supplied.agency is None
    archive = parse_credit("AP Photo/Eva Lund, File")
    assert archive is not None
    assert archive.file_photo
    org = parse_credit("Harbour Trust via AFP")
    assert org is not None
    assert (org.agency, org.source, org.kind) == ("AFP", "Harbour Trust", ORG)


@pytest.mark.parametrize("raw", ["", "   ", "\u00a0\t"])
def test_parse_credit_blank(raw: str) -> None:
    assert parse_credit(raw) is None


# --- the agency table ----------------------------------------------------------------------


def test_known_agencies_canonical_names() -> None:
    assert KNOWN_AGENCIES.canonical("REUTERS") == "Reuters"
    assert KNOWN_AGENCIES.canonical("AFP photo") == "AFP"
    assert KNOWN_AGENCIES.canonical("Agence France-Presse") == "AFP"
    assert KNOWN_AGENCIES.canonical("The Associated Press") == "AP"
    assert KNOWN_AGENCIES.canonical("DPA") == "dpa"
    for name in ("AFP", "Reuters", "AP", "EPA", "Getty Images", "SPA", "WAM", "WAFA", "KUNA",
                 "dpa"):
        assert name in KNOWN_AGENCIES
        assert KNOWN_AGENCIES.canonical(name) == name


def test_short_acronyms_match_only_in_capitals() -> None:
    """The words "ap", "spa" or "wam" in a sentence are not agencies."""
    assert KNOWN_AGENCIES.canonical("spa") is None
    assert KNOWN_AGENCIES.canonical("Ap") is None
    cap = parse_caption("Guests relax at the spa")
    assert cap.credit is None


def test_agencies_extended_is_a_copy() -> None:
    table = KNOWN_AGENCIES.extended({"Mainichi": ("Mainichi Shimbun",)})
    assert "Mainichi" in table
    assert "Mainichi" not in KNOWN_AGENCIES
    assert len(table) == len(KNOWN_AGENCIES) + 1
    raw = "Crowds in Osaka. (Mainichi Shimbun)"
    unsure = parse_caption(raw).credit
    assert unsure is not None  # a credit by its place only: unsure what it names
    assert (unsure.kind, unsure.source, unsure.agency) == (CreditKind.UNSURE,
                                                           "Mainichi Shimbun", None)
    credit = parse_caption(raw, agencies=table).credit
    assert credit is not None
    assert (credit.agency, credit.kind) == ("Mainichi", AG)
    credit = parse_credit("Taro Ito/Mainichi", agencies=table)
    assert credit is not None
    assert (credit.photographers, credit.agency) == (("Taro Ito",), "Mainichi")


def test_agencies_extended_merges_aliases() -> None:
    table = KNOWN_AGENCIES.extended({"AFP": ("Agence France Presse Photo",)})
    assert table.canonical("Agence France Presse Photo") == "AFP"
    assert table["AFP"][0] == "AFP"


def test_agencies_reject_conflicting_aliases() -> None:
    with pytest.raises(ValueError, match="given to both"):
        Agencies({"A": ("Same",), "B": ("same",)})
    with pytest.raises(ValueError, match="blank"):
        Agencies({"A": (" ",)})


def test_agencies_is_an_immutable_mapping() -> None:
    assert dict(Agencies({"X": ("Ex",)})) == {"X": ("X", "Ex")}
    assert Agencies({"X": ()}) == Agencies({"X": ()})
    assert hash(Agencies({"X": ()})) == hash(Agencies({"X": ()}))
    with pytest.raises(TypeError):
        KNOWN_AGENCIES["X"] = ("X",)  # type: ignore[index]


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops in Moscow on December 19, 2024.", D(2024, 12, 19)),
        ("Rebels near Tripoli, October 14, 2019", D(2019, 10, 14)),
        ("Talks on 22 January 2024", D(2024, 1, 22)),
        ("Shoppers, Dec. 21, 2022.", D(2022, 12, 21)),
        ("Voters, Sept. 2, 2024, in Accra", D(2024, 9, 2)),
        ("Crowds, January 3rd, 2026, in Lima", D(2026, 1, 3)),
        ("A rally on Monday, 28 April 2025.", D(2025, 4, 28)),
        ("Market day, May 07, 2025", D(2025, 5, 7)),
        ("The 31st of May, 2020", D(2020, 5, 31)),
        ("Satellite image taken 2024-06-01", D(2024, 6, 1)),
        ("IN CAPITALS: DECEMBER 19, 2024", D(2024, 12, 19)),
        ("May 17, 2012 A mosaic. On March 18, 2015, gunmen attacked", D(2012, 5, 17)),
        ("February 30, 2024 does not exist, March 1, 2024 does", D(2024, 3, 1)),
        ("Crowds on Tuesday", None),
        ("The 2019 protests", None),
        ("A man with 42 balloons", None),
        ("In October 2011", None),
        ("On July 29", None),
        ("Theresa May 2019", None),
        ("The Mayor spoke 12 times", None),
        ("Unit 2024-13-45", None),
        ("", None),
    ],
)
def test_find_date(text: str, expected: datetime.date | None) -> None:
    assert find_date(text) == expected
    assert parse_caption(text).date == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("In Denver on July 29.", D(2025, 3, 1), D(2024, 7, 29)),
        ("In Denver on July 29.", D(2025, 8, 1), D(2025, 7, 29)),
        ("In Denver on 29 July", D(2025, 7, 29), D(2025, 7, 29)),
        ("On Feb. 29 in Rome", D(2024, 3, 1), D(2024, 2, 29)),
        ("On Feb. 29 in Rome", D(2025, 3, 1), None),
        ("On July 29, then on August 3, 2020", D(2025, 1, 1), D(2020, 8, 3)),
        ("Crowds on Tuesday", D(2025, 1, 1), None),
    ],
)
def test_find_date_with_reference(text: str, reference: datetime.date,
                                  expected: datetime.date | None) -> None:
    assert find_date(text, reference=reference) == expected
    assert parse_caption(text, reference=reference).date == expected


def test_date_comes_from_the_text_not_the_credit() -> None:
    cap = parse_caption("Snow in Oslo (Photo: Nordic Archive May 3, 2001)")
    assert cap.credit is not None
    assert cap.date is None


# --- formatting, comparison, display -------------------------------------------------------


def test_format_caption_gives_the_line_back() -> None:
    raw = "  Saudi flag\u00a0- Reuters "
    assert format_caption(parse_caption(raw)) == raw


def test_format_caption_rebuilds_a_changed_caption() -> None:
    cap = parse_caption("Saudi flag - Reuters")
    changed = attrs.evolve(cap, text="A Saudi flag")
    assert format_caption(changed) == "A Saudi flag Reuters"
    assert format_caption(Caption(raw="", text="No credit")) == "No credit"
    assert format_caption(Caption(raw="", text="", credit=Credit(raw="(AFP)"))) == "(AFP)"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (" A caption (AFP)", "A caption (AFP)", True),
        ("A caption\u00a0(AFP)", "A caption (AFP)", True),
        ("A  caption \t (AFP)  ", "A caption (AFP)", True),
        ("A\u200bcaption", "Acaption", True),
        ("A caption (AFP)", "A caption (AP)", False),
        ("A caption", "a caption", False),
        ("", "   ", True),
    ],
)
def test_same_caption(a: str, b: str, same: bool) -> None:
    assert same_caption(a, b) is same
    assert same_caption(b, a) is same


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Alexander NEMENOV", "Alexander Nemenov"),
        ("GHULAM RASOOL", "Ghulam Rasool"),
        ("Jaafar ASHTIYEH", "Jaafar Ashtiyeh"),
        ("SAMI AL-HARBI", "Sami Al-Harbi"),
        ("JAMES O'NEIL", "James O'Neil"),
        ("Edgar H. Clemente", "Edgar H. Clemente"),
        ("Ringo H.W. Chiu", "Ringo H.W. Chiu"),
        ("evgenyb", "evgenyb"),
        ("AJ", "Aj"),
        ("", ""),
    ],
)
def test_display_name(name: str, shown: str) -> None:
    assert display_name(name) == shown


# --- robustness -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "(" * 100_000,
        ")" * 100_000,
        "(" * 50_000 + ")" * 50_000,
        "[(" * 50_000,
        "a/" * 100_000,
        "Photo: " * 20_000,
        "Credit " * 20_000,
        "A" * 1_000_000 + " (AFP)",
        "(AFP) " * 100_000,
        "x/AFP " * 100_000,
        "May 7, " * 50_000,
        " " * 1_000_000,
        "\u00a0" * 100_000 + "Reuters",
    ],
    ids=lambda raw: f"{raw[:8]!r}x{len(raw)}",
)
def test_pathological_input_parses(raw: str) -> None:
    """Long and deeply bracketed lines parse (in linear time: the suite stays fast)."""
    cap = parse_caption(raw)
    assert format_caption(cap) == raw
    if cap.credit is not None:
        assert parse_caption(cap.text).credit is None


def test_too_many_stacked_credits_are_not_a_credit() -> None:
    raw = "A caption " + "(AFP) " * (captions._parse.MAX_UNITS + 1)
    cap = parse_caption(raw)
    assert cap.credit is None
    assert cap.text == raw.strip()


# --- the public surface -------------------------------------------------------------------


def test_public_names() -> None:
    def ruff_order(name: str) -> tuple[int, str]:  # RUF022: CONSTANTS, Classes, functions
        return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)

    assert captions.__all__ == sorted(captions.__all__, key=ruff_order)
    assert set(captions.__all__) == {
        "KNOWN_AGENCIES", "Agencies", "display_name", "find_date", "format_caption",
        "parse_caption", "parse_credit", "same_caption", "split_credit",
    }


def _shape(func: object) -> list[tuple[str, str, object, str]]:
    """Each parameter's name, kind, default (``KNOWN_AGENCIES`` by name) and annotation."""
    sig = inspect.signature(func)  # type: ignore[arg-type]
    out = []
    for p in sig.parameters.values():
        default = "KNOWN_AGENCIES" if p.default is KNOWN_AGENCIES else p.default
        out.append((p.name, p.kind.name, default, str(p.annotation)))
    out.append(("return", "", None, str(sig.return_annotation)))
    return out


def test_public_signatures() -> None:
    empty = inspect.Parameter.empty
    assert _shape(parse_caption) == [
        ("raw", "POSITIONAL_OR_KEYWORD", empty, "str"),
        ("reference", "KEYWORD_ONLY", None, "datetime.date | None"),
        ("agencies", "KEYWORD_ONLY", "KNOWN_AGENCIES", "Agencies"),
        ("return", "", None, "Caption"),
    ]
    assert _shape(split_credit) == [
        ("raw", "POSITIONAL_OR_KEYWORD", empty, "str"),
        ("agencies", "KEYWORD_ONLY", "KNOWN_AGENCIES", "Agencies"),
        ("return", "", None, "tuple[str, Credit | None]"),
    ]
    assert _shape(parse_credit) == [
        ("raw", "POSITIONAL_OR_KEYWORD", empty, "str"),
        ("agencies", "KEYWORD_ONLY", "KNOWN_AGENCIES", "Agencies"),
        ("return", "", None, "Credit | None"),
    ]
    assert _shape(format_caption) == [
        ("caption", "POSITIONAL_OR_KEYWORD", empty, "Caption"),
        ("return", "", None, "str"),
    ]
    assert _shape(find_date) == [
        ("text", "POSITIONAL_OR_KEYWORD", empty, "str"),
        ("reference", "KEYWORD_ONLY", None, "datetime.date | None"),
        ("return", "", None, "datetime.date | None"),
    ]
    assert _shape(same_caption) == [
        ("a", "POSITIONAL_OR_KEYWORD", empty, "str"),
        ("b", "POSITIONAL_OR_KEYWORD", empty, "str"),
        ("return", "", None, "bool"),
    ]
    assert _shape(display_name) == [
        ("name", "POSITIONAL_OR_KEYWORD", empty, "str"),
        ("return", "", None, "str"),
    ]
