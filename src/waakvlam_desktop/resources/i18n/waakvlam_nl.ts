<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Waakvlam</source>
        <translation>Over Waakvlam</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versie</translation>
    </message>
    <message>
        <source>Encrypted home-visit notes, signalenlijst, referral letters and partner exports. This program contains the following components:</source>
        <translation>Versleutelde huisbezoeknotities, signalenlijst, verwijsbrieven en partnerexports. Dit programma bevat de volgende onderdelen:</translation>
    </message>
    <message>
        <source>Qt is used under the LGPL-3.0: its libraries are separate files in the program folder and can be replaced by your own build.</source>
        <translation>Qt wordt gebruikt onder de LGPL-3.0: de Qt-bibliotheken zijn losse bestanden in de programmamap en kunnen door een eigen build worden vervangen.</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Onderdeel</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licentie</translation>
    </message>
</context>
<context>
    <name>AcuteResponseDialog</name>
    <message>
        <source>What did you do?</source>
        <translation>Wat heb je gedaan?</translation>
    </message>
    <message>
        <source>Called, as the guidance says</source>
        <translation>Gebeld, zoals de aanwijzing zegt</translation>
    </message>
    <message>
        <source>Asked for advice (manager, meldcode contact)</source>
        <translation>Advies gevraagd (leidinggevende, aandachtsfunctionaris meldcode)</translation>
    </message>
    <message>
        <source>Something else:</source>
        <translation>Iets anders:</translation>
    </message>
    <message>
        <source>Not yet — put it first on Today</source>
        <translation>Nog niet — zet het bovenaan bij Vandaag</translation>
    </message>
    <message>
        <source>What else you did</source>
        <translation>Wat je anders hebt gedaan</translation>
    </message>
    <message>
        <source>e.g. spoke with the GP</source>
        <translation>bijv. de huisarts gesproken</translation>
    </message>
    <message>
        <source>Asked for advice</source>
        <translation>Advies gevraagd</translation>
    </message>
</context>
<context>
    <name>AddColleagueDialog</name>
    <message>
        <source>Add colleague</source>
        <translation>Collega toevoegen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Sleutelbestand</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <source>Show key id</source>
        <translation>Sleutel-id tonen</translation>
    </message>
    <message>
        <source>Choose file</source>
        <translation>Bestand kiezen</translation>
    </message>
    <message>
        <source>Fill in the colleague&apos;s name.</source>
        <translation>Vul de naam van de collega in.</translation>
    </message>
    <message>
        <source>Key id: {key_id}
Call {name} and ask them to read out the key id shown in their Settings, under For ICT. Add only when every character matches.</source>
        <translation>Sleutel-id: {key_id}
Bel {name} en vraag de sleutel-id voor te lezen die bij Instellingen onder Voor ICT staat. Voeg alleen toe als elk teken klopt.</translation>
    </message>
    <message>
        <source>It matches: add</source>
        <translation>Het klopt: toevoegen</translation>
    </message>
</context>
<context>
    <name>AddHouseholdDialog</name>
    <message>
        <source>New household</source>
        <translation>Nieuw huishouden</translation>
    </message>
    <message>
        <source>e.g. fam. Jansen</source>
        <translation>bijv. fam. Jansen</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Huishouden</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straat</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Huisnummer</translation>
    </message>
    <message>
        <source>Addition</source>
        <translation>Toevoeging</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>Wijk</source>
        <translation>Wijk</translation>
    </message>
    <message>
        <source>VHE code</source>
        <translation>VHE-code</translation>
    </message>
    <message>
        <source>First resident</source>
        <translation>Eerste bewoner</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Record an agreement</source>
        <translation>Afspraak vastleggen</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Huishouden</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>Never write a BSN.</source>
        <translation>Schrijf nooit een BSN.</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>Uiterlijk</translation>
    </message>
    <message>
        <source>Write down what was agreed.</source>
        <translation>Schrijf op wat is afgesproken.</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>The audit log is in order: {events} events, the chain is intact.</source>
        <translation>Het logboek is in orde: {events} gebeurtenissen, de keten is heel.</translation>
    </message>
    <message>
        <source>The audit log was changed: the chain is broken at event {seq} (an event is missing).</source>
        <translation>Het logboek is gewijzigd: de keten is verbroken bij gebeurtenis {seq} (een gebeurtenis ontbreekt).</translation>
    </message>
    <message>
        <source>The audit log was changed: the chain is broken at event {seq} (the link to the previous one does not match).</source>
        <translation>Het logboek is gewijzigd: de keten is verbroken bij gebeurtenis {seq} (verwijzing naar de vorige klopt niet).</translation>
    </message>
    <message>
        <source>The audit log was changed: the chain is broken at event {seq} (content changed).</source>
        <translation>Het logboek is gewijzigd: de keten is verbroken bij gebeurtenis {seq} (inhoud gewijzigd).</translation>
    </message>
    <message>
        <source>The audit log was changed: the signed checkpoint at event {seq} (where older events were replaced at the end of the audit term) does not verify.</source>
        <translation>Het logboek is gewijzigd: het ondertekende controlepunt bij gebeurtenis {seq} (waar oudere gebeurtenissen na de bewaartermijn zijn vervangen) klopt niet.</translation>
    </message>
    <message>
        <source>The audit log still contains the witnessed state (event {seq}) unchanged; {added} events were added since. The chain is intact.</source>
        <translation>Het logboek bevat de vastgelegde stand (gebeurtenis {seq}) ongewijzigd; sindsdien zijn er {added} gebeurtenissen bijgekomen. De keten is heel.</translation>
    </message>
    <message>
        <source>The audit log was rewritten: event {first} to {last} of the witnessed state are missing.</source>
        <translation>Het logboek is herschreven: gebeurtenis {first} t/m {last} van de vastgelegde stand ontbreken.</translation>
    </message>
    <message>
        <source>The audit log was rewritten: event {first} is no longer what was witnessed (changed or replaced).</source>
        <translation>Het logboek is herschreven: gebeurtenis {first} is niet meer zoals vastgelegd (gewijzigd of vervangen).</translation>
    </message>
    <message>
        <source>The audit log was rewritten or rolled back: it ends at event {events}, but event {seq} was witnessed.</source>
        <translation>Het logboek is herschreven of teruggezet: het eindigt bij gebeurtenis {events}, maar gebeurtenis {seq} is vastgelegd.</translation>
    </message>
    <message>
        <source>The audit log was rewritten: event {seq} no longer has the witnessed hash, so an event at or before {seq} was deleted or changed.</source>
        <translation>Het logboek is herschreven: gebeurtenis {seq} heeft niet meer de vastgelegde hash, dus een gebeurtenis op of vóór {seq} is verwijderd of gewijzigd.</translation>
    </message>
    <message>
        <source>The witnessed state (event {seq}) is older than the audit term: those events were replaced by a signed checkpoint, which verifies. The chain is intact.</source>
        <translation>De vastgelegde stand (gebeurtenis {seq}) is ouder dan de bewaartermijn van het logboek: die gebeurtenissen zijn vervangen door een ondertekend controlepunt, en dat klopt. De keten is heel.</translation>
    </message>
    <message>
        <source>The audit log was rewritten: event {seq} was witnessed after the cut-off of the signed checkpoint that now replaces it, so that checkpoint hides events that were not yet past the audit term.</source>
        <translation>Het logboek is herschreven: gebeurtenis {seq} is vastgelegd na de grensdatum van het ondertekende controlepunt dat haar nu vervangt. Dat controlepunt verbergt dus gebeurtenissen die nog niet ouder waren dan de bewaartermijn.</translation>
    </message>
    <message>
        <source>The witnessed event {seq} is no longer in the audit log: restoring a backup (event {restore}) rolled back events {first} to {last}.</source>
        <translation>De vastgelegde gebeurtenis {seq} staat niet meer in het logboek: het terugzetten van een back-up (gebeurtenis {restore}) heeft gebeurtenis {first} t/m {last} teruggedraaid.</translation>
    </message>
</context>
<context>
    <name>BackupReminder</name>
    <message>
        <source>Backup reminder</source>
        <translation>Herinnering back-up</translation>
    </message>
    <message>
        <source>Open Privacy › Backup</source>
        <translation>Privacy › Back-up openen</translation>
    </message>
    <message>
        <source>There is no backup of this vault yet. Make one now.</source>
        <translation>Er is nog geen back-up van deze kluis. Maak er nu een.</translation>
    </message>
    <message>
        <source>The last backup is from {date} ({n} days ago). Make a new backup.</source>
        <translation>De laatste back-up is van {date} ({n} dagen geleden). Maak een nieuwe back-up.</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>suppressed</source>
        <translation>onderdrukt</translation>
    </message>
</context>
<context>
    <name>BundlesPage</name>
    <message>
        <source>Opened on</source>
        <translation>Geopend op</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>View cover sheet</source>
        <translation>Voorblad bekijken</translation>
    </message>
    <message>
        <source>View agenda</source>
        <translation>Agenda bekijken</translation>
    </message>
    <message>
        <source>referrals</source>
        <translation>casus</translation>
    </message>
    <message>
        <source>figures</source>
        <translation>overzicht</translation>
    </message>
    <message>
        <source>case conference agenda</source>
        <translation>agenda casusoverleg</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Cover sheet</source>
        <translation>Voorblad</translation>
    </message>
</context>
<context>
    <name>BuurtView</name>
    <message>
        <source>Neighbourhood</source>
        <translation>Buurt</translation>
    </message>
    <message>
        <source>Complex</source>
        <translation>Complex</translation>
    </message>
    <message>
        <source>Record an event…</source>
        <translation>Gebeurtenis vastleggen…</translation>
    </message>
    <message>
        <source>No complexes yet: events, Connect residents and the households of a complex need one. Complexes come with the addresses you import (Households › Import addresses…). The case conference works without.</source>
        <translation>Nog geen complexen. Gebeurtenissen, Verbinden en de huishoudens van een complex hebben er een nodig. Complexen komen mee met de adressen die je inleest (Huishoudens › Adressen inlezen…). Het casusoverleg werkt ook zonder complex.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Partners</translation>
    </message>
    <message>
        <source>Complex signals</source>
        <translation>Buurtsignalen</translation>
    </message>
    <message>
        <source>No events recorded for this complex yet.</source>
        <translation>Nog geen gebeurtenissen vastgelegd voor dit complex.</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Gebeurtenissen</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Biedt aan</translation>
    </message>
    <message>
        <source>Would like</source>
        <translation>Zou graag willen</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Waar</translation>
    </message>
    <message>
        <source>No suggestions: no offer and wish of the same kind near each other.</source>
        <translation>Geen voorstellen: er is geen aanbod en wens van dezelfde soort dicht bij elkaar.</translation>
    </message>
    <message>
        <source>Connect residents</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Record an introduction…</source>
        <translation>Kennismaking vastleggen…</translation>
    </message>
    <message>
        <source>Residents who gave consent, with an offer and a wish of the same kind.</source>
        <translation>Bewoners die toestemming gaven, met een aanbod en een wens van dezelfde soort.</translation>
    </message>
    <message>
        <source>Introduced</source>
        <translation>Kennis gemaakt</translation>
    </message>
    <message>
        <source>How it went</source>
        <translation>Hoe het ging</translation>
    </message>
    <message>
        <source>Ask again</source>
        <translation>Navragen op</translation>
    </message>
    <message>
        <source>No introductions recorded here yet.</source>
        <translation>Hier zijn nog geen kennismakingen vastgelegd.</translation>
    </message>
    <message>
        <source>Introductions</source>
        <translation>Kennismakingen</translation>
    </message>
    <message>
        <source>Record how it went…</source>
        <translation>Vastleggen hoe het ging…</translation>
    </message>
    <message>
        <source>Introductions made</source>
        <translation>Kennismakingen</translation>
    </message>
    <message>
        <source>Case conference</source>
        <translation>Casusoverleg</translation>
    </message>
    <message>
        <source>Open actions</source>
        <translation>Open acties</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>Uiterlijk</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>No open actions.</source>
        <translation>Geen open acties.</translation>
    </message>
    <message>
        <source>Tick off action</source>
        <translation>Actie afvinken</translation>
    </message>
    <message>
        <source>Households here</source>
        <translation>Huishoudens in dit complex</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Zorgniveau</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Huishouden</translation>
    </message>
    <message>
        <source>No open households at this complex.</source>
        <translation>Geen open huishoudens in dit complex.</translation>
    </message>
    <message>
        <source>same complex</source>
        <translation>zelfde complex</translation>
    </message>
    <message>
        <source>same street</source>
        <translation>zelfde straat</translation>
    </message>
    <message>
        <source>{name} (my complex)</source>
        <translation>{name} (mijn complex)</translation>
    </message>
    <message>
        <source>Connect residents ({n})</source>
        <translation>Verbinden ({n})</translation>
    </message>
    <message>
        <source>Last 12 months: {events} events, {signals} complex signals.</source>
        <translation>Afgelopen 12 maanden: {events} gebeurtenissen, {signals} buurtsignalen.</translation>
    </message>
    <message>
        <source>Open actions: {n}.</source>
        <translation>Open acties: {n}.</translation>
    </message>
    <message>
        <source>Open households: {n}</source>
        <translation>Open huishoudens: {n}</translation>
    </message>
</context>
<context>
    <name>Changes</name>
    <message>
        <source>This is the first bundle to this partner.</source>
        <translation>Dit is de eerste bundel aan deze partner.</translation>
    </message>
    <message>
        <source>Since bundle {sequence} of {date}:</source>
        <translation>Sinds bundel {sequence} van {date}:</translation>
    </message>
    <message>
        <source>{n} erasure request(s): please delete what you received about them first.</source>
        <translation>{n} verwijderverzoek(en): wis eerst wat u over deze huishoudens hebt gekregen.</translation>
    </message>
    <message>
        <source>{households} new household(s), {referrals} new referral(s).</source>
        <translation>{households} nieuw(e) huishouden(s), {referrals} nieuwe doorverwijzing(en).</translation>
    </message>
    <message>
        <source>{n} referral(s) closed or cancelled.</source>
        <translation>{n} doorverwijzing(en) afgerond of geannuleerd.</translation>
    </message>
    <message>
        <source>{n} referral(s) moved to another stage.</source>
        <translation>{n} doorverwijzing(en) in een andere fase.</translation>
    </message>
    <message>
        <source>{n} referral(s) no longer in this bundle: they may no longer be shared with you.</source>
        <translation>{n} doorverwijzing(en) niet meer in deze bundel: die mogen niet meer met u gedeeld worden.</translation>
    </message>
    <message>
        <source>{n} household(s) with an erasure request are in this bundle again, with new consent: erase only the references in the erasure request.</source>
        <translation>{n} huishouden(s) met een verwijderverzoek staan opnieuw in deze bundel, met nieuwe toestemming: wis alleen de kenmerken uit het verwijderverzoek.</translation>
    </message>
    <message>
        <source>{n} household(s) no longer in this bundle.</source>
        <translation>{n} huishouden(s) niet meer in deze bundel.</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>Er is niets veranderd.</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>Loading…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Opslaan als PNG…</translation>
    </message>
    <message>
        <source>Save numbers as CSV…</source>
        <translation>Cijfers opslaan als CSV…</translation>
    </message>
    <message>
        <source>Nothing to show for this selection.</source>
        <translation>Niets te tonen voor deze selectie.</translation>
    </message>
    <message>
        <source>This chart could not be loaded.</source>
        <translation>Deze grafiek kon niet worden geladen.</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>Grafiek opslaan als PNG</translation>
    </message>
    <message>
        <source>Save numbers as CSV</source>
        <translation>Cijfers opslaan als CSV</translation>
    </message>
    <message>
        <source>The file could not be saved. Choose another folder.</source>
        <translation>Het bestand kon niet worden opgeslagen. Kies een andere map.</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Updating the vault for this version; with many households this takes a minute or two.</source>
        <translation>De kluis wordt bijgewerkt voor deze versie; met veel huishoudens duurt dat een minuut of twee.</translation>
    </message>
    <message>
        <source>Bundle {bundle_id} from {organisation} for {partner}: period {period}, profile {profile}, sequence number {sequence}.</source>
        <translation>Bundel {bundle_id} van {organisation} voor {partner}: periode {period}, profiel {profile}, volgnummer {sequence}.</translation>
    </message>
    <message>
        <source>Counts: {counts}</source>
        <translation>Aantallen: {counts}</translation>
    </message>
    <message>
        <source>Left out: {exclusions}</source>
        <translation>Niet opgenomen: {exclusions}</translation>
    </message>
    <message>
        <source>Keys saved in {path} (age key) and {signing} (signing key for feedback). Give the two lines above to the housing corporation and read the signing key ID aloud to them by phone: {fingerprint}. Share the key files themselves with nobody.</source>
        <translation>Sleutels opgeslagen in {path} (age-sleutel) en {signing} (ondertekeningssleutel voor terugkoppeling). Geef de twee regels hierboven aan de woningcorporatie en lees de sleutel-id van de ondertekeningssleutel per telefoon voor: {fingerprint}. Deel de sleutelbestanden zelf met niemand.</translation>
    </message>
    <message>
        <source>Feedback on {count} referrals written to {path} (answers bundle {bundle}; signed with key ID {fingerprint}). Send this file to {organisation}.</source>
        <translation>Terugkoppeling op {count} verwijzingen opgeslagen in {path} (antwoord op bundel {bundle}; ondertekend met sleutel-id {fingerprint}). Stuur dit bestand naar {organisation}.</translation>
    </message>
    <message>
        <source>{kenmerk}: {status} on {day}</source>
        <translation>{kenmerk}: {status} op {day}</translation>
    </message>
    <message>
        <source>signed by {organisation} (key ID {fingerprint})</source>
        <translation>ondertekend door {organisation} (sleutel-id {fingerprint})</translation>
    </message>
    <message>
        <source>The bundle is genuine ({signed_by}), complete and meant for you.</source>
        <translation>De bundel is echt ({signed_by}), compleet en voor jou bestemd.</translation>
    </message>
    <message>
        <source>Genuine and complete ({signed_by}); unpacked in {folder}.</source>
        <translation>Echt en compleet ({signed_by}); uitgepakt in {folder}.</translation>
    </message>
    <message>
        <source>Organisation: {organisation}</source>
        <translation>Organisatie: {organisation}</translation>
    </message>
    <message>
        <source>Key ID:       {fingerprint}</source>
        <translation>Sleutel-id:  {fingerprint}</translation>
    </message>
    <message>
        <source>Call the sender (on a number you look up yourself, not one from an e-mail) and have them read out the key ID.</source>
        <translation>Bel de afzender (een nummer dat je zelf opzoekt, niet uit een e-mail) en laat de sleutel-id voorlezen.</translation>
    </message>
    <message>
        <source>Does the key ID match what the sender reads out? (yes/no)</source>
        <translation>Komt de sleutel-id overeen met wat de afzender noemt? (ja/nee)</translation>
    </message>
    <message>
        <source>Key of {organisation} trusted (key ID {fingerprint}). From now on, bundles from {organisation} are opened only with this key.</source>
        <translation>Sleutel van {organisation} vertrouwd (sleutel-id {fingerprint}). Bundels van {organisation} worden voortaan alleen met deze sleutel geopend.</translation>
    </message>
    <message>
        <source>This key of {organisation} (key ID {fingerprint}) was already trusted.</source>
        <translation>Deze sleutel van {organisation} (sleutel-id {fingerprint}) werd al vertrouwd.</translation>
    </message>
    <message>
        <source>Handover read in: {added} added, {updated} updated.</source>
        <translation>Overdracht ingelezen: {added} toegevoegd, {updated} bijgewerkt.</translation>
    </message>
    <message>
        <source>Handover from {colleague}:</source>
        <translation>Overdracht van {colleague}:</translation>
    </message>
    <message>
        <source>partner {name} ({type}): new in this vault as &apos;{local_name}&apos;, without recipients and without a schedule</source>
        <translation>partner {name} ({type}): nieuw in deze kluis als &apos;{local_name}&apos;, zonder sleutel en zonder schema</translation>
    </message>
    <message>
        <source>partner {name} ({type}): linked to the partner in this vault</source>
        <translation>partner {name} ({type}): gekoppeld aan de partner in deze kluis</translation>
    </message>
    <message>
        <source>conflict {table} {id}: changed here and by the colleague ({fields})</source>
        <translation>conflict {table} {id}: hier en door de collega gewijzigd ({fields})</translation>
    </message>
    <message>
        <source>conflict {table} {id}: changed here and by the colleague ({fields}); kept your own version</source>
        <translation>conflict {table} {id}: hier en door de collega gewijzigd ({fields}); eigen versie gehouden</translation>
    </message>
    <message>
        <source>conflict {table} {id}: changed here and by the colleague ({fields}); took the colleague&apos;s version</source>
        <translation>conflict {table} {id}: hier en door de collega gewijzigd ({fields}); versie van de collega genomen</translation>
    </message>
    <message>
        <source>{count} erased items not brought back (retention period or withdrawal)</source>
        <translation>{count} gewiste gegevens niet teruggebracht (bewaartermijn of intrekking)</translation>
    </message>
    <message>
        <source>Nothing was read in: decide the conflicts with --keep-mine or --take-theirs.</source>
        <translation>Er is niets ingelezen: kies bij de conflicten met --keep-mine of --take-theirs.</translation>
    </message>
    <message>
        <source>Nothing was read in: check the partners above and confirm with --confirm-partners.</source>
        <translation>Er is niets ingelezen: controleer de partners hierboven en bevestig met --confirm-partners.</translation>
    </message>
    <message>
        <source>Nothing was read in: decide the conflicts with --keep-mine or --take-theirs; check the partners above and confirm with --confirm-partners.</source>
        <translation>Er is niets ingelezen: kies bij de conflicten met --keep-mine of --take-theirs; controleer de partners hierboven en bevestig met --confirm-partners.</translation>
    </message>
    <message>
        <source>note {table} {id}: {note}</source>
        <translation>let op {table} {id}: {note}</translation>
    </message>
    <message>
        <source>There was nothing new: the vault was not changed.</source>
        <translation>Er was niets nieuws: de kluis is niet gewijzigd.</translation>
    </message>
    <message>
        <source>The sender&apos;s audit log: event {seq} (head {head}).</source>
        <translation>Logboek van de afzender: gebeurtenis {seq} (kop {head}).</translation>
    </message>
    <message>
        <source>No bundles with an audit head opened yet.</source>
        <translation>Nog geen bundels met een auditkop geopend.</translation>
    </message>
    <message>
        <source>Sender {key_id}:</source>
        <translation>Afzender {key_id}:</translation>
    </message>
    <message>
        <source>{created}  bundle {bundle}  {head}</source>
        <translation>{created}  bundel {bundle}  {head}</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nieuw wachtwoord</translation>
    </message>
    <message>
        <source>New passphrase (once more)</source>
        <translation>Nieuw wachtwoord (nog een keer)</translation>
    </message>
    <message>
        <source>see &apos;{command} --help&apos;</source>
        <translation>zie &apos;{command} --help&apos;</translation>
    </message>
    <message>
        <source>Consent for {reference} ({partner}) withdrawn on {date}. Exports and letters to this partner now skip this household.</source>
        <translation>Toestemming voor {reference} ({partner}) ingetrokken op {date}. Exports en brieven aan deze partner slaan dit huishouden nu over.</translation>
    </message>
    <message>
        <source>No data shared with partners yet.</source>
        <translation>Nog geen gegevens gedeeld met partners.</translation>
    </message>
    <message>
        <source>(consent withdrawn)</source>
        <translation>(toestemming ingetrokken)</translation>
    </message>
    <message>
        <source>bundles on: {days}</source>
        <translation>bundels op: {days}</translation>
    </message>
    <message>
        <source>demo: {done}/{total} households</source>
        <translation>demo: {done}/{total} huishoudens</translation>
    </message>
    <message>
        <source>Bundle {sequence} for {partner} ({profile}, {period}): {counts}.</source>
        <translation>Bundel {sequence} voor {partner} ({profile}, {period}): {counts}.</translation>
    </message>
    <message>
        <source>Left out (no legal basis for this partner): {exclusions}</source>
        <translation>Niet opgenomen (zonder grondslag voor deze partner): {exclusions}</translation>
    </message>
    <message>
        <source>(no age recipient yet)</source>
        <translation>(nog geen sleutel van de partner)</translation>
    </message>
    <message>
        <source>{partner}: skipped, no age recipient yet.</source>
        <translation>{partner}: overgeslagen, nog geen sleutel van de partner.</translation>
    </message>
    <message>
        <source>{partner}: not exported. {reason}</source>
        <translation>{partner}: niet geëxporteerd. {reason}</translation>
    </message>
    <message>
        <source>No exports are due.</source>
        <translation>Er zijn geen exports aan de beurt.</translation>
    </message>
    <message>
        <source>No households yet. Add one with &apos;waakvlam household add&apos;.</source>
        <translation>Nog geen huishoudens. Voeg er een toe met &apos;waakvlam household add&apos;.</translation>
    </message>
    <message>
        <source>Concern level: {level}; next visit by {date}</source>
        <translation>Zorgniveau: {level}; volgend bezoek uiterlijk {date}</translation>
    </message>
    <message>
        <source>Residents: {names}</source>
        <translation>Bewoners: {names}</translation>
    </message>
    <message>
        <source>severity {severity}</source>
        <translation>ernst {severity}</translation>
    </message>
    <message>
        <source>Case closed; the retention period is running. First review: {date}.</source>
        <translation>Dossier gesloten; de bewaartermijn loopt. Eerste herbeoordeling: {date}.</translation>
    </message>
    <message>
        <source>Case reopened.</source>
        <translation>Dossier heropend.</translation>
    </message>
    <message>
        <source>{rows} assignments read; {added} new.</source>
        <translation>{rows} toewijzingen gelezen; {added} nieuw.</translation>
    </message>
    <message>
        <source>{rows} assignments checked; {added} would be new (nothing saved).</source>
        <translation>{rows} toewijzingen gecontroleerd; {added} zouden nieuw zijn (niets opgeslagen).</translation>
    </message>
    <message>
        <source>error</source>
        <translation>fout</translation>
    </message>
    <message>
        <source>note</source>
        <translation>let op</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>regel {line}</translation>
    </message>
    <message>
        <source>line {line}, column &apos;{column}&apos;</source>
        <translation>regel {line}, kolom &apos;{column}&apos;</translation>
    </message>
    <message>
        <source>… and {hidden} more messages (see --errors-out).</source>
        <translation>… en nog {hidden} meldingen (zie --errors-out).</translation>
    </message>
    <message>
        <source>Check the report before you give it to the resident.</source>
        <translation>Controleer het overzicht voordat u het aan de bewoner geeft.</translation>
    </message>
    <message>
        <source>Referral letter {reference} saved in {path}.</source>
        <translation>Verwijsbrief {reference} opgeslagen in {path}.</translation>
    </message>
    <message>
        <source>Consent form {reference} saved in {path}.</source>
        <translation>Toestemmingsformulier {reference} opgeslagen in {path}.</translation>
    </message>
    <message>
        <source>Letter to the resident {reference} saved in {path}.</source>
        <translation>Bewonersbrief {reference} opgeslagen in {path}.</translation>
    </message>
    <message>
        <source>stopped; nothing was changed.</source>
        <translation>afgebroken; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>saving failed: the disk is full or unreachable.</source>
        <translation>opslaan is mislukt: de schijf is vol of niet bereikbaar.</translation>
    </message>
    <message>
        <source>unexpected error ({kind}); nothing was changed. Set WAAKVLAM_DEBUG=1 for details.</source>
        <translation>onverwachte fout ({kind}); er is niets gewijzigd. Zet WAAKVLAM_DEBUG=1 voor details.</translation>
    </message>
    <message>
        <source>unexpected error ({kind}); nothing was changed. Error report (without personal data): {report}. Set WAAKVLAM_DEBUG=1 for details.</source>
        <translation>onverwachte fout ({kind}); er is niets gewijzigd. Foutrapport (zonder persoonsgegevens): {report}. Zet WAAKVLAM_DEBUG=1 voor details.</translation>
    </message>
    <message>
        <source>Public key written to {path}.</source>
        <translation>Publieke sleutel geschreven naar {path}.</translation>
    </message>
    <message>
        <source>Organisation saved: {name}, {address}.</source>
        <translation>Organisatie opgeslagen: {name}, {address}.</translation>
    </message>
    <message>
        <source>The organisation can recover this vault (recovery key {key_id}): if you are suddenly away, ICT can open a backup with the shares of that key, which several people hold, so your residents keep their care. Every recovery is logged and you get a notice.</source>
        <translation>De organisatie kan deze kluis herstellen (herstelsleutel {key_id}): bent u plotseling weg, dan kan ICT een back-up openen met de delen van die sleutel, die bij verschillende mensen liggen. Zo houden uw bewoners hun zorg. Elk herstel komt in het logboek en u krijgt er een melding van.</translation>
    </message>
    <message>
        <source>The organisation cannot recover this vault: only your passphrase opens it and its backups.</source>
        <translation>De organisatie kan deze kluis niet herstellen: alleen uw wachtwoord opent de kluis en de back-ups.</translation>
    </message>
    <message>
        <source>Team folder: {folder} (keeps {keep} backups; last backup there: {last}).</source>
        <translation>Teammap: {folder} (bewaart {keep} back-ups; laatste back-up daar: {last}).</translation>
    </message>
    <message>
        <source>No team folder set: backups are made only by hand.</source>
        <translation>Geen teammap ingesteld: back-ups worden alleen met de hand gemaakt.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <source>no postal address yet</source>
        <translation>nog geen postadres</translation>
    </message>
    <message>
        <source>{n} CSV files written in {folder}.</source>
        <translation>{n} CSV-bestanden geschreven in {folder}.</translation>
    </message>
    <message>
        <source>Overview as of {date:%d-%m-%Y}</source>
        <translation>Overzicht per {date:%d-%m-%Y}</translation>
    </message>
    <message>
        <source>Overview as of {date:%d-%m-%Y} ({scope})</source>
        <translation>Overzicht per {date:%d-%m-%Y} ({scope})</translation>
    </message>
    <message>
        <source>Referral {reference} recorded (status: concept).</source>
        <translation>Doorverwijzing {reference} vastgelegd (status: concept).</translation>
    </message>
    <message>
        <source>No referrals waiting for feedback.</source>
        <translation>Geen doorverwijzingen die wachten op terugkoppeling.</translation>
    </message>
    <message>
        <source>{days} days late</source>
        <translation>{days} dagen te laat</translation>
    </message>
    <message>
        <source>No referrals yet. Make one with &apos;waakvlam referral add&apos;.</source>
        <translation>Nog geen doorverwijzingen. Maak er een met &apos;waakvlam referral add&apos;.</translation>
    </message>
    <message>
        <source>Nothing to remove: no retention period has passed.</source>
        <translation>Niets te verwijderen: geen bewaartermijn verstreken.</translation>
    </message>
    <message>
        <source>name and address (anonymise)</source>
        <translation>naam en adres (anonimiseren)</translation>
    </message>
    <message>
        <source>{household}  {reason:&lt;9} since {since}  expired {due}  {label}: {what}</source>
        <translation>{household}  {reason:&lt;9} sinds {since}  verlopen {due}  {label}: {what}</translation>
    </message>
    <message>
        <source>Dry run: {n} households would be purged.</source>
        <translation>Proefrun: {n} huishoudens zouden worden opgeschoond.</translation>
    </message>
    <message>
        <source>Purged: {n} households, of which {anonymised} anonymised.</source>
        <translation>Opgeschoond: {n} huishoudens, waarvan {anonymised} geanonimiseerd.</translation>
    </message>
    <message>
        <source>The database has been rebuilt: removed text is no longer in the file.</source>
        <translation>De database is opnieuw opgebouwd: verwijderde tekst staat niet meer in het bestand.</translation>
    </message>
    <message>
        <source>The file could not be cleaned up yet because the vault is in use; close the app and run &apos;waakvlam retention run&apos; again.</source>
        <translation>Het bestand kon nog niet worden opgeschoond omdat de kluis in gebruik is; sluit de app en voer &apos;waakvlam retention run&apos; opnieuw uit.</translation>
    </message>
    <message>
        <source>Audit log: {n} events older than its retention period replaced by a signed checkpoint (up to event {seq}).</source>
        <translation>Logboek: {n} gebeurtenissen ouder dan de bewaartermijn vervangen door een ondertekend controlepunt (tot en met gebeurtenis {seq}).</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>Niets gevonden.</translation>
    </message>
    <message>
        <source>Passphrase of the backup</source>
        <translation>Wachtwoord van de back-up</translation>
    </message>
    <message>
        <source>Choose a passphrase (at least 12 characters)</source>
        <translation>Kies een wachtwoord (minstens 12 tekens)</translation>
    </message>
    <message>
        <source>Passphrase (once more)</source>
        <translation>Wachtwoord (nog een keer)</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Huidig wachtwoord</translation>
    </message>
    <message>
        <source>Key remembered on this computer.</source>
        <translation>Sleutel onthouden op deze computer.</translation>
    </message>
    <message>
        <source>The key is no longer remembered on this computer.</source>
        <translation>De sleutel is niet meer onthouden op deze computer.</translation>
    </message>
    <message>
        <source>No secure keyring on this computer: the passphrase is still needed.</source>
        <translation>Geen veilige sleutelbos op deze computer: het wachtwoord blijft nodig.</translation>
    </message>
    <message>
        <source>Vault created in {folder}.</source>
        <translation>Kluis aangemaakt in {folder}.</translation>
    </message>
    <message>
        <source>The vault opens and is in order.</source>
        <translation>De kluis opent en is in orde.</translation>
    </message>
    <message>
        <source>Passphrase changed.</source>
        <translation>Wachtwoord gewijzigd.</translation>
    </message>
    <message>
        <source>The passphrase had already been changed.</source>
        <translation>Het wachtwoord was al gewijzigd.</translation>
    </message>
    <message>
        <source>The vault has a new key.</source>
        <translation>De kluis heeft een nieuwe sleutel.</translation>
    </message>
    <message>
        <source>Backup made. The file is encrypted; keep the passphrase separately.</source>
        <translation>Back-up gemaakt. Het bestand is versleuteld; bewaar het wachtwoord apart.</translation>
    </message>
    <message>
        <source>Older backups removed from the team folder: {count}.</source>
        <translation>Oudere back-ups weggehaald uit de teammap: {count}.</translation>
    </message>
    <message>
        <source>The previous vault was kept in {path}.</source>
        <translation>De vorige kluis is bewaard in {path}.</translation>
    </message>
    <message>
        <source>Backup restored.</source>
        <translation>Back-up teruggezet.</translation>
    </message>
    <message>
        <source>Erased again (erased after the backup, on {date}): {entity} {id}, {what}.</source>
        <translation>Opnieuw gewist (na de back-up gewist op {date}): {entity} {id}, {what}.</translation>
    </message>
    <message>
        <source>Note: the replaced vault could not be read; what was erased there after the backup has not been erased again. Run &apos;waakvlam retention&apos; again.</source>
        <translation>Let op: de vervangen kluis kon niet worden gelezen; wat daarin na de back-up is gewist, is niet opnieuw gewist. Draai &apos;waakvlam retention&apos; opnieuw.</translation>
    </message>
    <message>
        <source>Concern level: {level}; next visit by {date}.</source>
        <translation>Zorgniveau: {level}; volgend bezoek uiterlijk {date}.</translation>
    </message>
    <message>
        <source>ACUTE — {label}: {guidance}</source>
        <translation>ACUUT — {label}: {guidance}</translation>
    </message>
    <message>
        <source>No --acute-response given: an action due today was added; it stays first in &apos;waakvlam today&apos; until it is ticked off.</source>
        <translation>Geen --acute-response opgegeven: er is een actie voor vandaag gemaakt; die blijft bovenaan in &apos;waakvlam today&apos; tot je hem afvinkt.</translation>
    </message>
    <message>
        <source>Note corrected. The note as it was is kept; the timeline shows &apos;corrected&apos;.</source>
        <translation>Notitie gecorrigeerd. De oude notitie blijft bewaard; de tijdlijn toont &apos;gecorrigeerd&apos;.</translation>
    </message>
    <message>
        <source>anchor of {when}</source>
        <translation>anker van {when}</translation>
    </message>
    <message>
        <source>backup of {when}</source>
        <translation>back-up van {when}</translation>
    </message>
    <message>
        <source>the head given</source>
        <translation>opgegeven kop</translation>
    </message>
    <message>
        <source>Anchor written to {path}: event {seq}.</source>
        <translation>Ankerpunt geschreven naar {path}: gebeurtenis {seq}.</translation>
    </message>
    <message>
        <source>Give this file to the privacy officer (or keep it off this computer); &apos;waakvlam audit verify --anchor FILE&apos; shows later whether the log still holds.</source>
        <translation>Geef dit bestand aan de privacyfunctionaris (of bewaar het buiten deze computer); &apos;waakvlam audit verify --anchor BESTAND&apos; toont later of het logboek nog klopt.</translation>
    </message>
    <message>
        <source>Colleague {name} added. Compare the key ID above by phone with {name} (they find it with &apos;waakvlam org public-key&apos;); if it does not match, remove the colleague again at once.</source>
        <translation>Collega {name} toegevoegd. Vergelijk de sleutel-id hierboven telefonisch met {name} (zij vinden hem met &apos;waakvlam org public-key&apos;); klopt hij niet, verwijder de collega dan meteen weer.</translation>
    </message>
    <message>
        <source>No colleagues have been added yet.</source>
        <translation>Er zijn nog geen collega&apos;s toegevoegd.</translation>
    </message>
    <message>
        <source>last read in {date}</source>
        <translation>laatst ingelezen {date}</translation>
    </message>
    <message>
        <source>Colleague {name} removed; handovers with key {fingerprint} are refused from now on.</source>
        <translation>Collega {name} verwijderd; overdrachten met sleutel {fingerprint} worden voortaan geweigerd.</translation>
    </message>
    <message>
        <source>Nothing to do first today.</source>
        <translation>Vandaag is er niets dat eerst moet.</translation>
    </message>
    <message>
        <source>No households yet. Start with &apos;waakvlam household add&apos; or &apos;waakvlam import addresses FILE.csv&apos;.</source>
        <translation>Nog geen huishoudens. Begin met &apos;waakvlam household add&apos; of &apos;waakvlam import addresses BESTAND.csv&apos;.</translation>
    </message>
    <message>
        <source>Waiting for {partner} (case conference): {action}, {due}</source>
        <translation>Wacht op {partner} (casusoverleg): {action}, {due}</translation>
    </message>
    <message>
        <source>Recorded with consent of {date}.</source>
        <translation>Vastgelegd met toestemming van {date}.</translation>
    </message>
    <message>
        <source>No suggestions: no offer and wish of the same kind nearby.</source>
        <translation>Geen suggesties: geen aanbod en wens van dezelfde soort in de buurt.</translation>
    </message>
    <message>
        <source>Introduction recorded; follow-up on {date}.</source>
        <translation>Kennismaking vastgelegd; navragen op {date}.</translation>
    </message>
    <message>
        <source>Recorded how it went; the follow-up is done.</source>
        <translation>Vastgelegd hoe het ging; het navragen is gedaan.</translation>
    </message>
    <message>
        <source>Recorded how it went; asking again on {date}.</source>
        <translation>Vastgelegd hoe het ging; opnieuw navragen op {date}.</translation>
    </message>
    <message>
        <source>Consent withdrawn: {count} offer(s) and wish(es) removed.</source>
        <translation>Toestemming ingetrokken: {count} aanbod/wens(en) verwijderd.</translation>
    </message>
    <message>
        <source>Event recorded in {complex}: {signals} complex signal(s), {actions} action(s).</source>
        <translation>Gebeurtenis vastgelegd in {complex}: {signals} buurtsignaal/-signalen, {actions} actie(s).</translation>
    </message>
    <message>
        <source>No events recorded for this complex yet.</source>
        <translation>Nog geen gebeurtenissen vastgelegd voor dit complex.</translation>
    </message>
    <message>
        <source>Open actions:</source>
        <translation>Open acties:</translation>
    </message>
    <message>
        <source>Households:</source>
        <translation>Huishoudens:</translation>
    </message>
    <message>
        <source>Action closed ({status}).</source>
        <translation>Actie gesloten ({status}).</translation>
    </message>
    <message>
        <source>Feedback from {partner} read in ({count} referrals; signed with key ID {fingerprint}).</source>
        <translation>Terugkoppeling van {partner} ingelezen ({count} verwijzingen; ondertekend met sleutel-id {fingerprint}).</translation>
    </message>
    <message>
        <source>{kenmerk}: {feedback} on {day}; status {before} → {after}</source>
        <translation>{kenmerk}: {feedback} op {day}; status {before} → {after}</translation>
    </message>
    <message>
        <source>{kenmerk}: {feedback} on {day}; status stays {status}</source>
        <translation>{kenmerk}: {feedback} op {day}; status blijft {status}</translation>
    </message>
    <message>
        <source>to complete: {missing}</source>
        <translation>nog aanvullen: {missing}</translation>
    </message>
    <message>
        <source>Signing key of {partner} pinned (key ID {fingerprint}): feedback replies from {partner} are read in only with this key.</source>
        <translation>Ondertekeningssleutel van {partner} vastgelegd (sleutel-id {fingerprint}): terugkoppeling van {partner} wordt alleen met deze sleutel ingelezen.</translation>
    </message>
    <message>
        <source>Recovery key {key_id} made: {shares} shares, any {threshold} of them open a vault. Print each share, give each to a different person, then delete the share files. Set {public_file} on each vault with &apos;waakvlam org set --recovery-recipient&apos;.</source>
        <translation>Herstelsleutel {key_id} gemaakt: {shares} delen, elke {threshold} ervan openen een kluis. Druk elk deel af, geef elk deel aan een andere persoon en verwijder daarna de bestanden van de delen. Zet {public_file} op elke kluis met &apos;waakvlam org set --recovery-recipient&apos;.</translation>
    </message>
    <message>
        <source>Vault recovered in {folder} with a new passphrase; the recovery is in its audit log. Notice for the colleague: {notice}.</source>
        <translation>Kluis hersteld in {folder} met een nieuw wachtwoord; het herstel staat in het logboek. Melding voor de collega: {notice}.</translation>
    </message>
    <message>
        <source>Words of share {number} (on one line)</source>
        <translation>Woorden van deel {number} (op één regel)</translation>
    </message>
    <message>
        <source>Meeting planned on {date}; {count} household(s) carried over.</source>
        <translation>Overleg gepland op {date}; {count} huishouden(s) doorgeschoven.</translation>
    </message>
    <message>
        <source>On the agenda of {count} meeting(s).</source>
        <translation>Op de agenda van {count} overleg(gen).</translation>
    </message>
    <message>
        <source>Agreement recorded.</source>
        <translation>Afspraak vastgelegd.</translation>
    </message>
    <message>
        <source>Decision recorded.</source>
        <translation>Besluit vastgelegd.</translation>
    </message>
    <message>
        <source>Marked solved; off {count} later agenda(s).</source>
        <translation>Als opgelost gemarkeerd; van {count} latere agenda(’s) gehaald.</translation>
    </message>
    <message>
        <source>Agreement done.</source>
        <translation>Afspraak afgevinkt.</translation>
    </message>
    <message>
        <source>{what} for {partner} saved in {path}.</source>
        <translation>{what} voor {partner} opgeslagen in {path}.</translation>
    </message>
    <message>
        <source>Agenda for {partner} encrypted in {path}: {households} household(s) on it, {left_out} not shown.</source>
        <translation>Agenda voor {partner} versleuteld in {path}: {households} huishouden(s) erop, {left_out} niet zichtbaar.</translation>
    </message>
    <message>
        <source>No meetings yet.</source>
        <translation>Nog geen overleggen.</translation>
    </message>
    <message>
        <source>{date} {place}: {partners}; {households} household(s), {solved} solved, {open} open agreement(s)</source>
        <translation>{date} {place}: {partners}; {households} huishouden(s), {solved} opgelost, {open} open afspraak/afspraken</translation>
    </message>
</context>
<context>
    <name>ColleaguesDialog</name>
    <message>
        <source>Colleagues</source>
        <translation>Collega&apos;s</translation>
    </message>
    <message>
        <source>A handover is only read in from a colleague listed here. Add a colleague with the key file they give you, and compare the key id by phone.</source>
        <translation>Een overdracht wordt alleen ingelezen van een collega die hier staat. Voeg een collega toe met het sleutelbestand dat je van hem of haar krijgt, en vergelijk de sleutel-id telefonisch.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>For ICT: key id {key_id}</source>
        <translation>Voor ICT: sleutel-id {key_id}</translation>
    </message>
    <message>
        <source>Last handover</source>
        <translation>Laatste overdracht</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Toevoegen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>{name} was added.</source>
        <translation>{name} is toegevoegd.</translation>
    </message>
    <message>
        <source>Choose a colleague first.</source>
        <translation>Kies eerst een collega.</translation>
    </message>
    <message>
        <source>{name} was removed; their handovers are refused from now on.</source>
        <translation>{name} is verwijderd; overdrachten van deze collega worden voortaan geweigerd.</translation>
    </message>
</context>
<context>
    <name>ComplexesDialog</name>
    <message>
        <source>Complexes of {name}</source>
        <translation>Complexen van {name}</translation>
    </message>
    <message>
        <source>Today shows only the households in these complexes when “Only my complexes” is on.</source>
        <translation>Vandaag toont alleen de huishoudens in deze complexen als “Alleen mijn complexen” aan staat.</translation>
    </message>
    <message>
        <source>Complexes</source>
        <translation>Complexen</translation>
    </message>
    <message>
        <source>No complexes yet: they come in with the addresses.</source>
        <translation>Nog geen complexen: die komen mee met de adressen.</translation>
    </message>
</context>
<context>
    <name>CorrectNoteDialog</name>
    <message>
        <source>Correct the note</source>
        <translation>Notitie corrigeren</translation>
    </message>
    <message>
        <source>Correct what was written wrongly. The note as it was is kept, and the timeline shows “corrected”.</source>
        <translation>Verbeter wat verkeerd is opgeschreven. De notitie zoals die was blijft bewaard, en de tijdlijn toont “gecorrigeerd”.</translation>
    </message>
    <message>
        <source>Corrected note</source>
        <translation>Verbeterde notitie</translation>
    </message>
    <message>
        <source>This is not a BSN: save anyway</source>
        <translation>Dit is geen BSN: toch opslaan</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong. Nothing was lost; try again. If it keeps happening, report it to your application manager.</source>
        <translation>Er ging iets mis. Er is niets verloren gegaan; probeer het opnieuw. Blijft het gebeuren, meld het dan bij je applicatiebeheerder.</translation>
    </message>
    <message>
        <source>Error report (without personal data): {path}</source>
        <translation>Foutrapport (zonder persoonsgegevens): {path}</translation>
    </message>
</context>
<context>
    <name>ErasurePage</name>
    <message>
        <source>Here a corporation asks you to delete everything you hold about a household, for instance because the resident withdrew consent or the retention period ended. Delete it from your own files and systems too, then select the line and click Deleted: the app then deletes what it keeps itself.</source>
        <translation>Hier vraagt een corporatie je om alles te verwijderen wat je over een huishouden hebt, bijvoorbeeld omdat de bewoner de toestemming heeft ingetrokken of de bewaartermijn voorbij is. Verwijder het ook uit je eigen dossiers en systemen, kies dan de regel en klik op Verwijderd: de app wist dan wat zij zelf bewaart.</translation>
    </message>
    <message>
        <source>Requested on</source>
        <translation>Gevraagd op</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <source>References</source>
        <translation>Kenmerken</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Uitgevoerd</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Verwijderd</translation>
    </message>
    <message>
        <source>I deleted it everywhere; delete it in the app now</source>
        <translation>Ik heb het overal verwijderd; wis het nu ook in de app</translation>
    </message>
    <message>
        <source>(all of the household)</source>
        <translation>(alles van het huishouden)</translation>
    </message>
    <message>
        <source>deleted on {day} ({n} referral(s))</source>
        <translation>verwijderd op {day} ({n} doorverwijzing(en))</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>There are no erasure requests.</source>
        <translation>Er zijn geen verwijderverzoeken.</translation>
    </message>
    <message>
        <source>Deleted from the app: {n} referral(s).</source>
        <translation>Uit de app verwijderd: {n} doorverwijzing(en).</translation>
    </message>
    <message>
        <source>The app held nothing about this household; the request is marked as done.</source>
        <translation>Er stond niets over dit huishouden in de app; het verzoek staat nu op uitgevoerd.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong ({kind}). Nothing was lost; try again. If it keeps happening, tell your application manager.</source>
        <translation>Er ging iets mis ({kind}). Er is niets verloren gegaan; probeer het opnieuw. Blijft het gebeuren, meld het dan bij je applicatiebeheerder.</translation>
    </message>
    <message>
        <source>The vault&apos;s key file is damaged (impossible settings).</source>
        <translation>Het sleutelbestand van de kluis is beschadigd (onmogelijke instellingen).</translation>
    </message>
    <message>
        <source>The passphrase is too short: use at least {minimum} characters, for example a sentence of a few words.</source>
        <translation>Het wachtwoord is te kort: gebruik minstens {minimum} tekens, bijvoorbeeld een zin van een paar woorden.</translation>
    </message>
    <message>
        <source>This passphrase (or something very like it) is in the lists attackers try first. Use a sentence of a few unusual words.</source>
        <translation>Dit wachtwoord (of iets wat er erg op lijkt) staat in de lijsten die aanvallers het eerst proberen. Gebruik een zin van een paar ongewone woorden.</translation>
    </message>
    <message>
        <source>Rows of keys, repeats and counting (qwerty, aaaa, 1234) are guessed at once. Use a sentence of a few unusual words.</source>
        <translation>Rijtjes toetsen, herhalingen en tellen (qwerty, aaaa, 1234) worden meteen geraden. Gebruik een zin van een paar ongewone woorden.</translation>
    </message>
    <message>
        <source>The passphrase is built on a name or word that goes with Waakvlam, your organisation or you. Use words nobody links to you.</source>
        <translation>Het wachtwoord is gebouwd op een naam of woord dat bij Waakvlam, je organisatie of jou hoort. Gebruik woorden die niemand met jou verbindt.</translation>
    </message>
    <message>
        <source>One word with digits or marks around it is guessed quickly. Add a few more words.</source>
        <translation>Eén woord met cijfers of tekens eromheen is snel geraden. Voeg er een paar woorden aan toe.</translation>
    </message>
    <message>
        <source>The passphrase is too easy to guess. Add another word or two; unusual words are better than digits or marks.</source>
        <translation>Het wachtwoord is te makkelijk te raden. Voeg er een of twee woorden aan toe; ongewone woorden helpen meer dan cijfers of tekens.</translation>
    </message>
    <message>
        <source>Strong enough. Remember it well.</source>
        <translation>Sterk genoeg. Onthoud het goed.</translation>
    </message>
    <message>
        <source>The vault&apos;s key file asks for {memory_mib} MiB and {passes} passes to unlock, more than Waakvlam ever uses (at most {max_memory_mib} MiB and {max_passes} passes): it was changed. Nothing was tried; restore a backup or contact your administrator.</source>
        <translation>Het sleutelbestand van de kluis vraagt {memory_mib} MiB en {passes} rondes om te ontgrendelen, meer dan Waakvlam ooit gebruikt (hoogstens {max_memory_mib} MiB en {max_passes} rondes): het is gewijzigd. Er is niets geprobeerd; zet een back-up terug of neem contact op met je beheerder.</translation>
    </message>
    <message>
        <source>The vault&apos;s key file is damaged or not a Waakvlam file. Restore a backup or contact your administrator.</source>
        <translation>Het sleutelbestand van de kluis is beschadigd of geen Waakvlam-bestand. Zet een back-up terug of neem contact op met je beheerder.</translation>
    </message>
    <message>
        <source>The vault has version {version} of the key format; this version of Waakvlam only knows versions 1 and 2. Update the app.</source>
        <translation>De kluis heeft versie {version} van het sleutelformaat; deze versie van Waakvlam kent alleen versie 1 en 2. Werk de app bij.</translation>
    </message>
    <message>
        <source>The passphrase is wrong (or the key file was changed). Try again.</source>
        <translation>Het wachtwoord klopt niet (of het sleutelbestand is gewijzigd). Probeer het opnieuw.</translation>
    </message>
    <message>
        <source>There is already a vault in {folder}. Choose another folder or open that vault.</source>
        <translation>Er staat al een kluis in {folder}. Kies een andere map of open die kluis.</translation>
    </message>
    <message>
        <source>The vault&apos;s database file is missing in {folder}. Restore a backup.</source>
        <translation>Het databasebestand van de kluis ontbreekt in {folder}. Zet een back-up terug.</translation>
    </message>
    <message>
        <source>The vault is damaged or does not belong to this key file. Restore a backup or contact your administrator.</source>
        <translation>De kluis is beschadigd of hoort niet bij dit sleutelbestand. Zet een back-up terug of neem contact op met je beheerder.</translation>
    </message>
    <message>
        <source>There is no vault in {folder} yet (looked for {path}). Create one with &apos;waakvlam init&apos;, or put a backup back with &apos;waakvlam restore FILE&apos;.</source>
        <translation>Er is nog geen kluis in {folder} (gezocht naar {path}). Maak er een met &apos;waakvlam init&apos;, of zet een back-up terug met &apos;waakvlam restore BESTAND&apos;.</translation>
    </message>
    <message>
        <source>The vault&apos;s key file is missing: looked for {path}, but only the database is there, and it cannot be opened without that file. Put a backup back with &apos;waakvlam restore FILE --replace&apos;, or start a new vault in another folder with &apos;waakvlam init&apos;.</source>
        <translation>Het sleutelbestand van de kluis ontbreekt: gezocht naar {path}, maar alleen de database staat er, en die gaat zonder dat bestand niet open. Zet een back-up terug met &apos;waakvlam restore BESTAND --replace&apos;, of begin een nieuwe kluis in een andere map met &apos;waakvlam init&apos;.</translation>
    </message>
    <message>
        <source>The vault is locked.</source>
        <translation>De kluis is vergrendeld.</translation>
    </message>
    <message>
        <source>Saving failed: the disk is full or unreachable. Nothing was changed; free up space and try again.</source>
        <translation>Opslaan is mislukt: de schijf is vol of niet bereikbaar. Er is niets gewijzigd; maak ruimte vrij en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>The vault could not be upgraded: the disk is full.</source>
        <translation>De kluis kon niet worden bijgewerkt: de schijf is vol.</translation>
    </message>
    <message>
        <source>Cleaning up failed: the disk is full. The data has been removed; free up space and run the clean-up again.</source>
        <translation>Opruimen is mislukt: de schijf is vol. De gegevens zijn wel verwijderd; maak ruimte vrij en voer de opruiming opnieuw uit.</translation>
    </message>
    <message>
        <source>The vault is damaged. Restore a backup or contact your administrator.</source>
        <translation>De kluis is beschadigd. Zet een back-up terug of neem contact op met je beheerder.</translation>
    </message>
    <message>
        <source>The vault cannot be opened: the disk is full or unreachable. Nothing is lost; free up space and try again.</source>
        <translation>De kluis kan niet worden geopend: de schijf is vol of niet bereikbaar. Er is niets verloren; maak ruimte vrij en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>The new passphrase could not be checked after saving. Try again with the old passphrase; if that fails too, the new one opens the vault.</source>
        <translation>Het nieuwe wachtwoord kon na het opslaan niet worden gecontroleerd. Probeer het opnieuw met het oude wachtwoord; lukt dat niet, dan opent het nieuwe de kluis.</translation>
    </message>
    <message>
        <source>The new key could not be written (the disk is full or unreachable). The vault still opens with its passphrase; free up space and try again.</source>
        <translation>De nieuwe sleutel kon niet worden opgeslagen (de schijf is vol of onbereikbaar). De kluis opent nog steeds met het wachtwoord; maak ruimte vrij en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>The backup file is damaged or incomplete (the checksum does not match). Use another backup.</source>
        <translation>Het back-upbestand is beschadigd of onvolledig (de controlesom klopt niet). Gebruik een andere back-up.</translation>
    </message>
    <message>
        <source>{path} already exists. Choose another file name.</source>
        <translation>{path} bestaat al. Kies een andere bestandsnaam.</translation>
    </message>
    <message>
        <source>The export was cancelled; nothing was saved.</source>
        <translation>De export is afgebroken; er is niets opgeslagen.</translation>
    </message>
    <message>
        <source>{path} already exists. Choose another name; nothing is overwritten.</source>
        <translation>{path} bestaat al. Kies een andere naam; ik overschrijf niets.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>De map {folder} bestaat niet.</translation>
    </message>
    <message>
        <source>This export is too large to send in one bundle. Nothing was exported. Ask your application manager for help.</source>
        <translation>Deze export is te groot om in één bundel te versturen. Er is niets geëxporteerd. Vraag je applicatiebeheerder om hulp.</translation>
    </message>
    <message>
        <source>The bundle could not be saved in {folder} (disk full or no write permission). Nothing was saved.</source>
        <translation>De bundel kon niet worden opgeslagen in {folder} (schijf vol of geen schrijfrechten). Er is niets opgeslagen.</translation>
    </message>
    <message>
        <source>The backup could not be written: the disk is full. No partial file was left behind.</source>
        <translation>De back-up kon niet worden geschreven: de schijf is vol. Er is geen half bestand achtergebleven.</translation>
    </message>
    <message>
        <source>The vault is damaged, so a backup of it would be damaged too; nothing was written. Keep your most recent backup safe and ask your administrator to restore it.</source>
        <translation>De kluis is beschadigd, dus een back-up ervan zou ook beschadigd zijn; er is niets geschreven. Bewaar je laatste back-up goed en vraag je beheerder die terug te zetten.</translation>
    </message>
    <message>
        <source>The backup could not be written to {path}.</source>
        <translation>De back-up kon niet worden geschreven naar {path}.</translation>
    </message>
    <message>
        <source>The backup file {path} does not exist.</source>
        <translation>Het back-upbestand {path} bestaat niet.</translation>
    </message>
    <message>
        <source>The backup file {path} cannot be read.</source>
        <translation>Het back-upbestand {path} is niet te lezen.</translation>
    </message>
    <message>
        <source>{name} is not a Waakvlam backup.</source>
        <translation>{name} is geen Waakvlam-back-up.</translation>
    </message>
    <message>
        <source>This backup has version {version} of the format; this version of Waakvlam only knows version 1. Update the app.</source>
        <translation>Deze back-up heeft versie {version} van het formaat; deze versie van Waakvlam kent alleen versie 1. Werk de app bij.</translation>
    </message>
    <message>
        <source>There is already a vault in {folder}. Use --replace to replace it; the current vault is then kept aside.</source>
        <translation>Er staat al een kluis in {folder}. Gebruik --replace om die te vervangen; de huidige kluis wordt dan apart bewaard.</translation>
    </message>
    <message>
        <source>Restoring failed: the disk is full. Nothing was changed.</source>
        <translation>Terugzetten is mislukt: de schijf is vol. Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Restoring failed: {folder} is not writable. Nothing was changed.</source>
        <translation>Terugzetten is mislukt: {folder} is niet beschrijfbaar. Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>The database in the backup does not open or is damaged. Nothing was changed.</source>
        <translation>De database in de back-up opent niet of is beschadigd. Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>The database in the backup is damaged. Nothing was changed.</source>
        <translation>De database in de back-up is beschadigd. Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>How to approach them</source>
        <translation>Hoe de bewoner te benaderen</translation>
    </message>
    <message>
        <source>How it went</source>
        <translation>Hoe het ging</translation>
    </message>
    <message>
        <source>Resident {resident_id} does not exist.</source>
        <translation>Bewoner {resident_id} bestaat niet.</translation>
    </message>
    <message>
        <source>Unknown kind of offer or wish &apos;{value}&apos;. Choose from: {choices}</source>
        <translation>Onbekende soort aanbod of wens &apos;{value}&apos;. Kies uit: {choices}</translation>
    </message>
    <message>
        <source>The consent date {date} lies in the future.</source>
        <translation>De datum van de toestemming ({date}) ligt in de toekomst.</translation>
    </message>
    <message>
        <source>Resident {resident_id} has no offer or wish with consent: record one first (&apos;waakvlam connect offer&apos;).</source>
        <translation>Bewoner {resident_id} heeft geen aanbod of wens met toestemming: leg die eerst vast (&apos;waakvlam connect offer&apos;).</translation>
    </message>
    <message>
        <source>These residents live in the same household.</source>
        <translation>Deze bewoners wonen in hetzelfde huishouden.</translation>
    </message>
    <message>
        <source>Introduction {introduction_id} does not exist.</source>
        <translation>Kennismaking {introduction_id} bestaat niet.</translation>
    </message>
    <message>
        <source>The date {date} lies in the future or before the introduction ({introduced_on}).</source>
        <translation>De datum {date} ligt in de toekomst of voor de kennismaking ({introduced_on}).</translation>
    </message>
    <message>
        <source>The inzage report could not be written in {folder}.</source>
        <translation>Het inzageoverzicht kon niet worden geschreven in {folder}.</translation>
    </message>
    <message>
        <source>The inzage report could not be written in {folder}: the disk is full.</source>
        <translation>Het inzageoverzicht kon niet worden geschreven in {folder}: de schijf is vol.</translation>
    </message>
    <message>
        <source>The closing date is in the future.</source>
        <translation>De datum van afsluiten ligt in de toekomst.</translation>
    </message>
    <message>
        <source>This household has been anonymised: no follow-up can be added.</source>
        <translation>Dit huishouden is geanonimiseerd: er kan geen actie meer bij.</translation>
    </message>
    <message>
        <source>This household has already been anonymised.</source>
        <translation>Dit huishouden is al geanonimiseerd.</translation>
    </message>
    <message>
        <source>An anonymised household cannot be reopened.</source>
        <translation>Een geanonimiseerd huishouden kan niet worden heropend.</translation>
    </message>
    <message>
        <source>The bundle is damaged or changed (the content does not match the manifest). Ask the sender to send the bundle again.</source>
        <translation>De bundel is beschadigd of gewijzigd (de inhoud klopt niet met het manifest). Vraag de afzender om de bundel opnieuw te sturen.</translation>
    </message>
    <message>
        <source>This is not a handover bundle; only a bundle with profile &apos;handover&apos; can be read in.</source>
        <translation>Dit is geen overdrachtsbundel; alleen een overdracht van een collega kan worden ingelezen.</translation>
    </message>
    <message>
        <source>The handover bundle has no readable data.</source>
        <translation>De overdrachtsbundel heeft geen leesbare gegevens.</translation>
    </message>
    <message>
        <source>The handover bundle holds data that does not fit; nothing was changed.</source>
        <translation>De overdrachtsbundel bevat gegevens die niet passen; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>The handover does not fit into this vault (references or unique values clash); nothing was changed.</source>
        <translation>De overdracht past niet in deze kluis (verwijzingen of unieke waarden botsen); er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Unknown table in the handover bundle: {table}.</source>
        <translation>Onbekende tabel in de overdrachtsbundel: {table}.</translation>
    </message>
    <message>
        <source>The table {table} in the handover bundle does not have the expected columns.</source>
        <translation>De tabel {table} in de overdrachtsbundel heeft niet de verwachte kolommen.</translation>
    </message>
    <message>
        <source>The table {table} in the handover bundle is damaged.</source>
        <translation>De tabel {table} in de overdrachtsbundel is beschadigd.</translation>
    </message>
    <message>
        <source>This handover was signed with a key that belongs to no colleague in this vault (key id {key_id}); nothing was changed. Add the colleague first with &apos;waakvlam colleague add&apos; after comparing the key id by phone.</source>
        <translation>Deze overdracht is ondertekend met een sleutel van geen collega in deze kluis (sleutel-id {key_id}); er is niets gewijzigd. Voeg de collega eerst toe met &apos;waakvlam colleague add&apos;, nadat je de sleutel-id telefonisch hebt vergeleken.</translation>
    </message>
    <message>
        <source>The handover&apos;s signature does not match the key pinned for colleague {name}; nothing was changed.</source>
        <translation>De handtekening van de overdracht past niet bij de sleutel van collega {name}; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>The handover was refused, nothing was changed: table {table}, row {row}, field {field} is empty but required.</source>
        <translation>De overdracht is geweigerd, er is niets gewijzigd: tabel {table}, rij {row}, veld {field} is leeg, maar verplicht.</translation>
    </message>
    <message>
        <source>The handover was refused, nothing was changed: table {table}, row {row}, field {field} holds the unknown value &apos;{value}&apos;.</source>
        <translation>De overdracht is geweigerd, er is niets gewijzigd: tabel {table}, rij {row}, veld {field} heeft de onbekende waarde &apos;{value}&apos;.</translation>
    </message>
    <message>
        <source>The handover was refused, nothing was changed: table {table}, row {row}, field {field} is not text.</source>
        <translation>De overdracht is geweigerd, er is niets gewijzigd: tabel {table}, rij {row}, veld {field} is geen tekst.</translation>
    </message>
    <message>
        <source>The handover was refused, nothing was changed: table {table}, row {row}, field {field} is too long (at most {max} characters).</source>
        <translation>De overdracht is geweigerd, er is niets gewijzigd: tabel {table}, rij {row}, veld {field} is te lang (maximaal {max} tekens).</translation>
    </message>
    <message>
        <source>The handover was refused, nothing was changed: table {table}, row {row}, field {field} is not a whole number in the allowed range.</source>
        <translation>De overdracht is geweigerd, er is niets gewijzigd: tabel {table}, rij {row}, veld {field} is geen geheel getal binnen de grenzen.</translation>
    </message>
    <message>
        <source>The handover was refused, nothing was changed: table {table}, row {row}, field {field} is not a valid date.</source>
        <translation>De overdracht is geweigerd, er is niets gewijzigd: tabel {table}, rij {row}, veld {field} is geen geldige datum.</translation>
    </message>
    <message>
        <source>The handover was refused, nothing was changed: table {table}, row {row}, field {field} lies in the future.</source>
        <translation>De overdracht is geweigerd, er is niets gewijzigd: tabel {table}, rij {row}, veld {field} ligt in de toekomst.</translation>
    </message>
    <message>
        <source>The handover was refused, nothing was changed: table {table}, row {row}, field {field} is not a valid id.</source>
        <translation>De overdracht is geweigerd, er is niets gewijzigd: tabel {table}, rij {row}, veld {field} is geen geldige id.</translation>
    </message>
    <message>
        <source>The handover was refused, nothing was changed: table {table}, row {row}, field {field} is not a valid postcode.</source>
        <translation>De overdracht is geweigerd, er is niets gewijzigd: tabel {table}, rij {row}, veld {field} is geen geldige postcode.</translation>
    </message>
    <message>
        <source>The handover was refused, nothing was changed: table {table}, row {row}, field {field} holds a number that looks like a BSN. Ask the colleague to remove it, or confirm that it is no BSN.</source>
        <translation>De overdracht is geweigerd, er is niets gewijzigd: tabel {table}, rij {row}, veld {field} bevat een getal dat op een BSN lijkt. Vraag de collega het weg te halen, of bevestig dat het geen BSN is.</translation>
    </message>
    <message>
        <source>The handover was refused, nothing was changed: table {table}, row {row}, field {field} refers to a partner the handover does not contain.</source>
        <translation>De overdracht is geweigerd, er is niets gewijzigd: tabel {table}, rij {row}, veld {field} verwijst naar een partner die niet in de overdracht staat.</translation>
    </message>
    <message>
        <source>The handover was refused, nothing was changed: table {table} holds row {row} twice.</source>
        <translation>De overdracht is geweigerd, er is niets gewijzigd: tabel {table} bevat rij {row} twee keer.</translation>
    </message>
    <message>
        <source>The sender&apos;s key cannot be read. One line &apos;waakvlam-ed25519:…&apos; is expected (from &apos;waakvlam org public-key&apos;).</source>
        <translation>De sleutel van de afzender is onleesbaar. Verwacht wordt één regel &apos;waakvlam-ed25519:…&apos; (uit &apos;waakvlam org public-key&apos;).</translation>
    </message>
    <message>
        <source>The sender&apos;s key file {path} cannot be read.</source>
        <translation>Het sleutelbestand van de afzender {path} is niet te lezen.</translation>
    </message>
    <message>
        <source>The key file {path} cannot be read.</source>
        <translation>Het sleutelbestand {path} is niet te lezen.</translation>
    </message>
    <message>
        <source>The key file {path} does not hold a valid key.</source>
        <translation>Het sleutelbestand {path} bevat geen geldige sleutel.</translation>
    </message>
    <message>
        <source>The key file {path} does not hold an age key (AGE-SECRET-KEY-1…).</source>
        <translation>Het sleutelbestand {path} bevat geen age-sleutel (AGE-SECRET-KEY-1…).</translation>
    </message>
    <message>
        <source>{path} already exists. Choose another name; an existing key is not overwritten.</source>
        <translation>{path} bestaat al. Kies een andere naam; een bestaande sleutel overschrijf ik niet.</translation>
    </message>
    <message>
        <source>The signing key file {path} cannot be read or holds no signing key (WAAKVLAM-ED25519-SECRET-KEY-1:…). It is made by &apos;waakvlam bundle keygen&apos; beside the age key.</source>
        <translation>Het bestand {path} kan niet worden gelezen of bevat geen ondertekeningssleutel (WAAKVLAM-ED25519-SECRET-KEY-1:…). &apos;waakvlam bundle keygen&apos; maakt dat bestand naast de age-sleutel.</translation>
    </message>
    <message>
        <source>{path} cannot be written.</source>
        <translation>{path} kan niet worden geschreven.</translation>
    </message>
    <message>
        <source>This file is not a Waakvlam bundle (not an age-encrypted file).</source>
        <translation>Dit bestand is geen Waakvlam-bundel (geen age-versleuteld bestand).</translation>
    </message>
    <message>
        <source>This bundle was not encrypted for your key (or the header of the file is damaged). Check that you are using the right key.</source>
        <translation>Deze bundel is niet voor jouw sleutel versleuteld (of de kop van het bestand is beschadigd). Controleer of je de juiste sleutel gebruikt.</translation>
    </message>
    <message>
        <source>This bundle comes from an unknown sender: it was not signed with the expected key.</source>
        <translation>Deze bundel komt van een onbekende afzender: hij is niet ondertekend met de verwachte sleutel.</translation>
    </message>
    <message>
        <source>This bundle says it comes from {organisation} (key id {key_id}), but you do not trust a key of that sender yet. Ask the sender for their public key file, compare the key id by phone and run: waakvlam bundle trust FILE.pub</source>
        <translation>Deze bundel zegt te komen van {organisation} (sleutel-id {key_id}), maar van die afzender vertrouw je nog geen sleutel. Vraag de afzender om het bestand met de publieke sleutel, vergelijk de sleutel-id per telefoon en voer uit: waakvlam bundle trust BESTAND.pub</translation>
    </message>
    <message>
        <source>The sender uses a different key than before: you trust key id {pinned} for {organisation}, this bundle was signed with key id {key_id}. Do not open it; call the sender. If they changed their key, run: waakvlam bundle trust --replace FILE.pub</source>
        <translation>De afzender gebruikt een andere sleutel dan eerder: voor {organisation} vertrouw je sleutel-id {pinned}, deze bundel is ondertekend met sleutel-id {key_id}. Open hem niet en bel de afzender. Heeft die echt een nieuwe sleutel, voer dan uit: waakvlam bundle trust --replace BESTAND.pub</translation>
    </message>
    <message>
        <source>The signature of this bundle does not match: the bundle was forged or changed. Do not open it and contact the sender.</source>
        <translation>De handtekening van deze bundel klopt niet: de bundel is vervalst of gewijzigd. Open hem niet en neem contact op met de afzender.</translation>
    </message>
    <message>
        <source>This bundle has a newer or unknown format (version {version}). Update Waakvlam to open it.</source>
        <translation>Deze bundel heeft een nieuwere of onbekende indeling (versie {version}). Werk Waakvlam bij om hem te openen.</translation>
    </message>
    <message>
        <source>This bundle is not addressed to you: your key is not in the list of recipients. Ask the sender for a bundle of your own.</source>
        <translation>Deze bundel is niet aan jou gericht: jouw sleutel staat niet in de lijst met ontvangers. Vraag de afzender om een eigen bundel.</translation>
    </message>
    <message>
        <source>The file of opened bundles {path} is unreadable.</source>
        <translation>Het bestand met geopende bundels {path} is onleesbaar.</translation>
    </message>
    <message>
        <source>The file of opened bundles {path} is unreadable. Repair it or delete it deliberately.</source>
        <translation>Het bestand met geopende bundels {path} is onleesbaar. Herstel het of verwijder het bewust.</translation>
    </message>
    <message>
        <source>The file of trusted keys and opened bundles {path} cannot be written.</source>
        <translation>Het bestand met vertrouwde sleutels en geopende bundels {path} kan niet worden geschreven.</translation>
    </message>
    <message>
        <source>This bundle (number {sequence}) was opened before, on {opened_at}. A bundle is opened only once; ask the sender if you expected a new one.</source>
        <translation>Deze bundel (nummer {sequence}) is al eerder geopend, op {opened_at}. Een bundel wordt maar één keer geopend; vraag de afzender als je een nieuwe verwachtte.</translation>
    </message>
    <message>
        <source>This bundle (number {sequence}) may have been opened before: the file of opened bundles from an earlier version only remembers that bundles up to number {last} from this sender were opened.</source>
        <translation>Deze bundel (nummer {sequence}) is mogelijk al eerder geopend: het bestand met geopende bundels uit een eerdere versie weet alleen dat bundels tot en met nummer {last} van deze afzender zijn geopend.</translation>
    </message>
    <message>
        <source>The key file {path} does not say which organisation it belongs to. Give the name with --organisation.</source>
        <translation>Het sleutelbestand {path} zegt niet van welke organisatie het is. Geef de naam met --organisation.</translation>
    </message>
    <message>
        <source>You already trust another key for {organisation} (key id {pinned}). Compare the new key id with the sender by phone; if it is right, run the command again with --replace.</source>
        <translation>Je vertrouwt al een andere sleutel voor {organisation} (sleutel-id {pinned}). Vergelijk de nieuwe sleutel-id per telefoon met de afzender; klopt hij, voer de opdracht dan opnieuw uit met --replace.</translation>
    </message>
    <message>
        <source>Give the name of the organisation whose key you trust.</source>
        <translation>Geef de naam van de organisatie van wie je de sleutel vertrouwt.</translation>
    </message>
    <message>
        <source>Nothing was trusted: the key id was not confirmed.</source>
        <translation>Er is niets vertrouwd: de sleutel-id is niet bevestigd.</translation>
    </message>
    <message>
        <source>The file {path} cannot be read.</source>
        <translation>Het bestand {path} is niet te lezen.</translation>
    </message>
    <message>
        <source>{path} already exists; nothing is overwritten.</source>
        <translation>{path} bestaat al; ik overschrijf niets.</translation>
    </message>
    <message>
        <source>The bundle could not be unpacked in {folder} (disk full or no write permission). Nothing was left behind.</source>
        <translation>De bundel kon niet worden uitgepakt in {folder} (schijf vol of geen schrijfrechten). Er is niets achtergebleven.</translation>
    </message>
    <message>
        <source>The bundle was unpacked in {path}, but its number could not be saved in {state}; a repeat of this bundle will then not be recognised.</source>
        <translation>De bundel is uitgepakt in {path}, maar het volgnummer kon niet worden bewaard in {state}; een herhaling van deze bundel wordt dan niet herkend.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Het bestand is leeg.</translation>
    </message>
    <message>
        <source>This is an Excel file, not a CSV file. In Excel choose &apos;Save as&apos; → &apos;CSV UTF-8 (Comma delimited)&apos; and import that file.</source>
        <translation>Dit is een Excel-bestand, geen CSV. Kies in Excel &apos;Opslaan als&apos; → &apos;CSV UTF-8 (gescheiden door lijstscheidingstekens)&apos; en lees dat bestand in.</translation>
    </message>
    <message>
        <source>The characters in the file cannot be read (not UTF-8 or Windows-1252). Save the file as &apos;CSV UTF-8&apos; and try again.</source>
        <translation>De tekens in het bestand zijn niet te lezen (geen UTF-8 of Windows-1252). Sla het bestand op als &apos;CSV UTF-8&apos; en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>The header has only one column: use a semicolon (;) or comma (,) to separate the columns.</source>
        <translation>De kopregel heeft maar één kolom: gebruik een puntkomma (;) of komma (,) als scheidingsteken tussen de kolommen.</translation>
    </message>
    <message>
        <source>The file is not valid CSV (line {line}): a quotation mark is out of place.</source>
        <translation>Het bestand is geen geldige CSV (regel {line}): een aanhalingsteken staat niet goed.</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; appears twice in the header.</source>
        <translation>De kolom &apos;{column}&apos; staat twee keer in de kopregel.</translation>
    </message>
    <message>
        <source>Line {line} has a field of more than {limit_kib} KiB; an address file has no such fields. Check that this is the right file (or that its quotes are closed). Nothing was imported.</source>
        <translation>Regel {line} heeft een veld van meer dan {limit_kib} KiB; een adresbestand heeft zulke velden niet. Controleer of dit het goede bestand is (en of de aanhalingstekens goed staan). Er is niets ingelezen.</translation>
    </message>
    <message>
        <source>The vault is open in another window or command. Close the app and wait for other commands to finish, then try again; nothing was changed.</source>
        <translation>De kluis is geopend in een ander venster of een andere opdracht. Sluit de app en wacht tot andere opdrachten klaar zijn, en probeer het dan opnieuw; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Waakvlam already has this vault open in another window. Use that window, or close it first.</source>
        <translation>Waakvlam heeft deze kluis al geopend in een ander venster. Gebruik dat venster, of sluit het eerst.</translation>
    </message>
    <message>
        <source>{option} must have the form YYYY-MM-DD, for example 2026-11-27.</source>
        <translation>{option} moet de vorm JJJJ-MM-DD hebben, bijvoorbeeld 2026-11-27.</translation>
    </message>
    <message>
        <source>The file {path} cannot be written.</source>
        <translation>Het bestand {path} kan niet worden geschreven.</translation>
    </message>
    <message>
        <source>The passphrase file {path} cannot be read.</source>
        <translation>Het wachtwoordbestand {path} is niet te lezen.</translation>
    </message>
    <message>
        <source>No passphrase: use --passphrase-file, the environment variable {variable}, or run the command in a terminal.</source>
        <translation>Geen wachtwoord: gebruik --passphrase-file, de omgevingsvariabele {variable}, of start de opdracht in een terminal.</translation>
    </message>
    <message>
        <source>No new passphrase: use --new-passphrase-file or WAAKVLAM_NEW_PASSPHRASE.</source>
        <translation>Geen nieuw wachtwoord: gebruik --new-passphrase-file of WAAKVLAM_NEW_PASSPHRASE.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same. Nothing was changed.</source>
        <translation>De twee wachtwoorden zijn niet gelijk. Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>--households must be at least 1.</source>
        <translation>--households moet minstens 1 zijn.</translation>
    </message>
    <message>
        <source>Choose one of: --partner NAME --period PERIOD --out FILE, --due --out-dir FOLDER, --list-due or --history.</source>
        <translation>Kies één van: --partner NAAM --period PERIODE --out BESTAND, --due --out-dir MAP, --list-due of --history.</translation>
    </message>
    <message>
        <source>--due needs --out-dir FOLDER.</source>
        <translation>Bij --due hoort --out-dir MAP.</translation>
    </message>
    <message>
        <source>--period needs --partner NAME.</source>
        <translation>Bij --period hoort --partner NAAM.</translation>
    </message>
    <message>
        <source>--period needs --out FILE (or --preview).</source>
        <translation>Bij --period hoort --out BESTAND (of --preview).</translation>
    </message>
    <message>
        <source>The file {path} does not exist.</source>
        <translation>Het bestand {path} bestaat niet.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file.</source>
        <translation>{path} is een map, geen bestand.</translation>
    </message>
    <message>
        <source>{path} already exists. Choose another name or use --force.</source>
        <translation>{path} bestaat al. Kies een andere naam of gebruik --force.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; nothing was saved.</source>
        <translation>De map {folder} bestaat niet; er is niets opgeslagen.</translation>
    </message>
    <message>
        <source>{path} cannot be saved ({reason}).</source>
        <translation>{path} kan niet worden opgeslagen ({reason}).</translation>
    </message>
    <message>
        <source>{path} cannot be saved (write error).</source>
        <translation>{path} kan niet worden opgeslagen (schrijffout).</translation>
    </message>
    <message>
        <source>--out {path} is a folder; give a file name, for example letter.pdf.</source>
        <translation>--out {path} is een map; geef een bestandsnaam, bijvoorbeeld brief.pdf.</translation>
    </message>
    <message>
        <source>{path} is not a folder.</source>
        <translation>{path} is geen map.</translation>
    </message>
    <message>
        <source>Unknown kind of partner &apos;{value}&apos;. Choose from: {choices}</source>
        <translation>Onbekend soort partner &apos;{value}&apos;. Kies uit: {choices}</translation>
    </message>
    <message>
        <source>The date of the consent &apos;{text}&apos; is wrong; use YYYY-MM-DD, for example 2026-11-28.</source>
        <translation>De datum van de toestemming &apos;{text}&apos; klopt niet; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-11-28.</translation>
    </message>
    <message>
        <source>The date for feedback &apos;{text}&apos; is wrong; use YYYY-MM-DD, for example 2026-11-28.</source>
        <translation>De datum voor terugkoppeling &apos;{text}&apos; klopt niet; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-11-28.</translation>
    </message>
    <message>
        <source>Unknown status &apos;{value}&apos;. Choose from: {choices}</source>
        <translation>Onbekende status &apos;{value}&apos;. Kies uit: {choices}</translation>
    </message>
    <message>
        <source>The two passphrases are not the same. Nothing was created.</source>
        <translation>De twee wachtwoorden zijn niet gelijk. Er is niets aangemaakt.</translation>
    </message>
    <message>
        <source>The vault opens, but the check finds damaged pages.</source>
        <translation>De kluis opent, maar de controle vindt beschadigde pagina&apos;s.</translation>
    </message>
    <message>
        <source>The vault opens, but records point at something that is not there (table.column -&gt; what it points at: how many): {where}.</source>
        <translation>De kluis opent, maar gegevens verwijzen naar iets dat er niet is (tabel.kolom -&gt; waarnaar: hoeveel): {where}.</translation>
    </message>
    <message>
        <source>Signal &apos;{text}&apos; must have the form CODE=SEVERITY, for example financien.huurachterstand=2.</source>
        <translation>Signaal &apos;{text}&apos; moet de vorm CODE=ERNST hebben, bijvoorbeeld financien.huurachterstand=2.</translation>
    </message>
    <message>
        <source>Unknown kind of visit &apos;{value}&apos;. Choose from: {choices}</source>
        <translation>Onbekende soort bezoek &apos;{value}&apos;. Kies uit: {choices}</translation>
    </message>
    <message>
        <source>The organisation&apos;s return address does not fit on one line in the envelope window; shorten the address under Settings › Organisation and letterhead.</source>
        <translation>Het retouradres van de organisatie past niet op één regel in het venster van de envelop; maak het adres korter bij Instellingen › Organisatie en briefhoofd.</translation>
    </message>
    <message>
        <source>The address does not fit in the envelope window (at most {lines} lines); shorten the name or the contact person.</source>
        <translation>Het adres past niet in het venster van de envelop (hooguit {lines} regels); maak de naam of de contactpersoon korter.</translation>
    </message>
    <message>
        <source>The organisation&apos;s logo is not a valid image; choose a PNG file.</source>
        <translation>Het logo van de organisatie is geen geldige afbeelding; kies een PNG-bestand.</translation>
    </message>
    <message>
        <source>A letter to the resident is only possible for a referral with consent; on another legal basis, discuss the referral in person.</source>
        <translation>Een brief aan de bewoner kan alleen bij een doorverwijzing met toestemming; bij een andere grondslag bespreek je de doorverwijzing persoonlijk.</translation>
    </message>
    <message>
        <source>No letter goes to the home about a report to Veilig Thuis, because someone else in the house may read it; tell the resident in person.</source>
        <translation>Over een melding bij Veilig Thuis gaat geen brief naar het huisadres, want iemand anders in huis kan hem lezen; vertel het de bewoner zelf.</translation>
    </message>
    <message>
        <source>Letter template {source}: &apos;{key}&apos; has an invalid placeholder; use only {{name}}.</source>
        <translation>Briefsjabloon {source}: &apos;{key}&apos; heeft een ongeldige plaatsaanduiding; gebruik alleen {{naam}}.</translation>
    </message>
    <message>
        <source>Letter template {source}: &apos;{key}&apos; has a lone brace; write {{{{ or }}}} for an ordinary brace.</source>
        <translation>Briefsjabloon {source}: &apos;{key}&apos; heeft een losse accolade; schrijf {{{{ of }}}} voor een gewone accolade.</translation>
    </message>
    <message>
        <source>Letter template {source} is not valid JSON: {error}</source>
        <translation>Briefsjabloon {source} is geen geldige JSON: {error}</translation>
    </message>
    <message>
        <source>Letter template {source} has an unknown format (expected: &quot;format&quot;: {format}).</source>
        <translation>Briefsjabloon {source} heeft een onbekend formaat (verwacht: &quot;format&quot;: {format}).</translation>
    </message>
    <message>
        <source>Letter template {source}: &quot;language&quot; must be nl or en.</source>
        <translation>Briefsjabloon {source}: &quot;language&quot; moet nl of en zijn.</translation>
    </message>
    <message>
        <source>Letter template {source}: &quot;months&quot; must contain 12 month names.</source>
        <translation>Briefsjabloon {source}: &quot;months&quot; moet 12 maandnamen bevatten.</translation>
    </message>
    <message>
        <source>Letter template {source}: unknown text &apos;{key}&apos;.</source>
        <translation>Briefsjabloon {source}: onbekende tekst &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>Letter template {source}: the text &apos;{key}&apos; is missing.</source>
        <translation>Briefsjabloon {source}: de tekst &apos;{key}&apos; ontbreekt.</translation>
    </message>
    <message>
        <source>Letter template {source}: &apos;{key}&apos; must be text.</source>
        <translation>Briefsjabloon {source}: &apos;{key}&apos; moet tekst zijn.</translation>
    </message>
    <message>
        <source>Letter template {source}: &apos;{key}&apos; uses {names}; allowed: {permitted}.</source>
        <translation>Briefsjabloon {source}: &apos;{key}&apos; gebruikt {names}; toegestaan: {permitted}.</translation>
    </message>
    <message>
        <source>Letter template {source}: &apos;{key}&apos; uses {names}; allowed: none.</source>
        <translation>Briefsjabloon {source}: &apos;{key}&apos; gebruikt {names}; toegestaan: geen.</translation>
    </message>
    <message>
        <source>Letter template {source}: &apos;{key}&apos; is missing &apos;{part}&apos;.</source>
        <translation>Briefsjabloon {source}: bij &apos;{key}&apos; ontbreekt &apos;{part}&apos;.</translation>
    </message>
    <message>
        <source>There is no letter template for language &apos;{language}&apos; (nl or en).</source>
        <translation>Geen briefsjabloon voor taal &apos;{language}&apos; (nl of en).</translation>
    </message>
    <message>
        <source>Letter template {source}: &quot;language&quot; is {found}, expected {expected}.</source>
        <translation>Briefsjabloon {source}: &quot;language&quot; is {found}, verwacht {expected}.</translation>
    </message>
    <message>
        <source>Unknown field &apos;{name}&apos;. Choose from: {fields}.</source>
        <translation>Onbekend veld &apos;{name}&apos;. Kies uit: {fields}.</translation>
    </message>
    <message>
        <source>&apos;{item}&apos; must have the form COLUMN=FIELD, for example &apos;Straatnaam=straat&apos;.</source>
        <translation>&apos;{item}&apos; moet de vorm KOLOM=VELD hebben, bijvoorbeeld &apos;Straatnaam=straat&apos;.</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; is not in the file. Columns: {columns}.</source>
        <translation>De kolom &apos;{column}&apos; staat niet in het bestand. Kolommen: {columns}.</translation>
    </message>
    <message>
        <source>Field &apos;{field}&apos; is mapped to two columns.</source>
        <translation>Het veld &apos;{field}&apos; is aan twee kolommen gekoppeld.</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; seems to hold a BSN; a BSN may never enter the vault. Leave this column out.</source>
        <translation>De kolom &apos;{column}&apos; lijkt een BSN te bevatten; een BSN mag nooit in de kluis komen. Laat deze kolom weg.</translation>
    </message>
    <message>
        <source>The import was stopped; nothing was changed.</source>
        <translation>Het inlezen is afgebroken; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>This text contains a number that looks like a BSN. A BSN may not be stored: remove it, or confirm that it is not a BSN.</source>
        <translation>De tekst bevat een getal dat op een BSN lijkt. Een BSN mag niet worden opgeslagen: haal het weg, of bevestig dat het geen BSN is.</translation>
    </message>
    <message>
        <source>This field contains a number that looks like a BSN. A BSN may never be stored: remove it.</source>
        <translation>Dit veld bevat een getal dat op een BSN lijkt. Een BSN mag nooit worden opgeslagen: haal het weg.</translation>
    </message>
    <message>
        <source>The signal list has an unknown format (expected: 1).</source>
        <translation>De signalenlijst heeft een onbekend formaat (verwacht: 1).</translation>
    </message>
    <message>
        <source>Signal code &apos;{code}&apos; appears twice in the signal list.</source>
        <translation>Signaalcode &apos;{code}&apos; staat dubbel in de signalenlijst.</translation>
    </message>
    <message>
        <source>The signal list cannot be read: {reason}</source>
        <translation>De signalenlijst is onleesbaar: {reason}</translation>
    </message>
    <message>
        <source>This referral does not rest on consent; there is no consent to withdraw.</source>
        <translation>Deze doorverwijzing rust niet op toestemming; er is geen toestemming om in te trekken.</translation>
    </message>
    <message>
        <source>The consent was already withdrawn on {day:%d-%m-%Y}.</source>
        <translation>De toestemming is al ingetrokken op {day:%d-%m-%Y}.</translation>
    </message>
    <message>
        <source>The date of withdrawal is in the future.</source>
        <translation>De datum van intrekken ligt in de toekomst.</translation>
    </message>
    <message>
        <source>The date of withdrawal is before the date of the consent.</source>
        <translation>De datum van intrekken ligt vóór de datum van de toestemming.</translation>
    </message>
    <message>
        <source>The resident withdrew the consent for {reference}; this referral may no longer be shared.</source>
        <translation>De bewoner heeft de toestemming voor {reference} ingetrokken; deze doorverwijzing mag niet meer worden gedeeld.</translation>
    </message>
    <message>
        <source>I do not understand period &apos;{period}&apos;. Use YYYY-MM (for example 2026-10) or YYYY-Qn (for example 2026-Q4).</source>
        <translation>Periode &apos;{period}&apos; begrijp ik niet. Gebruik JJJJ-MM (bijvoorbeeld 2026-10) of JJJJ-Qn (bijvoorbeeld 2026-Q4).</translation>
    </message>
    <message>
        <source>Partner &apos;{partner}&apos; has no age recipient yet. Ask the partner for &apos;waakvlam bundle keygen&apos; and add the recipient (age1…) under Partners.</source>
        <translation>Van partner &apos;{partner}&apos; is nog geen sleutel ingevuld. Vraag de partner om de sleutel van de partner (&apos;waakvlam bundle keygen&apos;, begint met age1…) en vul die in bij Partners.</translation>
    </message>
    <message>
        <source>Period {period} has not started yet; choose a period that has ended.</source>
        <translation>Periode {period} is nog niet begonnen; kies een periode die voorbij is.</translation>
    </message>
    <message>
        <source>Period {period} is not over yet (it runs until {end}); figures for it can be exported from {first_day}.</source>
        <translation>Periode {period} is nog niet voorbij (loopt tot en met {end}); de cijfers ervan kunnen vanaf {first_day} worden geëxporteerd.</translation>
    </message>
    <message>
        <source>{partner} receives figures per month; {period} is not a month. Choose a month (for example {example}).</source>
        <translation>{partner} krijgt cijfers per maand; {period} is geen maand. Kies een maand (bijvoorbeeld {example}).</translation>
    </message>
    <message>
        <source>{partner} receives figures per quarter; {period} is not a quarter. Choose a quarter (for example {example}).</source>
        <translation>{partner} krijgt cijfers per kwartaal; {period} is geen kwartaal. Kies een kwartaal (bijvoorbeeld {example}).</translation>
    </message>
    <message>
        <source>Period {period} overlaps with {other}, already sent to {partner}; figures over overlapping periods can be subtracted from each other, so this is not possible.</source>
        <translation>Periode {period} overlapt met {other}, die al naar {partner} is gestuurd; cijfers over overlappende perioden zijn van elkaar af te trekken, daarom kan dit niet.</translation>
    </message>
    <message>
        <source>The description</source>
        <translation>De omschrijving</translation>
    </message>
    <message>
        <source>Follow-up {follow_up_id} does not exist.</source>
        <translation>Actie {follow_up_id} bestaat niet.</translation>
    </message>
    <message>
        <source>This follow-up has already been done or dropped.</source>
        <translation>Deze actie is al afgerond of vervallen.</translation>
    </message>
    <message>
        <source>The name of the complex</source>
        <translation>De naam van het complex</translation>
    </message>
    <message>
        <source>The street</source>
        <translation>De straat</translation>
    </message>
    <message>
        <source>The town</source>
        <translation>De plaats</translation>
    </message>
    <message>
        <source>The name of the household</source>
        <translation>De naam van het huishouden</translation>
    </message>
    <message>
        <source>The resident&apos;s name</source>
        <translation>De naam van de bewoner</translation>
    </message>
    <message>
        <source>The house number must be a positive number.</source>
        <translation>Het huisnummer moet een positief getal zijn.</translation>
    </message>
    <message>
        <source>VHE code {vhe_code} already exists.</source>
        <translation>VHE-code {vhe_code} bestaat al.</translation>
    </message>
    <message>
        <source>Address {address_id} does not exist.</source>
        <translation>Adres {address_id} bestaat niet.</translation>
    </message>
    <message>
        <source>Household {household_id} does not exist.</source>
        <translation>Huishouden {household_id} bestaat niet.</translation>
    </message>
    <message>
        <source>This address does not exist.</source>
        <translation>Dit adres bestaat niet.</translation>
    </message>
    <message>
        <source>This resident does not exist.</source>
        <translation>Deze bewoner bestaat niet.</translation>
    </message>
    <message>
        <source>Unknown language &apos;{language}&apos;. Choose nl (Dutch) or en (English).</source>
        <translation>Onbekende taal &apos;{language}&apos;. Kies nl (Nederlands) of en (Engels).</translation>
    </message>
    <message>
        <source>No organisation has been set up yet; the letter needs a sender.</source>
        <translation>Er is nog geen organisatie ingesteld; de brief heeft een afzender.</translation>
    </message>
    <message>
        <source>There are {count} complexes named &apos;{name}&apos;; use the complex code.</source>
        <translation>Er zijn {count} complexen met de naam &apos;{name}&apos;; gebruik het complexnummer.</translation>
    </message>
    <message>
        <source>Complex &apos;{name}&apos; does not exist.</source>
        <translation>Complex &apos;{name}&apos; bestaat niet.</translation>
    </message>
    <message>
        <source>The partner&apos;s name</source>
        <translation>De naam van de partner</translation>
    </message>
    <message>
        <source>&apos;{start}…&apos; is not a valid age recipient. A recipient starts with &apos;age1&apos; and comes from the partner themselves (&apos;waakvlam bundle keygen&apos;).</source>
        <translation>&apos;{start}…&apos; is geen geldige sleutel van de partner. Zo&apos;n sleutel begint met &apos;age1&apos; en komt van de partner zelf (&apos;waakvlam bundle keygen&apos;).</translation>
    </message>
    <message>
        <source>There is already a partner named &apos;{name}&apos;.</source>
        <translation>Er is al een partner met de naam &apos;{name}&apos;.</translation>
    </message>
    <message>
        <source>Partner &apos;{name}&apos; does not exist. &apos;waakvlam partner list&apos; shows the partners.</source>
        <translation>Partner &apos;{name}&apos; bestaat niet. &apos;waakvlam partner list&apos; toont de partners.</translation>
    </message>
    <message>
        <source>This partner does not exist.</source>
        <translation>Deze partner bestaat niet.</translation>
    </message>
    <message>
        <source>The referral letter cannot be made yet: first fill in the {missing} of partner &apos;{name}&apos; (under Partners, or with &apos;waakvlam partner edit&apos;); the referral is kept.</source>
        <translation>De verwijsbrief kan nog niet worden gemaakt: vul bij partner &apos;{name}&apos; eerst {missing} in (onder Partners, of met &apos;waakvlam partner edit&apos;); de doorverwijzing blijft bewaard.</translation>
    </message>
    <message>
        <source>The reason</source>
        <translation>De reden</translation>
    </message>
    <message>
        <source>Choose one legal basis: the resident&apos;s consent or another legal basis.</source>
        <translation>Kies één grondslag: toestemming van de bewoner óf een andere grondslag.</translation>
    </message>
    <message>
        <source>Consent needs its form (verbal or written) and its date.</source>
        <translation>Bij toestemming horen de vorm (mondeling of schriftelijk) en de datum.</translation>
    </message>
    <message>
        <source>The date of the consent is in the future.</source>
        <translation>De datum van de toestemming ligt in de toekomst.</translation>
    </message>
    <message>
        <source>A referral needs a legal basis: the resident&apos;s consent (verbal or written, with a date) or another legal basis, such as acute danger or the reporting code, with an explanation.</source>
        <translation>Een doorverwijzing heeft een grondslag nodig: de toestemming van de bewoner (mondeling of schriftelijk, met datum) of een andere grondslag, zoals acuut gevaar of de meldcode, met uitleg.</translation>
    </message>
    <message>
        <source>Signal &apos;{code}&apos; has not been recorded for this household.</source>
        <translation>Signaal &apos;{code}&apos; is bij dit huishouden niet vastgelegd.</translation>
    </message>
    <message>
        <source>Referral {ident} does not exist.</source>
        <translation>Doorverwijzing {ident} bestaat niet.</translation>
    </message>
    <message>
        <source>From &apos;{current}&apos; to &apos;{new}&apos; is not possible. Possible: {allowed}.</source>
        <translation>Van &apos;{current}&apos; naar &apos;{new}&apos; kan niet. Mogelijk: {allowed}.</translation>
    </message>
    <message>
        <source>From &apos;{current}&apos; to &apos;{new}&apos; is not possible. This referral is finished.</source>
        <translation>Van &apos;{current}&apos; naar &apos;{new}&apos; kan niet. Deze doorverwijzing is afgerond.</translation>
    </message>
    <message>
        <source>Resident {resident} does not live in this household; choose one who does.</source>
        <translation>Bewoner {resident} woont niet in dit huishouden; kies een bewoner die er wel woont.</translation>
    </message>
    <message>
        <source>Give a rhythm in days for every care level.</source>
        <translation>Geef voor elk zorgniveau een ritme in dagen op.</translation>
    </message>
    <message>
        <source>The rhythm for &apos;{level}&apos; must be between 1 and 730 days.</source>
        <translation>Het ritme voor &apos;{level}&apos; moet tussen 1 en 730 dagen liggen.</translation>
    </message>
    <message>
        <source>Automatic locking: choose between 1 and 120 minutes.</source>
        <translation>Automatisch vergrendelen: kies tussen 1 en 120 minuten.</translation>
    </message>
    <message>
        <source>Correcting a visit: choose between 0 and 90 days.</source>
        <translation>Huisbezoek corrigeren: kies tussen 0 en 90 dagen.</translation>
    </message>
    <message>
        <source>Choose Dutch (nl) or English (en).</source>
        <translation>Kies Nederlands (nl) of Engels (en).</translation>
    </message>
    <message>
        <source>Give a retention period for visit notes, signals and referrals.</source>
        <translation>Geef een bewaartermijn voor bezoeknotities, signalen en doorverwijzingen.</translation>
    </message>
    <message>
        <source>The retention period for &apos;{category}&apos; must be between 1 and 240 months.</source>
        <translation>De bewaartermijn voor &apos;{category}&apos; moet tussen 1 en 240 maanden liggen.</translation>
    </message>
    <message>
        <source>Backup reminder: choose between 1 and 365 days.</source>
        <translation>Herinnering aan de back-up: kies tussen 1 en 365 dagen.</translation>
    </message>
    <message>
        <source>Choose how letters greet: geachte or beste.</source>
        <translation>Kies de aanhef van brieven: geachte of beste.</translation>
    </message>
    <message>
        <source>Give the team folder as a folder path, or leave it empty.</source>
        <translation>Geef de teammap als pad naar een map, of laat het leeg.</translation>
    </message>
    <message>
        <source>Backups kept in the team folder: choose between 1 and 100.</source>
        <translation>Back-ups in de teammap: kies tussen 1 en 100.</translation>
    </message>
    <message>
        <source>Backup to the team folder: choose every 1 to 168 hours (a week).</source>
        <translation>Back-up naar de teammap: kies elke 1 tot 168 uur (een week).</translation>
    </message>
    <message>
        <source>The retention period of the audit log must be between 12 and 240 months.</source>
        <translation>De bewaartermijn van het logboek moet tussen 12 en 240 maanden liggen.</translation>
    </message>
    <message>
        <source>The threshold for small counts must be a whole number from {low} to {high}.</source>
        <translation>De drempel voor kleine aantallen moet een heel getal van {low} tot en met {high} zijn.</translation>
    </message>
    <message>
        <source>Aggregate figures go per wijk or per complex: choose &apos;wijk&apos; or &apos;complex&apos;.</source>
        <translation>Overzichtscijfers gaan per wijk of per complex: kies &apos;wijk&apos; of &apos;complex&apos;.</translation>
    </message>
    <message>
        <source>Give an age recipient (age1…) or leave it empty.</source>
        <translation>Geef de sleutel van de partner (age1…) of laat leeg.</translation>
    </message>
    <message>
        <source>Unknown setting &apos;{key}&apos;.</source>
        <translation>Onbekende instelling &apos;{key}&apos;.</translation>
    </message>
    <message>
        <source>The organisation&apos;s name</source>
        <translation>De naam van de organisatie</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Je naam</translation>
    </message>
    <message>
        <source>Signal list version {version} was changed without a new version number. Raise &apos;version&apos; in the file.</source>
        <translation>Signalenlijst versie {version} is gewijzigd zonder nieuw versienummer. Verhoog &apos;version&apos; in het bestand.</translation>
    </message>
    <message>
        <source>The name</source>
        <translation>De naam</translation>
    </message>
    <message>
        <source>This staff member does not exist.</source>
        <translation>Deze medewerker bestaat niet.</translation>
    </message>
    <message>
        <source>The organisation has not been set up yet.</source>
        <translation>De organisatie is nog niet ingesteld.</translation>
    </message>
    <message>
        <source>The file needs a column &apos;medewerker&apos; (the name as under Settings) and a column &apos;complex&apos; (its code or name).</source>
        <translation>Het bestand heeft een kolom &apos;medewerker&apos; nodig (de naam zoals bij Instellingen) en een kolom &apos;complex&apos; (het nummer of de naam).</translation>
    </message>
    <message>
        <source>Line {line}: there is no staff member &apos;{name}&apos; (add them under Settings first). Nothing was imported.</source>
        <translation>Regel {line}: er is geen medewerker &apos;{name}&apos; (voeg die eerst toe bij Instellingen). Er is niets ingelezen.</translation>
    </message>
    <message>
        <source>Line {line}: there is no complex &apos;{name}&apos; (import the addresses first). Nothing was imported.</source>
        <translation>Regel {line}: er is geen complex &apos;{name}&apos; (lees eerst de adressen in). Er is niets ingelezen.</translation>
    </message>
    <message>
        <source>&apos;{postcode}&apos; is not a valid postcode. Use four digits and two letters, for example 1234 AB.</source>
        <translation>&apos;{postcode}&apos; is geen geldige postcode. Gebruik vier cijfers en twee letters, bijvoorbeeld 1234 AB.</translation>
    </message>
    <message>
        <source>{label} is required.</source>
        <translation>{label} is verplicht.</translation>
    </message>
    <message>
        <source>{label} is too long (at most {max_length} characters).</source>
        <translation>{label} is te lang (maximaal {max_length} tekens).</translation>
    </message>
    <message>
        <source>Birth year {year} cannot be right; enter a year between 1900 and {current_year}.</source>
        <translation>Geboortejaar {year} kan niet kloppen; vul een jaar tussen 1900 en {current_year} in.</translation>
    </message>
    <message>
        <source>The notes are too long (at most {max_length} characters).</source>
        <translation>De notities zijn te lang (maximaal {max_length} tekens).</translation>
    </message>
    <message>
        <source>Unknown signal &apos;{code}&apos;. &apos;waakvlam checklist show&apos; shows the codes.</source>
        <translation>Onbekend signaal &apos;{code}&apos;. &apos;waakvlam checklist show&apos; toont de codes.</translation>
    </message>
    <message>
        <source>Signal &apos;{code}&apos; is listed twice.</source>
        <translation>Signaal &apos;{code}&apos; staat er twee keer in.</translation>
    </message>
    <message>
        <source>The severity of &apos;{code}&apos; must be 1, 2 or 3 (mild, worrying, serious).</source>
        <translation>Ernst van &apos;{code}&apos; moet 1, 2 of 3 zijn (licht, zorgelijk, ernstig).</translation>
    </message>
    <message>
        <source>A follow-up needs a description.</source>
        <translation>Een actie heeft een omschrijving nodig.</translation>
    </message>
    <message>
        <source>The date for the next visit is in the past. Choose today or later.</source>
        <translation>De datum voor het volgende bezoek ligt in het verleden. Kies vandaag of later.</translation>
    </message>
    <message>
        <source>Signal {observation_id} does not exist.</source>
        <translation>Signaal {observation_id} bestaat niet.</translation>
    </message>
    <message>
        <source>This signal is not an acute sign: there is nothing to follow up.</source>
        <translation>Dit signaal is niet acuut: er is niets op te volgen.</translation>
    </message>
    <message>
        <source>What was done about this acute sign has already been recorded.</source>
        <translation>Wat er met dit acute signaal is gedaan, is al vastgelegd.</translation>
    </message>
    <message>
        <source>This visit can no longer be corrected: a note can be corrected up to {days} days after the visit. Record what changed in a new visit.</source>
        <translation>Dit huisbezoek kan niet meer worden gecorrigeerd: een notitie kan tot {days} dagen na het bezoek worden gecorrigeerd. Leg wat er veranderd is vast in een nieuw huisbezoek.</translation>
    </message>
    <message>
        <source>The note is the same as before: nothing to correct.</source>
        <translation>De notitie is hetzelfde als eerst: er is niets te corrigeren.</translation>
    </message>
    <message>
        <source>Visit {visit_id} does not exist.</source>
        <translation>Huisbezoek {visit_id} bestaat niet.</translation>
    </message>
    <message>
        <source>A resident who was present does not belong to this household.</source>
        <translation>Een aanwezige bewoner hoort niet bij dit huishouden.</translation>
    </message>
    <message>
        <source>There is no remembered key on this computer.</source>
        <translation>Geen onthouden sleutel op deze computer.</translation>
    </message>
    <message>
        <source>The file cannot be opened.</source>
        <translation>Het bestand kan niet worden geopend.</translation>
    </message>
    <message>
        <source>{path} already exists. Choose another name for the anchor; nothing is overwritten.</source>
        <translation>{path} bestaat al. Kies een andere naam voor het ankerpunt; er wordt niets overschreven.</translation>
    </message>
    <message>
        <source>The anchor could not be written to {path}. Nothing was saved.</source>
        <translation>Het ankerpunt kon niet worden geschreven naar {path}. Er is niets opgeslagen.</translation>
    </message>
    <message>
        <source>The anchor file {path} cannot be read.</source>
        <translation>Het ankerbestand {path} kan niet worden gelezen.</translation>
    </message>
    <message>
        <source>{name} is not an audit anchor (from &apos;waakvlam audit anchor&apos;), or it was cut off.</source>
        <translation>{name} is geen ankerpunt van het logboek (van &apos;waakvlam audit anchor&apos;), of het is afgebroken.</translation>
    </message>
    <message>
        <source>The anchor was signed with key {key_id}, which is not this organisation&apos;s signing key. Do not trust it.</source>
        <translation>Het ankerpunt is ondertekend met sleutel {key_id}; dat is niet de ondertekeningssleutel van deze organisatie. Vertrouw het niet.</translation>
    </message>
    <message>
        <source>The signature of the anchor does not match: the anchor was forged or changed. Do not trust it.</source>
        <translation>De handtekening van het ankerpunt klopt niet: het ankerpunt is vervalst of gewijzigd. Vertrouw het niet.</translation>
    </message>
    <message>
        <source>This anchor belongs to another vault ({vault_id}).</source>
        <translation>Dit ankerpunt hoort bij een andere kluis ({vault_id}).</translation>
    </message>
    <message>
        <source>This anchor has an unknown format (version {version}). Update Waakvlam.</source>
        <translation>Dit ankerpunt heeft een onbekende indeling (versie {version}). Werk Waakvlam bij.</translation>
    </message>
    <message>
        <source>This backup belongs to another vault ({vault_id}).</source>
        <translation>Deze back-up hoort bij een andere kluis ({vault_id}).</translation>
    </message>
    <message>
        <source>This backup was made before backups carried the audit head: it cannot witness.</source>
        <translation>Deze back-up is gemaakt voordat back-ups de kop van het logboek bevatten: hij kan niets bevestigen.</translation>
    </message>
    <message>
        <source>Warning: the sender&apos;s audit log was rewritten or rolled back. Bundle {bundle} (of {created}) witnessed event {seq} with another hash. Tell the sender&apos;s privacy officer.</source>
        <translation>Let op: het logboek van de afzender is herschreven of teruggezet. Bundel {bundle} (van {created}) legde gebeurtenis {seq} vast met een andere hash. Meld dit bij de privacyfunctionaris van de afzender.</translation>
    </message>
    <message>
        <source>--key belongs with --anchor: it checks the anchor&apos;s signature.</source>
        <translation>--key hoort bij --anchor: daarmee wordt de handtekening van het ankerpunt gecontroleerd.</translation>
    </message>
    <message>
        <source>--seen belongs with --head: it is the day that head was witnessed.</source>
        <translation>--seen hoort bij --head: het is de dag waarop die kop is gezien.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an audit head. Give the event number and hash as NUMBER:HASH (64 hex characters), as in a bundle manifest&apos;s audit_head.</source>
        <translation>&apos;{value}&apos; is geen kop van het logboek. Geef het gebeurtenisnummer en de hash als NUMMER:HASH (64 hextekens), zoals audit_head in een bundelmanifest.</translation>
    </message>
    <message>
        <source>Fill in the colleague&apos;s name.</source>
        <translation>Vul de naam van de collega in.</translation>
    </message>
    <message>
        <source>The colleague&apos;s name is too long (at most 200 characters).</source>
        <translation>De naam van de collega is te lang (maximaal 200 tekens).</translation>
    </message>
    <message>
        <source>There is already a colleague called &apos;{name}&apos;.</source>
        <translation>Er is al een collega met de naam &apos;{name}&apos;.</translation>
    </message>
    <message>
        <source>This key is already pinned for colleague &apos;{name}&apos; (key id {key_id}).</source>
        <translation>Deze sleutel hoort al bij collega &apos;{name}&apos; (sleutel-id {key_id}).</translation>
    </message>
    <message>
        <source>This is this vault&apos;s own signing key, not a colleague&apos;s; nothing was added.</source>
        <translation>Dit is de eigen ondertekeningssleutel van deze kluis, niet die van een collega; er is niets toegevoegd.</translation>
    </message>
    <message>
        <source>A colleague&apos;s key is 32 bytes; this one is not.</source>
        <translation>De sleutel van een collega is 32 bytes; deze niet.</translation>
    </message>
    <message>
        <source>There is no colleague called &apos;{name}&apos;.</source>
        <translation>Er is geen collega met de naam &apos;{name}&apos;.</translation>
    </message>
    <message>
        <source>The disclosure file has no &apos;default&apos; entry for {profile}.</source>
        <translation>Het bestand met wat er gedeeld wordt (disclosure.json) heeft geen &apos;default&apos; voor {profile}.</translation>
    </message>
    <message>
        <source>The disclosure file names a field that does not exist under {where}.</source>
        <translation>Het bestand met wat er gedeeld wordt (disclosure.json) noemt onder {where} een veld dat niet bestaat.</translation>
    </message>
    <message>
        <source>The disclosure file leaves out the required fields {fields} under {where}.</source>
        <translation>Het bestand met wat er gedeeld wordt (disclosure.json) laat onder {where} de verplichte velden {fields} weg.</translation>
    </message>
    <message>
        <source>The disclosure file&apos;s meeting entry for {where} must be &apos;pseudoniem&apos; or &apos;niet&apos;.</source>
        <translation>In het bestand over wat gedeeld wordt moet het onderdeel casusoverleg voor {where} &apos;pseudoniem&apos; of &apos;niet&apos; zijn.</translation>
    </message>
    <message>
        <source>The disclosure file does not describe the profile {profile}.</source>
        <translation>Het bestand met wat er gedeeld wordt (disclosure.json) beschrijft het profiel {profile} niet.</translation>
    </message>
    <message>
        <source>Give --resident-as at most once per --resident, in the same order (e.g. --resident &apos;Anna Jansen&apos; --resident-as &apos;mevrouw A. Jansen&apos;).</source>
        <translation>Geef --resident-as hooguit één keer per --resident, in dezelfde volgorde (bijvoorbeeld --resident &apos;Anna Jansen&apos; --resident-as &apos;mevrouw A. Jansen&apos;).</translation>
    </message>
    <message>
        <source>This letter needs a return address: fill in the organisation&apos;s postal address under Settings › Organisation and letterhead, or with &apos;waakvlam org set --address … --postcode … --city …&apos;.</source>
        <translation>Deze brief heeft een retouradres nodig: vul het postadres van de organisatie in bij Instellingen › Organisatie en briefhoofd, of met &apos;waakvlam org set --address … --postcode … --city …&apos;.</translation>
    </message>
    <message>
        <source>Unknown form of address &apos;{value}&apos;; choose heer, mevrouw or neutraal.</source>
        <translation>Onbekende aanhef &apos;{value}&apos;; kies heer, mevrouw of neutraal.</translation>
    </message>
    <message>
        <source>A part of the name is too long: initials at most 20, prefix at most 30, surname at most 200 characters.</source>
        <translation>Een deel van de naam is te lang: voorletters hooguit 20, tussenvoegsel hooguit 30 en achternaam hooguit 200 tekens.</translation>
    </message>
    <message>
        <source>Complex signal &apos;{text}&apos; must have the form CODE=SEVERITY, for example buurt.vervuiling_portiek=2.</source>
        <translation>Buurtsignaal &apos;{text}&apos; moet de vorm CODE=ERNST hebben, bijvoorbeeld buurt.vervuiling_portiek=2.</translation>
    </message>
    <message>
        <source>--due needs --action: the date is the action&apos;s due date.</source>
        <translation>--due hoort bij --action: de datum is de uiterste datum van de actie.</translation>
    </message>
    <message>
        <source>The note</source>
        <translation>De notitie</translation>
    </message>
    <message>
        <source>The action</source>
        <translation>De actie</translation>
    </message>
    <message>
        <source>Unknown kind of event &apos;{value}&apos;. Choose from: {choices}</source>
        <translation>Onbekende soort gebeurtenis &apos;{value}&apos;. Kies uit: {choices}</translation>
    </message>
    <message>
        <source>Unknown complex signal &apos;{value}&apos;. Choose from: {choices}</source>
        <translation>Onbekend buurtsignaal &apos;{value}&apos;. Kies uit: {choices}</translation>
    </message>
    <message>
        <source>The severity of &apos;{code}&apos; must be 1 (light), 2 (worrying) or 3 (serious).</source>
        <translation>De ernst van &apos;{code}&apos; moet 1 (licht), 2 (zorgelijk) of 3 (ernstig) zijn.</translation>
    </message>
    <message>
        <source>Complex action {action_id} does not exist.</source>
        <translation>Actie {action_id} van het complex bestaat niet.</translation>
    </message>
    <message>
        <source>This action has already been done or dropped.</source>
        <translation>Deze actie is al afgerond of vervallen.</translation>
    </message>
    <message>
        <source>This file is not a Waakvlam feedback reply (not an age-encrypted file).</source>
        <translation>Dit bestand is geen terugkoppeling van Waakvlam (geen age-versleuteld bestand).</translation>
    </message>
    <message>
        <source>This reply was not encrypted for this vault: it answers a bundle from another vault (or the file is damaged). Nothing was read in.</source>
        <translation>Deze terugkoppeling is niet voor deze kluis versleuteld: ze hoort bij een bundel uit een andere kluis (of het bestand is beschadigd). Er is niets ingelezen.</translation>
    </message>
    <message>
        <source>The reply is damaged or changed. Nothing was read in; ask the partner to send it again.</source>
        <translation>De terugkoppeling is beschadigd of gewijzigd. Er is niets ingelezen; vraag de partner om haar opnieuw te sturen.</translation>
    </message>
    <message>
        <source>This reply names a partner this vault does not know. Nothing was read in.</source>
        <translation>Deze terugkoppeling noemt een partner die deze kluis niet kent. Er is niets ingelezen.</translation>
    </message>
    <message>
        <source>No signing key is pinned for {partner} (the reply is signed with key id {key_id}). Compare the key id with the partner by phone, then run: waakvlam partner edit &quot;{partner}&quot; --signing-key FILE, or read this reply in with --pin-key and that key id. Nothing was read in.</source>
        <translation>Voor {partner} is geen ondertekeningssleutel vastgelegd (de terugkoppeling is ondertekend met sleutel-id {key_id}). Vergelijk de sleutel-id per telefoon met de partner en voer dan uit: waakvlam partner edit &quot;{partner}&quot; --signing-key BESTAND, of lees deze terugkoppeling in met --pin-key en die sleutel-id. Er is niets ingelezen.</translation>
    </message>
    <message>
        <source>The key id you confirmed ({given}) is not the key id of this reply ({key_id}). Do not trust it; call the partner. Nothing was read in.</source>
        <translation>De sleutel-id die je hebt bevestigd ({given}) is niet de sleutel-id van deze terugkoppeling ({key_id}). Vertrouw haar niet en bel de partner. Er is niets ingelezen.</translation>
    </message>
    <message>
        <source>This reply is signed with key id {key_id}, but key id {pinned} is pinned for {partner}. Do not trust it; call the partner. Nothing was read in.</source>
        <translation>Deze terugkoppeling is ondertekend met sleutel-id {key_id}, maar voor {partner} is sleutel-id {pinned} vastgelegd. Vertrouw haar niet en bel de partner. Er is niets ingelezen.</translation>
    </message>
    <message>
        <source>The signature of this reply does not match the key pinned for {partner}: the reply was forged or changed. Nothing was read in.</source>
        <translation>De handtekening van deze terugkoppeling past niet bij de vastgelegde sleutel van {partner}: de terugkoppeling is vervalst of gewijzigd. Er is niets ingelezen.</translation>
    </message>
    <message>
        <source>This reply has a newer or unknown format (version {version}). Update Waakvlam to read it in.</source>
        <translation>Deze terugkoppeling heeft een nieuwer of onbekend formaat (versie {version}). Werk Waakvlam bij om haar in te lezen.</translation>
    </message>
    <message>
        <source>This reply was already read in on {day}. Nothing was read in again.</source>
        <translation>Deze terugkoppeling is al ingelezen op {day}. Er is niets opnieuw ingelezen.</translation>
    </message>
    <message>
        <source>This reply answers bundle {bundle}, which this vault did not send to {partner}. Nothing was read in.</source>
        <translation>Deze terugkoppeling hoort bij bundel {bundle}, die deze kluis niet naar {partner} heeft gestuurd. Er is niets ingelezen.</translation>
    </message>
    <message>
        <source>Referral {kenmerk} was not sent to {partner} in the bundle this reply answers. Nothing was read in.</source>
        <translation>Verwijzing {kenmerk} is niet naar {partner} gestuurd in de bundel waar deze terugkoppeling bij hoort. Er is niets ingelezen.</translation>
    </message>
    <message>
        <source>The note for referral {kenmerk} seems to contain a BSN. Nothing was read in; ask {partner} to send the feedback again without the number.</source>
        <translation>De notitie bij doorverwijzing {kenmerk} lijkt een BSN te bevatten. Er is niets ingelezen; vraag {partner} om de terugkoppeling opnieuw te sturen, zonder het nummer.</translation>
    </message>
    <message>
        <source>This bundle carries no reply address (it was made by an older Waakvlam). Ask the sender for a new bundle to reply to.</source>
        <translation>Deze bundel heeft geen adres voor terugkoppeling (gemaakt met een oudere Waakvlam). Vraag de afzender om een nieuwe bundel.</translation>
    </message>
    <message>
        <source>Only a bundle with referrals can be answered.</source>
        <translation>Alleen op een bundel met verwijzingen kun je terugkoppelen.</translation>
    </message>
    <message>
        <source>Reference {kenmerk} is not in this bundle.</source>
        <translation>Kenmerk {kenmerk} staat niet in deze bundel.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a status line. Write REFERENCE=STATUS[:YYYY-MM-DD[:NOTE]], with STATUS one of: {choices}.</source>
        <translation>&apos;{value}&apos; is geen statusregel. Schrijf KENMERK=STATUS[:JJJJ-MM-DD[:NOTITIE]], met als STATUS een van: {choices}.</translation>
    </message>
    <message>
        <source>Reference {kenmerk} is declined: give the reason as a note (REFERENCE=afgewezen:YYYY-MM-DD:REASON).</source>
        <translation>Kenmerk {kenmerk} is afgewezen: geef de reden als notitie (KENMERK=afgewezen:JJJJ-MM-DD:REDEN).</translation>
    </message>
    <message>
        <source>The note for {kenmerk} is longer than {limit} characters; make it shorter.</source>
        <translation>De notitie bij {kenmerk} is langer dan {limit} tekens; maak haar korter.</translation>
    </message>
    <message>
        <source>The date for {kenmerk} ({day}) lies in the future.</source>
        <translation>De datum bij {kenmerk} ({day}) ligt in de toekomst.</translation>
    </message>
    <message>
        <source>The note for {kenmerk} holds a line break or another invisible character; write it as one line of plain text.</source>
        <translation>De notitie bij {kenmerk} bevat een regelovergang of een ander onzichtbaar teken; schrijf haar als één regel gewone tekst.</translation>
    </message>
    <message>
        <source>The note for {kenmerk} seems to contain a BSN; a reply never carries one. Leave the number out.</source>
        <translation>De notitie bij {kenmerk} lijkt een BSN te bevatten; een terugkoppeling bevat nooit een BSN. Laat het nummer weg.</translation>
    </message>
    <message>
        <source>Reference {kenmerk} is given more than once.</source>
        <translation>Kenmerk {kenmerk} staat er meer dan één keer in.</translation>
    </message>
    <message>
        <source>A reply needs the status of at least one referral.</source>
        <translation>Een terugkoppeling heeft de status van minstens één doorverwijzing nodig.</translation>
    </message>
    <message>
        <source>These statuses do not fit in one reply (at most {limit} referrals, and at most {size} KB of text together). Split them over two or more replies.</source>
        <translation>Deze statussen passen niet in één terugkoppeling (hoogstens {limit} doorverwijzingen, en samen hoogstens {size} KB tekst). Verdeel ze over twee of meer terugkoppelingen.</translation>
    </message>
    <message>
        <source>{path} cannot be written (disk full or no write permission).</source>
        <translation>{path} kan niet worden opgeslagen (schijf vol of geen schrijfrechten).</translation>
    </message>
    <message>
        <source>No shares: use --share FILE (once per share) or run the command in a terminal.</source>
        <translation>Geen delen: gebruik --share BESTAND (één keer per deel) of voer de opdracht uit in een terminal.</translation>
    </message>
    <message>
        <source>The team folder {folder} cannot be found (is the network share connected?). No backup was made.</source>
        <translation>De teammap {folder} is niet te vinden (is de netwerkmap verbonden?). Er is geen back-up gemaakt.</translation>
    </message>
    <message>
        <source>Waakvlam may not write in the team folder {folder}. No backup was made.</source>
        <translation>Waakvlam mag niet schrijven in de teammap {folder}. Er is geen back-up gemaakt.</translation>
    </message>
    <message>
        <source>The team folder {folder} is full. No backup was made; nothing was left behind.</source>
        <translation>De teammap {folder} is vol. Er is geen back-up gemaakt en er is niets achtergebleven.</translation>
    </message>
    <message>
        <source>This backup was made before the organisation&apos;s recovery key was set on the vault: it opens only with the staff member&apos;s passphrase. Nothing was written.</source>
        <translation>Deze back-up is gemaakt voordat de herstelsleutel van de organisatie op de kluis stond: hij opent alleen met het wachtwoord van de medewerker. Er is niets geschreven.</translation>
    </message>
    <message>
        <source>These shares belong to another recovery key (key id {given}); this backup needs key id {needed}. Nothing was written.</source>
        <translation>Deze delen horen bij een andere herstelsleutel (sleutel-id {given}); deze back-up heeft sleutel-id {needed} nodig. Er is niets geschreven.</translation>
    </message>
    <message>
        <source>Give the reason for this recovery (--reason), without residents&apos; data.</source>
        <translation>Geef de reden van dit herstel (--reason), zonder gegevens van bewoners.</translation>
    </message>
    <message>
        <source>{folder} already exists and is not empty. Choose a new folder for the key.</source>
        <translation>{folder} bestaat al en is niet leeg. Kies een nieuwe map voor de sleutel.</translation>
    </message>
    <message>
        <source>The folder {folder} cannot be written. Nothing was written.</source>
        <translation>In de map {folder} kan niet worden geschreven. Er is niets geschreven.</translation>
    </message>
    <message>
        <source>The notice about this recovery cannot be written in {folder}; a recovery is never silent, so nothing was written. Use --notice-dir with the team folder.</source>
        <translation>De melding over dit herstel kan niet worden geschreven in {folder}. Een herstel gebeurt nooit ongemerkt, dus er is niets geschreven. Gebruik --notice-dir met de teammap.</translation>
    </message>
    <message>
        <source>Not enough shares: this recovery key needs {threshold} shares, {given} were given. Nothing was written.</source>
        <translation>Te weinig delen: deze herstelsleutel heeft {threshold} delen nodig, er zijn er {given} gegeven. Er is niets geschreven.</translation>
    </message>
    <message>
        <source>The shares do not fit together (a word is wrong, or they belong to different recovery keys). Check the words against the paper. Nothing was written.</source>
        <translation>De delen passen niet bij elkaar (een woord is fout, of ze horen bij verschillende herstelsleutels). Controleer de woorden met het papier. Er is niets geschreven.</translation>
    </message>
    <message>
        <source>No shares given. Nothing was written.</source>
        <translation>Geen delen gegeven. Er is niets geschreven.</translation>
    </message>
    <message>
        <source>The share file {path} cannot be read.</source>
        <translation>Het bestand met het deel {path} is niet te lezen.</translation>
    </message>
    <message>
        <source>Choose between 2 and {max} shares, and a threshold from 2 up to the number of shares.</source>
        <translation>Kies tussen 2 en {max} delen, en een drempel van 2 tot en met het aantal delen.</translation>
    </message>
    <message>
        <source>The recovery key file {path} cannot be read.</source>
        <translation>Het bestand met de herstelsleutel {path} is niet te lezen.</translation>
    </message>
    <message>
        <source>The recovery key file {path} holds no valid recovery key (one line &apos;age1…&apos; and a line &apos;# waakvlam-notice: …&apos;, from &apos;waakvlam recovery create&apos;).</source>
        <translation>Het bestand {path} bevat geen geldige herstelsleutel (één regel &apos;age1…&apos; en een regel &apos;# waakvlam-notice: …&apos;, van &apos;waakvlam recovery create&apos;).</translation>
    </message>
    <message>
        <source>This is a handover bundle for a colleague at the corporation; it opens in Waakvlam Desktop, not in the partner app.</source>
        <extracomment>A referral is its sender&apos;s kenmerk: (sender key id, kenmerk). Two corporations may use the same kenmerk (and the same pseudonym), so neither is ever used alone. A household is its sender&apos;s pseudonym: (sender key id, pseudonym). What ends the partner&apos;s part of a referral: retention counts from its date. A case conference&apos;s agenda (``bundles/meeting.py``): its ``summary_pdf`` is the agenda, with names and signals. Retention drops it a set time after the meeting&apos;s day.</extracomment>
        <translation>Dit is een overdrachtsbundel voor een collega bij de corporatie; die opent in Waakvlam Desktop, niet in de partner-app.</translation>
    </message>
    <message>
        <source>Reference {kenmerk} is not (or no longer) in this app.</source>
        <translation>Kenmerk {kenmerk} staat niet (meer) in deze app.</translation>
    </message>
    <message>
        <source>This erasure request is gone.</source>
        <translation>Dit verwijderverzoek bestaat niet meer.</translation>
    </message>
    <message>
        <source>There is no new feedback to send: record a status for a referral first.</source>
        <translation>Er is geen nieuwe terugkoppeling om te versturen: leg eerst een status vast bij een doorverwijzing.</translation>
    </message>
    <message>
        <source>The reply file {path} could not be written (it exists, the disk is full, or there is no permission). Nothing counts as sent.</source>
        <translation>Het terugkoppelbestand {path} kon niet worden opgeslagen (het bestaat al, de schijf is vol, of er is geen schrijfrecht). Er is niets als verstuurd gemarkeerd.</translation>
    </message>
    <message>
        <source>The file {path} could not be written (it exists, or no permission).</source>
        <translation>Het bestand {path} kon niet worden opgeslagen (het bestaat al, of er is geen schrijfrecht).</translation>
    </message>
    <message>
        <source>The retention period must be between {low} and {high} days.</source>
        <translation>De bewaartermijn moet tussen {low} en {high} dagen liggen.</translation>
    </message>
    <message>
        <source>This bundle is signed by a corporation you trust, but its content is not what Waakvlam makes; nothing of it was opened. Tell the corporation.</source>
        <translation>Deze bundel is ondertekend door een corporatie die je vertrouwt, maar de inhoud is niet zoals Waakvlam die maakt; er is niets van geopend. Meld het bij de corporatie.</translation>
    </message>
    <message>
        <source>There is already a partner store in {folder}.</source>
        <translation>Er staat al een partneropslag in {folder}.</translation>
    </message>
    <message>
        <source>There is no partner store in {folder}.</source>
        <translation>Er staat geen partneropslag in {folder}.</translation>
    </message>
    <message>
        <source>The partner app is already open in another window. Close that one first.</source>
        <translation>De partner-app is al open in een ander venster. Sluit dat eerst.</translation>
    </message>
    <message>
        <source>This partner store was made by a newer Waakvlam (version {version}). Update the app.</source>
        <translation>Deze partneropslag is gemaakt door een nieuwere Waakvlam (versie {version}). Werk de app bij.</translation>
    </message>
    <message>
        <source>The place</source>
        <translation>De plaats</translation>
    </message>
    <message>
        <source>The agreement</source>
        <translation>De afspraak</translation>
    </message>
    <message>
        <source>The decision</source>
        <translation>Het besluit</translation>
    </message>
    <message>
        <source>There is no meeting {meeting}.</source>
        <translation>Er is geen overleg {meeting}.</translation>
    </message>
    <message>
        <source>There are several meetings on {meeting}: use the meeting&apos;s id.</source>
        <translation>Er zijn meerdere overleggen op {meeting}: gebruik het id van het overleg.</translation>
    </message>
    <message>
        <source>A meeting needs at least one participating partner.</source>
        <translation>Een overleg heeft minstens één deelnemende partner nodig.</translation>
    </message>
    <message>
        <source>Household {id} is not on the agenda of this meeting.</source>
        <translation>Huishouden {id} staat niet op de agenda van dit overleg.</translation>
    </message>
    <message>
        <source>{name} does not take part in this meeting.</source>
        <translation>{name} doet niet mee aan dit overleg.</translation>
    </message>
    <message>
        <source>{name} is neither a staff member nor a partner at this meeting.</source>
        <translation>{name} is geen medewerker en geen partner bij dit overleg.</translation>
    </message>
    <message>
        <source>There is no agreement {id}.</source>
        <translation>Er is geen afspraak {id}.</translation>
    </message>
    <message>
        <source>This agreement is already closed.</source>
        <translation>Deze afspraak is al afgesloten.</translation>
    </message>
    <message>
        <source>Household {id} was already marked solved at this meeting.</source>
        <translation>Huishouden {id} is in dit overleg al als opgelost gemarkeerd.</translation>
    </message>
    <message>
        <source>Old audit events were not replaced by a checkpoint: the audit log is not in order (event {seq}). Check it with &apos;waakvlam audit verify&apos; first.</source>
        <translation>Oude gebeurtenissen in het logboek zijn niet vervangen door een controlepunt: het logboek is niet in orde (gebeurtenis {seq}). Controleer het eerst met &apos;waakvlam audit verify&apos;.</translation>
    </message>
    <message>
        <source>Audit events younger than 12 months cannot be replaced by a checkpoint. Nothing was replaced; check the audit term and the computer&apos;s date.</source>
        <translation>Gebeurtenissen in het logboek die jonger zijn dan 12 maanden kunnen niet worden vervangen door een controlepunt. Er is niets vervangen. Controleer de bewaartermijn van het logboek en de datum van de computer.</translation>
    </message>
    <message>
        <source>You cannot add or change anything: this household has been anonymised.</source>
        <translation>Je kunt niets meer toevoegen of wijzigen: dit huishouden is geanonimiseerd.</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>Record an event</source>
        <translation>Gebeurtenis vastleggen</translation>
    </message>
    <message>
        <source>Complex</source>
        <translation>Complex</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Kind of event</source>
        <translation>Soort gebeurtenis</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>What happened? Do not name residents (write “resident of number 2”). Never write a BSN.</source>
        <translation>Wat is er gebeurd? Noem geen namen van bewoners (schrijf „bewoner van nummer 2”). Schrijf nooit een BSN.</translation>
    </message>
    <message>
        <source>This is not a BSN: save anyway</source>
        <translation>Dit is geen BSN: toch opslaan</translation>
    </message>
    <message>
        <source>Partners involved</source>
        <translation>Betrokken partners</translation>
    </message>
    <message>
        <source>No partners yet (add them under Partners).</source>
        <translation>Nog geen partners (voeg ze toe onder Partners).</translation>
    </message>
    <message>
        <source>Complex signals</source>
        <translation>Buurtsignalen</translation>
    </message>
    <message>
        <source>not seen</source>
        <translation>niet gezien</translation>
    </message>
    <message>
        <source>Action (optional)</source>
        <translation>Actie (niet verplicht)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>e.g. Ask the caretaker to fix the lighting</source>
        <translation>bijv. Huismeester vragen de verlichting te maken</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>Uiterlijk op</translation>
    </message>
    <message>
        <source>This text contains a number that looks like a BSN. A BSN may not be stored: remove it, or confirm that it is not a BSN.</source>
        <translation>De tekst bevat een getal dat op een BSN lijkt. Een BSN mag niet worden opgeslagen: haal het weg, of bevestig dat het geen BSN is.</translation>
    </message>
</context>
<context>
    <name>ExportsView</name>
    <message>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
    <message>
        <source>New export</source>
        <translation>Nieuwe export</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>The periods this partner can receive: from its schedule, and for figures only periods that are over and not yet sent</source>
        <translation>De perioden die deze partner kan krijgen: volgens het schema, en bij cijfers alleen perioden die voorbij zijn en nog niet gestuurd</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Voorbeeld</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporteren…</translation>
    </message>
    <message>
        <source>Due periodic exports</source>
        <translation>Periodieke exports die klaarstaan</translation>
    </message>
    <message>
        <source>Last export</source>
        <translation>Laatste export</translation>
    </message>
    <message>
        <source>Read in a handover…</source>
        <translation>Overdracht inlezen…</translation>
    </message>
    <message>
        <source>Merge a colleague&apos;s handover bundle into this vault</source>
        <translation>De overdrachtsbundel van een collega in deze kluis inlezen</translation>
    </message>
    <message>
        <source>Colleagues…</source>
        <translation>Collega&apos;s…</translation>
    </message>
    <message>
        <source>Only handovers from colleagues listed here are read in</source>
        <translation>Alleen overdrachten van collega&apos;s in deze lijst worden ingelezen</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Exportgeschiedenis</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Huishoudens</translation>
    </message>
    <message>
        <source>For ICT: SHA-256 of the bundle {sha}</source>
        <translation>Voor ICT: SHA-256 van de bundel {sha}</translation>
    </message>
    <message>
        <source>Add a partner with their key first (Partners).</source>
        <translation>Voeg eerst een partner met de sleutel van de partner toe (Partners).</translation>
    </message>
    <message>
        <source>Kind of export: {kind} · bundle number {n}</source>
        <translation>Soort export: {kind} · bundelnummer {n}</translation>
    </message>
    <message>
        <source>Locked with the partner&apos;s key: only {name} can open it.</source>
        <translation>Versleuteld met de sleutel van de partner: alleen {name} kan het openen.</translation>
    </message>
    <message>
        <source>Locked with the partner&apos;s {n} keys: only {name} can open it.</source>
        <translation>Versleuteld met de {n} sleutels van de partner: alleen {name} kan het openen.</translation>
    </message>
    <message>
        <source>For ICT: profile {profile}; age recipients (fingerprints): {fps}</source>
        <translation>Voor ICT: profiel {profile}; age-ontvangers (vingerafdrukken): {fps}</translation>
    </message>
    <message>
        <source>Exported to {name}.</source>
        <translation>Geëxporteerd naar {name}.</translation>
    </message>
    <message>
        <source>There is no period this partner can receive yet.</source>
        <translation>Er is nog geen periode die deze partner kan krijgen.</translation>
    </message>
    <message>
        <source>Contains: {counts}</source>
        <translation>Bevat: {counts}</translation>
    </message>
    <message>
        <source>First: {n} request(s) to the partner to erase a household&apos;s data.</source>
        <translation>Eerst: {n} verzoek(en) aan de partner om de gegevens van een huishouden te wissen.</translation>
    </message>
    <message>
        <source>What may leave: {fields}</source>
        <translation>Wat er mee mag: {fields}</translation>
    </message>
    <message>
        <source>Left out (no names): {why}</source>
        <translation>Weggelaten (zonder namen): {why}</translation>
    </message>
    <message>
        <source>Save export</source>
        <translation>Export opslaan</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Bezig met exporteren…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Record status – {kenmerk}</source>
        <translation>Status vastleggen – {kenmerk}</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>one line; the reason when declined</source>
        <translation>één regel; bij afgewezen de reden</translation>
    </message>
    <message>
        <source>The note goes to the corporation with the status. Write no BSN and no more than they need.</source>
        <translation>De notitie gaat met de status naar de corporatie. Schrijf geen BSN en niet meer dan zij nodig hebben.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
</context>
<context>
    <name>FeedbackKeyDialog</name>
    <message>
        <source>New key for feedback</source>
        <translation>Nieuwe sleutel voor terugkoppeling</translation>
    </message>
    <message>
        <source>This is the first feedback from {partner}. Compare this code by phone with the partner before you read it in.</source>
        <translation>Dit is de eerste terugkoppeling van {partner}. Vergelijk deze code telefonisch met de partner voordat u de terugkoppeling inleest.</translation>
    </message>
    <message>
        <source>Code to compare</source>
        <translation>Code om te vergelijken</translation>
    </message>
    <message>
        <source>Ask the partner to read out the code of its signing key. Only when every group is the same: choose “The code matches”.</source>
        <translation>Vraag de partner de code van zijn ondertekeningssleutel voor te lezen. Alleen als elke groep gelijk is: kies “De code klopt”.</translation>
    </message>
    <message>
        <source>The code matches</source>
        <translation>De code klopt</translation>
    </message>
</context>
<context>
    <name>FiguresPage</name>
    <message>
        <source>Bundle</source>
        <translation>Bundel</translation>
    </message>
    <message>
        <source>No bundles with figures yet.</source>
        <translation>Nog geen bundels met cijfers.</translation>
    </message>
    <message>
        <source>Numbers of households per {level}. A number below {threshold} is not published (suppressed), to protect the residents.</source>
        <translation>Aantallen huishoudens per {level}. Een aantal onder de {threshold} wordt niet getoond (onderdrukt), om de bewoners te beschermen.</translation>
    </message>
    <message>
        <source>Households (total and per care level)</source>
        <translation>Huishoudens (totaal en per zorgniveau)</translation>
    </message>
    <message>
        <source>Visited in the period</source>
        <translation>Bezocht in de periode</translation>
    </message>
    <message>
        <source>With a signal in the domain</source>
        <translation>Met een signaal in het domein</translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation>Doorverwezen naar</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Gebied</translation>
    </message>
    <message>
        <source>Wijk</source>
        <translation>Wijk</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categorie</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Huishoudens</translation>
    </message>
    <message>
        <source>suppressed</source>
        <translation>onderdrukt</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Welcome to Waakvlam</source>
        <translation>Welkom bij Waakvlam</translation>
    </message>
    <message>
        <source>Your notes are kept in an encrypted vault on this computer. Choose a passphrase you can remember: without it nobody can open the vault, not even your application manager.</source>
        <translation>Je notities staan in een versleutelde kluis op deze computer. Kies een wachtwoord dat je kunt onthouden: zonder wachtwoord kan niemand de kluis openen, ook je applicatiebeheerder niet.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Wachtwoord nog een keer</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Sterkte van het wachtwoord</translation>
    </message>
    <message>
        <source>Passphrase advice</source>
        <translation>Advies over het wachtwoord</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>Onthouden op deze computer</translation>
    </message>
    <message>
        <source>Keeps the key in the system keyring, so you do not have to type it here.</source>
        <translation>Bewaart de sleutel in de sleutelbos van het systeem, zodat je hem hier niet hoeft te typen.</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <source>e.g. Woonstichting Voorbeeld</source>
        <translation>bijv. Woonstichting Voorbeeld</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Je naam</translation>
    </message>
    <message>
        <source>Your role</source>
        <translation>Je functie</translation>
    </message>
    <message>
        <source>e.g. wijkbeheerder</source>
        <translation>bijv. wijkbeheerder</translation>
    </message>
    <message>
        <source>Postal address of the organisation</source>
        <translation>Postadres van de organisatie</translation>
    </message>
    <message>
        <source>street and number, or Postbus</source>
        <translation>straat en nummer, of postbus</translation>
    </message>
    <message>
        <source>Postcode of the organisation</source>
        <translation>Postcode van de organisatie</translation>
    </message>
    <message>
        <source>City of the organisation</source>
        <translation>Plaats van de organisatie</translation>
    </message>
    <message>
        <source>Phone of the organisation</source>
        <translation>Telefoonnummer van de organisatie</translation>
    </message>
    <message>
        <source>E-mail of the organisation</source>
        <translation>E-mailadres van de organisatie</translation>
    </message>
    <message>
        <source>Your phone</source>
        <translation>Je telefoonnummer</translation>
    </message>
    <message>
        <source>Your e-mail</source>
        <translation>Je e-mailadres</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>Nog een keer</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Sterkte</translation>
    </message>
    <message>
        <source>Postal address</source>
        <translation>Postadres</translation>
    </message>
    <message>
        <source>Postcode and city</source>
        <translation>Postcode en plaats</translation>
    </message>
    <message>
        <source>Letters need the postal address as their return address; you can also fill it in later under Settings.</source>
        <translation>Brieven hebben het postadres nodig als retouradres; je kunt het ook later invullen bij Instellingen.</translation>
    </message>
    <message>
        <source>Phone (organisation)</source>
        <translation>Telefoon (organisatie)</translation>
    </message>
    <message>
        <source>E-mail (organisation)</source>
        <translation>E-mail (organisatie)</translation>
    </message>
    <message>
        <source>Create vault</source>
        <translation>Kluis aanmaken</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>Back-up terugzetten…</translation>
    </message>
    <message>
        <source>On a new laptop: put a backup of your vault here</source>
        <translation>Op een nieuwe laptop: zet hier een back-up van je kluis terug</translation>
    </message>
    <message>
        <source>too weak</source>
        <translation>te zwak</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>redelijk</translation>
    </message>
    <message>
        <source>good</source>
        <translation>goed</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>sterk</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>De twee wachtwoorden zijn niet gelijk.</translation>
    </message>
    <message>
        <source>{field} is required.</source>
        <translation>{field} is verplicht.</translation>
    </message>
    <message>
        <source>Creating the vault…</source>
        <translation>De kluis wordt aangemaakt…</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Read in a handover</source>
        <translation>Overdracht inlezen</translation>
    </message>
    <message>
        <source>Your key file</source>
        <translation>Je sleutelbestand</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <source>Colleagues…</source>
        <translation>Collega&apos;s…</translation>
    </message>
    <message>
        <source>Only handovers from colleagues listed here are read in</source>
        <translation>Alleen overdrachten van collega&apos;s in deze lijst worden ingelezen</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>Changed on both sides</source>
        <translation>Aan beide kanten gewijzigd</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Houden</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicten</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Controleren</translation>
    </message>
    <message>
        <source>Choose file</source>
        <translation>Bestand kiezen</translation>
    </message>
    <message>
        <source>Choose for every conflict which version to keep.</source>
        <translation>Kies bij elk conflict welke versie je houdt.</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Huishouden</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Bewoner</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Bezoek</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Signaal</translation>
    </message>
    <message>
        <source>Concern level</source>
        <translation>Zorgniveau</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Doorverwijzing</translation>
    </message>
    <message>
        <source>Referral status</source>
        <translation>Status van een doorverwijzing</translation>
    </message>
    <message>
        <source>Complex</source>
        <translation>Complex</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>From colleague: {name}</source>
        <translation>Van collega: {name}</translation>
    </message>
    <message>
        <source>Partner {name}: linked to the partner here</source>
        <translation>Partner {name}: gekoppeld aan de partner in deze kluis</translation>
    </message>
    <message>
        <source>Erased here, not brought back: {n}</source>
        <translation>Hier gewist, niet teruggebracht: {n}</translation>
    </message>
    <message>
        <source>Added: {counts}</source>
        <translation>Toegevoegd: {counts}</translation>
    </message>
    <message>
        <source>Updated: {counts}</source>
        <translation>Bijgewerkt: {counts}</translation>
    </message>
    <message>
        <source>Unchanged: {counts}</source>
        <translation>Ongewijzigd: {counts}</translation>
    </message>
    <message>
        <source>Conflicts decided: {n}</source>
        <translation>Conflicten beslist: {n}</translation>
    </message>
    <message>
        <source>Confirm and read in</source>
        <translation>Bevestigen en inlezen</translation>
    </message>
    <message>
        <source>Nothing has been read in yet. Check the partners and choose for every conflict, then confirm.</source>
        <translation>Er is nog niets ingelezen. Controleer de partners en kies bij elk conflict; bevestig dan.</translation>
    </message>
    <message>
        <source>For ICT: {table} {id}</source>
        <translation>Voor ICT: {table} {id}</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Mijn versie houden</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Versie van de collega nemen</translation>
    </message>
    <message>
        <source>Handover read in.</source>
        <translation>Overdracht ingelezen.</translation>
    </message>
    <message>
        <source>Handover file</source>
        <translation>Overdrachtsbestand</translation>
    </message>
    <message>
        <source>Partner {name}: new here, without key or schedule</source>
        <translation>Partner {name}: nieuw in deze kluis, zonder sleutel en zonder schema</translation>
    </message>
    <message>
        <source>Nothing new in this bundle.</source>
        <translation>Niets nieuws in deze bundel.</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Waakvlam help</source>
        <translation>Hulp bij Waakvlam</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hulp</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>Put a household on the agenda</source>
        <translation>Huishouden op de agenda zetten</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Huishouden</translation>
    </message>
</context>
<context>
    <name>HouseholdPage</name>
    <message>
        <source>← Back</source>
        <translation>← Terug</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Terug (Esc)</translation>
    </message>
    <message>
        <source>Record home visit</source>
        <translation>Huisbezoek vastleggen</translation>
    </message>
    <message>
        <source>Record home visit (Ctrl+N)</source>
        <translation>Huisbezoek vastleggen (Ctrl+N)</translation>
    </message>
    <message>
        <source>Refer…</source>
        <translation>Doorverwijzen…</translation>
    </message>
    <message>
        <source>Refer this household to a partner, with a letter</source>
        <translation>Dit huishouden doorverwijzen naar een partner, met een brief</translation>
    </message>
    <message>
        <source>Continue the draft visit</source>
        <translation>Verder met het concept</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Door</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Gegevens</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Tijdlijn</translation>
    </message>
    <message>
        <source>The chosen entry in full</source>
        <translation>De gekozen regel in zijn geheel</translation>
    </message>
    <message>
        <source>Correct the note…</source>
        <translation>Notitie corrigeren…</translation>
    </message>
    <message>
        <source>A saved note can be corrected for a few days; the original is kept.</source>
        <translation>Een opgeslagen notitie kun je een paar dagen corrigeren; de oorspronkelijke blijft bewaard.</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>Signalen</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Acties</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Kenmerk</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>Terugkoppeling uiterlijk</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Doorverwijzingen</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <source>Signals per month, last 12 months</source>
        <translation>Signalen per maand, afgelopen 12 maanden</translation>
    </message>
    <message>
        <source>Signals per month</source>
        <translation>Signalen per maand</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domein</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Signaal</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Laatst gezien</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Ernst</translation>
    </message>
    <message>
        <source>Signals seen</source>
        <translation>Geziene signalen</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Uiterlijk</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>A small concrete step, e.g. call the wijkteam</source>
        <translation>Een kleine concrete stap, bijvoorbeeld het wijkteam bellen</translation>
    </message>
    <message>
        <source>New follow-up</source>
        <translation>Nieuwe actie</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Uiterlijk op</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Toevoegen</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Gedaan</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Huishouden</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straat</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Huisnummer</translation>
    </message>
    <message>
        <source>Addition</source>
        <translation>Toevoeging</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>Wijk</source>
        <translation>Wijk</translation>
    </message>
    <message>
        <source>Save address</source>
        <translation>Adres opslaan</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Bewoners</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>Geboortejaar</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>In letters</source>
        <translation>In brieven</translation>
    </message>
    <message>
        <source>How a letter addresses the resident, e.g. mevrouw A. de Vries</source>
        <translation>Hoe een brief de bewoner aanspreekt, bijvoorbeeld mevrouw A. de Vries</translation>
    </message>
    <message>
        <source>Name of the new resident</source>
        <translation>Naam van de nieuwe bewoner</translation>
    </message>
    <message>
        <source>year?</source>
        <translation>jaar?</translation>
    </message>
    <message>
        <source>in letters: mevrouw A. de Vries</source>
        <translation>in brieven: mevrouw A. de Vries</translation>
    </message>
    <message>
        <source>How letters address the new resident, e.g. mevrouw A. de Vries</source>
        <translation>Hoe brieven de nieuwe bewoner aanspreken, bijvoorbeeld mevrouw A. de Vries</translation>
    </message>
    <message>
        <source>Add resident</source>
        <translation>Bewoner toevoegen</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Wijzigingen opslaan</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Geselecteerde verwijderen</translation>
    </message>
    <message>
        <source>no residents recorded</source>
        <translation>geen bewoners vastgelegd</translation>
    </message>
    <message>
        <source>visit 1 day late (due {date})</source>
        <translation>bezoek 1 dag te laat (uiterlijk {date})</translation>
    </message>
    <message>
        <source>visit {n} days late (due {date})</source>
        <translation>bezoek {n} dagen te laat (uiterlijk {date})</translation>
    </message>
    <message>
        <source>next visit by {date}</source>
        <translation>volgend bezoek uiterlijk {date}</translation>
    </message>
    <message>
        <source>not visited yet</source>
        <translation>nog niet bezocht</translation>
    </message>
    <message>
        <source>no next visit planned</source>
        <translation>geen volgend bezoek gepland</translation>
    </message>
    <message>
        <source>There is an unsaved draft visit for this household.</source>
        <translation>Er is een niet-opgeslagen concept-huisbezoek voor dit huishouden.</translation>
    </message>
    <message>
        <source>Acute signal</source>
        <translation>Acuut signaal</translation>
    </message>
    <message>
        <source>{label} ({severity}){extra}</source>
        <translation>{label} ({severity}){extra}</translation>
    </message>
    <message>
        <source>Home visit: {kind}</source>
        <translation>Huisbezoek: {kind}</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Signaal</translation>
    </message>
    <message>
        <source>{what} (corrected)</source>
        <translation>{what} (gecorrigeerd)</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>done</source>
        <translation>gedaan</translation>
    </message>
    <message>
        <source>Follow-up ({status})</source>
        <translation>Actie ({status})</translation>
    </message>
    <message>
        <source>Referral to {partner}</source>
        <translation>Doorverwijzing naar {partner}</translation>
    </message>
    <message>
        <source>Nothing recorded yet: start with a home visit.</source>
        <translation>Nog niets vastgelegd: begin met een huisbezoek.</translation>
    </message>
    <message>
        <source>Anonymised household</source>
        <translation>Geanonimiseerd huishouden</translation>
    </message>
    <message>
        <source>Names and address have been removed. No more visits follow.</source>
        <translation>Namen en adres zijn verwijderd. Er komen geen bezoeken meer.</translation>
    </message>
    <message>
        <source>The retention period is over. That is why names, address, visits and notes have been removed. For the figures in Overzicht only the number of visits and signs per month is kept. You cannot add anything here.</source>
        <translation>De bewaartermijn is voorbij. Daarom zijn namen, adres, bezoeken en notities verwijderd. Voor de cijfers in Overzicht is alleen bewaard hoeveel bezoeken en signalen er per maand waren. Je kunt hier niets meer toevoegen.</translation>
    </message>
    <message>
        <source>This household has been anonymised. You cannot add anything.</source>
        <translation>Dit huishouden is geanonimiseerd. Je kunt niets meer toevoegen.</translation>
    </message>
    <message>
        <source>Present: {names}</source>
        <translation>Aanwezig: {names}</translation>
    </message>
    <message>
        <source>acute</source>
        <translation>acuut</translation>
    </message>
    <message>
        <source>Corrected on {when}; the original note is kept.</source>
        <translation>Gecorrigeerd op {when}; de oorspronkelijke notitie is bewaard.</translation>
    </message>
    <message>
        <source>(no notes)</source>
        <translation>(geen notities)</translation>
    </message>
    <message>
        <source>done: {what}</source>
        <translation>gedaan: {what}</translation>
    </message>
    <message>
        <source>not followed up yet (a follow-up due that day)</source>
        <translation>nog niet opgevolgd (actie voor dezelfde dag)</translation>
    </message>
    <message>
        <source>not recorded what was done</source>
        <translation>niet vastgelegd wat er is gedaan</translation>
    </message>
    <message>
        <source>Note corrected. The original is kept in the log.</source>
        <translation>Notitie gecorrigeerd. De oorspronkelijke staat bewaard in het logboek.</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>vervallen</translation>
    </message>
    <message>
        <source>Birth year must be a number, e.g. 1950.</source>
        <translation>Het geboortejaar moet een getal zijn, bijvoorbeeld 1950.</translation>
    </message>
</context>
<context>
    <name>HouseholdPrivacy</name>
    <message>
        <source>A resident may ask what is stored about them (inzage): the report holds everything about that resident and who viewed or shared it. Check it with your privacy officer before handing it over.</source>
        <translation>Een bewoner mag vragen wat er over hem of haar is vastgelegd (inzage): het overzicht bevat alles over die bewoner en wie het heeft ingezien of gedeeld. Laat het nakijken door je privacyfunctionaris voordat je het overhandigt.</translation>
    </message>
    <message>
        <source>Inzage…</source>
        <translation>Inzage…</translation>
    </message>
    <message>
        <source>Write a PDF and JSON with everything stored about one resident</source>
        <translation>Schrijf een PDF en JSON met alles wat over één bewoner is vastgelegd</translation>
    </message>
    <message>
        <source>Partners that received data</source>
        <translation>Partners die gegevens ontvingen</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>First</source>
        <translation>Eerste keer</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Laatste keer</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Hoe</translation>
    </message>
    <message>
        <source>References</source>
        <translation>Kenmerken</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Toestemming</translation>
    </message>
    <message>
        <source>Bundles on</source>
        <translation>Bundels op</translation>
    </message>
    <message>
        <source>Consent per referral</source>
        <translation>Toestemming per doorverwijzing</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Kenmerk</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Gegeven op</translation>
    </message>
    <message>
        <source>Withdrawn on</source>
        <translation>Ingetrokken op</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>Withdraw consent…</source>
        <translation>Toestemming intrekken…</translation>
    </message>
    <message>
        <source>referral</source>
        <translation>doorverwijzing</translation>
    </message>
    <message>
        <source>export</source>
        <translation>export</translation>
    </message>
    <message>
        <source>printed letter</source>
        <translation>brief afgedrukt</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>gedeeld</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>ingetrokken</translation>
    </message>
    <message>
        <source>No data has been shared with a partner.</source>
        <translation>Er zijn geen gegevens met een partner gedeeld.</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>van kracht</translation>
    </message>
    <message>
        <source>No referral based on consent.</source>
        <translation>Geen doorverwijzing op basis van toestemming.</translation>
    </message>
    <message>
        <source>verbal</source>
        <translation>mondeling</translation>
    </message>
    <message>
        <source>written</source>
        <translation>schriftelijk</translation>
    </message>
    <message>
        <source>Consent for {ref} withdrawn on {date}.</source>
        <translation>Toestemming voor {ref} ingetrokken op {date}.</translation>
    </message>
    <message>
        <source>Inzage</source>
        <translation>Inzage</translation>
    </message>
    <message>
        <source>For which resident?</source>
        <translation>Voor welke bewoner?</translation>
    </message>
    <message>
        <source>Folder for the inzage report</source>
        <translation>Map voor het inzageoverzicht</translation>
    </message>
    <message>
        <source>Writing the inzage report…</source>
        <translation>Het inzageoverzicht wordt geschreven…</translation>
    </message>
    <message>
        <source>Inzage report written to {path} (PDF and JSON).</source>
        <translation>Inzageoverzicht geschreven in {path} (PDF en JSON).</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <source>Level</source>
        <translation>Zorgniveau</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Huishouden</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Wijk</source>
        <translation>Wijk</translation>
    </message>
    <message>
        <source>Complex</source>
        <translation>Complex</translation>
    </message>
    <message>
        <source>Next visit by</source>
        <translation>Volgend bezoek uiterlijk</translation>
    </message>
    <message>
        <source>{date} · late</source>
        <translation>{date} · te laat</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Bewoners</translation>
    </message>
</context>
<context>
    <name>HouseholdsView</name>
    <message>
        <source>Households</source>
        <translation>Huishoudens</translation>
    </message>
    <message>
        <source>New household…</source>
        <translation>Nieuw huishouden…</translation>
    </message>
    <message>
        <source>Import addresses…</source>
        <translation>Adressen inlezen…</translation>
    </message>
    <message>
        <source>Filter by address, name, postcode…</source>
        <translation>Filter op adres, naam, postcode…</translation>
    </message>
    <message>
        <source>Filter households</source>
        <translation>Huishoudens filteren</translation>
    </message>
    <message>
        <source>Complex</source>
        <translation>Complex</translation>
    </message>
    <message>
        <source>Wijk</source>
        <translation>Wijk</translation>
    </message>
    <message>
        <source>Concern level</source>
        <translation>Zorgniveau</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Alle zorgniveaus</translation>
    </message>
    <message>
        <source>No households yet. Add one with “New household…”, or import addresses from your corporation’s system.</source>
        <translation>Nog geen huishoudens. Voeg er een toe met ‘Nieuw huishouden…’, of importeer de adressen uit het systeem van je corporatie.</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} van {total}</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Zoeken…</translation>
    </message>
    <message>
        <source>No household matches the filter.</source>
        <translation>Geen huishouden past bij het filter.</translation>
    </message>
    <message>
        <source>All complexes</source>
        <translation>Alle complexen</translation>
    </message>
    <message>
        <source>All wijken</source>
        <translation>Alle wijken</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>Complex code {code} has the name &apos;{name}&apos; on line {line}; use one name.</source>
        <translation>Complexnummer {code} heeft in regel {line} de naam &apos;{name}&apos;; gebruik één naam.</translation>
    </message>
    <message>
        <source>VHE code {vhe_code} also appears on line {line}.</source>
        <translation>VHE-code {vhe_code} staat ook in regel {line}.</translation>
    </message>
    <message>
        <source>This address also appears on line {line}.</source>
        <translation>Dit adres staat ook in regel {line}.</translation>
    </message>
    <message>
        <source>This address is already in the vault under VHE code {other}. VHE code {vhe_code} belongs to another address.</source>
        <translation>Dit adres staat al in de kluis onder VHE-code {other}. VHE-code {vhe_code} hoort bij een ander adres.</translation>
    </message>
    <message>
        <source>This address is already in the vault without a VHE code. VHE code {vhe_code} belongs to another address.</source>
        <translation>Dit adres staat al in de kluis zonder VHE-code. VHE-code {vhe_code} hoort bij een ander adres.</translation>
    </message>
    <message>
        <source>This address is already in the vault with VHE code {vhe_code}.</source>
        <translation>Dit adres staat al in de kluis met VHE-code {vhe_code}.</translation>
    </message>
    <message>
        <source>This address is in the vault more than once without a VHE code; link it by hand first.</source>
        <translation>Dit adres staat meer dan eens zonder VHE-code in de kluis; koppel het eerst met de hand.</translation>
    </message>
    <message>
        <source>Another household already lives at this address; the new one has been added. Close the old household if its residents have moved.</source>
        <translation>Op dit adres woont al een ander huishouden; het nieuwe is erbij gezet. Sluit het oude huishouden als de bewoners verhuisd zijn.</translation>
    </message>
    <message>
        <source>The file contains {errors} error(s) in {rows} lines; nothing was imported.</source>
        <translation>Het bestand bevat {errors} fout(en) in {rows} regels; er is niets ingelezen.</translation>
    </message>
    <message>
        <source>{rows} lines would be imported: {addresses_new} new addresses, {addresses_updated} updated, {addresses_unchanged} unchanged; {complexes_new} new complexes, {households_new} new households, {residents_new} new residents.</source>
        <translation>{rows} regels zou inlezen: {addresses_new} nieuwe adressen, {addresses_updated} bijgewerkt, {addresses_unchanged} ongewijzigd; {complexes_new} nieuwe complexen, {households_new} nieuwe huishoudens, {residents_new} nieuwe bewoners.</translation>
    </message>
    <message>
        <source>{rows} lines imported: {addresses_new} new addresses, {addresses_updated} updated, {addresses_unchanged} unchanged; {complexes_new} new complexes, {households_new} new households, {residents_new} new residents.</source>
        <translation>{rows} regels ingelezen: {addresses_new} nieuwe adressen, {addresses_updated} bijgewerkt, {addresses_unchanged} ongewijzigd; {complexes_new} nieuwe complexen, {households_new} nieuwe huishoudens, {residents_new} nieuwe bewoners.</translation>
    </message>
    <message>
        <source>{field} is empty; this field is required.</source>
        <translation>{field} is leeg; dit veld is verplicht.</translation>
    </message>
    <message>
        <source>{field} is too long (at most {max_length} characters).</source>
        <translation>{field} is te lang (maximaal {max_length} tekens).</translation>
    </message>
    <message>
        <source>{field} contains a number that looks like a BSN; a BSN may not enter the vault.</source>
        <translation>{field} bevat een getal dat op een BSN lijkt; een BSN mag niet in de kluis komen.</translation>
    </message>
    <message>
        <source>House number &apos;{number}&apos; is not a valid house number (a number, possibly with a letter or addition, such as 12, 12A or 12-2).</source>
        <translation>Huisnummer &apos;{number}&apos; is geen geldig huisnummer (een getal, eventueel met letter of toevoeging, zoals 12, 12A of 12-2).</translation>
    </message>
    <message>
        <source>The house number already has a letter or addition, and so does the addition column; fill it in in one place.</source>
        <translation>Het huisnummer heeft al een letter of toevoeging, en de kolom toevoeging ook; vul die op één plek in.</translation>
    </message>
    <message>
        <source>The addition is too long (at most 20 characters).</source>
        <translation>De toevoeging is te lang (maximaal 20 tekens).</translation>
    </message>
    <message>
        <source>A resident&apos;s name is too long (at most 200).</source>
        <translation>Een naam van een bewoner is te lang (maximaal 200).</translation>
    </message>
    <message>
        <source>No column for &apos;{field}&apos;. Map a column to this field.</source>
        <translation>Geen kolom voor &apos;{field}&apos;. Koppel een kolom aan dit veld.</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; seems to hold a BSN and is not imported.</source>
        <translation>De kolom &apos;{column}&apos; lijkt een BSN te bevatten en wordt niet ingelezen.</translation>
    </message>
    <message>
        <source>The file has a header but no addresses.</source>
        <translation>Het bestand heeft een kopregel maar geen adressen.</translation>
    </message>
    <message>
        <source>This line has {cells} columns, the header {width}.</source>
        <translation>Deze regel heeft {cells} kolommen, de kopregel {width}.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import addresses</source>
        <translation>Adressen inlezen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Volgende</translation>
    </message>
    <message>
        <source>Choose a CSV file exported from your corporation’s system: one row per address (VHE), with street, house number, postcode and city, and optionally wijk, complex, household and residents. Semicolons or commas, UTF-8 or Windows encoding. The file is only read; delete it when you are done, it holds personal data.</source>
        <translation>Kies een CSV-bestand uit het systeem van je corporatie: één regel per adres (VHE), met straat, huisnummer, postcode en plaats, en eventueel wijk, complex, huishouden en bewoners. Puntkomma’s of komma’s, UTF-8 of Windows-tekens. Het bestand wordt alleen gelezen; verwijder het als je klaar bent, want het bevat persoonsgegevens.</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV-bestand</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Geen bestand gekozen</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Bestand kiezen…</translation>
    </message>
    <message>
        <source>Check which field each column is. The first row holds a drop-down per column; below it, the first rows of the file.</source>
        <translation>Controleer welk veld elke kolom is. De eerste regel heeft een keuzelijst per kolom; daaronder staan de eerste regels van het bestand.</translation>
    </message>
    <message>
        <source>Column mapping and preview</source>
        <translation>Kolommen koppelen en voorbeeld</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Report per row</source>
        <translation>Rapport per regel</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Kolom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Probleem</translation>
    </message>
    <message>
        <source>Save report as CSV…</source>
        <translation>Rapport opslaan als CSV…</translation>
    </message>
    <message>
        <source>Step 1 of 4 · Choose a file</source>
        <translation>Stap 1 van 4 · Bestand kiezen</translation>
    </message>
    <message>
        <source>Step 2 of 4 · Columns</source>
        <translation>Stap 2 van 4 · Kolommen</translation>
    </message>
    <message>
        <source>Step 3 of 4 · Check</source>
        <translation>Stap 3 van 4 · Controleren</translation>
    </message>
    <message>
        <source>Step 4 of 4 · Done</source>
        <translation>Stap 4 van 4 · Klaar</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Controleren</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Inlezen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Choose a CSV file</source>
        <translation>Kies een CSV-bestand</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-bestanden (*.csv *.txt);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>puntkomma</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>komma</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tab</translation>
    </message>
    <message>
        <source>{rows} rows · separator: {sep} · encoding: {enc}</source>
        <translation>{rows} regels · scheidingsteken: {sep} · tekenset: {enc}</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <source>Field for column {name}</source>
        <translation>Veld voor kolom {name}</translation>
    </message>
    <message>
        <source>never imported (BSN)</source>
        <translation>wordt nooit ingelezen (BSN)</translation>
    </message>
    <message>
        <source>— do not import —</source>
        <translation>— niet inlezen —</translation>
    </message>
    <message>
        <source>Choose a column for: {fields}.</source>
        <translation>Kies een kolom voor: {fields}.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Bezig met controleren…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Bezig met inlezen…</translation>
    </message>
    <message>
        <source>The addresses have been imported.

Addresses: {new} new, {updated} updated, {unchanged} unchanged.
Complexes: {cnew} new, {cupdated} updated.
Households: {hnew} new · residents: {rnew} new.</source>
        <translation>De adressen zijn ingelezen.

Adressen: {new} nieuw, {updated} bijgewerkt, {unchanged} ongewijzigd.
Complexen: {cnew} nieuw, {cupdated} bijgewerkt.
Huishoudens: {hnew} nieuw · bewoners: {rnew} nieuw.</translation>
    </message>
    <message>
        <source>{n} warning(s): see the report.</source>
        <translation>{n} waarschuwing(en): zie het rapport.</translation>
    </message>
    <message>
        <source>The file has {n} problem(s) in {rows} rows. Nothing will be imported until they are fixed: correct the file (or the columns) and check again.</source>
        <translation>Het bestand heeft {n} fout(en) in {rows} regels. Er wordt niets ingelezen tot ze zijn opgelost: verbeter het bestand (of de kolommen) en controleer opnieuw.</translation>
    </message>
    <message>
        <source>No problems in {rows} rows. Importing will add {new} and update {updated} addresses; {unchanged} stay unchanged. Complexes: {cnew} new. Households: {hnew} new, residents: {rnew} new.</source>
        <translation>Geen fouten in {rows} regels. Inlezen voegt {new} adressen toe en werkt er {updated} bij; {unchanged} blijven ongewijzigd. Complexen: {cnew} nieuw. Huishoudens: {hnew} nieuw, bewoners: {rnew} nieuw.</translation>
    </message>
    <message>
        <source>error</source>
        <translation>fout</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>waarschuwing</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Rapport opslaan</translation>
    </message>
    <message>
        <source>The report could not be saved. Choose another folder.</source>
        <translation>Het rapport kon niet worden opgeslagen. Kies een andere map.</translation>
    </message>
</context>
<context>
    <name>IntroductionDialog</name>
    <message>
        <source>Record an introduction</source>
        <translation>Kennismaking vastleggen</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Biedt aan</translation>
    </message>
    <message>
        <source>Would like</source>
        <translation>Zou graag willen</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>How it went</source>
        <translation>Hoe het ging</translation>
    </message>
    <message>
        <source>Optional. Never write a BSN.</source>
        <translation>Niet verplicht. Schrijf nooit een BSN.</translation>
    </message>
    <message>
        <source>A follow-up is added to ask the first resident how it went, in two weeks.</source>
        <translation>Er komt een actie bij om over twee weken bij de eerste bewoner na te vragen hoe het ging.</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>Copy</source>
        <translation>Kopiëren</translation>
    </message>
    <message>
        <source>Give the corporation these two lines (by e-mail or on paper): with them it can send bundles to you and recognise your feedback. When the corporation calls to check them, read out the code under each line.</source>
        <translation>Geef de corporatie deze twee regels (per e-mail of op papier): daarmee kan zij bundels naar jou sturen en jouw terugkoppeling herkennen. Belt de corporatie om ze te controleren, lees dan de code onder elke regel voor.</translation>
    </message>
    <message>
        <source>Line 1: for bundles to you</source>
        <translation>Regel 1: voor bundels aan jou</translation>
    </message>
    <message>
        <source>For ICT: the age recipient of this app (age1…); the code is its fingerprint, as a bundle&apos;s manifest lists its recipients.</source>
        <translation>Voor ICT: de age-ontvanger van deze app (age1…); de code is de vingerafdruk ervan, zoals het manifest van een bundel de ontvangers noemt.</translation>
    </message>
    <message>
        <source>Line 2: for your feedback</source>
        <translation>Regel 2: voor jouw terugkoppeling</translation>
    </message>
    <message>
        <source>For ICT: the public Ed25519 signing key of this app (waakvlam-ed25519:…); the code is its key id. The corporation pins it with partner edit --signing-key.</source>
        <translation>Voor ICT: de publieke Ed25519-ondertekeningssleutel van deze app (waakvlam-ed25519:…); de code is de sleutel-id. De corporatie legt hem vast met partner edit --signing-key.</translation>
    </message>
    <message>
        <source>Code to read out</source>
        <translation>Code om voor te lezen</translation>
    </message>
    <message>
        <source>Save line 2 as a file for the corporation…</source>
        <translation>Regel 2 als bestand voor de corporatie opslaan…</translation>
    </message>
    <message>
        <source>Corporations you trust</source>
        <translation>Corporaties die je vertrouwt</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sinds</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Trust a corporation&apos;s key…</source>
        <translation>Sleutel van een corporatie vertrouwen…</translation>
    </message>
    <message>
        <source>Delete received data this many days after a referral closed:</source>
        <translation>Ontvangen gegevens verwijderen zoveel dagen nadat een doorverwijzing is afgesloten:</translation>
    </message>
    <message>
        <source>Retention period in days</source>
        <translation>Bewaartermijn in dagen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Gekopieerd.</translation>
    </message>
    <message>
        <source>Save line 2 as a file</source>
        <translation>Regel 2 als bestand opslaan</translation>
    </message>
    <message>
        <source>Saved as {name}. It holds only your public key.</source>
        <translation>Opgeslagen als {name}. Er staat alleen je publieke sleutel in.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Opgeslagen.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>all referrals to this partner were cancelled</source>
        <translation>alle doorverwijzingen naar deze partner zijn geannuleerd</translation>
    </message>
    <message>
        <source>no usable legal basis (consent without form or date, or given later, or another legal basis without explanation)</source>
        <translation>geen bruikbare grondslag (toestemming zonder vorm of datum, of later gegeven, of een andere grondslag zonder uitleg)</translation>
    </message>
    <message>
        <source>the resident withdrew consent</source>
        <translation>de bewoner heeft de toestemming ingetrokken</translation>
    </message>
    <message>
        <source>the referrals to this partner have ended (their final state was shared)</source>
        <translation>de doorverwijzingen naar deze partner zijn afgerond (de laatste stand is gedeeld)</translation>
    </message>
    <message>
        <source>the retention period has passed; the partner was asked to erase the data</source>
        <translation>de bewaartermijn is verstreken; de partner is gevraagd de gegevens te wissen</translation>
    </message>
    <message>
        <source>(no complex)</source>
        <translation>(geen complex)</translation>
    </message>
    <message>
        <source>Households (open)</source>
        <translation>Huishoudens (open)</translation>
    </message>
    <message>
        <source>Check-in overdue</source>
        <translation>Bezoek te laat</translation>
    </message>
    <message>
        <source>Visits, 12 months</source>
        <translation>Bezoeken, 12 maanden</translation>
    </message>
    <message>
        <source>Signals, 12 months</source>
        <translation>Signalen, 12 maanden</translation>
    </message>
    <message>
        <source>Referrals in progress</source>
        <translation>Doorverwijzingen lopend</translation>
    </message>
    <message>
        <source>regular</source>
        <translation>regulier</translation>
    </message>
    <message>
        <source>following a signal</source>
        <translation>naar aanleiding van signaal</translation>
    </message>
    <message>
        <source>coffee / informal</source>
        <translation>kop koffie / informeel</translation>
    </message>
    <message>
        <source>aftercare</source>
        <translation>nazorg</translation>
    </message>
    <message>
        <source>after a nuisance report</source>
        <translation>na overlastmelding</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>licht</translation>
    </message>
    <message>
        <source>worrying</source>
        <translation>zorgelijk</translation>
    </message>
    <message>
        <source>serious</source>
        <translation>ernstig</translation>
    </message>
    <message>
        <source>no concerns</source>
        <translation>geen zorgen</translation>
    </message>
    <message>
        <source>attention</source>
        <translation>aandacht</translation>
    </message>
    <message>
        <source>concern</source>
        <translation>zorg</translation>
    </message>
    <message>
        <source>acute</source>
        <translation>acuut</translation>
    </message>
    <message>
        <source>not visited yet</source>
        <translation>nog niet bezocht</translation>
    </message>
    <message>
        <source>neighbourhood team</source>
        <translation>wijkteam</translation>
    </message>
    <message>
        <source>public health service</source>
        <translation>GGD</translation>
    </message>
    <message>
        <source>debt help</source>
        <translation>schuldhulpverlening</translation>
    </message>
    <message>
        <source>social work</source>
        <translation>maatschappelijk werk</translation>
    </message>
    <message>
        <source>mental health care</source>
        <translation>GGZ</translation>
    </message>
    <message>
        <source>Veilig Thuis</source>
        <translation>Veilig Thuis</translation>
    </message>
    <message>
        <source>community police officer</source>
        <translation>wijkagent</translation>
    </message>
    <message>
        <source>municipality</source>
        <translation>gemeente</translation>
    </message>
    <message>
        <source>colleague (handover)</source>
        <translation>collega (overdracht)</translation>
    </message>
    <message>
        <source>other</source>
        <translation>anders</translation>
    </message>
    <message>
        <source>Mr (de heer)</source>
        <translation>de heer</translation>
    </message>
    <message>
        <source>Ms (mevrouw)</source>
        <translation>mevrouw</translation>
    </message>
    <message>
        <source>neutral (name only)</source>
        <translation>neutraal (alleen de naam)</translation>
    </message>
    <message>
        <source>case</source>
        <translation>casus</translation>
    </message>
    <message>
        <source>overview</source>
        <translation>overzicht</translation>
    </message>
    <message>
        <source>handover</source>
        <translation>overdracht</translation>
    </message>
    <message>
        <source>case: the referred households only</source>
        <translation>casus: alleen de doorverwezen huishoudens</translation>
    </message>
    <message>
        <source>overview: counts only, no names</source>
        <translation>overzicht: alleen aantallen, geen namen</translation>
    </message>
    <message>
        <source>handover: everything, to a colleague</source>
        <translation>overdracht: alles, naar een collega</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>concept</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>verstuurd</translation>
    </message>
    <message>
        <source>received</source>
        <translation>ontvangen</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>in behandeling</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>afgesloten</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>geannuleerd</translation>
    </message>
    <message>
        <source>contact made</source>
        <translation>contact gehad</translation>
    </message>
    <message>
        <source>help started</source>
        <translation>hulp gestart</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>niet bereikt</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>afgewezen</translation>
    </message>
    <message>
        <source>closed by the partner</source>
        <translation>afgesloten door de partner</translation>
    </message>
    <message>
        <source>visit notes and follow-ups</source>
        <translation>bezoeknotities en acties</translation>
    </message>
    <message>
        <source>signal remarks</source>
        <translation>opmerkingen bij signalen</translation>
    </message>
    <message>
        <source>referrals and letters</source>
        <translation>doorverwijzingen en brieven</translation>
    </message>
    <message>
        <source>created</source>
        <translation>aangemaakt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>gewijzigd</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>verwijderd</translation>
    </message>
    <message>
        <source>viewed</source>
        <translation>ingezien</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>afgedrukt</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>geëxporteerd</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>gedeeld</translation>
    </message>
    <message>
        <source>read in</source>
        <translation>ingelezen</translation>
    </message>
    <message>
        <source>subject access report</source>
        <translation>inzage gemaakt</translation>
    </message>
    <message>
        <source>consent withdrawn</source>
        <translation>toestemming ingetrokken</translation>
    </message>
    <message>
        <source>purged (retention)</source>
        <translation>opgeschoond (bewaartermijn)</translation>
    </message>
    <message>
        <source>backup made</source>
        <translation>back-up gemaakt</translation>
    </message>
    <message>
        <source>backup restored</source>
        <translation>back-up teruggezet</translation>
    </message>
    <message>
        <source>searched notes</source>
        <translation>gezocht in notities</translation>
    </message>
    <message>
        <source>anchor made</source>
        <translation>ankerpunt gemaakt</translation>
    </message>
    <message>
        <source>example data added</source>
        <translation>voorbeeldgegevens toegevoegd</translation>
    </message>
    <message>
        <source>letter made</source>
        <translation>brief gemaakt</translation>
    </message>
    <message>
        <source>letter printed</source>
        <translation>brief afgedrukt</translation>
    </message>
    <message>
        <source>letter saved as PDF</source>
        <translation>brief als pdf opgeslagen</translation>
    </message>
    <message>
        <source>restored with the organisation key</source>
        <translation>hersteld met de organisatiesleutel</translation>
    </message>
    <message>
        <source>organisation recovery key set</source>
        <translation>herstelsleutel van de organisatie ingesteld</translation>
    </message>
    <message>
        <source>recovery notice seen</source>
        <translation>melding van herstel gezien</translation>
    </message>
    <message>
        <source>household</source>
        <translation>huishouden</translation>
    </message>
    <message>
        <source>resident</source>
        <translation>bewoner</translation>
    </message>
    <message>
        <source>address</source>
        <translation>adres</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>telefoonnummer</translation>
    </message>
    <message>
        <source>e-mail address</source>
        <translation>e-mailadres</translation>
    </message>
    <message>
        <source>and</source>
        <translation>en</translation>
    </message>
    <message>
        <source>complex</source>
        <translation>complex</translation>
    </message>
    <message>
        <source>visit</source>
        <translation>huisbezoek</translation>
    </message>
    <message>
        <source>resident present</source>
        <translation>aanwezige bewoner</translation>
    </message>
    <message>
        <source>visit corrected</source>
        <translation>huisbezoek gecorrigeerd</translation>
    </message>
    <message>
        <source>complex assigned</source>
        <translation>complex toegewezen</translation>
    </message>
    <message>
        <source>signal</source>
        <translation>signaal</translation>
    </message>
    <message>
        <source>concern level</source>
        <translation>zorgniveau</translation>
    </message>
    <message>
        <source>follow-up</source>
        <translation>actie</translation>
    </message>
    <message>
        <source>referral</source>
        <translation>doorverwijzing</translation>
    </message>
    <message>
        <source>signal in referral</source>
        <translation>signaal in doorverwijzing</translation>
    </message>
    <message>
        <source>resident in referral</source>
        <translation>bewoner in doorverwijzing</translation>
    </message>
    <message>
        <source>referral status</source>
        <translation>status doorverwijzing</translation>
    </message>
    <message>
        <source>partner</source>
        <translation>partner</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>instelling</translation>
    </message>
    <message>
        <source>staff member</source>
        <translation>medewerker</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>organisatie</translation>
    </message>
    <message>
        <source>colleague</source>
        <translation>collega</translation>
    </message>
    <message>
        <source>signing key</source>
        <translation>ondertekeningssleutel</translation>
    </message>
    <message>
        <source>export</source>
        <translation>export</translation>
    </message>
    <message>
        <source>erasure request</source>
        <translation>verzoek tot wissen</translation>
    </message>
    <message>
        <source>checklist</source>
        <translation>signalenlijst</translation>
    </message>
    <message>
        <source>checklist domain</source>
        <translation>domein van de signalenlijst</translation>
    </message>
    <message>
        <source>checklist sign</source>
        <translation>signaal op de signalenlijst</translation>
    </message>
    <message>
        <source>erasure record</source>
        <translation>vastlegging van een wissing</translation>
    </message>
    <message>
        <source>bundle</source>
        <translation>bundel</translation>
    </message>
    <message>
        <source>vault</source>
        <translation>kluis</translation>
    </message>
    <message>
        <source>neighbourhood event</source>
        <translation>buurtgebeurtenis</translation>
    </message>
    <message>
        <source>partner at neighbourhood event</source>
        <translation>partner bij buurtgebeurtenis</translation>
    </message>
    <message>
        <source>complex signal</source>
        <translation>signaal in het complex</translation>
    </message>
    <message>
        <source>neighbourhood action</source>
        <translation>actie in de buurt</translation>
    </message>
    <message>
        <source>offer or wish of a resident</source>
        <translation>aanbod of wens van een bewoner</translation>
    </message>
    <message>
        <source>introduction between residents</source>
        <translation>kennismaking tussen bewoners</translation>
    </message>
    <message>
        <source>key for partners&apos; feedback</source>
        <translation>sleutel voor terugkoppeling van partners</translation>
    </message>
    <message>
        <source>partner&apos;s signature key</source>
        <translation>ondertekeningssleutel van de partner</translation>
    </message>
    <message>
        <source>feedback read in</source>
        <translation>terugkoppeling ingelezen</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actief</translation>
    </message>
    <message>
        <source>how to approach</source>
        <translation>hoe te benaderen</translation>
    </message>
    <message>
        <source>offer or wish</source>
        <translation>aanbod of wens</translation>
    </message>
    <message>
        <source>read in on</source>
        <translation>ingelezen op</translation>
    </message>
    <message>
        <source>number of answers</source>
        <translation>aantal antwoorden</translation>
    </message>
    <message>
        <source>introduced on</source>
        <translation>kennismaking op</translation>
    </message>
    <message>
        <source>answered on</source>
        <translation>beantwoord op</translation>
    </message>
    <message>
        <source>feedback</source>
        <translation>terugkoppeling</translation>
    </message>
    <message>
        <source>date</source>
        <translation>datum</translation>
    </message>
    <message>
        <source>other household</source>
        <translation>ander huishouden</translation>
    </message>
    <message>
        <source>other resident</source>
        <translation>andere bewoner</translation>
    </message>
    <message>
        <source>how it went</source>
        <translation>hoe het ging</translation>
    </message>
    <message>
        <source>what was done</source>
        <translation>wat er is gedaan</translation>
    </message>
    <message>
        <source>addition</source>
        <translation>toevoeging</translation>
    </message>
    <message>
        <source>partner&apos;s key</source>
        <translation>sleutel van de partner</translation>
    </message>
    <message>
        <source>key type</source>
        <translation>soort sleutel</translation>
    </message>
    <message>
        <source>assigned to</source>
        <translation>toegewezen aan</translation>
    </message>
    <message>
        <source>time</source>
        <translation>tijdstip</translation>
    </message>
    <message>
        <source>basis explained</source>
        <translation>toelichting op de grondslag</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>geboortedatum</translation>
    </message>
    <message>
        <source>year of birth</source>
        <translation>geboortejaar</translation>
    </message>
    <message>
        <source>bundle check value</source>
        <translation>controlewaarde van de bundel</translation>
    </message>
    <message>
        <source>city</source>
        <translation>plaats</translation>
    </message>
    <message>
        <source>closed on</source>
        <translation>afgesloten op</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>consent date</source>
        <translation>datum toestemming</translation>
    </message>
    <message>
        <source>consent form</source>
        <translation>vorm van toestemming</translation>
    </message>
    <message>
        <source>may be called</source>
        <translation>mag gebeld worden</translation>
    </message>
    <message>
        <source>note on withdrawal</source>
        <translation>notitie bij intrekking</translation>
    </message>
    <message>
        <source>consent withdrawn on</source>
        <translation>toestemming ingetrokken op</translation>
    </message>
    <message>
        <source>contact&apos;s initials</source>
        <translation>voorletters contactpersoon</translation>
    </message>
    <message>
        <source>contact person</source>
        <translation>contactpersoon</translation>
    </message>
    <message>
        <source>contact&apos;s prefix</source>
        <translation>tussenvoegsel contactpersoon</translation>
    </message>
    <message>
        <source>contact&apos;s form of address</source>
        <translation>aanhef contactpersoon</translation>
    </message>
    <message>
        <source>our contact</source>
        <translation>onze contactpersoon</translation>
    </message>
    <message>
        <source>contact&apos;s surname</source>
        <translation>achternaam contactpersoon</translation>
    </message>
    <message>
        <source>corrected on</source>
        <translation>gecorrigeerd op</translation>
    </message>
    <message>
        <source>counts</source>
        <translation>aantallen</translation>
    </message>
    <message>
        <source>created on</source>
        <translation>aangemaakt op</translation>
    </message>
    <message>
        <source>created by</source>
        <translation>aangemaakt door</translation>
    </message>
    <message>
        <source>description</source>
        <translation>omschrijving</translation>
    </message>
    <message>
        <source>details</source>
        <translation>details</translation>
    </message>
    <message>
        <source>domain</source>
        <translation>domein</translation>
    </message>
    <message>
        <source>ticked off on</source>
        <translation>afgevinkt op</translation>
    </message>
    <message>
        <source>due</source>
        <translation>uiterlijk</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>about</source>
        <translation>over</translation>
    </message>
    <message>
        <source>record</source>
        <translation>gegeven</translation>
    </message>
    <message>
        <source>erased on</source>
        <translation>gewist op</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>weggelaten</translation>
    </message>
    <message>
        <source>exported on</source>
        <translation>geëxporteerd op</translation>
    </message>
    <message>
        <source>feedback due</source>
        <translation>terugkoppeling uiterlijk</translation>
    </message>
    <message>
        <source>previous status</source>
        <translation>vorige stand</translation>
    </message>
    <message>
        <source>legal basis</source>
        <translation>grondslag</translation>
    </message>
    <message>
        <source>guidance (English)</source>
        <translation>handelwijze (Engels)</translation>
    </message>
    <message>
        <source>guidance (Dutch)</source>
        <translation>handelwijze (Nederlands)</translation>
    </message>
    <message>
        <source>number</source>
        <translation>nummer</translation>
    </message>
    <message>
        <source>initials</source>
        <translation>voorletters</translation>
    </message>
    <message>
        <source>sign</source>
        <translation>signaal</translation>
    </message>
    <message>
        <source>references</source>
        <translation>kenmerken</translation>
    </message>
    <message>
        <source>key</source>
        <translation>sleutel</translation>
    </message>
    <message>
        <source>kind of visit</source>
        <translation>soort bezoek</translation>
    </message>
    <message>
        <source>name of the household</source>
        <translation>naam van het huishouden</translation>
    </message>
    <message>
        <source>name (English)</source>
        <translation>naam (Engels)</translation>
    </message>
    <message>
        <source>name (Dutch)</source>
        <translation>naam (Nederlands)</translation>
    </message>
    <message>
        <source>last handover</source>
        <translation>laatste overdracht</translation>
    </message>
    <message>
        <source>last visit</source>
        <translation>laatste bezoek</translation>
    </message>
    <message>
        <source>explanation in the letter</source>
        <translation>toelichting in de brief</translation>
    </message>
    <message>
        <source>referral letter</source>
        <translation>verwijsbrief</translation>
    </message>
    <message>
        <source>logo</source>
        <translation>logo</translation>
    </message>
    <message>
        <source>name</source>
        <translation>naam</translation>
    </message>
    <message>
        <source>next visit</source>
        <translation>volgend bezoek</translation>
    </message>
    <message>
        <source>note</source>
        <translation>notitie</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>notities</translation>
    </message>
    <message>
        <source>corrected note</source>
        <translation>gecorrigeerde notitie</translation>
    </message>
    <message>
        <source>original note</source>
        <translation>oorspronkelijke notitie</translation>
    </message>
    <message>
        <source>house number</source>
        <translation>huisnummer</translation>
    </message>
    <message>
        <source>partner&apos;s name</source>
        <translation>naam van de partner</translation>
    </message>
    <message>
        <source>end of period</source>
        <translation>einde van de periode</translation>
    </message>
    <message>
        <source>period</source>
        <translation>periode</translation>
    </message>
    <message>
        <source>start of period</source>
        <translation>begin van de periode</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefoon</translation>
    </message>
    <message>
        <source>order</source>
        <translation>volgorde</translation>
    </message>
    <message>
        <source>postcode</source>
        <translation>postcode</translation>
    </message>
    <message>
        <source>prefix</source>
        <translation>tussenvoegsel</translation>
    </message>
    <message>
        <source>secret key</source>
        <translation>geheime sleutel</translation>
    </message>
    <message>
        <source>kind of export</source>
        <translation>soort export</translation>
    </message>
    <message>
        <source>code for the household</source>
        <translation>code voor het huishouden</translation>
    </message>
    <message>
        <source>secret for household codes</source>
        <translation>geheim voor de huishoudcodes</translation>
    </message>
    <message>
        <source>public key</source>
        <translation>publieke sleutel</translation>
    </message>
    <message>
        <source>case conference agenda made</source>
        <translation>agenda casusoverleg gemaakt</translation>
    </message>
    <message>
        <source>case conference minutes made</source>
        <translation>verslag casusoverleg gemaakt</translation>
    </message>
    <message>
        <source>old events replaced by a checkpoint</source>
        <translation>oude gebeurtenissen vervangen door een controlepunt</translation>
    </message>
    <message>
        <source>case conference</source>
        <translation>casusoverleg</translation>
    </message>
    <message>
        <source>partner at case conference</source>
        <translation>partner bij casusoverleg</translation>
    </message>
    <message>
        <source>household on the case conference agenda</source>
        <translation>huishouden op de agenda van het casusoverleg</translation>
    </message>
    <message>
        <source>agreement at case conference</source>
        <translation>afspraak in casusoverleg</translation>
    </message>
    <message>
        <source>audit log</source>
        <translation>logboek</translation>
    </message>
    <message>
        <source>meeting date</source>
        <translation>datum overleg</translation>
    </message>
    <message>
        <source>place</source>
        <translation>plaats</translation>
    </message>
    <message>
        <source>decision</source>
        <translation>besluit</translation>
    </message>
    <message>
        <source>solved on</source>
        <translation>opgelost op</translation>
    </message>
    <message>
        <source>owner (staff member)</source>
        <translation>wie (medewerker)</translation>
    </message>
    <message>
        <source>owner (partner)</source>
        <translation>wie (partner)</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>reden</translation>
    </message>
    <message>
        <source>our reference</source>
        <translation>ons kenmerk</translation>
    </message>
    <message>
        <source>remark</source>
        <translation>opmerking</translation>
    </message>
    <message>
        <source>requested on</source>
        <translation>gevraagd op</translation>
    </message>
    <message>
        <source>review on</source>
        <translation>opnieuw bekijken op</translation>
    </message>
    <message>
        <source>role</source>
        <translation>functie</translation>
    </message>
    <message>
        <source>form of address</source>
        <translation>aanhef</translation>
    </message>
    <message>
        <source>export schedule</source>
        <translation>exportschema</translation>
    </message>
    <message>
        <source>bundle number</source>
        <translation>bundelnummer</translation>
    </message>
    <message>
        <source>set on</source>
        <translation>vastgesteld op</translation>
    </message>
    <message>
        <source>severity</source>
        <translation>ernst</translation>
    </message>
    <message>
        <source>size</source>
        <translation>grootte</translation>
    </message>
    <message>
        <source>source check value</source>
        <translation>controlewaarde van de bron</translation>
    </message>
    <message>
        <source>status</source>
        <translation>stand</translation>
    </message>
    <message>
        <source>street</source>
        <translation>straat</translation>
    </message>
    <message>
        <source>suggested level</source>
        <translation>voorgesteld zorgniveau</translation>
    </message>
    <message>
        <source>surname</source>
        <translation>achternaam</translation>
    </message>
    <message>
        <source>new status</source>
        <translation>nieuwe stand</translation>
    </message>
    <message>
        <source>type</source>
        <translation>soort</translation>
    </message>
    <message>
        <source>changed on</source>
        <translation>gewijzigd op</translation>
    </message>
    <message>
        <source>changed by</source>
        <translation>gewijzigd door</translation>
    </message>
    <message>
        <source>value</source>
        <translation>waarde</translation>
    </message>
    <message>
        <source>version</source>
        <translation>versie</translation>
    </message>
    <message>
        <source>unit code (VHE)</source>
        <translation>VHE-nummer</translation>
    </message>
    <message>
        <source>visit date</source>
        <translation>datum van het bezoek</translation>
    </message>
    <message>
        <source>what</source>
        <translation>wat</translation>
    </message>
    <message>
        <source>neighbourhood</source>
        <translation>wijk</translation>
    </message>
    <message>
        <source>consent form to sign</source>
        <translation>toestemmingsformulier</translation>
    </message>
    <message>
        <source>letter to the resident</source>
        <translation>bewonersbrief</translation>
    </message>
    <message>
        <source>in full</source>
        <translation>volledig</translation>
    </message>
    <message>
        <source>under a pseudonym</source>
        <translation>onder een pseudoniem</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>soort</translation>
    </message>
    <message>
        <source>language</source>
        <translation>taal</translation>
    </message>
    <message>
        <source>copies</source>
        <translation>exemplaren</translation>
    </message>
    <message>
        <source>hits</source>
        <translation>treffers</translation>
    </message>
    <message>
        <source>households</source>
        <translation>huishoudens</translation>
    </message>
    <message>
        <source>how many</source>
        <translation>aantal</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>regels</translation>
    </message>
    <message>
        <source>added</source>
        <translation>toegevoegd</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>bijgewerkt</translation>
    </message>
    <message>
        <source>conflicts</source>
        <translation>conflicten</translation>
    </message>
    <message>
        <source>remarks</source>
        <translation>opmerkingen</translation>
    </message>
    <message>
        <source>categories</source>
        <translation>categorieën</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>getoond</translation>
    </message>
    <message>
        <source>up to event</source>
        <translation>tot en met gebeurtenis</translation>
    </message>
    <message>
        <source>in the app</source>
        <translation>in de app</translation>
    </message>
    <message>
        <source>on the command line</source>
        <translation>via de opdrachtregel</translation>
    </message>
    <message>
        <source>residents</source>
        <translation>bewoners</translation>
    </message>
    <message>
        <source>referrals</source>
        <translation>doorverwijzingen</translation>
    </message>
    <message>
        <source>completed referral</source>
        <translation>afgeronde doorverwijzing</translation>
    </message>
    <message>
        <source>completed referrals</source>
        <translation>afgeronde doorverwijzingen</translation>
    </message>
    <message>
        <source>signals</source>
        <translation>signalen</translation>
    </message>
    <message>
        <source>letter</source>
        <translation>brief</translation>
    </message>
    <message>
        <source>letters</source>
        <translation>brieven</translation>
    </message>
    <message>
        <source>erasure requests</source>
        <translation>verzoeken tot wissen</translation>
    </message>
    <message>
        <source>neighbourhoods</source>
        <translation>wijken</translation>
    </message>
    <message>
        <source>figure</source>
        <translation>cijfer</translation>
    </message>
    <message>
        <source>figures</source>
        <translation>cijfers</translation>
    </message>
    <message>
        <source>figure hidden (too small)</source>
        <translation>cijfer verborgen (te klein)</translation>
    </message>
    <message>
        <source>figures hidden (too small)</source>
        <translation>cijfers verborgen (te klein)</translation>
    </message>
    <message>
        <source>staff members</source>
        <translation>medewerkers</translation>
    </message>
    <message>
        <source>complexes</source>
        <translation>complexen</translation>
    </message>
    <message>
        <source>addresses</source>
        <translation>adressen</translation>
    </message>
    <message>
        <source>visits</source>
        <translation>bezoeken</translation>
    </message>
    <message>
        <source>residents present</source>
        <translation>aanwezige bewoners</translation>
    </message>
    <message>
        <source>concern levels</source>
        <translation>zorgniveaus</translation>
    </message>
    <message>
        <source>follow-ups</source>
        <translation>acties</translation>
    </message>
    <message>
        <source>signals in referrals</source>
        <translation>signalen in doorverwijzingen</translation>
    </message>
    <message>
        <source>residents in referrals</source>
        <translation>bewoners in doorverwijzingen</translation>
    </message>
    <message>
        <source>referral statuses</source>
        <translation>standen van doorverwijzingen</translation>
    </message>
    <message>
        <source>partners</source>
        <translation>partners</translation>
    </message>
    <message>
        <source>visits corrected</source>
        <translation>bezoeken gecorrigeerd</translation>
    </message>
    <message>
        <source>complexes assigned</source>
        <translation>complexen toegewezen</translation>
    </message>
    <message>
        <source>changed: {fields}</source>
        <translation>gewijzigd: {fields}</translation>
    </message>
    <message>
        <source>opened {via}</source>
        <translation>geopend {via}</translation>
    </message>
    <message>
        <source>Record home visit</source>
        <translation>Huisbezoek vastleggen</translation>
    </message>
    <message>
        <source>Tick off follow-up</source>
        <translation>Actie afvinken</translation>
    </message>
    <message>
        <source>Process feedback</source>
        <translation>Terugkoppeling verwerken</translation>
    </message>
    <message>
        <source>What did you do?</source>
        <translation>Wat heb je gedaan?</translation>
    </message>
    <message>
        <source>Follow up acute sign: {sign}</source>
        <translation>Acuut signaal opvolgen: {sign}</translation>
    </message>
    <message>
        <source>Ask how the introduction went ({kind})</source>
        <translation>Navragen hoe de kennismaking ging ({kind})</translation>
    </message>
    <message>
        <source>Feedback from {partner}: {status} on {day}</source>
        <translation>Terugkoppeling van {partner}: {status} op {day}</translation>
    </message>
    <message>
        <source>Feedback from {partner} (in between)</source>
        <translation>Terugkoppeling van {partner} (tussenstap)</translation>
    </message>
</context>
<context>
    <name>LetterPreview</name>
    <message>
        <source>Letter preview</source>
        <translation>Voorbeeld van de brief</translation>
    </message>
    <message>
        <source>Referral letter</source>
        <translation>Verwijsbrief</translation>
    </message>
    <message>
        <source>Consent form</source>
        <translation>Toestemmingsformulier</translation>
    </message>
    <message>
        <source>Letter to the resident</source>
        <translation>Brief aan de bewoner</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Afdrukken…</translation>
    </message>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation>Afdrukken (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Opslaan als PDF…</translation>
    </message>
    <message>
        <source>Mark as sent</source>
        <translation>Markeren als verstuurd</translation>
    </message>
    <message>
        <source>Complete partner…</source>
        <translation>Partner aanvullen…</translation>
    </message>
    <message>
        <source>Saved as {name}.</source>
        <translation>Opgeslagen als {name}.</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Opslaan als PDF</translation>
    </message>
    <message>
        <source>The file could not be written. Choose another place.</source>
        <translation>Het bestand kon niet worden geschreven. Kies een andere plek.</translation>
    </message>
    <message>
        <source>Marked as sent.</source>
        <translation>Gemarkeerd als verstuurd.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;New home visit</source>
        <translation>&amp;Nieuw huisbezoek</translation>
    </message>
    <message>
        <source>&amp;Save home visit</source>
        <translation>Huisbezoek &amp;opslaan</translation>
    </message>
    <message>
        <source>Read in &amp;feedback…</source>
        <translation>&amp;Terugkoppeling inlezen…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Vergrendelen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <source>&amp;Search in notes</source>
        <translation>&amp;Zoeken in notities</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>&amp;Instellingen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Bee&amp;ld</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Terug</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Waakvlam &amp;help</source>
        <translation>&amp;Hulp bij Waakvlam</translation>
    </message>
    <message>
        <source>&amp;About Waakvlam</source>
        <translation>&amp;Over Waakvlam</translation>
    </message>
    <message>
        <source>Vault open</source>
        <translation>Kluis geopend</translation>
    </message>
    <message>
        <source>For ICT: the vault is in {path}</source>
        <translation>Voor ICT: de kluis staat in {path}</translation>
    </message>
    <message>
        <source>Locks in {m}:{s:02d} without activity</source>
        <translation>Vergrendelt over {m}:{s:02d} bij geen activiteit</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>De back-up wordt teruggezet…</translation>
    </message>
</context>
<context>
    <name>Meeting</name>
    <message>
        <source>Agenda case conference</source>
        <translation>Agenda casusoverleg</translation>
    </message>
    <message>
        <source>Minutes case conference</source>
        <translation>Verslag casusoverleg</translation>
    </message>
    <message>
        <source>For {partner}</source>
        <translation>Voor {partner}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Deelnemers</translation>
    </message>
    <message>
        <source>page {page} of {pages}</source>
        <translation>pagina {page} van {pages}</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Vertrouwelijk</translation>
    </message>
    <message>
        <source>A household for which {partner} has no legal basis (no consent or other grondslag in a referral to you) appears under a code, with its signals in words only.</source>
        <translation>Een huishouden waarvoor {partner} geen grondslag heeft (geen toestemming of andere grondslag in een doorverwijzing naar u) staat hier onder een code, met alleen de signalen in woorden.</translation>
    </message>
    <message>
        <source>{n} more household(s) on the agenda are not shown to you.</source>
        <translation>{n} andere huishouden(s) op de agenda worden u niet getoond.</translation>
    </message>
    <message>
        <source>No households on the agenda.</source>
        <translation>Geen huishoudens op de agenda.</translation>
    </message>
    <message>
        <source>Household {code}</source>
        <translation>Huishouden {code}</translation>
    </message>
    <message>
        <source>again on the agenda: not solved yet</source>
        <translation>weer op de agenda: nog niet opgelost</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Bewoners</translation>
    </message>
    <message>
        <source>Signals (last 12 months)</source>
        <translation>Signalen (laatste 12 maanden)</translation>
    </message>
    <message>
        <source>No signals recorded in the last 12 months.</source>
        <translation>Geen signalen vastgelegd in de laatste 12 maanden.</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Besluit</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>Afspraken</translation>
    </message>
    <message>
        <source>Your agreements</source>
        <translation>Uw afspraken</translation>
    </message>
    <message>
        <source>Still open from earlier meetings</source>
        <translation>Nog open uit eerdere overleggen</translation>
    </message>
    <message>
        <source>Your agreements still open from earlier</source>
        <translation>Uw afspraken die nog open staan</translation>
    </message>
    <message>
        <source>agreed on {date}</source>
        <translation>afgesproken op {date}</translation>
    </message>
    <message>
        <source>(the text is not shown: it names the household or holds a number like a BSN; ask the housing association)</source>
        <translation>(de tekst staat er niet: er staat een naam, adres of BSN-achtig nummer in; vraag het de woningcorporatie)</translation>
    </message>
    <message>
        <source>by {date}</source>
        <translation>uiterlijk {date}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>gedaan</translation>
    </message>
    <message>
        <source>Solved on {date}: off the agenda.</source>
        <translation>Opgelost op {date}: van de agenda.</translation>
    </message>
    <message>
        <source>Not solved: back on the next agenda.</source>
        <translation>Niet opgelost: weer op de volgende agenda.</translation>
    </message>
</context>
<context>
    <name>MeetingsPanel</name>
    <message>
        <source>Meeting</source>
        <translation>Overleg</translation>
    </message>
    <message>
        <source>Plan a meeting…</source>
        <translation>Overleg plannen…</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Huishouden</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>Signalen</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>Afspraken</translation>
    </message>
    <message>
        <source>Open from earlier</source>
        <translation>Open van eerder</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Nothing on the agenda yet. A household stays on every next agenda until it is marked solved.</source>
        <translation>Nog niets op de agenda. Een huishouden blijft op elke volgende agenda staan tot het opgelost is.</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Put a household on the agenda…</source>
        <translation>Huishouden op de agenda…</translation>
    </message>
    <message>
        <source>Record an agreement…</source>
        <translation>Afspraak vastleggen…</translation>
    </message>
    <message>
        <source>Decision…</source>
        <translation>Besluit…</translation>
    </message>
    <message>
        <source>Mark solved</source>
        <translation>Opgelost</translation>
    </message>
    <message>
        <source>For participant</source>
        <translation>Voor deelnemer</translation>
    </message>
    <message>
        <source>Save agenda as PDF…</source>
        <translation>Agenda als PDF…</translation>
    </message>
    <message>
        <source>Save minutes as PDF…</source>
        <translation>Verslag als PDF…</translation>
    </message>
    <message>
        <source>Send agenda as bundle…</source>
        <translation>Agenda als bundel…</translation>
    </message>
    <message>
        <source>The same agenda, signed and encrypted for this participant (a .age file), for partners that gave you their key line.</source>
        <translation>Dezelfde agenda, ondertekend en versleuteld voor deze deelnemer (een .age-bestand), voor partners die u hun sleutel gaven.</translation>
    </message>
    <message>
        <source>Each participant sees only what its legal basis allows.</source>
        <translation>Elke deelnemer ziet alleen wat de grondslag toestaat.</translation>
    </message>
    <message>
        <source>Decision: {text}</source>
        <translation>Besluit: {text}</translation>
    </message>
    <message>
        <source>Still open from earlier meetings:</source>
        <translation>Nog open van eerdere overleggen:</translation>
    </message>
    <message>
        <source> (by {date})</source>
        <translation> (uiterlijk {date})</translation>
    </message>
    <message>
        <source>solved</source>
        <translation>opgelost</translation>
    </message>
    <message>
        <source>open, carried over</source>
        <translation>open, doorgeschoven</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>No case conference planned yet. Plan one with the partners at the table; households still open from an earlier meeting come along by themselves.</source>
        <translation>Nog geen casusoverleg gepland. Plan er een met de partners aan tafel; huishoudens die na een eerder overleg nog open zijn, gaan vanzelf mee.</translation>
    </message>
    <message>
        <source>With {partners}. The agenda may hold households of every complex.</source>
        <translation>Met {partners}. Op de agenda kunnen huishoudens uit elk complex staan.</translation>
    </message>
    <message>
        <source>Meeting planned.</source>
        <translation>Overleg gepland.</translation>
    </message>
    <message>
        <source>Put on the agenda.</source>
        <translation>Op de agenda gezet.</translation>
    </message>
    <message>
        <source>Agreement recorded.</source>
        <translation>Afspraak vastgelegd.</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Besluit</translation>
    </message>
    <message>
        <source>What was decided about {household}?</source>
        <translation>Wat is besloten over {household}?</translation>
    </message>
    <message>
        <source>Decision recorded.</source>
        <translation>Besluit vastgelegd.</translation>
    </message>
    <message>
        <source>Marked solved: the household leaves the next agendas.</source>
        <translation>Opgelost: het huishouden gaat van de volgende agenda’s af.</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Opslaan als PDF</translation>
    </message>
    <message>
        <source>Saved as {name}.</source>
        <translation>Opgeslagen als {name}.</translation>
    </message>
    <message>
        <source>Save bundle as</source>
        <translation>Bundel opslaan als</translation>
    </message>
    <message>
        <source>Saved as {name}: send this file to the participant.</source>
        <translation>Opgeslagen als {name}: stuur dit bestand naar de deelnemer.</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <source>Record how it went</source>
        <translation>Vastleggen hoe het ging</translation>
    </message>
    <message>
        <source>Introduced</source>
        <translation>Kennis gemaakt</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>So far</source>
        <translation>Tot nu toe</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>How it went</source>
        <translation>Hoe het ging</translation>
    </message>
    <message>
        <source>Never write a BSN.</source>
        <translation>Schrijf nooit een BSN.</translation>
    </message>
    <message>
        <source>Ask again on</source>
        <translation>Opnieuw navragen op</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <source>Overview</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>Complex</source>
        <translation>Complex</translation>
    </message>
    <message>
        <source>Wijk</source>
        <translation>Wijk</translation>
    </message>
    <message>
        <source>All complexes</source>
        <translation>Alle complexen</translation>
    </message>
    <message>
        <source>All wijken</source>
        <translation>Alle wijken</translation>
    </message>
    <message>
        <source>Households (open)</source>
        <translation>Huishoudens (open)</translation>
    </message>
    <message>
        <source>Check-in overdue</source>
        <translation>Bezoek te laat</translation>
    </message>
    <message>
        <source>Visits, 12 months</source>
        <translation>Bezoeken, 12 maanden</translation>
    </message>
    <message>
        <source>Signals, 12 months</source>
        <translation>Signalen, 12 maanden</translation>
    </message>
    <message>
        <source>Referrals in progress</source>
        <translation>Doorverwijzingen lopend</translation>
    </message>
    <message>
        <source>No data yet. The overview fills up once households are added (or addresses imported) and home visits are recorded.</source>
        <translation>Nog geen gegevens. Het overzicht vult zich zodra er huishoudens zijn (toegevoegd of adressen ingelezen) en huisbezoeken worden vastgelegd.</translation>
    </message>
    <message>
        <source>Households per concern level</source>
        <translation>Huishoudens per zorgniveau</translation>
    </message>
    <message>
        <source>Overdue check-ins per complex (top {n})</source>
        <translation>Te late bezoeken per complex (top {n})</translation>
    </message>
    <message>
        <source>Signals per domain, last 12 months</source>
        <translation>Signalen per domein, laatste 12 maanden</translation>
    </message>
    <message>
        <source>Referrals per partner type and status</source>
        <translation>Doorverwijzingen per soort partner en status</translation>
    </message>
    <message>
        <source>Home visits per month</source>
        <translation>Huisbezoeken per maand</translation>
    </message>
    <message>
        <source>Neighbourhood events and complex signals per month</source>
        <translation>Buurtgebeurtenissen en buurtsignalen per maand</translation>
    </message>
</context>
<context>
    <name>PartnerDialog</name>
    <message>
        <source>New partner</source>
        <translation>Nieuwe partner</translation>
    </message>
    <message>
        <source>Edit partner</source>
        <translation>Partner wijzigen</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(onbekend)</translation>
    </message>
    <message>
        <source>Form of address of the contact person</source>
        <translation>Aanhef van de contactpersoon</translation>
    </message>
    <message>
        <source>initials</source>
        <translation>voorletters</translation>
    </message>
    <message>
        <source>Initials of the contact person</source>
        <translation>Voorletters van de contactpersoon</translation>
    </message>
    <message>
        <source>prefix</source>
        <translation>tussenvoegsel</translation>
    </message>
    <message>
        <source>Prefix of the contact person (de, van der)</source>
        <translation>Tussenvoegsel van de contactpersoon (de, van der)</translation>
    </message>
    <message>
        <source>surname</source>
        <translation>achternaam</translation>
    </message>
    <message>
        <source>Surname of the contact person</source>
        <translation>Achternaam van de contactpersoon</translation>
    </message>
    <message>
        <source>Paste the key the partner sent you (one per line)</source>
        <translation>Plak hier de sleutel die de partner je stuurde (één per regel)</translation>
    </message>
    <message>
        <source>For ICT: the partner&apos;s age recipients (age1…), one per line</source>
        <translation>Voor ICT: de age-ontvangers van de partner (age1…), één per regel</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>Kind of export</source>
        <translation>Soort export</translation>
    </message>
    <message>
        <source>Partner&apos;s key</source>
        <translation>Sleutel van de partner</translation>
    </message>
    <message>
        <source>To complete: fill in the {missing}; a referral letter to this partner waits for it.</source>
        <translation>Nog aanvullen: vul {missing} in; een verwijsbrief aan deze partner wacht daarop.</translation>
    </message>
    <message>
        <source>Or paste the key line</source>
        <translation>Of plak de sleutelregel</translation>
    </message>
    <message>
        <source>Key for feedback</source>
        <translation>Sleutel voor terugkoppeling</translation>
    </message>
    <message>
        <source>Key for feedback…</source>
        <translation>Sleutel voor terugkoppeling…</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Terugkoppeling</translation>
    </message>
    <message>
        <source>Key for feedback chosen; it is kept when you save</source>
        <translation>Sleutel voor terugkoppeling gekozen; die wordt bewaard als u opslaat</translation>
    </message>
    <message>
        <source>Feedback can be read in</source>
        <translation>Terugkoppeling kan worden ingelezen</translation>
    </message>
    <message>
        <source>No key for feedback yet</source>
        <translation>Nog geen sleutel voor terugkoppeling</translation>
    </message>
    <message>
        <source>For ICT: signing key id {key_id}</source>
        <translation>Voor ICT: sleutel-id van de ondertekeningssleutel {key_id}</translation>
    </message>
    <message>
        <source>No periodic export</source>
        <translation>Geen periodieke export</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Maandelijks</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>Per kwartaal</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Contactpersoon</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Export schedule</source>
        <translation>Exportritme</translation>
    </message>
    <message>
        <source>Your unfinished form is back (kept when the app locked).</source>
        <translation>Je onafgemaakte formulier is terug (bewaard toen de app vergrendelde).</translation>
    </message>
    <message>
        <source>Typed before: {name}. Fill in the parts above so letters can address this person properly.</source>
        <translation>Eerder getypt: {name}. Vul de delen hierboven in, dan spreekt de brief deze persoon goed aan.</translation>
    </message>
</context>
<context>
    <name>PartnerFirstRun</name>
    <message>
        <source>Welcome to Waakvlam Partner</source>
        <translation>Welkom bij Waakvlam Partner</translation>
    </message>
    <message>
        <source>The bundles a housing corporation sends you are kept in an encrypted store on this computer, never as loose files. Choose a passphrase you can remember: without it nobody can open the store, not even your ICT department.</source>
        <translation>De bundels die een woningcorporatie je stuurt, bewaart de app versleuteld op deze computer, nooit als losse bestanden. Kies een wachtwoordzin die je kunt onthouden: zonder kan niemand de opslag openen, ook je ICT-afdeling niet.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtwoordzin</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Wachtwoordzin nogmaals</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Sterkte van de wachtwoordzin</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>Nogmaals</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Sterkte</translation>
    </message>
    <message>
        <source>Create store</source>
        <translation>Opslag maken</translation>
    </message>
    <message>
        <source>too weak</source>
        <translation>te zwak</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>matig</translation>
    </message>
    <message>
        <source>good</source>
        <translation>goed</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>sterk</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>De twee wachtwoordzinnen zijn niet gelijk.</translation>
    </message>
    <message>
        <source>Creating the store and your keys…</source>
        <translation>De opslag en je sleutels worden gemaakt…</translation>
    </message>
</context>
<context>
    <name>PartnerUnlock</name>
    <message>
        <source>Waakvlam Partner</source>
        <translation>Waakvlam Partner</translation>
    </message>
    <message>
        <source>Type your passphrase to open the store.</source>
        <translation>Typ je wachtwoordzin om de opslag te openen.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtwoordzin</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Openen</translation>
    </message>
</context>
<context>
    <name>PartnerWindow</name>
    <message>
        <source>Waakvlam Partner</source>
        <extracomment>The save dialog for &quot;Terugkoppeling maken&quot; (a test types its answer here). The folder for several reply files (a test types its answer here).</extracomment>
        <translation>Waakvlam Partner</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Open bundle…</source>
        <translation>Bundel &amp;openen…</translation>
    </message>
    <message>
        <source>&amp;Trust a corporation&apos;s key…</source>
        <translation>Sleutel van een corporatie &amp;vertrouwen…</translation>
    </message>
    <message>
        <source>Make &amp;feedback file…</source>
        <translation>&amp;Terugkoppeling maken…</translation>
    </message>
    <message>
        <source>&amp;Export list (CSV/XLSX)…</source>
        <translation>Lijst &amp;exporteren (CSV/XLSX)…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Vergrendelen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>Open bundle</source>
        <translation>Bundel openen</translation>
    </message>
    <message>
        <source>Waakvlam bundles (*.age)</source>
        <translation>Waakvlam-bundels (*.age)</translation>
    </message>
    <message>
        <source>This bundle was signed with a different key than the one you trust for {organisation}. Do not open it and call the sender. If they really changed their key, ask for the new key file, compare the code by phone and choose File &gt; Trust a corporation&apos;s key…</source>
        <translation>Deze bundel is ondertekend met een andere sleutel dan de sleutel die je voor {organisation} vertrouwt. Open hem niet en bel de afzender. Hebben zij hun sleutel echt veranderd? Vraag dan om het nieuwe sleutelbestand, vergelijk de code per telefoon en kies Bestand &gt; Sleutel van een corporatie vertrouwen…</translation>
    </message>
    <message>
        <source>This bundle says it comes from {organisation}, but you do not trust that sender yet. Ask them for their key file, compare the code by phone and choose File &gt; Trust a corporation&apos;s key…</source>
        <translation>Deze bundel zegt te komen van {organisation}, maar die afzender vertrouw je nog niet. Vraag om hun sleutelbestand, vergelijk de code per telefoon en kies Bestand &gt; Sleutel van een corporatie vertrouwen…</translation>
    </message>
    <message>
        <source>Agenda of the case conference on {period} from {organisation} opened: Bundles › View agenda.</source>
        <translation>Agenda van het casusoverleg op {period} van {organisation} geopend: Bundels › Agenda bekijken.</translation>
    </message>
    <message>
        <source>Bundle of figures {period} from {organisation} opened.</source>
        <translation>Overzichtsbundel {period} van {organisation} geopend.</translation>
    </message>
    <message>
        <source>Bundle {period} (number {sequence}) from {organisation} opened: {referrals} referral(s), {erasures} erasure request(s).</source>
        <translation>Bundel {period} (nummer {sequence}) van {organisation} geopend: {referrals} doorverwijzing(en), {erasures} verwijderverzoek(en).</translation>
    </message>
    <message>
        <source>Public key file of the corporation</source>
        <translation>Bestand met de publieke sleutel van de corporatie</translation>
    </message>
    <message>
        <source>Key (*.pub *.txt)</source>
        <translation>Sleutel (*.pub *.txt)</translation>
    </message>
    <message>
        <source>You now trust bundles from {organisation}.</source>
        <translation>Je vertrouwt nu bundels van {organisation}.</translation>
    </message>
    <message>
        <source>Make feedback file</source>
        <translation>Terugkoppeling maken</translation>
    </message>
    <message>
        <source>Feedback (*.age)</source>
        <translation>Terugkoppeling (*.age)</translation>
    </message>
    <message>
        <source>• for {organisation} (bundle {period}, number {sequence})</source>
        <translation>• voor {organisation} (bundel {period}, nummer {sequence})</translation>
    </message>
    <message>
        <source>Make feedback files</source>
        <translation>Terugkoppeling maken</translation>
    </message>
    <message>
        <source>There is feedback for {n} bundles. The app makes a file per bundle (very much feedback for one bundle gets more than one file):
{names}

Choose the folder for these files. Then send each file to the corporation it is for.</source>
        <translation>Voor {n} bundels is er terugkoppeling. De app maakt per bundel een bestand (bij heel veel terugkoppeling op één bundel worden dat er meer):
{names}

Kies de map voor deze bestanden. Stuur daarna elk bestand naar de corporatie waar het voor is.</translation>
    </message>
    <message>
        <source>Folder for the feedback files</source>
        <translation>Map voor de terugkoppelbestanden</translation>
    </message>
    <message>
        <source>{name} for {organisation}: {n} referral(s).</source>
        <translation>{name} voor {organisation}: {n} doorverwijzing(en).</translation>
    </message>
    <message>
        <source>Folder: {path}</source>
        <translation>Map: {path}</translation>
    </message>
    <message>
        <source>Feedback file {name} made in the folder {folder}: {n} referral(s). Send it to {organisation}; it is encrypted, only they can read it.</source>
        <translation>Terugkoppelbestand {name} gemaakt in de map {folder}: {n} doorverwijzing(en). Stuur het naar {organisation}; het is versleuteld, alleen zij kunnen het lezen.</translation>
    </message>
    <message>
        <source>The feedback is too large for one file, so {files} files were made in the folder {folder}: {name}. Send all {files} files to {organisation}; without one of them feedback is missing. Together they hold {n} referral(s). The files are encrypted: only {organisation} can open them.</source>
        <translation>De terugkoppeling is te groot voor één bestand. Daarom zijn er {files} bestanden gemaakt in de map {folder}: {name}. Stuur alle {files} bestanden naar {organisation}; zonder één ervan mist er terugkoppeling. Samen bevatten ze {n} doorverwijzing(en). De bestanden zijn versleuteld: alleen {organisation} kan ze openen.</translation>
    </message>
    <message>
        <source>Made {n} feedback file(s) in the folder {folder}. Send each file to the corporation it is for; it is encrypted, only they can read it.</source>
        <translation>{n} terugkoppelbestand(en) gemaakt in de map {folder}. Stuur elk bestand naar de corporatie waar het voor is; het is versleuteld, alleen zij kunnen het lezen.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <source>The exported file is NOT encrypted: anyone who gets it can read the names and addresses. Save it only in a place your organisation protects, and delete it when you no longer need it. Continue?</source>
        <translation>Het geëxporteerde bestand is NIET versleuteld: wie het krijgt, kan de namen en adressen lezen. Sla het alleen op een plek op die je organisatie beveiligt, en verwijder het als je het niet meer nodig hebt. Doorgaan?</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Export list</source>
        <translation>Lijst exporteren</translation>
    </message>
    <message>
        <source>{n} referral(s) exported to {name} (not encrypted).</source>
        <translation>{n} doorverwijzing(en) geëxporteerd naar {name} (niet versleuteld).</translation>
    </message>
</context>
<context>
    <name>PartnersView</name>
    <message>
        <source>Partners</source>
        <translation>Partners</translation>
    </message>
    <message>
        <source>New partner…</source>
        <translation>Nieuwe partner…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>To complete</source>
        <translation>Nog aanvullen</translation>
    </message>
    <message>
        <source>A referral letter to this partner waits for this.</source>
        <translation>Een verwijsbrief aan deze partner wacht hierop.</translation>
    </message>
    <message>
        <source>Kind of export</source>
        <translation>Soort export</translation>
    </message>
    <message>
        <source>Partner&apos;s key</source>
        <translation>Sleutel van de partner</translation>
    </message>
    <message>
        <source>present</source>
        <translation>aanwezig</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>ontbreekt</translation>
    </message>
    <message>
        <source>For ICT: {fingerprints}</source>
        <translation>Voor ICT: {fingerprints}</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Ritme</translation>
    </message>
    <message>
        <source>No partners yet. Add the wijkteam, GGD or schuldhulpverlening you work with.</source>
        <translation>Nog geen partners. Voeg het wijkteam, de GGD of de schuldhulpverlening toe waarmee je samenwerkt.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>maandelijks</translation>
    </message>
    <message>
        <source>quarterly</source>
        <translation>per kwartaal</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Print…</source>
        <translation>Afdrukken…</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Plan a meeting</source>
        <translation>Overleg plannen</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>Participating partners</source>
        <translation>Deelnemende partners</translation>
    </message>
    <message>
        <source>Households not solved at an earlier meeting go on this agenda by themselves.</source>
        <translation>Huishoudens die bij een eerder overleg niet zijn opgelost, komen vanzelf op deze agenda.</translation>
    </message>
    <message>
        <source>Choose at least one participating partner.</source>
        <translation>Kies minstens één deelnemende partner.</translation>
    </message>
</context>
<context>
    <name>PrivacyView</name>
    <message>
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <source>To be deleted</source>
        <translation>Te verwijderen</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Logboek</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Back-up</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Huishouden</translation>
    </message>
    <message>
        <source>Complex / wijk</source>
        <translation>Complex / wijk</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sinds</translation>
    </message>
    <message>
        <source>Expired on</source>
        <translation>Verlopen op</translation>
    </message>
    <message>
        <source>What is removed</source>
        <translation>Wat verdwijnt</translation>
    </message>
    <message>
        <source>Anonymised</source>
        <translation>Geanonimiseerd</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Bezig</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Eerst bekijken</translation>
    </message>
    <message>
        <source>Show what would be removed; nothing changes</source>
        <translation>Laat zien wat zou verdwijnen; er verandert niets</translation>
    </message>
    <message>
        <source>Clean up now…</source>
        <translation>Nu opruimen…</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Medewerker</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Handeling</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Tot en met</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Tonen</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Over</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Gegevens</translation>
    </message>
    <message>
        <source>For ICT: {action} {entity} {id}: {detail}</source>
        <translation>Voor ICT: {action} {entity} {id}: {detail}</translation>
    </message>
    <message>
        <source>Check the chain</source>
        <translation>Keten controleren</translation>
    </message>
    <message>
        <source>Checks that no event was changed, removed or inserted afterwards</source>
        <translation>Controleert dat geen gebeurtenis achteraf is gewijzigd, verwijderd of ingevoegd</translation>
    </message>
    <message>
        <source>Check against an anchor…</source>
        <translation>Controleren met ankerpunt…</translation>
    </message>
    <message>
        <source>For ICT and the privacy officer: checks that the audit log still contains, unchanged, the state recorded in a signed anchor file (&apos;waakvlam audit anchor&apos;), and names the first event that was removed or changed</source>
        <translation>Voor ICT en de privacyfunctionaris: controleert of het logboek de stand uit een ondertekend ankerbestand (&apos;waakvlam audit anchor&apos;) nog ongewijzigd bevat, en noemt de eerste gebeurtenis die is verwijderd of gewijzigd</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Oordeel</translation>
    </message>
    <message>
        <source>Make a backup</source>
        <translation>Back-up maken</translation>
    </message>
    <message>
        <source>A backup is one file with the whole vault, still encrypted: without the passphrase nobody can read it. Keep it on a USB stick or network drive that is not this laptop. It can be made while you keep working.</source>
        <translation>Een back-up is één bestand met de hele kluis, nog steeds versleuteld: zonder het wachtwoord kan niemand het lezen. Bewaar het op een USB-stick of netwerkschijf, niet op deze laptop. Je kunt gewoon doorwerken terwijl hij wordt gemaakt.</translation>
    </message>
    <message>
        <source>Make backup…</source>
        <translation>Back-up maken…</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Back-up terugzetten</translation>
    </message>
    <message>
        <source>Restoring puts a backup in the place of this vault, for example on a new laptop or after a damaged disk. The vault is closed first; the current vault is never overwritten but kept aside in a folder next to it. You need the passphrase of the backup.</source>
        <translation>Terugzetten zet een back-up op de plaats van deze kluis, bijvoorbeeld op een nieuwe laptop of na een kapotte schijf. De kluis wordt eerst gesloten; de huidige kluis wordt nooit overschreven maar apart bewaard in een map ernaast. Je hebt het wachtwoord van de back-up nodig.</translation>
    </message>
    <message>
        <source>Restore backup…</source>
        <translation>Back-up terugzetten…</translation>
    </message>
    <message>
        <source>visit notes: {n}</source>
        <translation>bezoeknotities: {n}</translation>
    </message>
    <message>
        <source>follow-ups: {n}</source>
        <translation>acties: {n}</translation>
    </message>
    <message>
        <source>remarks: {n}</source>
        <translation>opmerkingen: {n}</translation>
    </message>
    <message>
        <source>referral texts: {n}</source>
        <translation>doorverwijzingsteksten: {n}</translation>
    </message>
    <message>
        <source>letters: {n}</source>
        <translation>brieven: {n}</translation>
    </message>
    <message>
        <source>residents: {n}</source>
        <translation>bewoners: {n}</translation>
    </message>
    <message>
        <source>drafts: {n}</source>
        <translation>concepten: {n}</translation>
    </message>
    <message>
        <source>Retention terms, counted from the end of a case or the last activity: visit notes {notes} months, signal remarks {signals} months, referrals and letters {referrals} months. When all have passed the household is anonymised; the anonymous counts stay.</source>
        <translation>Bewaartermijnen, gerekend vanaf het einde van de zaak of de laatste activiteit: bezoeknotities {notes} maanden, opmerkingen bij signalen {signals} maanden, doorverwijzingen en brieven {referrals} maanden. Zijn ze allemaal verstreken, dan wordt het huishouden geanonimiseerd; de anonieme tellingen blijven.</translation>
    </message>
    <message>
        <source>case closed</source>
        <translation>zaak gesloten</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactief</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>Nothing has passed its retention term.</source>
        <translation>Van niets is de bewaartermijn verlopen.</translation>
    </message>
    <message>
        <source>All households</source>
        <translation>Alle huishoudens</translation>
    </message>
    <message>
        <source>All staff</source>
        <translation>Alle medewerkers</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Alle handelingen</translation>
    </message>
    <message>
        <source>The period starts after it ends.</source>
        <translation>De periode begint na het einde.</translation>
    </message>
    <message>
        <source>The newest {n} events; narrow the filters to see older ones.</source>
        <translation>De nieuwste {n} gebeurtenissen; verfijn de filters om oudere te zien.</translation>
    </message>
    <message>
        <source>{n} events</source>
        <translation>{n} gebeurtenissen</translation>
    </message>
    <message>
        <source>Choose an anchor file</source>
        <translation>Kies een ankerbestand</translation>
    </message>
    <message>
        <source>Anchor file (*.txt);;All files (*)</source>
        <translation>Ankerbestand (*.txt);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Tell your privacy officer.</source>
        <translation>Meld dit bij je privacyfunctionaris.</translation>
    </message>
    <message>
        <source>The audit log is intact: {n} events, the chain is unbroken.</source>
        <translation>Het logboek is in orde: {n} gebeurtenissen, de keten is heel.</translation>
    </message>
    <message>
        <source>an event is missing</source>
        <translation>er ontbreekt een gebeurtenis</translation>
    </message>
    <message>
        <source>the link to the previous event is wrong</source>
        <translation>de verwijzing naar de vorige gebeurtenis klopt niet</translation>
    </message>
    <message>
        <source>its content was changed</source>
        <translation>de inhoud is gewijzigd</translation>
    </message>
    <message>
        <source>The audit log was tampered with: the chain breaks at event {seq} ({reason}). Tell your privacy officer.</source>
        <translation>Het logboek is gewijzigd: de keten is verbroken bij gebeurtenis {seq} ({reason}). Meld dit bij je privacyfunctionaris.</translation>
    </message>
    <message>
        <source>Clean up now</source>
        <translation>Nu opruimen</translation>
    </message>
    <message>
        <source>Remove the personal data of {n} households listed here for good? This cannot be undone (a backup made earlier still holds it). Anonymous counts stay.</source>
        <translation>De persoonsgegevens van de {n} huishoudens in deze lijst definitief verwijderen? Dit kan niet ongedaan worden gemaakt (een eerder gemaakte back-up bevat ze nog wel). Anonieme tellingen blijven.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Bezig met controleren…</translation>
    </message>
    <message>
        <source>Cleaning up and compacting the vault…</source>
        <translation>Bezig met opruimen en de kluis comprimeren…</translation>
    </message>
    <message>
        <source>{households} households ({anonymised} anonymised): {notes} visit notes, {followups} follow-ups, {remarks} remarks, {referrals} referral texts, {letters} letters, {residents} residents</source>
        <translation>{households} huishoudens ({anonymised} geanonimiseerd): {notes} bezoeknotities, {followups} acties, {remarks} opmerkingen, {referrals} doorverwijzingsteksten, {letters} brieven, {residents} bewoners</translation>
    </message>
    <message>
        <source>Dry run, nothing changed. Would be removed: {counts}.</source>
        <translation>Eerst bekeken, er is niets veranderd. Zou verdwijnen: {counts}.</translation>
    </message>
    <message>
        <source>Cleaned up: {counts}.</source>
        <translation>Opgeschoond: {counts}.</translation>
    </message>
    <message>
        <source>The vault could not be compacted yet (it is in use); that happens at the next clean-up.</source>
        <translation>De kluis kon nog niet worden gecomprimeerd (hij is in gebruik); dat gebeurt bij de volgende keer opruimen.</translation>
    </message>
    <message>
        <source>No backup of this vault has been made yet.</source>
        <translation>Er is nog geen back-up van deze kluis gemaakt.</translation>
    </message>
    <message>
        <source>today</source>
        <translation>vandaag</translation>
    </message>
    <message>
        <source>1 day ago</source>
        <translation>1 dag geleden</translation>
    </message>
    <message>
        <source>{n} days ago</source>
        <translation>{n} dagen geleden</translation>
    </message>
    <message>
        <source>Last backup: {when} ({ago}).</source>
        <translation>Laatste back-up: {when} ({ago}).</translation>
    </message>
    <message>
        <source>Save backup</source>
        <translation>Back-up opslaan</translation>
    </message>
    <message>
        <source>Waakvlam backup (*{suffix})</source>
        <translation>Waakvlam-back-up (*{suffix})</translation>
    </message>
    <message>
        <source>Making the backup…</source>
        <translation>De back-up wordt gemaakt…</translation>
    </message>
    <message>
        <source>Backup saved: {path} ({size} MB).</source>
        <translation>Back-up opgeslagen: {path} ({size} MB).</translation>
    </message>
    <message>
        <source>There is a vault in {path} already; confirm that it may be replaced.</source>
        <translation>Er staat al een kluis in {path}; bevestig eerst dat die vervangen mag worden.</translation>
    </message>
    <message>
        <source>Enter the passphrase of the backup.</source>
        <translation>Vul het wachtwoord van de back-up in.</translation>
    </message>
</context>
<context>
    <name>RecoveryNotices</name>
    <message>
        <source>Your organisation has opened a copy of this vault with its recovery key, so that a colleague could take over your work.</source>
        <translation>Je organisatie heeft een kopie van deze kluis geopend met de herstelsleutel, zodat een collega je werk kon overnemen.</translation>
    </message>
    <message>
        <source>On {date} at {time} by {by}, from the backup of {made}.</source>
        <translation>Op {date} om {time} door {by}, uit de back-up van {made}.</translation>
    </message>
    <message>
        <source>This is recorded in the audit log. Ask your manager or the ICT department if you did not know about it.</source>
        <translation>Dit staat in het logboek. Wist je hier niets van? Vraag het dan aan je leidinggevende of ICT.</translation>
    </message>
    <message>
        <source>Your vault was recovered</source>
        <translation>Je kluis is hersteld</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>Refer {household}</source>
        <translation>{household} doorverwijzen</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Why, in one sentence, e.g. rent arrears keep growing</source>
        <translation>Waarom, in één zin, bijvoorbeeld: de huurachterstand loopt op</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>New partner…</source>
        <translation>Nieuwe partner…</translation>
    </message>
    <message>
        <source>Add a partner here; it is chosen for this referral.</source>
        <translation>Voeg hier een partner toe; die wordt meteen gekozen voor deze doorverwijzing.</translation>
    </message>
    <message>
        <source>Complete partner…</source>
        <translation>Partner aanvullen…</translation>
    </message>
    <message>
        <source>Signals to include</source>
        <translation>Signalen in de brief</translation>
    </message>
    <message>
        <source>{label} ({severity}, {date})</source>
        <translation>{label} ({severity}, {date})</translation>
    </message>
    <message>
        <source>Residents concerned</source>
        <translation>Betrokken bewoners</translation>
    </message>
    <message>
        <source>Only these residents are named to the partner. A child only when the referral is about that child.</source>
        <translation>Alleen deze bewoners worden aan de partner genoemd. Een kind alleen als de doorverwijzing over dat kind gaat.</translation>
    </message>
    <message>
        <source>A short context written for the partner. Your visit notes are never included.</source>
        <translation>Een korte toelichting voor de partner. Je bezoeknotities gaan nooit mee.</translation>
    </message>
    <message>
        <source>Context for the letter</source>
        <translation>Toelichting voor de brief</translation>
    </message>
    <message>
        <source>Consent of the resident</source>
        <translation>Toestemming van de bewoner</translation>
    </message>
    <message>
        <source>Another legal basis</source>
        <translation>Andere grondslag</translation>
    </message>
    <message>
        <source>verbal</source>
        <translation>mondeling</translation>
    </message>
    <message>
        <source>written</source>
        <translation>schriftelijk</translation>
    </message>
    <message>
        <source>Form of consent</source>
        <translation>Vorm van de toestemming</translation>
    </message>
    <message>
        <source>Date of consent</source>
        <translation>Datum van de toestemming</translation>
    </message>
    <message>
        <source>May be phoned by the partner</source>
        <translation>Mag gebeld worden door de partner</translation>
    </message>
    <message>
        <source>Only then does the phone number go to the partner (part of the consent).</source>
        <translation>Alleen dan gaat het telefoonnummer mee naar de partner (hoort bij de toestemming).</translation>
    </message>
    <message>
        <source>e.g. acute danger; meldcode huiselijk geweld</source>
        <translation>bijv. acuut gevaar; meldcode huiselijk geweld</translation>
    </message>
    <message>
        <source>Explanation of the legal basis</source>
        <translation>Toelichting op de grondslag</translation>
    </message>
    <message>
        <source>Feedback requested by</source>
        <translation>Terugkoppeling gevraagd vóór</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>Signalen</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Toelichting</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Grondslag</translation>
    </message>
    <message>
        <source>Feedback by</source>
        <translation>Terugkoppeling uiterlijk</translation>
    </message>
    <message>
        <source>Your unfinished referral is back (kept when the app locked).</source>
        <translation>Je onafgemaakte doorverwijzing is terug (bewaard toen de app vergrendelde).</translation>
    </message>
    <message>
        <source>{name} (to complete)</source>
        <translation>{name} (nog aanvullen)</translation>
    </message>
    <message>
        <source>There is no partner yet: add one with “New partner…”.</source>
        <translation>Er is nog geen partner: voeg er een toe met “Nieuwe partner…”.</translation>
    </message>
    <message>
        <source>To complete: {name} has no {missing} yet; the letter waits for it.</source>
        <translation>Nog aanvullen: bij {name} ontbreekt nog {missing}; de brief wacht daarop.</translation>
    </message>
    <message>
        <source>Suggested by the guidance for “{sign}”.</source>
        <translation>Voorgesteld door de aanwijzing bij “{sign}”.</translation>
    </message>
    <message>
        <source>The guidance for “{sign}” names {kind}; there is no such partner yet (Partners screen).</source>
        <translation>De aanwijzing bij “{sign}” noemt {kind}; die partner is er nog niet (scherm Partners).</translation>
    </message>
    <message>
        <source>Choose a partner.</source>
        <translation>Kies een partner.</translation>
    </message>
</context>
<context>
    <name>ReferralsPage</name>
    <message>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Kenmerk</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Huishouden</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>Signalen</translation>
    </message>
    <message>
        <source>Your status</source>
        <translation>Jouw status</translation>
    </message>
    <message>
        <source>Feedback due</source>
        <translation>Terugkoppeling uiterlijk</translation>
    </message>
    <message>
        <source>History of this household</source>
        <translation>Geschiedenis van dit huishouden</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>Record status…</source>
        <translation>Status vastleggen…</translation>
    </message>
    <message>
        <source>View letter</source>
        <translation>Brief bekijken</translation>
    </message>
    <message>
        <source>no feedback yet</source>
        <translation>nog geen terugkoppeling</translation>
    </message>
    <message>
        <source>not sent yet</source>
        <translation>nog niet verstuurd</translation>
    </message>
    <message>
        <source>No referrals yet. Open a bundle: File &gt; Open, or drag it here.</source>
        <translation>Nog geen doorverwijzingen. Open een bundel: Bestand &gt; Bundel openen, of sleep hem hierheen.</translation>
    </message>
    <message>
        <source>{signal} – {severity}, seen on {day}</source>
        <translation>{signal} – {severity}, gezien op {day}</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Toelichting</translation>
    </message>
    <message>
        <source>From {organisation}, bundle {period}; status there: {status}.</source>
        <translation>Van {organisation}, bundel {period}; status daar: {status}.</translation>
    </message>
    <message>
        <source>in bundle {period} (number {sequence}): {status}</source>
        <translation>in bundel {period} (nummer {sequence}): {status}</translation>
    </message>
    <message>
        <source>your status: {status}</source>
        <translation>jouw status: {status}</translation>
    </message>
    <message>
        <source>Letter {kenmerk}</source>
        <translation>Brief {kenmerk}</translation>
    </message>
</context>
<context>
    <name>ReferralsView</name>
    <message>
        <source>Referrals</source>
        <translation>Doorverwijzingen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle statussen</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Kenmerk</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Huishouden</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>Terugkoppeling uiterlijk</translation>
    </message>
    <message>
        <source>No referrals yet. Refer a household from its page with “Refer…”.</source>
        <translation>Nog geen doorverwijzingen. Verwijs een huishouden door vanaf zijn pagina met ‘Doorverwijzen…’.</translation>
    </message>
    <message>
        <source>Letter…</source>
        <translation>Brief…</translation>
    </message>
    <message>
        <source>Open household</source>
        <translation>Huishouden openen</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>Nieuwe status</translation>
    </message>
    <message>
        <source>Note, e.g. the partner&apos;s feedback</source>
        <translation>Notitie, bijvoorbeeld de terugkoppeling van de partner</translation>
    </message>
    <message>
        <source>Note with the status change</source>
        <translation>Notitie bij de statuswijziging</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>Status wijzigen</translation>
    </message>
    <message>
        <source>Status changed to “{status}”.</source>
        <translation>Status gewijzigd in ‘{status}’.</translation>
    </message>
    <message>
        <source>Read in feedback…</source>
        <translation>Terugkoppeling inlezen…</translation>
    </message>
    <message>
        <source>Read in the file with feedback that a partner sent about its referrals</source>
        <translation>Lees het bestand in waarmee een partner terugkoppeling geeft over zijn doorverwijzingen</translation>
    </message>
    <message>
        <source>Read in feedback</source>
        <translation>Terugkoppeling inlezen</translation>
    </message>
    <message>
        <source>Feedback reply (*.age)</source>
        <translation>Terugkoppeling van een partner (*.age)</translation>
    </message>
    <message>
        <source>The file could not be read. Choose it again.</source>
        <translation>Het bestand kon niet worden gelezen. Kies het opnieuw.</translation>
    </message>
    <message>
        <source>Nothing was read in.</source>
        <translation>Er is niets ingelezen.</translation>
    </message>
    <message>
        <source>Feedback from {partner} read in:</source>
        <translation>Terugkoppeling van {partner} ingelezen:</translation>
    </message>
    <message>
        <source>The feedback was read in; the referrals are up to date.</source>
        <translation>De terugkoppeling is ingelezen; de doorverwijzingen zijn bijgewerkt.</translation>
    </message>
    <message>
        <source>The reply held no referrals.</source>
        <translation>De terugkoppeling ging over geen enkele doorverwijzing.</translation>
    </message>
    <message>
        <source>{kenmerk} · {household}: {before} → {after}</source>
        <translation>{kenmerk} · {household}: {before} → {after}</translation>
    </message>
    <message>
        <source>{kenmerk} · {household}: stays {status}</source>
        <translation>{kenmerk} · {household}: blijft {status}</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore backup</source>
        <translation>Back-up terugzetten</translation>
    </message>
    <message>
        <source>Restoring closes the vault now: unsaved work is kept as a draft. The backup of {when} ({size} MB) is put in {target}. Afterwards you unlock it with the passphrase of the backup.</source>
        <translation>Terugzetten sluit de kluis nu: werk dat nog niet is opgeslagen blijft bewaard als concept. De back-up van {when} ({size} MB) wordt teruggezet in {target}. Daarna ontgrendel je met het wachtwoord van de back-up.</translation>
    </message>
    <message>
        <source>Passphrase of the backup</source>
        <translation>Wachtwoord van de back-up</translation>
    </message>
    <message>
        <source>Replace the current vault. It is kept aside, not deleted.</source>
        <translation>Vervang de huidige kluis. Die wordt apart bewaard, niet verwijderd.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Terugzetten</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Kies een back-up</translation>
    </message>
    <message>
        <source>Waakvlam backup (*{suffix});;All files (*)</source>
        <translation>Waakvlam-back-up (*{suffix});;Alle bestanden (*)</translation>
    </message>
</context>
<context>
    <name>RestoreRunner</name>
    <message>
        <source>The backup of {when} is restored. Unlock it with the passphrase of the backup.</source>
        <translation>De back-up van {when} is teruggezet. Ontgrendel met het wachtwoord van de back-up.</translation>
    </message>
    <message>
        <source>The previous vault is kept aside in {path}.</source>
        <translation>De vorige kluis staat apart in {path}.</translation>
    </message>
    <message>
        <source>What was erased after this backup was made has been erased again ({households} households, {referrals} withdrawn consents).</source>
        <translation>Wat na het maken van deze back-up is gewist, is opnieuw gewist ({households} huishoudens, {referrals} ingetrokken toestemmingen).</translation>
    </message>
    <message>
        <source>The replaced vault could not be read, so what was erased there after the backup is not erased again yet: run the retention clean-up.</source>
        <translation>De vervangen kluis kon niet worden gelezen, dus wat daar na de back-up is gewist, is nog niet opnieuw gewist: voer de opruiming van de bewaartermijnen uit.</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <source>Search</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <source>Search in notes</source>
        <translation>Zoeken in notities</translation>
    </message>
    <message>
        <source>Words from notes or remarks, e.g. post schulden</source>
        <translation>Woorden uit notities of opmerkingen, bijvoorbeeld post schulden</translation>
    </message>
    <message>
        <source>Search words</source>
        <translation>Zoekwoorden</translation>
    </message>
    <message>
        <source>Every word must match; accents do not matter. Newest notes first.</source>
        <translation>Elk woord moet voorkomen; accenten maken niet uit. Nieuwste notities eerst.</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Zoekresultaten</translation>
    </message>
    <message>
        <source>Nothing found. Try fewer or shorter words.</source>
        <translation>Niets gevonden. Probeer minder of kortere woorden.</translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <source>schema at {revision}, expected {head}</source>
        <translation>schema op {revision}, verwacht {head}</translation>
    </message>
    <message>
        <source>the database file is not encrypted</source>
        <translation>het databasebestand is niet versleuteld</translation>
    </message>
    <message>
        <source>the referral letter is not a PDF</source>
        <translation>de verwijsbrief is geen PDF</translation>
    </message>
    <message>
        <source>the DejaVu font is not in the PDF</source>
        <translation>het DejaVu-lettertype zit niet in de PDF</translation>
    </message>
    <message>
        <source>the opened bundle is not the one that was made</source>
        <translation>de geopende bundel is een andere dan de gemaakte</translation>
    </message>
    <message>
        <source>NOT RUN: {module} is not present in this version (no bundles)</source>
        <translation>NIET UITGEVOERD: {module} is niet aanwezig in deze versie (geen bundels)</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>The file could not be written. Choose another place.</source>
        <translation>Het bestand kon niet worden geschreven. Kies een andere plek.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <source>Organisation and letterhead</source>
        <translation>Organisatie en briefhoofd</translation>
    </message>
    <message>
        <source>Choose logo (PNG)…</source>
        <translation>Logo kiezen (PNG)…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Save organisation</source>
        <translation>Organisatie opslaan</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Medewerkers</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Functie</translation>
    </message>
    <message>
        <source>Name of the new staff member</source>
        <translation>Naam van de nieuwe medewerker</translation>
    </message>
    <message>
        <source>Role of the new staff member</source>
        <translation>Functie van de nieuwe medewerker</translation>
    </message>
    <message>
        <source>Phone of the staff member</source>
        <translation>Telefoonnummer van de medewerker</translation>
    </message>
    <message>
        <source>E-mail of the staff member</source>
        <translation>E-mailadres van de medewerker</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Toevoegen</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Wijzigingen opslaan</translation>
    </message>
    <message>
        <source>Choose a staff member in the list to change them</source>
        <translation>Kies een medewerker in de lijst om die te wijzigen</translation>
    </message>
    <message>
        <source>Complexes…</source>
        <translation>Complexen…</translation>
    </message>
    <message>
        <source>The complexes the chosen staff member looks after (Today: “my complexes”)</source>
        <translation>De complexen waar de gekozen medewerker voor zorgt (Vandaag: “mijn complexen”)</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Werkwijze</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation>Vergrendelen na minuten zonder activiteit</translation>
    </message>
    <message>
        <source>Lock when idle after</source>
        <translation>Automatisch vergrendelen na</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dagen</translation>
    </message>
    <message>
        <source>Rhythm for {level}</source>
        <translation>Ritme bij {level}</translation>
    </message>
    <message>
        <source>Visit rhythm: {level}</source>
        <translation>Bezoekritme: {level}</translation>
    </message>
    <message>
        <source>Days a saved visit can be corrected</source>
        <translation>Aantal dagen dat een opgeslagen huisbezoek te corrigeren is</translation>
    </message>
    <message>
        <source>The original note is always kept; 0: saved visits cannot be corrected.</source>
        <translation>De oorspronkelijke notitie blijft altijd bewaard; 0: opgeslagen huisbezoeken zijn niet te corrigeren.</translation>
    </message>
    <message>
        <source>Correct a visit up to</source>
        <translation>Huisbezoek corrigeren tot</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Formal: &quot;Geachte heer De Groot,&quot;</source>
        <translation>Formeel: „Geachte heer De Groot,”</translation>
    </message>
    <message>
        <source>Less formal: &quot;Beste heer De Groot,&quot;</source>
        <translation>Minder formeel: „Beste heer De Groot,”</translation>
    </message>
    <message>
        <source>How letters greet their reader</source>
        <translation>Hoe brieven de lezer aanspreken</translation>
    </message>
    <message>
        <source>Greeting in letters</source>
        <translation>Aanhef in brieven</translation>
    </message>
    <message>
        <source>Stop remembering</source>
        <translation>Niet meer onthouden</translation>
    </message>
    <message>
        <source>Removes the key from this computer&apos;s keyring: the passphrase is needed again</source>
        <translation>Haalt de sleutel uit de sleutelbos van deze computer: daarna is het wachtwoord weer nodig</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>Onthouden op deze computer</translation>
    </message>
    <message>
        <source>Recovery by the organisation</source>
        <translation>Herstel door de organisatie</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Instellingen opslaan</translation>
    </message>
    <message>
        <source>For ICT</source>
        <translation>Voor ICT</translation>
    </message>
    <message>
        <source>Technical details for the ICT department or the privacy officer. You do not need them for your daily work.</source>
        <translation>Technische gegevens voor de ICT-afdeling of de privacyfunctionaris. Voor je dagelijkse werk heb je ze niet nodig.</translation>
    </message>
    <message>
        <source>Vault location</source>
        <translation>Plaats van de kluis</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>Ondertekeningssleutel</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Logboek</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versie</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Herstelsleutel</translation>
    </message>
    <message>
        <source>Team folder</source>
        <translation>Teammap</translation>
    </message>
    <message>
        <source>No team folder: no automatic backups</source>
        <translation>Geen teammap: geen automatische back-ups</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Map kiezen…</translation>
    </message>
    <message>
        <source>Number of backups to keep</source>
        <translation>Aantal back-ups bewaren</translation>
    </message>
    <message>
        <source>Set recovery key…</source>
        <translation>Herstelsleutel instellen…</translation>
    </message>
    <message>
        <source>Choose the organisation&apos;s recovery.pub (made with: waakvlam recovery create)</source>
        <translation>Kies het bestand recovery.pub van de organisatie (gemaakt met: waakvlam recovery create)</translation>
    </message>
    <message>
        <source>Save team folder</source>
        <translation>Teammap opslaan</translation>
    </message>
    <message>
        <source>The organisation cannot recover this vault</source>
        <translation>De organisatie kan deze kluis niet herstellen</translation>
    </message>
    <message>
        <source>Off: only your passphrase opens this vault. If you are away and the passphrase is lost, a colleague cannot take over your residents.</source>
        <translation>Uit: alleen jouw wachtwoord opent deze kluis. Ben je weg en is het wachtwoord kwijt, dan kan een collega jouw bewoners niet overnemen.</translation>
    </message>
    <message>
        <source>The organisation can recover this vault (key id {key})</source>
        <translation>De organisatie kan deze kluis herstellen (sleutel-id {key})</translation>
    </message>
    <message>
        <source>On: your organisation can open a backup of this vault with its recovery key, so that a colleague can continue your work if you are suddenly away. This needs several people together, it is recorded, and you are told at your next unlock.</source>
        <translation>Aan: je organisatie kan een back-up van deze kluis openen met de herstelsleutel. Zo kan een collega je werk overnemen als je plotseling weg bent. Daarvoor zijn meerdere mensen samen nodig, het komt in het logboek en je krijgt er een melding van als je de kluis weer ontgrendelt.</translation>
    </message>
    <message>
        <source>Choose the recovery key</source>
        <translation>Herstelsleutel kiezen</translation>
    </message>
    <message>
        <source>Set recovery key</source>
        <translation>Herstelsleutel instellen</translation>
    </message>
    <message>
        <source>Your passphrase (needed to add the organisation&apos;s key to this vault):</source>
        <translation>Je wachtwoord (nodig om de sleutel van de organisatie aan deze kluis toe te voegen):</translation>
    </message>
    <message>
        <source>Recovery key set (key id {key}).</source>
        <translation>Herstelsleutel ingesteld (sleutel-id {key}).</translation>
    </message>
    <message>
        <source>Choose the team folder</source>
        <translation>Teammap kiezen</translation>
    </message>
    <message>
        <source>fingerprint {fp}</source>
        <translation>vingerafdruk {fp}</translation>
    </message>
    <message>
        <source>{n} events; last SHA-256 {hash}</source>
        <translation>{n} gebeurtenissen; laatste SHA-256 {hash}</translation>
    </message>
    <message>
        <source>program {program}, schema {schema}</source>
        <translation>programma {program}, schema {schema}</translation>
    </message>
    <message>
        <source>Save public key…</source>
        <translation>Publieke sleutel opslaan…</translation>
    </message>
    <message>
        <source>Give this file to partners so they can check your exports</source>
        <translation>Geef dit bestand aan partners, zodat zij je exports kunnen controleren</translation>
    </message>
    <message>
        <source>On: the app opens without the passphrase on this computer.</source>
        <translation>Aan: de app opent op deze computer zonder wachtwoord.</translation>
    </message>
    <message>
        <source>Off: the passphrase is asked for every time.</source>
        <translation>Uit: het wachtwoord wordt elke keer gevraagd.</translation>
    </message>
    <message>
        <source>The key is no longer remembered on this computer.</source>
        <translation>De sleutel wordt niet meer onthouden op deze computer.</translation>
    </message>
    <message>
        <source>logo set</source>
        <translation>logo ingesteld</translation>
    </message>
    <message>
        <source>no logo</source>
        <translation>geen logo</translation>
    </message>
    <message>
        <source>Choose logo</source>
        <translation>Logo kiezen</translation>
    </message>
    <message>
        <source>Choose a PNG file of at most 512 KB.</source>
        <translation>Kies een PNG-bestand van hoogstens 512 kB.</translation>
    </message>
    <message>
        <source>Save public key</source>
        <translation>Publieke sleutel opslaan</translation>
    </message>
    <message>
        <source>Public key saved: {name}</source>
        <translation>Publieke sleutel opgeslagen: {name}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Opgeslagen.</translation>
    </message>
    <message>
        <source>{name} looks after {n} complexes.</source>
        <translation>{name} zorgt voor {n} complexen.</translation>
    </message>
</context>
<context>
    <name>SignRow</name>
    <message>
        <source>Acute sign: the app shows what to do at once.</source>
        <translation>Acuut signaal: de app laat meteen zien wat je moet doen.</translation>
    </message>
    <message>
        <source>No guidance for this sign.</source>
        <translation>Geen aanwijzing bij dit signaal.</translation>
    </message>
    <message>
        <source>Guidance for {sign}</source>
        <translation>Aanwijzing bij {sign}</translation>
    </message>
    <message>
        <source>Read — what did you do?</source>
        <translation>Gelezen — wat heb je gedaan?</translation>
    </message>
    <message>
        <source>Read the guidance for {sign}: what did you do?</source>
        <translation>Aanwijzing bij {sign} gelezen: wat heb je gedaan?</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Ernst</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>licht</translation>
    </message>
    <message>
        <source>worrying</source>
        <translation>zorgelijk</translation>
    </message>
    <message>
        <source>serious</source>
        <translation>ernstig</translation>
    </message>
    <message>
        <source>Severity {n} ({word}) for {sign}</source>
        <translation>Ernst {n} ({word}) bij {sign}</translation>
    </message>
    <message>
        <source>Remark (optional)</source>
        <translation>Opmerking (mag leeg)</translation>
    </message>
    <message>
        <source>Remark for {sign}</source>
        <translation>Opmerking bij {sign}</translation>
    </message>
</context>
<context>
    <name>TeamBackupStatus</name>
    <message>
        <source>Team-folder backup</source>
        <translation>Teammap-back-up</translation>
    </message>
    <message>
        <source>Team-folder backup: none yet</source>
        <translation>Teammap-back-up: nog geen</translation>
    </message>
    <message>
        <source>today</source>
        <translation>vandaag</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gisteren</translation>
    </message>
    <message>
        <source>{n} days ago</source>
        <translation>{n} dagen geleden</translation>
    </message>
    <message>
        <source>Team-folder backup: {age}</source>
        <translation>Teammap-back-up: {age}</translation>
    </message>
    <message>
        <source>Last backup in the team folder: {date}</source>
        <translation>Laatste back-up in de teammap: {date}</translation>
    </message>
</context>
<context>
    <name>Today</name>
    <message>
        <source>{sign}, {severity}, {date}: not followed up yet</source>
        <translation>{sign}, {severity}, {date}: nog niet opgevolgd</translation>
    </message>
    <message>
        <source>visit 1 day late</source>
        <translation>bezoek 1 dag te laat</translation>
    </message>
    <message>
        <source>visit {n} days late</source>
        <translation>bezoek {n} dagen te laat</translation>
    </message>
    <message>
        <source>follow-up due today: {description}</source>
        <translation>actie voor vandaag: {description}</translation>
    </message>
    <message>
        <source>follow-up due {date}: {description}</source>
        <translation>actie uiterlijk {date}: {description}</translation>
    </message>
    <message>
        <source>feedback from {partner} 1 day late</source>
        <translation>terugkoppeling van {partner} 1 dag te laat</translation>
    </message>
    <message>
        <source>feedback from {partner} {n} days late</source>
        <translation>terugkoppeling van {partner} {n} dagen te laat</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Today</source>
        <translation>Vandaag</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Zorgniveau</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Huishouden</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Deze week</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Only my complexes</source>
        <translation>Alleen mijn complexen</translation>
    </message>
    <message>
        <source>Which complexes are yours: Settings › Staff</source>
        <translation>Welke complexen van jou zijn: Instellingen › Medewerkers</translation>
    </message>
    <message>
        <source>Do first</source>
        <translation>Eerst doen</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Waarom</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Volgende stap</translation>
    </message>
    <message>
        <source>Click to: {step}</source>
        <translation>Klik om: {step}</translation>
    </message>
    <message>
        <source>The next step for the selected row</source>
        <translation>De volgende stap voor de gekozen regel</translation>
    </message>
    <message>
        <source>Open household</source>
        <translation>Huishouden openen</translation>
    </message>
    <message>
        <source>Follow-ups later</source>
        <translation>Acties later</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Uiterlijk</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Visits not saved yet</source>
        <translation>Bezoeken nog niet opgeslagen</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Laatst gewijzigd</translation>
    </message>
    <message>
        <source>Waiting for feedback</source>
        <translation>Wacht op terugkoppeling</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>Terugkoppeling uiterlijk</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>Uiterlijk</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Afspraak</translation>
    </message>
    <message>
        <source>Agreements from the case conference</source>
        <translation>Afspraken uit het casusoverleg</translation>
    </message>
    <message>
        <source>Tick off agreement</source>
        <translation>Afspraak afvinken</translation>
    </message>
    <message>
        <source>Read in feedback…</source>
        <translation>Terugkoppeling inlezen…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Double-click a line to make the export under Exports and send it.</source>
        <translation>Dubbelklik op een regel om onder Exports de export te maken, en stuur die dan naar de partner.</translation>
    </message>
    <message>
        <source>Only my complexes ({n})</source>
        <translation>Alleen mijn complexen ({n})</translation>
    </message>
    <message>
        <source>Only my complexes (none chosen yet)</source>
        <translation>Alleen mijn complexen (nog niet gekozen)</translation>
    </message>
    <message>
        <source>received by the partner</source>
        <translation>door de partner ontvangen</translation>
    </message>
    <message>
        <source>in progress at the partner</source>
        <translation>in behandeling bij de partner</translation>
    </message>
    <message>
        <source>Do first ({n})</source>
        <translation>Eerst doen ({n})</translation>
    </message>
    <message>
        <source>Nobody is waiting for you. Well done.</source>
        <translation>Niemand wacht op je. Goed bezig.</translation>
    </message>
    <message>
        <source>Follow-ups later ({n})</source>
        <translation>Acties later ({n})</translation>
    </message>
    <message>
        <source>Visits not saved yet ({n})</source>
        <translation>Bezoeken nog niet opgeslagen ({n})</translation>
    </message>
    <message>
        <source>Send data to partners ({n})</source>
        <translation>Gegevens naar partners sturen ({n})</translation>
    </message>
    <message>
        <source>Ticked off: {what}</source>
        <translation>Afgevinkt: {what}</translation>
    </message>
    <message>
        <source>This week ({n})</source>
        <translation>Deze week ({n})</translation>
    </message>
    <message>
        <source>Send data to partners</source>
        <translation>Gegevens naar partners sturen</translation>
    </message>
    <message>
        <source>Start here:
1. Add a household, or read in addresses, under Households.
2. Open it and record a home visit.
3. Complete your partners under Partners: Veilig Thuis is ready; the wijkteam, schuldhulpverlening and GGD still need their address. Then you can refer.</source>
        <translation>Begin hier:
1. Voeg een huishouden toe, of lees adressen in, onder Huishoudens.
2. Open het en leg een huisbezoek vast.
3. Vul je partners aan onder Partners: Veilig Thuis staat klaar; bij het wijkteam, de schuldhulpverlening en de GGD ontbreekt nog het adres. Dan kun je doorverwijzen.</translation>
    </message>
    <message>
        <source>Waiting for feedback ({n})</source>
        <translation>Wacht op terugkoppeling ({n})</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <source>Trust a corporation</source>
        <translation>Een corporatie vertrouwen</translation>
    </message>
    <message>
        <source>Call the corporation and ask for the code in their Waakvlam under Settings, For ICT (it is called key id there); let them read it out. Trust the corporation only when every character is the same as here:</source>
        <translation>Bel de corporatie en vraag naar de code in hun Waakvlam onder Instellingen, Voor ICT (daar heet die sleutel-id); laat die voorlezen. Vertrouw de corporatie alleen als elk teken gelijk is aan de code hier:</translation>
    </message>
    <message>
        <source>Code to compare</source>
        <translation>Code om te vergelijken</translation>
    </message>
    <message>
        <source>For ICT: the key id of the corporation&apos;s signing key</source>
        <translation>Voor ICT: de sleutel-id van de ondertekeningssleutel van de corporatie</translation>
    </message>
    <message>
        <source>You already trust this organisation with another code ({pinned}). Replace it only if the corporation told you they changed their key.</source>
        <translation>Je vertrouwt deze organisatie al met een andere code ({pinned}). Vervang die alleen als de corporatie je heeft verteld dat ze een nieuwe sleutel heeft.</translation>
    </message>
    <message>
        <source>The code matches</source>
        <translation>De code klopt</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <source>Replace key</source>
        <translation>Sleutel vervangen</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>Waakvlam is locked</source>
        <translation>Waakvlam is vergrendeld</translation>
    </message>
    <message>
        <source>Type your passphrase to open the vault.</source>
        <translation>Typ je wachtwoord om de kluis te openen.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>Onthouden op deze computer</translation>
    </message>
    <message>
        <source>Keeps the key in the system keyring, so you do not have to type it here. Untick to remove it from this computer.</source>
        <translation>Bewaart de sleutel in de sleutelbos van het systeem, zodat je hem hier niet hoeft te typen. Vink uit om hem van deze computer te halen.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Ontgrendelen</translation>
    </message>
    <message>
        <source>Type your passphrase first.</source>
        <translation>Typ eerst je wachtwoord.</translation>
    </message>
    <message>
        <source>Opening the vault…</source>
        <translation>De kluis wordt geopend…</translation>
    </message>
    <message>
        <source>Updating the vault for this version of the app. With many households this takes a minute or two. Keep the app open.</source>
        <translation>De kluis wordt bijgewerkt voor deze versie van de app. Met veel huishoudens duurt dat een minuut of twee. Laat de app open.</translation>
    </message>
    <message>
        <source>The passphrase is not correct. Try again; after {n} attempts the app waits {s} seconds.</source>
        <translation>Het wachtwoord klopt niet. Probeer het opnieuw; na {n} pogingen wacht de app {s} seconden.</translation>
    </message>
    <message>
        <source>You can try again.</source>
        <translation>Je kunt het opnieuw proberen.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait {s} seconds and try again.</source>
        <translation>Te veel pogingen. Wacht {s} seconden en probeer het opnieuw.</translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message>
        <source>Kind of visit</source>
        <translation>Soort bezoek</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Datum en tijd</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Aanwezig</translation>
    </message>
    <message>
        <source>Residents present</source>
        <translation>Aanwezige bewoners</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notities</translation>
    </message>
    <message>
        <source>What did you see and hear? Short notes are fine. Never write a BSN.</source>
        <translation>Wat heb je gezien en gehoord? Korte notities zijn prima. Schrijf nooit een BSN op.</translation>
    </message>
    <message>
        <source>This is not a BSN: save anyway</source>
        <translation>Dit is geen BSN: toch opslaan</translation>
    </message>
    <message>
        <source>Checklist of signs</source>
        <translation>Signalenlijst</translation>
    </message>
    <message>
        <source>New follow-up, e.g. call the wijkteam together</source>
        <translation>Nieuwe actie, bijvoorbeeld samen het wijkteam bellen</translation>
    </message>
    <message>
        <source>New follow-up</source>
        <translation>Nieuwe actie</translation>
    </message>
    <message>
        <source>Follow-up due date</source>
        <translation>Actie uiterlijk op</translation>
    </message>
    <message>
        <source>Add follow-up</source>
        <translation>Actie toevoegen</translation>
    </message>
    <message>
        <source>New follow-ups</source>
        <translation>Nieuwe acties</translation>
    </message>
    <message>
        <source>Concern level</source>
        <translation>Zorgniveau</translation>
    </message>
    <message>
        <source>Next visit by</source>
        <translation>Volgend bezoek uiterlijk</translation>
    </message>
    <message>
        <source>Close (keep draft)</source>
        <translation>Sluiten (concept bewaren)</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>Concept weggooien</translation>
    </message>
    <message>
        <source>Save visit</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <source>Save visit (Ctrl+S)</source>
        <translation>Opslaan (Ctrl+S)</translation>
    </message>
    <message>
        <source>Home visit · {title}</source>
        <translation>Huisbezoek · {title}</translation>
    </message>
    <message>
        <source>Continuing the draft of {when} (“Discard draft” starts afresh)</source>
        <translation>Verder met het concept van {when} (“Concept weggooien” begint opnieuw)</translation>
    </message>
    <message>
        <source>Draft restored</source>
        <translation>Concept teruggezet</translation>
    </message>
    <message>
        <source>This text contains a number that looks like a BSN. A BSN may not be stored: remove it, or confirm that it is not a BSN.</source>
        <translation>De tekst bevat een getal dat op een BSN lijkt. Een BSN mag niet worden opgeslagen: haal het weg, of bevestig dat het geen BSN is.</translation>
    </message>
    <message>
        <source>Done: {what}</source>
        <translation>Gedaan: {what}</translation>
    </message>
    <message>
        <source>Not yet: a follow-up due today is made; it stays first on Today until you tick it off.</source>
        <translation>Nog niet: er komt een actie voor vandaag; die blijft bovenaan bij Vandaag tot je hem afvinkt.</translation>
    </message>
    <message>
        <source>Follow suggestion ({level})</source>
        <translation>Voorstel volgen ({level})</translation>
    </message>
    <message>
        <source>Suggested: {level}</source>
        <translation>Voorgesteld: {level}</translation>
    </message>
    <message>
        <source>Draft saved {time}</source>
        <translation>Concept opgeslagen {time}</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw consent</source>
        <translation>Toestemming intrekken</translation>
    </message>
    <message>
        <source>The resident withdraws the consent for referral {ref} to {partner}. Letters and exports to this partner stop from that date; what was shared before stays recorded.</source>
        <translation>De bewoner trekt de toestemming in voor doorverwijzing {ref} naar {partner}. Vanaf die datum gaan er geen brieven of exports meer naar deze partner; wat eerder is gedeeld, blijft vastgelegd.</translation>
    </message>
    <message>
        <source>Date of withdrawal</source>
        <translation>Datum van intrekken</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>Optional, e.g. by phone to the wijkbeheerder</source>
        <translation>Optioneel, bijv. telefonisch aan de wijkbeheerder</translation>
    </message>
    <message>
        <source>Withdrawn on</source>
        <translation>Ingetrokken op</translation>
    </message>
</context>
<context>
    <name>WorkPage</name>
    <message>
        <source>Erasure requests ({n})</source>
        <translation>Verwijderverzoeken ({n})</translation>
    </message>
    <message>
        <source>Erasure requests</source>
        <translation>Verwijderverzoeken</translation>
    </message>
    <message>
        <source>Referrals ({n})</source>
        <translation>Doorverwijzingen ({n})</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Cijfers</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>Bundels</translation>
    </message>
    <message>
        <source>Keys and settings</source>
        <translation>Sleutels en instellingen</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Search in notes…</source>
        <translation>Zoeken in notities…</translation>
    </message>
    <message>
        <source>Search in notes</source>
        <translation>Zoeken in notities</translation>
    </message>
    <message>
        <source>Search in notes (Ctrl+F)</source>
        <translation>Zoeken in notities (Ctrl+F)</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Vergrendelen</translation>
    </message>
    <message>
        <source>Lock now (Ctrl+L)</source>
        <translation>Nu vergrendelen (Ctrl+L)</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigatie</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Remove colleague</source>
        <translation>Collega verwijderen</translation>
    </message>
    <message>
        <source>Refuse handovers from {name} from now on?</source>
        <translation>Overdrachten van {name} voortaan weigeren?</translation>
    </message>
</context>
</TS>
