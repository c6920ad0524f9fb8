"""Every sentence tenderpack says about an input file, in Dutch and English.

Officers read these, so they say what is wrong and what to write instead. Codes are
stable: they name the Sphinx warning subtype and the bad-input corpus refers to them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from babel.dates import format_date

from tenderpack.display import fill

Lang = Literal["nl", "en"]
LANGUAGES: tuple[Lang, ...] = ("nl", "en")

_CATALOGUE: dict[str, tuple[str, str]] = {
    # Reading the file
    "unreadable": ("bestand kan niet gelezen worden: {reason}", "cannot read the file: {reason}"),
    "not-regular-file": (
        "dit is {kind}, geen gewoon bestand; tenderpack leest alleen gewone bestanden",
        "this is {kind}, not a regular file; tenderpack reads regular files only",
    ),
    "input-skipped": (
        "overgeslagen: dit is {kind}, geen gewoon bestand",
        "skipped: this is {kind}, not a regular file",
    ),
    "outside-project": (
        "symbolische koppeling naar {target}, buiten het project ({root}); tenderpack volgt "
        "haar niet, want zo kan een bestand van elders gepubliceerd worden. Zet het bestand "
        "zelf in het project",
        "symbolic link to {target}, outside the project ({root}); tenderpack does not follow "
        "it, as that could publish a file from elsewhere. Put the file itself in the project",
    ),
    # What an entry that is not a regular file is (filled into the two messages above)
    "kind-fifo": ("een named pipe (FIFO)", "a named pipe (FIFO)"),
    "kind-directory": ("een map", "a folder"),
    "kind-dangling-link": (
        "een symbolische koppeling naar iets dat niet bestaat",
        "a symbolic link to something that does not exist",
    ),
    "kind-link-loop": (
        "een symbolische koppeling die in een kring naar zichzelf verwijst",
        "a symbolic link that loops back to itself",
    ),
    "kind-device": ("een apparaatbestand", "a device file"),
    "kind-socket": ("een socket", "a socket"),
    "kind-other": ("een bijzonder bestand", "a special file"),
    "file-too-large": (
        "bestand is te groot ({size} MB); een {what} is hooguit {limit} kB",
        "file is too large ({size} MB); a {what} is at most {limit} kB",
    ),
    "what-tender": ("tenderbestand", "tender file"),  # {what} above and below
    "what-notice": ("privacyverklaring", "privacy notice"),
    "binary-file": (
        "dit is een binair bestand, geen YAML-tekst",
        "this is a binary file, not YAML text",
    ),
    "not-utf8": (
        "bestand is geen UTF-8 (byte {byte}); sla het op als UTF-8",
        "file is not UTF-8 (byte {byte}); save it as UTF-8",
    ),
    "empty-file": ("bestand is leeg", "file is empty"),
    "yaml-syntax": ("YAML-syntaxfout: {problem}", "YAML syntax error: {problem}"),
    "bad-character": (
        "teken {char} is niet toegestaan in YAML (een stuurteken); verwijder het",
        "character {char} is not allowed in YAML (a control character); remove it",
    ),
    "tab-indent": (
        "tab gebruikt om in te springen; YAML vraagt spaties",
        "tab used for indentation; YAML needs spaces",
    ),
    "several-documents": (
        "bestand bevat meer dan één YAML-document (---); één tender per bestand",
        "file holds more than one YAML document (---); one tender per file",
    ),
    "too-deep": (
        "te diep genest (meer dan {limit} niveaus)",
        "nested too deeply (over {limit} levels)",
    ),
    "too-many-nodes": (
        "te veel waarden (meer dan {limit}); een alias-bom?",
        "too many values (over {limit}); an alias bomb?",
    ),
    "recursive-alias": (
        "alias verwijst naar zichzelf",
        "alias refers to itself",
    ),
    "tag-not-allowed": (
        "tag {tag} is niet toegestaan; een {what} bevat alleen gewone gegevens",
        "tag {tag} is not allowed; a {what} holds plain data only",
    ),
    "key-not-text": ("een sleutel moet tekst zijn", "a key must be text"),
    "merge-key": (
        "'<<' (samenvoegen) wordt niet ondersteund; schrijf de velden voluit",
        "'<<' (merge) is not supported; write the fields out in full",
    ),
    "duplicate-key": (
        "sleutel '{key}' staat er twee keer (eerst op regel {first}); "
        "YAML zou stil de laatste houden",
        "key '{key}' appears twice (first on line {first}); YAML would silently keep the last",
    ),
    "impossible-date": (
        "{value} is geen bestaande datum",
        "{value} is not a real date",
    ),
    "bad-scalar": ("waarde '{value}' kan niet gelezen worden", "cannot read the value '{value}'"),
    "not-a-mapping": (
        "een tenderbestand is een mapping van velden (sleutel: waarde), niet {found}",
        "a tender file is a mapping of fields (key: value), not {found}",
    ),
    # Fields
    "unknown-field": ("onbekend veld '{field}'", "unknown field '{field}'"),
    "field-not-for-system": (
        "{field} hoort niet bij het gekozen systeem (system); laat het weg",
        "{field} does not belong to the chosen system (system); leave it out",
    ),
    "did-you-mean": ("bedoelt u '{suggestion}'?", "did you mean '{suggestion}'?"),
    "missing-field": ("verplicht veld '{field}' ontbreekt", "required field '{field}' is missing"),
    "wrong-type": (
        "{field} moet {expected} zijn, niet {found}",
        "{field} must be {expected}, not {found}",
    ),
    "bad-choice": (
        "{field}: '{value}' is geen toegestane waarde; kies uit {allowed}",
        "{field}: '{value}' is not allowed; choose from {allowed}",
    ),
    "bad-pattern": (
        "{field}: '{value}' heeft niet de juiste vorm ({rule})",
        "{field}: '{value}' has the wrong form ({rule})",
    ),
    "quote-hint": (
        "zet de waarde tussen aanhalingstekens",
        "put the value in quotes",
    ),
    "too-short": ("{field} mag niet leeg zijn", "{field} must not be empty"),
    "out-of-range": (
        "{field} moet tussen {low} en {high} liggen, niet {value}",
        "{field} must be between {low} and {high}, not {value}",
    ),
    "too-long": (
        "{field} is te lang: {length} tekens, hooguit {limit}; kort de tekst in",
        "{field} is too long: {length} characters, at most {limit}; shorten it",
    ),
    "control-character": (
        "{field}: teken {char} is een stuurteken en niet toegestaan (het maakt de DOCX en de "
        "agenda onleesbaar); verwijder het",
        "{field}: character {char} is a control character and not allowed (it breaks the DOCX "
        "and the calendar); remove it",
    ),
    "line-break": (
        "{field} is één regel; haal de regelovergang ({char}) weg (schrijf de waarde op één "
        "regel, of gebruik >- in plaats van > of |)",
        "{field} is a single line; remove the line break ({char}) (write the value on one line, "
        "or use >- instead of > or |)",
    ),
    "blank-text": (
        "{field} bevat geen zichtbare tekst, alleen spaties of onzichtbare tekens",
        "{field} holds no visible text, only spaces or invisible characters",
    ),
    "bidi-control": (
        "{field}: bevat {char}, een teken dat de schrijfrichting omkeert; zo kan 'fdp.exe' er "
        "als 'exe.pdf' uitzien. Verwijder het, tenzij de tekst echt van rechts naar links loopt",
        "{field}: holds {char}, a character that reverses the writing direction, so 'fdp.exe' "
        "can show as 'exe.pdf'. Remove it unless the text really runs right to left",
    ),
    "email-mailto-character": (
        "{field}: een e-mailadres met '{char}' wordt in een maillink (mailto:) gelezen als "
        "extra kop, zoals een verborgen bcc; gebruik een adres zonder '?', '&', '#' of '%'",
        "{field}: an address with '{char}' is read by a mail link (mailto:) as an extra header, "
        "such as a hidden bcc; use an address without '?', '&', '#' or '%'",
    ),
    "bad-email": (
        "{field}: '{value}' is geen e-mailadres",
        "{field}: '{value}' is not an e-mail address",
    ),
    "date-format": (
        "{field}: '{value}' is geen datum in de vorm JJJJ-MM-DD",
        "{field}: '{value}' is not a date in the form YYYY-MM-DD",
    ),
    "date-range": (
        "{field}: {value} ligt niet tussen {first} en {last}; klopt het jaartal?",
        "{field}: {value} is not between {first} and {last}; is the year right?",
    ),
    "date-dutch-order": (
        "{field}: '{value}' staat in Nederlandse volgorde; schrijf {suggestion} (JJJJ-MM-DD)",
        "{field}: '{value}' is in day-month-year order; write {suggestion} (YYYY-MM-DD)",
    ),
    "oin-unquoted": (
        "{field}: OIN zonder aanhalingstekens; YAML leest {raw} als getal en laat de "
        'voorloopnullen vallen. Schrijf {key}: "{raw}"',
        "{field}: OIN without quotes; YAML reads {raw} as a number and drops the leading zeros. "
        'Write {key}: "{raw}"',
    ),
    "oin-format": (
        "{field}: OIN '{value}' moet uit precies 20 cijfers bestaan (nu {length} tekens)",
        "{field}: OIN '{value}' must be exactly 20 digits (it has {length} characters)",
    ),
    "oin-digits": (
        "{field}: OIN '{value}' bevat '{char}'; een OIN bestaat uit de cijfers 0-9",
        "{field}: OIN '{value}' contains '{char}'; an OIN consists of the digits 0-9",
    ),
    "oin-prefix": (
        "{field}: OIN '{value}' heeft een onbekend prefix {prefix}; bekende prefixen: {known}",
        "{field}: OIN '{value}' has an unknown prefix {prefix}; known prefixes: {known}",
    ),
    "unsafe-reference": (
        "{field}: '{value}' mag geen '/', '\\' of '..' bevatten; het wordt een bestandsnaam",
        "{field}: '{value}' must not contain '/', '\\' or '..'; it becomes a file name",
    ),
    "reference-device-name": (
        "{field}: '{value}' is op Windows een apparaatnaam ({name}), ook met een extensie; "
        "zo'n map kan niet bestaan, kies een ander kenmerk",
        "{field}: '{value}' is a device name on Windows ({name}), with any extension too; "
        "no folder can have that name, choose another reference",
    ),
    "reference-trailing": (
        "{field}: '{value}' eindigt op een punt of spatie; Windows laat die weg uit een "
        "bestandsnaam, zodat de map anders heet dan het kenmerk",
        "{field}: '{value}' ends in a dot or a space; Windows drops those from a file name, "
        "so the folder would be named differently from the reference",
    ),
    "reference-suffix": (
        "{field}: '{value}' eindigt op {suffix}; zo heten bronbestanden, en de map van de "
        "aanbesteding zou met zo'n bestand botsen. Kies een kenmerk zonder die extensie",
        "{field}: '{value}' ends in {suffix}; source files are named so, and the tender's "
        "folder would collide with such a file. Choose a reference without that extension",
    ),
    "reference-site-name": (
        "{field}: '{value}' is de naam van de overzichtspagina die de site zelf maakt "
        "({name}); kies een ander kenmerk",
        "{field}: '{value}' is the name of the overview page the site makes itself "
        "({name}); choose another reference",
    ),
    "reference-rule": (
        "3 tot 40 tekens: letters, cijfers, '.', '-' of '_', beginnend met een letter of cijfer",
        "3 to 40 characters: letters, digits, '.', '-' or '_', starting with a letter or digit",
    ),
    "identifier-rule": (
        "kleine letters, cijfers en '-', beginnend met een letter of cijfer",
        "lower-case letters, digits and '-', starting with a letter or digit",
    ),
    # Domain rules
    "duplicate-reference": (
        "kenmerk '{reference}' wordt ook gebruikt in {other}; een kenmerk is uniek",
        "reference '{reference}' is also used in {other}; references are unique",
    ),
    "duplicate-reference-case": (
        "kenmerk '{reference}' verschilt alleen in hoofdletters van '{other_reference}' in "
        "{other}; op Windows en macOS worden dat dezelfde map",
        "reference '{reference}' differs only in case from '{other_reference}' in {other}; "
        "on Windows and macOS they become the same folder",
    ),
    "contract-start-not-after-award": (
        "dates.contract_start ({start}) moet na dates.award ({award}) liggen",
        "dates.contract_start ({start}) must be after dates.award ({award})",
    ),
    "mandatory-connection": (
        "connections moet '{connection}' bevatten: dat is verplicht bij {system}",
        "connections must include '{connection}': it is mandatory for {system}",
    ),
    "no-departments": (
        "departments moet minstens één rijksdienstonderdeel bevatten",
        "departments must list at least one department",
    ),
    "unknown-system": (
        "system: '{value}' is geen bekend inkoopsysteem; kies uit {allowed}",
        "system: '{value}' is not a known purchasing system; choose from {allowed}",
    ),
    "unknown-privacy-notice": (
        "{field}: '{value}' is geen privacyverklaring in {folder}; kies uit {allowed}",
        "{field}: '{value}' is not a privacy notice in {folder}; choose from {allowed}",
    ),
    "test-oin": (
        "{field}: '{value}' is een test-OIN (prefix 00000099); vervang het door het echte OIN",
        "{field}: '{value}' is a test OIN (prefix 00000099); replace it with the real OIN",
    ),
    "deadline-after-start": (
        "de termijn '{connection}' ({deadline}) valt na de ingangsdatum van de overeenkomst "
        "({start})",
        "the deadline '{connection}' ({deadline}) falls after the contract start ({start})",
    ),
    "moment-before-award": (
        "de termijn '{connection}' ({deadline}) valt vóór de gunning ({award}); neem minder "
        "dagen of een later moment",
        "the deadline '{connection}' ({deadline}) falls before the award ({award}); take fewer "
        "days or a later moment",
    ),
    # An offset of days is counted back from a date; some moments have none (issue 11).
    "days-before-undated-moment": (
        "{field}: {days} dagen vóór '{moment}' kan niet: dat moment heeft geen datum om vanaf "
        "terug te tellen; laat days_before weg, of kies bij before een moment met een datum "
        "({dated})",
        "{field}: {days} days before '{moment}' cannot be counted: that moment has no date to "
        "count back from; leave out days_before, or choose a moment with a date for before "
        "({dated})",
    ),
    # A note on a deadline, shown next to it in show, the site and the annex.
    "deadline-no-decree": (
        "voor {years} is nog geen gelijkstellingsbesluit (Algemene termijnenwet art. 3 lid 3) "
        "bekend; de datum kan nog verschuiven",
        "no royal decree (Algemene termijnenwet art. 3 lid 3) is known yet for {years}; "
        "the date may move",
    ),
    "time-limit-no-decree": (
        "de termijn '{connection}' ({deadline}) valt in {years}, waarvoor nog geen "
        "gelijkstellingsbesluit (Algemene termijnenwet art. 3 lid 3) bekend is; de datum kan "
        "nog verschuiven wanneer dat besluit verschijnt",
        "the deadline '{connection}' ({deadline}) falls in {years}, for which no royal decree "
        "(Algemene termijnenwet art. 3 lid 3) is known yet; the date may move once it appears",
    ),
    "duplicate-oin": (
        "{field}: OIN '{value}' staat ook bij {other}",
        "{field}: OIN '{value}' is also given for {other}",
    ),
    "unknown-department": (
        "{field}: '{value}' is op de gunningsdatum {award} geen bekend ministerie of "
        "rijksonderdeel",
        "{field}: '{value}' is not a known ministry or government organisation on the award "
        "date {award}",
    ),
    "renamed-department": (
        "{field}: '{value}' ({name}) bestond tot {until}; op {award} is het opgevolgd door "
        "{successors}",
        "{field}: '{value}' ({name}) existed until {until}; on {award} its successors are "
        "{successors}",
    ),
    "system-phase-out": (
        "{note} (de bijlage wordt wel gemaakt)",
        "{note} (the annex is rendered all the same)",
    ),
    "system-stopped": (
        "{system} is gestopt op {stopped}; controleer of deze bijlage nog van toepassing is",
        "{system} stopped on {stopped}; check that this annex still applies",
    ),
    "version-1-system": (
        "system: '{value}' kan niet in een bestand met schema_version 1; versie 1 is alleen "
        "voor {allowed}. Schrijf schema_version: 2 (zie tenderpack migrate)",
        "system: '{value}' cannot be used in a schema_version 1 file; version 1 is only for "
        "{allowed}. Write schema_version: 2 (see tenderpack migrate)",
    ),
    "setting-refused": ("{field}: '{value}': {reason_nl}", "{field}: '{value}': {reason_en}"),
    "profile-rule": ("{message}", "{message}"),
    "invoice-to-own-oin": (
        "{field}: dit onderdeel ontvangt alleen facturen, maar heeft hetzelfde OIN als "
        "{other}, dat bestelt; geef het OIN van de factuurontvanger",
        "{field}: this unit only receives invoices but has the same OIN as {other}, which "
        "orders; give the invoice receiver's OIN",
    ),
    "no-invoice-receiver": (
        "departments: geen enkel onderdeel ontvangt facturen (role: invoices of both); "
        "een leverancier weet dan niet aan welk OIN hij factureert",
        "departments: no unit receives invoices (role: invoices or both); a supplier would "
        "not know which OIN to invoice",
    ),
    "no-ordering-unit": (
        "departments: geen enkel onderdeel bestelt (role: orders of both)",
        "departments: no unit orders (role: orders or both)",
    ),
    "oin-kvk": (
        "{field}: '{value}' lijkt een KvK-nummer (8 cijfers); hier hoort het OIN van het "
        "onderdeel, 20 cijfers (facturen aan het Rijk met een KvK-nummer worden geweigerd)",
        "{field}: '{value}' looks like a KvK (Chamber of Commerce) number (8 digits); this "
        "needs the unit's OIN, 20 digits (invoices to the Rijk with a KvK number are refused)",
    ),
    # Purchasing-system profiles (systems/<id>/), written by maintainers
    "what-profile": ("profielbestand", "profile file"),
    "profile-id-mismatch": (
        "id: '{value}' moet gelijk zijn aan de mapnaam '{folder}'",
        "id: '{value}' must equal the folder name '{folder}'",
    ),
    "profile-placeholder": (
        "{{{name}}} kan geen aanbesteding invullen; beschikbaar: {allowed}",
        "no tender can fill {{{name}}}; available: {allowed}",
    ),
    "profile-placeholder-syntax": (
        "accolades kloppen niet ({reason}); schrijf {{{{ en }}}} voor een letterlijke accolade",
        "braces do not match ({reason}); write {{{{ and }}}} for a literal brace",
    ),
    "profile-unknown-name": (
        "{what} '{value}' bestaat niet in dit profiel; kies uit {allowed}",
        "{what} '{value}' does not exist in this profile; choose from {allowed}",
    ),
    "profile-default-not-a-choice": (
        "standaardwaarde '{default}' staat niet in de keuzes ({choices})",
        "default '{default}' is not among the choices ({choices})",
    ),
    "profile-bounds": (
        "standaardwaarde {default} ligt niet tussen min {min} en max {max}",
        "default {default} is not between min {min} and max {max}",
    ),
    "profile-setting-choices": (
        "een instelling van soort '{kind}' heeft choices alleen als ze choice of choices is",
        "a setting of kind '{kind}' has choices only when it is choice or choices",
    ),
    "profile-setting-default-when": (
        "default_when kan alleen bij een instelling van soort flag, niet '{kind}'",
        "default_when only works on a setting of kind flag, not '{kind}'",
    ),
    "profile-pattern": (
        "geen geldige reguliere expressie: {reason}",
        "not a valid regular expression: {reason}",
    ),
    "profile-days-before-moment": (
        "days_before kan hier niet: geen van de momenten ({moments}) heeft een datum om vanaf "
        "te tellen, dus geen aanbesteding kan het gebruiken",
        "days_before cannot go here: none of the moments ({moments}) has a date to count back "
        "from, so no tender could use it",
    ),
    "profile-version-1-target": (
        "'{value}' is geen plaats in versie 2 (connections.<optie>.<parameter> of settings.<naam>)",
        "'{value}' is no place in version 2 (connections.<option>.<parameter> or settings.<name>)",
    ),
    "profile-duplicate-step": (
        "stap '{value}' staat twee keer in de checklist",
        "step '{value}' is in the checklist twice",
    ),
    "profile-several-defaults": (
        "meer dan één profiel heeft default: true ({files}); kies er één",
        "more than one profile says default: true ({files}); choose one",
    ),
    "systems-folder-missing": (
        "profielmap {path} bestaat niet of is geen map",
        "profiles folder {path} does not exist or is not a folder",
    ),
    # Annex templates (edited by officers and lawyers; they run sandboxed)
    "template-folder-missing": (
        "templatemap {path} bestaat niet of is geen map; laat {option} weg voor de templates "
        "van tenderpack zelf",
        "templates folder {path} does not exist or is not a folder; leave out {option} for "
        "tenderpack's own templates",
    ),
    "template-fetches": (
        "{where} verwijst naar '{url}', een bestand op deze computer of een andere server; "
        "een bijlage haalt niets op (toegestaan: '#…', data: en, in <a href>, https:, mailto: "
        "en tel:)",
        "{where} points at '{url}', a file on this machine or another server; an annex "
        "fetches nothing (allowed: '#…', data: and, in <a href>, https:, mailto: and tel:)",
    ),
    "template-timeout": (
        "template duurde langer dan {seconds} s; zoek een lus die te vaak herhaalt of niet eindigt",
        "template took longer than {seconds} s; look for a loop that repeats too often or never "
        "ends",
    ),
    "template-number-too-large": (
        "resultaat te groot: een getal van meer dan {limit} cijfers",
        "result too large: a number of more than {limit} digits",
    ),
    "template-too-large": (
        "resultaat te groot: meer dan {limit} tekens of elementen",
        "result too large: more than {limit} characters or items",
    ),
    "template-not-found": (
        "template '{name}' niet gevonden in de templatemappen; een include of import noemt een "
        "template vanaf de templatemap, zoals 'bijlage-h/_parts.html.j2'",
        "template '{name}' not found in the templates folders; an include or import names a "
        "template from the templates folder, such as 'bijlage-h/_parts.html.j2'",
    ),
    "template-range-too-big": (
        "range() van meer dan {limit} getallen; een bijlage heeft zo'n lus niet nodig",
        "range() of more than {limit} numbers; an annex needs no such loop",
    ),
    "template-recursion": (
        "te diepe recursie: een macro of include roept zichzelf steeds opnieuw aan",
        "recursion too deep: a macro or include keeps calling itself",
    ),
    "template-out-of-memory": (
        "resultaat te groot: er is niet genoeg geheugen om het te maken",
        "result too large: there is not enough memory to make it",
    ),
    "template-overflow": (
        "getal te groot voor deze berekening",
        "number too large for this calculation",
    ),
    # The command line
    "summary": (
        "{files} bestand(en) gecontroleerd: {errors} fout(en), {warnings} waarschuwing(en)",
        "{files} file(s) checked: {errors} error(s), {warnings} warning(s)",
    ),
    "output-failed": (
        "kan de uitvoer niet schrijven: {reason}",
        "cannot write the output: {reason}",
    ),
    "output-closed": ("de standaarduitvoer is gesloten", "standard output is closed"),
    "output-no-space": ("geen ruimte meer op het apparaat", "no space left on the device"),
    "path-missing": ("{path} bestaat niet", "{path} does not exist"),
    "not-a-file": ("{path} is geen bestand", "{path} is not a file"),
    "no-tender-files": (
        "geen tenderbestanden (*.yaml, *.yml) in {path}; er is niets gecontroleerd",
        "no tender files (*.yaml, *.yml) in {path}; nothing was checked",
    ),
    "internal-error": (
        "interne fout in tenderpack ({error}); meld dit aan de beheerders, met "
        "TENDERPACK_DEBUG=1 voor de details",
        "internal error in tenderpack ({error}); please report it, with TENDERPACK_DEBUG=1 "
        "for the details",
    ),
    # Options more than one command takes (tenderpack/options.py)
    "option-unknown-format": (
        "{option}: onbekend formaat {name}; kies uit {choices}",
        "{option}: unknown format {name}; choose from {choices}",
    ),
    "option-no-format": (
        "{option}: geef minstens één formaat: {choices}",
        "{option}: give at least one format: {choices}",
    ),
    "option-bad-jobs": (
        "{option}: {value} is geen aantal processen; geef een geheel getal van 1 of meer, of auto",
        "{option}: {value} is not a number of processes; give a whole number of 1 or more, or auto",
    ),
    # tenderpack build: the output folder and the published site (tested in test_build_safety)
    "build-not-ours": (
        "{path} is niet door tenderpack build gemaakt (het bestand {marker} ontbreekt); "
        "tenderpack vervangt die map niet. Verplaats of verwijder hem, of kies een andere --out",
        "{path} was not made by tenderpack build (it has no {marker} file); tenderpack will "
        "not replace it. Move or remove it, or choose another --out",
    ),
    "build-no-conf": ("{path} heeft geen conf.py", "{path} has no conf.py"),
    "build-not-a-folder": ("{path} is geen map", "{path} is not a folder"),
    "build-unwritable": (
        "kan niet schrijven in {path}: {reason}",
        "cannot write in {path}: {reason}",
    ),
    "build-busy": (
        "er loopt al een build in {path}; wacht tot die klaar is en probeer het dan opnieuw",
        "another build is running in {path}; wait for it to finish, then try again",
    ),
    "build-failed": (
        "de build is mislukt (exit {status}); {state}",
        "the build failed (exit {status}); {state}",
    ),
    "build-publish-failed": (
        "kon de site niet publiceren in {path}: {reason}; {state}",
        "could not publish the site in {path}: {reason}; {state}",
    ),
    "build-annex-failed": (
        "de site staat in {site}, maar de bijlagen konden niet naar {path}: {reason}",
        "the site is in {site}, but the annexes could not be copied to {path}: {reason}",
    ),
    "build-no-space": ("er is geen ruimte meer op de schijf", "there is no space left on the disk"),
    "build-site-unchanged": ("{path} is ongewijzigd", "{path} is unchanged"),
    "build-site-absent": (
        "er is geen site gepubliceerd ({path} bestaat niet)",
        "no site is published ({path} does not exist)",
    ),
    "build-site-restored": (
        "een eerdere build is onderbroken tijdens het publiceren; de vorige site is "
        "teruggezet in {path}",
        "an earlier build was interrupted while publishing; the previous site is back in {path}",
    ),
    # A project's own purchasing systems (--systems, tenderpack_systems_dir) and new --system
    "option-systems-missing": (
        "profielmap {path} bestaat niet of is geen map; laat {option} weg voor alleen de "
        "profielen van tenderpack zelf",
        "profiles folder {path} does not exist or is not a folder; leave out {option} for "
        "tenderpack's own profiles only",
    ),
    "option-unknown-system": (
        "--system '{value}' is geen bekend inkoopsysteem; kies uit {allowed}",
        "--system '{value}' is not a known purchasing system; choose from {allowed}",
    ),
    "option-starter-system": (
        "startbestand voor {name}, system: {id}, bijlage: {annex}",
        "starter file for {name}, system: {id}, annex: {annex}",
    ),
    "option-starter-other": (
        "--system {id} geeft er een voor {name}, met {annex}",
        "--system {id} gives one for {name}, with {annex}",
    ),
    # Names of YAML types, used inside other messages
    "type-text": ("tekst", "text"),
    "type-int": ("een geheel getal", "a whole number"),
    "type-bool": ("true of false", "true or false"),
    "type-date": ("een datum (JJJJ-MM-DD)", "a date (YYYY-MM-DD)"),
    "type-list": ("een lijst", "a list"),
    "type-mapping": ("een mapping (sleutel: waarde)", "a mapping (key: value)"),
    "type-null": ("leeg", "empty"),
    "type-float": ("een kommagetal", "a decimal number"),
}


# tenderpack migrate (tests/test_migrate.py). Kept apart from _CATALOGUE, whose every code
# tests/test_loading.py expects a loader test for.
_MIGRATE: dict[str, tuple[str, str]] = {
    "migrate-done": ("omgezet naar versie 2", "migrated to version 2"),
    "migrate-already-2": (
        "staat al in versie 2; niets veranderd",
        "already version 2; nothing changed",
    ),
    "migrate-not-version-1": (
        "schema_version is {value}; alleen een tenderbestand in versie 1 kan omgezet worden",
        "schema_version is {value}; only a version 1 tender file can be migrated",
    ),
    "migrate-not-migrated": (
        "niet omgezet: los eerst de fouten hierboven op (tenderpack validate)",
        "not migrated: fix the errors above first (tenderpack validate)",
    ),
    "migrate-system-added": (
        "system: {system} toegevoegd; een bestand in versie 1 was altijd voor dit systeem",
        "added system: {system}; a version 1 file was always for this system",
    ),
    "migrate-renamed": ("{field} heet nu {target}", "{field} is now called {target}"),
    "migrate-moved": ("{field} staat nu onder {target}", "{field} now sits at {target}"),
    "migrate-dropped": (
        "{field}: {value} weggelaten; aansluiting '{connection}' wordt niet aangeboden, dus "
        "had deze waarde geen effect",
        "{field}: {value} dropped; connection '{connection}' is not offered, so the value had "
        "no effect",
    ),
    "migrate-other-system": (
        "system: '{value}' is niet het systeem van bestanden in versie 1; dit bestand kan niet "
        "omgezet worden",
        "system: '{value}' is not the system of version 1 files; this file cannot be migrated",
    ),
    "migrate-conflict": (
        "{field} kan niet naar {target}: daar staat al een waarde",
        "{field} cannot move to {target}: a value is already there",
    ),
    "migrate-unfaithful": (
        "dit bestand kan niet getrouw omgezet worden ({detail}); zet het met de hand om",
        "this file cannot be migrated faithfully ({detail}); migrate it by hand",
    ),
    "migrate-write-failed": (
        "kan het bestand niet schrijven: {reason}; het is ongewijzigd",
        "cannot write the file: {reason}; it is unchanged",
    ),
    "migrate-stdout-one": (
        "--stdout neemt precies één bestand",
        "--stdout takes exactly one file",
    ),
    "migrate-no-version-1": (
        "geen inkoopsysteem beschrijft bestanden in versie 1; er valt niets om te zetten",
        "no purchasing system describes version 1 files; there is nothing to migrate",
    ),
}


def migrate_message(code: str, lang: Lang = "nl", **params: object) -> str:
    """A message of ``tenderpack migrate`` in ``lang``, filled in with ``params``."""
    dutch, english = _MIGRATE[code]
    return fill(english if lang == "en" else dutch, params)


# PyYAML's syntax problems, by how its message starts. Unknown ones are shown as PyYAML says.
_YAML_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    (
        "mapping values are not allowed",
        "hier kan geen 'sleutel: waarde' staan; klopt de inspringing, of staat er een ': ' in "
        "een waarde zonder aanhalingstekens?",
        "a 'key: value' cannot stand here; check the indentation, or quote a value that "
        "contains ': '",
    ),
    (
        "did not find expected ',' or ']'",
        "een lijst tussen [ ] is niet gesloten met ]",
        "a list in [ ] is not closed with ]",
    ),
    (
        "did not find expected ',' or '}'",
        "een mapping tussen { } is niet gesloten met }",
        "a mapping in { } is not closed with }",
    ),
    (
        "found unexpected end of stream",
        "onverwacht einde van het bestand; is een aanhalingsteken niet gesloten?",
        "unexpected end of file; is a quote not closed?",
    ),
    (
        "could not find expected ':'",
        "':' ontbreekt na de sleutel",
        "':' is missing after the key",
    ),
    (
        "did not find expected key",
        "sleutel verwacht; klopt de inspringing?",
        "a key was expected; check the indentation",
    ),
    (
        "did not find expected '-' indicator",
        "'-' verwacht; klopt de inspringing van de lijst?",
        "'-' was expected; check the indentation of the list",
    ),
    (
        "did not find expected node content",
        "hier ontbreekt een waarde",
        "a value is missing here",
    ),
    (
        "did not find expected comment or line break",
        "onverwachte tekst na de waarde; zet de hele waarde tussen aanhalingstekens",
        "unexpected text after the value; put the whole value in quotes",
    ),
    (
        "found undefined alias",
        "verwijzing (*) naar een anker (&) dat niet bestaat",
        "reference (*) to an anchor (&) that does not exist",
    ),
    (
        "found unknown escape character",
        "onbekende escape met \\ tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens",
        "unknown escape with \\ in double quotes; use single quotes",
    ),
    (
        "found character '@' that cannot start any token",
        "een waarde kan niet met @ of ` beginnen; zet haar tussen aanhalingstekens",
        "a value cannot start with @ or `; put it in quotes",
    ),
    (
        "found character '`' that cannot start any token",
        "een waarde kan niet met @ of ` beginnen; zet haar tussen aanhalingstekens",
        "a value cannot start with @ or `; put it in quotes",
    ),
    (
        "expected <block end>",
        "de inspringing klopt niet",
        "the indentation is wrong",
    ),
)


def yaml_problem(problem: str, lang: Lang = "nl") -> str:
    """A PyYAML syntax problem in the user's words; PyYAML's own text when it is unknown."""
    for start, dutch, english in _YAML_PROBLEMS:
        if problem.startswith(start):
            return english if lang == "en" else dutch
    return problem


def text(code: str, lang: Lang = "nl", **params: object) -> str:
    """The message for ``code`` in ``lang``, filled in with ``params``."""
    dutch, english = _CATALOGUE[code]
    template = english if lang == "en" else dutch
    return fill(template, params)  # a file name is quoted when it holds ESC (display.py)


def join_years(years: tuple[int, ...], lang: Lang) -> str:
    """``2029`` / ``2029 en 2030``: years as a message names them."""
    words = [str(year) for year in years]
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {'en' if lang == 'nl' else 'and'} {words[-1]}"


def known_codes() -> frozenset[str]:
    return frozenset(_CATALOGUE)


_BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def long_date(day: dt.date, lang: Lang) -> str:
    """``15 juli 2027`` / ``15 July 2027``: how the annex, the site and the notices write dates."""
    return format_date(day, format="long", locale=_BABEL_LOCALES[lang])
