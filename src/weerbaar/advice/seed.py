# ruff: noqa: E501  (each paragraph of a text is one line: the body is plain text with paragraphs)
"""The starting set of standard advice texts, loaded by ``weerbaar seed`` when no texts exist yet.

Sources (see ``../shared/DOMAIN.md``): the team's public page (weerbaarbestuur.nl), politie.nl and om.nl on
aangifte and the VPT code, Wetboek van Strafrecht art. 66, 267, 285b and 285d, the change of 1 July 2025
that keeps victims' addresses out of police and prosecution documents (Stb. 2025, 29), the Regeling
beveiligingsmaatregelen decentrale bestuurders (since 1 January 2024), slachtofferhulp.nl and schadefonds.nl.
The shielding of personal data in the BRP is the "geheimhouding" of the Wet basisregistratie personen
(art. 2.59). Coordinators keep these texts current in the workspace; this list is only the first version.
Each text is general advice written for every case: no names, no case content.
"""

from __future__ import annotations

SEED_TEXTS: list[dict[str, str]] = [
    # --- Veiligheid thuis ------------------------------------------------------------------------------------
    {
        "topic": "home_security",
        "language": "nl",
        "title": "Uw adres afschermen",
        "body": """Uw woonadres is het eerste dat wij samen willen beschermen. Drie dingen die u nu kunt doen:

1. Vraag uw gemeente om geheimhouding van uw gegevens in de Basisregistratie Personen (BRP). De gemeente geeft uw adres dan niet meer zonder meer door aan organisaties en personen die erom vragen.

2. Doet u aangifte of een melding? Sinds 1 juli 2025 blijven uw adres, telefoonnummer, e-mailadres en BSN standaard buiten de stukken van politie en Openbaar Ministerie. U kunt ook het adres van het gemeentehuis opgeven (domiciliekeuze), of als slachtoffer in uw publieke taak aangifte doen onder een nummer. Vraag er bij de politie expliciet naar.

3. Kijk kritisch naar wat er online over u te vinden is: foto's waarop uw huis, straat of auto herkenbaar is, en openbare profielen van uzelf en uw gezin.

Bij acuut gevaar belt u altijd 112.""",
    },
    {
        "topic": "home_security",
        "language": "nl",
        "title": "Beveiligingsscan van uw woning",
        "body": """Een deskundige kan bij u thuis bekijken hoe veilig uw woning is en wat er beter kan, bijvoorbeeld camera's, inbraakwerend glas of folie, een alarm of veilig vervoer.

Bent u burgemeester, wethouder, gedeputeerde, Commissaris van de Koning of dagelijks bestuurder van een waterschap? Dan heeft u sinds 1 januari 2024 recht op een risicoscan van uw woning door het CCV, met een advies dat uw gemeente, provincie of waterschap overneemt en betaalt (Regeling beveiligingsmaatregelen decentrale bestuurders).

Bent u raadslid of statenlid, dan valt u niet onder die regeling. Bespreek dan met de burgemeester of de griffier wat de gemeente of provincie wel kan doen; ook daar zijn maatregelen mogelijk.

Zal ik de scan voor u in gang zetten?""",
    },
    {
        "topic": "home_security",
        "language": "nl",
        "title": "Afspraken voor thuis bij dreiging",
        "body": """Zolang de dreiging speelt, helpen een paar eenvoudige afspraken:

- Doe niet open voor onbekenden en neem geen pakketten aan die u niet verwacht.
- Varieer waar het kan uw vaste routes en tijden.
- Zet niet op sociale media waar u bent of wanneer u op vakantie bent.
- Noteer bijzonderheden (personen, auto's, kentekens) met datum en tijd, en geef ze door aan de politie.

Bij acuut gevaar belt u altijd 112. Voor andere zaken: politie 0900-8844.""",
    },
    # --- Sociale media ---------------------------------------------------------------------------------------
    {
        "topic": "social_media",
        "language": "nl",
        "title": "Niet reageren, wel vastleggen",
        "body": """Mijn advies: reageer niet op de berichten. Een reactie geeft de afzender vaak juist aandacht en maakt het erger.

Leg wel alles vast, en doe dat snel, want berichten en pagina's worden aangepast of verwijderd:

- Maak schermafbeeldingen waarop de accountnaam, de profielfoto, de datum, de tijd en het webadres (URL) van het bericht te zien zijn.
- Bewaar de originelen: berichten, brieven en e-mails (met de volledige kopregels).
- Houd een overzicht bij: wat, wanneer, waar en door welk account.

Voor ernstige zaken is een proces-verbaal van een deurwaarder nog sterker bewijs. U kunt uw bewijs ook veilig uploaden in Mijn zaak.""",
    },
    {
        "topic": "social_media",
        "language": "nl",
        "title": "Melden bij het platform, blokkeren en dempen",
        "body": """Nadat u alles heeft vastgelegd, kunt u de berichten melden bij het platform (via de meldknop bij het bericht of het account). Platforms moeten meldingen van strafbare inhoud, zoals bedreiging, beoordelen.

Daarna kunt u het account blokkeren of dempen (negeren). Dempen heeft als voordeel dat de afzender het niet merkt, terwijl u de berichten niet meer ziet. Leg eerst vast, want na blokkeren ziet u de berichten vaak niet meer.

Worden uw persoonsgegevens of die van uw gezin verspreid om u bang te maken of te hinderen in uw werk? Dat is sinds 1 januari 2024 strafbaar (doxing, artikel 285d Wetboek van Strafrecht). Daarvan kunt u aangifte doen.""",
    },
    # --- Juridische stappen ----------------------------------------------------------------------------------
    {
        "topic": "legal",
        "language": "nl",
        "title": "Aangifte of melding",
        "body": """Een aangifte is nodig om de dader te laten vervolgen en om uw schade te verhalen. Is wat er gebeurde geen strafbaar feit, dan kunt u een melding doen: de politie registreert het dan, en meerdere meldingen over dezelfde persoon kunnen later samen tellen.

Vertel de politie dat u politiek ambtsdrager bent en vraag om de VPT-code (Veilige Publieke Taak). Dan gelden de afspraken tussen politie en Openbaar Ministerie: uw aangifte wordt altijd opgenomen en onderzocht, en het OM eist een hogere straf.

Ga zo snel mogelijk, het liefst binnen twee werkdagen, en altijd na geweld of een dreiging daarmee. Een aangifte kan op afspraak, en ook bij u thuis: bel 0900-8844. Uw gemeente of provincie kan ook namens u aangifte doen.

Bij acuut gevaar belt u 112.""",
    },
    {
        "topic": "legal",
        "language": "nl",
        "title": "Termijn van drie maanden bij klachtdelicten",
        "body": """Sommige strafbare feiten worden alleen vervolgd als u daar zelf om vraagt met een klacht, meestal bij de aangifte. Dat geldt bijvoorbeeld voor belaging (stalking) en voor belediging, smaad en laster als die niet over uw ambt gaan.

Die klacht moet binnen drie maanden worden gedaan, gerekend vanaf de dag waarop u van het feit hoorde (artikel 66 Wetboek van Strafrecht). Bij belaging loopt de termijn vanaf de laatste gedraging.

Is de belediging gericht tegen u vanwege uw functie, dan is een klacht niet nodig. Wacht toch niet: doe aangifte en vraag de politie om er een klacht bij op te nemen, dan loopt u geen risico.""",
    },
    {
        "topic": "legal",
        "language": "nl",
        "title": "Als de politie zegt dat het niet strafbaar is",
        "body": """Zegt de politie dat wat u meemaakte niet strafbaar is? Vraag dan of de hulpofficier van justitie het daarmee eens is. Laat het in elk geval als melding registreren.

Besluit het Openbaar Ministerie later om niet te vervolgen, dan kunt u daartegen opkomen bij het gerechtshof (artikel 12 Wetboek van Strafvordering). Ik denk graag met u mee of dat zinvol is, en kan juridische hulp voor u regelen.""",
    },
    {
        "topic": "legal",
        "language": "nl",
        "title": "Uw schade vergoed krijgen",
        "body": """Heeft u schade, bijvoorbeeld aan uw auto of woning, of kosten voor beveiliging? Dan kunt u zich in de strafzaak voegen als benadeelde partij. Heeft de dader acht maanden nadat de uitspraak onherroepelijk is nog niet betaald, dan schiet de Staat het bedrag voor (bij geweld en zedenmisdrijven zonder maximum, anders tot € 5.000).

Bij ernstig lichamelijk of psychisch letsel door een opzettelijk geweldsmisdrijf, bedreiging met geweld inbegrepen, kunt u een uitkering vragen bij het Schadefonds Geweldsmisdrijven (€ 1.000 tot € 35.000; een veroordeling is niet nodig, aanvragen binnen tien jaar).

Bewaar bonnen en facturen, ook van herstel en beveiliging.""",
    },
    # --- Gezin en naasten ------------------------------------------------------------------------------------
    {
        "topic": "family",
        "language": "nl",
        "title": "Praten met uw partner en kinderen",
        "body": """Bedreiging raakt niet alleen u, maar ook de mensen om u heen. Het helpt om er thuis open over te zijn, op een manier die past bij de leeftijd van uw kinderen: wat er speelt, wat u eraan doet en wie er helpt.

Maak samen een paar afspraken: niet opendoen voor onbekenden, geen locatie of vakantiefoto's online, en wie ze kunnen bellen als er iets is. Bij acuut gevaar bellen zij 112.

Merkt u dat uw partner of kinderen er last van hebben, met slapen, school of angst? Laat het mij weten: via ons netwerk kunnen wij ook hen ondersteuning bieden.""",
    },
    {
        "topic": "family",
        "language": "nl",
        "title": "School, opvang en buren informeren",
        "body": """Overweeg om de school of kinderopvang van uw kinderen in vertrouwen te informeren. Spreek af wie de kinderen mag ophalen en dat de school geen gegevens of foto's van uw kinderen deelt met onbekenden.

Ook een paar vertrouwde buren kunnen helpen: zij zien eerder als er iemand rond uw huis hangt. Vraag hen om bijzonderheden te noteren (datum, tijd, kenteken) en bij acuut gevaar 112 te bellen.""",
    },
    {
        "topic": "family",
        "language": "nl",
        "title": "Nazorg voor u en uw gezin",
        "body": """Ook als de dreiging voorbij is, kan wat er gebeurde nog lang doorwerken, bij u en bij uw gezin. Dat is normaal, en u hoeft het niet alleen te dragen.

Slachtofferhulp Nederland biedt gratis emotionele, praktische en juridische hulp: 0900-0101. Via ons netwerk kunnen wij ook psychosociale hulp voor u, uw partner of uw kinderen inschakelen, en een gesprek met een ervaringsdeskundige: iemand die hetzelfde heeft meegemaakt.

Ik neem over een tijdje weer contact met u op om te horen hoe het met u gaat.""",
    },
    # --- Pers en media ---------------------------------------------------------------------------------------
    {
        "topic": "press",
        "language": "nl",
        "title": "Eén woordvoerder",
        "body": """Krijgt u vragen van journalisten? Spreek af dat één persoon namens u het woord voert, bijvoorbeeld de woordvoerder of de communicatieadviseur van uw gemeente of provincie. Zo voorkomt u tegenstrijdige berichten en hoeft u niet zelf op elke vraag te reageren.

Reageer niet in het eerste moment van schrik. U mag journalisten vragen om hun vragen te mailen en later antwoord geven. Stem uw reactie af met de burgemeester of de griffier, en met de politie als er een onderzoek loopt.""",
    },
    {
        "topic": "press",
        "language": "nl",
        "title": "Uw adres en gezin buiten beeld",
        "body": """Deel in interviews en op foto's nooit uw woonadres, en laat niet bij u thuis filmen of fotograferen. Ook een voordeur, straatnaambord of auto met kenteken kan verraden waar u woont.

Vraag media om uw partner en kinderen niet te noemen of in beeld te brengen. Staat er toch iets online dat uw adres of gezin prijsgeeft, laat het mij weten: dan bekijken we samen hoe het verwijderd kan worden.""",
    },
    # --- Overig ----------------------------------------------------------------------------------------------
    {
        "topic": "other",
        "language": "nl",
        "title": "Bereikbaarheid van het Ondersteuningsteam",
        "body": """Het Ondersteuningsteam Weerbaar Bestuur is dag en nacht bereikbaar op 070-3738314. U kunt ook een bericht sturen in Mijn zaak; uw adviseur leest het daar.

Bij acuut gevaar belt u altijd eerst 112.""",
    },
    {
        "topic": "other",
        "language": "nl",
        "title": "Ervaringsdeskundige of vakgenoot",
        "body": """Het kan helpen om te praten met iemand die hetzelfde heeft meegemaakt of hetzelfde ambt bekleedt. Ons netwerk van vakgenoten en ervaringsdeskundigen in de regio komt desgewenst bij u langs voor een kop koffie.

Zal ik iemand voor u zoeken? Ik deel alleen wat u daarvoor goedkeurt.""",
    },
    # --- English -----------------------------------------------------------------------------------------------
    {
        "topic": "home_security",
        "language": "en",
        "title": "Shielding your home address",
        "body": """Your home address is the first thing we want to protect together. Three things you can do now:

1. Ask your municipality to keep your data in the Personal Records Database (BRP) confidential ("geheimhouding"). The municipality will then no longer simply pass your address on to organisations and people who ask for it.

2. Are you making a criminal complaint or a police registration? Since 1 July 2025 your address, phone number, e-mail address and citizen service number are left out of police and prosecution documents by default. You can also give the town hall's address instead, or, as a victim in a public task, file the complaint under a number. Ask the police for this explicitly.

3. Look critically at what can be found about you online: photos in which your house, street or car can be recognised, and public profiles of yourself and your family.

In acute danger, always call 112.""",
    },
    {
        "topic": "home_security",
        "language": "en",
        "title": "A security scan of your home",
        "body": """An expert can look at how safe your home is and what could be improved, for example cameras, security glass or window film, an alarm or safe transport.

Are you a mayor, alderman, member of the provincial executive, King's Commissioner or water board executive? Since 1 January 2024 you are entitled to a risk scan of your home by the CCV, with advice that your municipality, province or water board adopts and pays for (Regeling beveiligingsmaatregelen decentrale bestuurders).

Council members and members of the provincial council are not covered by that scheme. Discuss with the mayor or the clerk what the municipality or province can do; measures are possible there too.

Shall I arrange the scan for you?""",
    },
    {
        "topic": "social_media",
        "language": "en",
        "title": "Do not respond, but save everything",
        "body": """My advice: do not respond to the messages. A reaction often gives the sender exactly the attention they want and makes it worse.

Do save everything, and do it quickly, because messages and pages are changed or removed:

- Take screenshots that show the account name, the profile picture, the date, the time and the web address (URL) of the message.
- Keep the originals: messages, letters and e-mails (with their full headers).
- Keep a list: what, when, where and by which account.

For serious matters a bailiff's report is even stronger evidence. You can also upload your evidence safely in My case.""",
    },
    {
        "topic": "social_media",
        "language": "en",
        "title": "Report to the platform, block and mute",
        "body": """Once you have saved everything, you can report the messages to the platform (with the report button at the message or the account). Platforms must assess reports of illegal content such as threats.

Then you can block or mute the account. Muting has the advantage that the sender does not notice, while you no longer see the messages. Save first: after blocking you often cannot see the messages any more.

Is your personal data or that of your family being spread to frighten you or to hinder you in your work? Since 1 January 2024 that is a criminal offence (doxing, article 285d of the Criminal Code), and you can report it.""",
    },
    {
        "topic": "legal",
        "language": "en",
        "title": "Criminal complaint or police registration",
        "body": """A criminal complaint (aangifte) is needed to have the offender prosecuted and to recover your damage. If what happened is not an offence, you can make a registration (melding): the police record it, and several registrations about the same person can count together later.

Tell the police that you are a political office holder and ask for the VPT code (Veilige Publieke Taak, safe public task). Then the agreements between the police and the Public Prosecution Service apply: your complaint is always taken and investigated, and the prosecution demands a higher sentence.

Go as soon as possible, preferably within two working days, and always after violence or a threat of violence. A complaint can be made by appointment, also at your home: call 0900-8844. Your municipality or province can also file the complaint on your behalf.

In acute danger, call 112.""",
    },
    {
        "topic": "legal",
        "language": "en",
        "title": "Three months for offences prosecuted only on complaint",
        "body": """Some offences are only prosecuted if you ask for it yourself with a complaint, usually together with the criminal complaint. This applies for example to stalking and to insult and defamation that are not about your office.

That complaint must be made within three months of the day you learned of the offence (article 66 of the Criminal Code). For stalking the period runs from the last act.

If the insult targets you because of your office, no complaint is needed. Still, do not wait: file a criminal complaint and ask the police to include the complaint, so you run no risk.""",
    },
    {
        "topic": "family",
        "language": "en",
        "title": "Talking with your partner and children",
        "body": """Threats affect not only you but also the people around you. It helps to be open about it at home, in a way that suits your children's age: what is going on, what you are doing about it and who is helping.

Make a few agreements together: do not open the door to strangers, no locations or holiday photos online, and whom to call if something happens. In acute danger they call 112.

If you notice that your partner or children are struggling, with sleep, school or fear, let me know: through our network we can support them too.""",
    },
    {
        "topic": "family",
        "language": "en",
        "title": "Aftercare for you and your family",
        "body": """Even when the threat is over, what happened can affect you and your family for a long time. That is normal, and you do not have to carry it alone.

Slachtofferhulp Nederland (Victim Support Netherlands) offers free emotional, practical and legal help: 0900-0101. Through our network we can also bring in psychosocial help for you, your partner or your children, and a conversation with someone who has been through the same.

I will contact you again in a while to hear how you are doing.""",
    },
    {
        "topic": "press",
        "language": "en",
        "title": "One spokesperson",
        "body": """Are journalists asking you questions? Agree that one person speaks on your behalf, for example the spokesperson or communications adviser of your municipality or province. That prevents contradictory messages, and you do not have to answer every question yourself.

Do not respond in the first moment of shock. You may ask journalists to e-mail their questions and answer later. Coordinate your response with the mayor or the clerk, and with the police if there is an investigation.""",
    },
    {
        "topic": "press",
        "language": "en",
        "title": "Keeping your address and family out of the picture",
        "body": """Never share your home address in interviews or photos, and do not let anyone film or photograph at your home. A front door, a street sign or a car with its number plate can also reveal where you live.

Ask the media not to name or show your partner and children. If something is online that gives away your address or family, let me know: we will look together at how to have it removed.""",
    },
    {
        "topic": "other",
        "language": "en",
        "title": "How to reach the support team",
        "body": """The Ondersteuningsteam Weerbaar Bestuur can be reached day and night on +31 70 373 8314. You can also send a message in My case; your advisor reads it there.

In acute danger, always call 112 first.""",
    },
    {
        "topic": "other",
        "language": "en",
        "title": "A peer or someone who has been through it",
        "body": """It can help to talk with someone who has been through the same or holds the same office. Our network of peers and people with lived experience in your region can come by for a coffee if you like.

Shall I find someone for you? I only share what you agree to.""",
    },
]
