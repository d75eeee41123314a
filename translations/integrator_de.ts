<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>CommandLine</name>
    <message>
        <source>Integrator cannot start</source>
        <translation>Integrator kann nicht starten</translation>
    </message>
    <message>
        <source>Cannot open the database: %1</source>
        <translation>Die Datenbank lässt sich nicht öffnen: %1</translation>
    </message>
    <message>
        <source>The demo did not start: %1</source>
        <translation>Die Demo ist nicht gestartet: %1</translation>
    </message>
</context>
<context>
    <name>ComposePage</name>
    <message>
        <source>&amp;Push</source>
        <translation>&amp;Einreihen</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Accept the message(s) and route them to the subscribed mappings (Ctrl+Return)</source>
        <translation>Die Nachricht(en) annehmen und an die abonnierten Zuordnungen weiterleiten (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Insert a sample message...</source>
        <translation>Beispielnachricht einfügen...</translation>
    </message>
    <message>
        <source>One message, an array of messages, or {&quot;messages&quot;: [...]}. A message_id is assigned when absent.</source>
        <translation>Eine Nachricht, ein Array von Nachrichten oder {&quot;messages&quot;: [...]}. Fehlt die message_id, wird sie vergeben.</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>Valid: %n message(s) ready to push.</source>
        <translation>
            <numerusform>Gültig: %n Nachricht bereit zum Einreihen.</numerusform>
            <numerusform>Gültig: %n Nachrichten bereit zum Einreihen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not valid: %1</source>
        <translation>Ungültig: %1</translation>
    </message>
    <message>
        <source>Nothing pushed: %1</source>
        <translation>Nichts eingereiht: %1</translation>
    </message>
    <message numerus="yes">
        <source>Pushed %1 (%n new).</source>
        <translation>
            <numerusform>Eingereiht: %1 (%n neu).</numerusform>
            <numerusform>Eingereiht: %1 (%n neu).</numerusform>
        </translation>
    </message>
    <message>
        <source>Compose</source>
        <translation>Verfassen</translation>
    </message>
</context>
<context>
    <name>ConfigFormPage</name>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>Wird gespeichert...</translation>
    </message>
    <message>
        <source>Removing...</source>
        <translation>Wird entfernt...</translation>
    </message>
    <message>
        <source>Not removed: %1</source>
        <translation>Nicht entfernt: %1</translation>
    </message>
    <message>
        <source>stored sealed; type to replace</source>
        <translation>versiegelt gespeichert; zum Ersetzen tippen</translation>
    </message>
    <message>
        <source>none; type one to store it sealed</source>
        <translation>keines; eines eintippen, um es versiegelt zu speichern</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Store</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>Letzter Erfolg</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Wird wiederholt</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Geparkt</translation>
    </message>
    <message>
        <source>Delivered today</source>
        <translation>Heute zugestellt</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Shops</translation>
    </message>
    <message>
        <source>Latest errors</source>
        <translation>Neueste Fehler</translation>
    </message>
    <message>
        <source>Cannot read the dashboard: %1</source>
        <translation>Die Übersicht kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Select an endpoint to chart only its attempts</source>
        <translation>Einen Endpunkt auswählen, um nur seine Versuche darzustellen</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>Endpunkte</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>Attempts per minute, last hour: %1</source>
        <translation>Versuche pro Minute, letzte Stunde: %1</translation>
    </message>
    <message>
        <source>Attempts per 15 minutes, last day: %1</source>
        <translation>Versuche pro 15 Minuten, letzter Tag: %1</translation>
    </message>
    <message>
        <source>Attempts per minute, last hour, all endpoints</source>
        <translation>Versuche pro Minute, letzte Stunde, alle Endpunkte</translation>
    </message>
    <message>
        <source>Attempts per 15 minutes, last day, all endpoints</source>
        <translation>Versuche pro 15 Minuten, letzter Tag, alle Endpunkte</translation>
    </message>
</context>
<context>
    <name>DemoSetup</name>
    <message>
        <source>The demo is already running.</source>
        <translation>Die Demo läuft bereits.</translation>
    </message>
    <message>
        <source>The demo cannot read the database: %1</source>
        <translation>Die Demo kann die Datenbank nicht lesen: %1</translation>
    </message>
    <message>
        <source>The demo store cannot listen on 127.0.0.1.</source>
        <translation>Der Demo-Shop kann nicht auf 127.0.0.1 lauschen.</translation>
    </message>
    <message>
        <source>The demo endpoint cannot listen on 127.0.0.1: %1</source>
        <translation>Der Demo-Endpunkt kann nicht auf 127.0.0.1 lauschen: %1</translation>
    </message>
    <message>
        <source>The demo configuration cannot be written: %1</source>
        <translation>Die Demo-Konfiguration kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The demo cannot update the store&apos;s poll positions: %1</source>
        <translation>Die Demo kann die Abfragepositionen des Shops nicht aktualisieren: %1</translation>
    </message>
    <message>
        <source>Demo store &quot;%1&quot; at %2</source>
        <translation>Demo-Shop „%1“ unter %2</translation>
    </message>
    <message>
        <source>  a new order every %1 s while the demo runs</source>
        <translation>  alle %1 s eine neue Bestellung, solange die Demo läuft</translation>
    </message>
    <message>
        <source>Demo endpoint &quot;%1&quot; at %2 (services %3)</source>
        <translation>Demo-Endpunkt „%1“ unter %2 (Dienste %3)</translation>
    </message>
    <message>
        <source>  some first attempts fail and are retried; &quot;%1&quot; fails until its deliveries are parked, then a replay goes through</source>
        <translation>  einige erste Versuche schlagen fehl und werden wiederholt; „%1“ schlägt fehl, bis seine Zustellungen geparkt sind, dann gelingt das erneute Senden</translation>
    </message>
    <message>
        <source>Demo running: store &quot;%1&quot; at %2, endpoint &quot;%3&quot; at %4</source>
        <translation>Demo läuft: Shop „%1“ unter %2, Endpunkt „%3“ unter %4</translation>
    </message>
    <message>
        <source>--demo-api (INTEGRATOR_DEMO_API) must be v1, platform_v2 or admin_v3; got &quot;%1&quot;</source>
        <translation>--demo-api (INTEGRATOR_DEMO_API) muss v1, platform_v2 oder admin_v3 sein; angegeben: &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>EndpointFlowPanel</name>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Send nothing to this endpoint until a person resumes it; its deliveries wait and keep their retries</source>
        <translation>Nichts an diesen Endpunkt senden, bis ihn jemand fortsetzt; seine Zustellungen warten und behalten ihre Wiederholungen</translation>
    </message>
    <message>
        <source>Send to this endpoint again, starting with the deliveries that waited</source>
        <translation>Wieder an diesen Endpunkt senden, zuerst die Zustellungen, die gewartet haben</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>probing</source>
        <translation>wird geprüft</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Paused by a person until a person resumes it</source>
        <translation>Von einer Person pausiert, bis jemand ihn fortsetzt</translation>
    </message>
    <message>
        <source>Paused by the circuit breaker (%1), probed until a delivery succeeds: %2</source>
        <translation>Vom Schutzschalter pausiert (%1), wird geprüft, bis eine Zustellung gelingt: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n in flight</source>
        <translation>
            <numerusform>%n unterwegs</numerusform>
            <numerusform>%n unterwegs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to be sent</source>
        <translation>
            <numerusform>%n wartet auf das Senden</numerusform>
            <numerusform>%n warten auf das Senden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>last hour: %n attempt(s), %1 succeeded, p50 %2, p95 %3</source>
        <translation>
            <numerusform>letzte Stunde: %n Versuch, %1 erfolgreich, p50 %2, p95 %3</numerusform>
            <numerusform>letzte Stunde: %n Versuche, %1 erfolgreich, p50 %2, p95 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>no attempt in the last hour</source>
        <translation>kein Versuch in der letzten Stunde</translation>
    </message>
</context>
<context>
    <name>EndpointHealthModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>probing</source>
        <translation>wird geprüft</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>Last hour: %1 delivered, %2 accepted for later, %3 failed and retrying, %4 parked</source>
        <translation>Letzte Stunde: %1 zugestellt, %2 zur späteren Verarbeitung angenommen, %3 fehlgeschlagen und wiederholt, %4 geparkt</translation>
    </message>
    <message>
        <source>Between %1 and %2: durations are counted in buckets, so a percentile is known to within its bucket</source>
        <translation>Zwischen %1 und %2: Dauern werden in Klassen gezählt, daher ist ein Perzentil nur auf seine Klasse genau bekannt</translation>
    </message>
    <message>
        <source>Longer than %1</source>
        <translation>Länger als %1</translation>
    </message>
    <message>
        <source>Nothing waits to be sent</source>
        <translation>Nichts wartet auf das Senden</translation>
    </message>
    <message>
        <source>Nothing is due; the next delivery is due at %1</source>
        <translation>Nichts ist fällig; die nächste Zustellung ist um %1 fällig</translation>
    </message>
    <message>
        <source>The longest-waiting due delivery has been due since %1</source>
        <translation>Die am längsten wartende fällige Zustellung ist seit %1 fällig</translation>
    </message>
    <message>
        <source>Attempt durations of the last hour. They are counted in buckets (5 ms, 10 ms, 25 ms, ... 180 s), so the percentile is the bucket it falls in: &quot;≤ 250 ms&quot; means between 100 and 250 ms.</source>
        <translation>Dauern der Versuche der letzten Stunde. Sie werden in Klassen gezählt (5 ms, 10 ms, 25 ms, ... 180 s), daher ist das Perzentil die Klasse, in die es fällt: „≤ 250 ms“ heißt zwischen 100 und 250 ms.</translation>
    </message>
    <message>
        <source>How long the delivery that has been due the longest has waited to be sent</source>
        <translation>Wie lange die am längsten fällige Zustellung schon auf das Senden wartet</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>Unterwegs</translation>
    </message>
    <message>
        <source>Attempts (1 h)</source>
        <translation>Versuche (1 h)</translation>
    </message>
    <message>
        <source>Success (1 h)</source>
        <translation>Erfolg (1 h)</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation>Längste Wartezeit</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <source>&gt; %1</source>
        <translation>&gt; %1</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>EndpointServicesPanel</name>
    <message>
        <source>Fetch services</source>
        <translation>Dienste abrufen</translation>
    </message>
    <message>
        <source>Send test message</source>
        <translation>Testnachricht senden</translation>
    </message>
    <message>
        <source>Read the services the endpoint describes in its endpoint.json</source>
        <translation>Die Dienste lesen, die der Endpunkt in seiner endpoint.json beschreibt</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Recommended messages</source>
        <translation>Empfohlene Nachrichten</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>The service&apos;s path, such as /order_confirmation</source>
        <translation>Der Pfad des Dienstes, etwa /order_confirmation</translation>
    </message>
    <message>
        <source>Test message</source>
        <translation>Testnachricht</translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation>&amp;Dienst:</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>Reading %1...</source>
        <translation>%1 wird gelesen...</translation>
    </message>
    <message numerus="yes">
        <source>%n service(s) described by %1</source>
        <translation>
            <numerusform>%n Dienst, beschrieben von %1</numerusform>
            <numerusform>%n Dienste, beschrieben von %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Create mapping</source>
        <translation>Zuordnung anlegen</translation>
    </message>
    <message>
        <source>Subscribe %1 to %2 as the endpoint recommends</source>
        <translation>Dienst %1 abonniert %2, wie vom Endpunkt empfohlen</translation>
    </message>
    <message>
        <source>Name and save the endpoint first</source>
        <translation>Benennen und speichern Sie zuerst den Endpunkt</translation>
    </message>
    <message>
        <source>No mapping created: %1</source>
        <translation>Keine Zuordnung angelegt: %1</translation>
    </message>
    <message>
        <source>Created mapping &quot;%1&quot;: %2 → %3</source>
        <translation>Zuordnung „%1“ angelegt: %2 → %3</translation>
    </message>
    <message>
        <source>the service must be a path starting with /, such as /order_confirmation</source>
        <translation>der Dienst muss ein Pfad sein, der mit / beginnt, etwa /order_confirmation</translation>
    </message>
    <message>
        <source>Sending %1 to %2...</source>
        <translation>%1 wird an %2 gesendet...</translation>
    </message>
</context>
<context>
    <name>EndpointsPage</name>
    <message>
        <source>Accept a self-signed TLS certificate (its identity is not verified)</source>
        <translation>Selbstsigniertes TLS-Zertifikat akzeptieren (seine Identität wird nicht geprüft)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Services (mapped)</source>
        <translation>Dienste (zugeordnet)</translation>
    </message>
    <message>
        <source>mailer</source>
        <translation>mailer</translation>
    </message>
    <message>
        <source>http://127.0.0.1:9001</source>
        <translation>http://127.0.0.1:9001</translation>
    </message>
    <message>
        <source>the pre-shared token (32 characters or more)</source>
        <translation>das vorab vereinbarte Token (32 Zeichen oder mehr)</translation>
    </message>
    <message>
        <source>How many messages may be on their way to this endpoint at once</source>
        <translation>Wie viele Nachrichten gleichzeitig zu diesem Endpunkt unterwegs sein dürfen</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>&amp;Max in flight:</source>
        <translation>&amp;Max. gleichzeitig:</translation>
    </message>
    <message>
        <source>Cannot read the endpoints: %1</source>
        <translation>Die Endpunkte können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>Saved endpoint %1</source>
        <translation>Endpunkt %1 gespeichert</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>Endpunkte</translation>
    </message>
    <message>
        <source>Remove the endpoint and its secrets; its message history is kept</source>
        <translation>Den Endpunkt und seine Geheimnisse entfernen; sein Nachrichtenverlauf bleibt erhalten</translation>
    </message>
    <message>
        <source>Remove endpoint</source>
        <translation>Endpunkt entfernen</translation>
    </message>
    <message>
        <source>Removed endpoint %1</source>
        <translation>Endpunkt %1 entfernt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>Unterwegs</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Success (1 h)</source>
        <translation>Erfolg (1 h)</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>Paused because</source>
        <translation>Pausiert, weil</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source> per second</source>
        <translation> pro Sekunde</translation>
    </message>
    <message>
        <source>Deliveries per second to this endpoint, shared by every engine; bursts of up to one second&apos;s worth</source>
        <translation>Zustellungen pro Sekunde an diesen Endpunkt, für alle Engines zusammen; Schübe bis zur Menge einer Sekunde</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source> failed attempts in a row</source>
        <translation> fehlgeschlagenen Versuchen in Folge</translation>
    </message>
    <message>
        <source>Pause the endpoint after so many failed attempts in a row; its deliveries wait without using up their retries</source>
        <translation>Den Endpunkt nach so vielen fehlgeschlagenen Versuchen in Folge pausieren; seine Zustellungen warten, ohne ihre Wiederholungen aufzubrauchen</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>While paused by failures, one delivery is tried after this long; the wait doubles after each failed try, up to an hour</source>
        <translation>Solange wegen Fehlern pausiert, wird nach dieser Zeit eine Zustellung versucht; die Wartezeit verdoppelt sich nach jedem Fehlschlag, bis zu einer Stunde</translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation>&amp;Ratenlimit:</translation>
    </message>
    <message>
        <source>&amp;Pause after:</source>
        <translation>&amp;Pausieren nach:</translation>
    </message>
    <message>
        <source>Pro&amp;be after:</source>
        <translation>Pro&amp;be nach:</translation>
    </message>
    <message>
        <source>Pausing...</source>
        <translation>Wird pausiert...</translation>
    </message>
    <message>
        <source>Resuming...</source>
        <translation>Wird fortgesetzt...</translation>
    </message>
    <message>
        <source>Not paused: %1</source>
        <translation>Nicht pausiert: %1</translation>
    </message>
    <message>
        <source>Not resumed: %1</source>
        <translation>Nicht fortgesetzt: %1</translation>
    </message>
    <message>
        <source>Paused endpoint %1</source>
        <translation>Endpunkt %1 pausiert</translation>
    </message>
    <message>
        <source>Endpoint %1 was already paused by a person</source>
        <translation>Endpunkt %1 war schon von einer Person pausiert</translation>
    </message>
    <message>
        <source>Resumed endpoint %1</source>
        <translation>Endpunkt %1 fortgesetzt</translation>
    </message>
    <message>
        <source>Endpoint %1 was not paused</source>
        <translation>Endpunkt %1 war nicht pausiert</translation>
    </message>
    <message>
        <source>stored sealed</source>
        <translation>versiegelt gespeichert</translation>
    </message>
    <message>
        <source>https://status.example.com</source>
        <translation>https://status.example.com</translation>
    </message>
    <message>
        <source>Other origins (scheme, host and port) where an asynchronous answer&apos;s update_url may point; they are polled with the token. Separate them with commas</source>
        <translation>Weitere Ursprünge (Schema, Host und Port), auf die die update_url einer asynchronen Antwort zeigen darf; sie werden mit dem Token abgefragt. Durch Kommas trennen</translation>
    </message>
    <message>
        <source>&amp;Update origins:</source>
        <translation>&amp;Update-Ursprünge:</translation>
    </message>
    <message>
        <source>For an endpoint behind HTTP authentication: user:password, sent as Authorization: Basic with every request</source>
        <translation>Für einen Endpunkt hinter HTTP-Authentifizierung: Benutzer:Passwort, mit jeder Anfrage als Authorization: Basic gesendet</translation>
    </message>
    <message>
        <source>&amp;Basic auth:</source>
        <translation>&amp;Basic-Auth:</translation>
    </message>
    <message>
        <source>user:password; optional</source>
        <translation>Benutzer:Passwort; optional</translation>
    </message>
    <message>
        <source>Remove the endpoint %1? Its sealed token, basic auth and signing secrets are deleted. Messages delivered to it keep their history.</source>
        <translation>Endpunkt %1 entfernen? Sein versiegeltes Token, seine Basic-Auth-Zugangsdaten und seine Signaturgeheimnisse werden gelöscht. An ihn zugestellte Nachrichten behalten ihren Verlauf.</translation>
    </message>
</context>
<context>
    <name>EngineHost</name>
    <message>
        <source>Engine running on %1</source>
        <translation>Engine läuft auf %1</translation>
    </message>
    <message>
        <source>Control panel only (%1)</source>
        <translation>Nur Bedienoberfläche (%1)</translation>
    </message>
    <message>
        <source>Database unreachable since %1, retrying: %2</source>
        <translation>Datenbank nicht erreichbar seit %1, neuer Versuch folgt: %2</translation>
    </message>
    <message>
        <source>Engine starting on %1…</source>
        <translation>Engine startet auf %1…</translation>
    </message>
</context>
<context>
    <name>EraseByFieldDialog</name>
    <message>
        <source>Erase</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Erase by field</source>
        <translation>Nach Feld löschen</translation>
    </message>
    <message>
        <source>Erase the personal data of every message where the path reaches the value (strings compare without regard to case), and of the messages produced from responses to them. The delivery history stays.</source>
        <translation>Die personenbezogenen Daten jeder Nachricht löschen, in der der Pfad den Wert erreicht (Texte ohne Rücksicht auf Groß- und Kleinschreibung), und die der Nachrichten, die aus Antworten darauf entstanden sind. Der Zustellverlauf bleibt.</translation>
    </message>
    <message>
        <source>&amp;Path</source>
        <translation>&amp;Pfad</translation>
    </message>
    <message>
        <source>&amp;Value</source>
        <translation>&amp;Wert</translation>
    </message>
    <message>
        <source>Enter a path, such as payload.order.email, and the value to find.</source>
        <translation>Geben Sie einen Pfad wie payload.order.email und den gesuchten Wert ein.</translation>
    </message>
    <message>
        <source>a path has no &quot;=&quot;</source>
        <translation>ein Pfad enthält kein &quot;=&quot;</translation>
    </message>
    <message>
        <source>the path or the value cannot be read</source>
        <translation>Pfad oder Wert sind nicht lesbar</translation>
    </message>
    <message>
        <source>Cannot use this path: %1</source>
        <translation>Dieser Pfad ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>Counting the messages this finds...</source>
        <translation>Die gefundenen Nachrichten werden gezählt...</translation>
    </message>
    <message>
        <source>Cannot count the messages: %1</source>
        <translation>Die Nachrichten können nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>No message and no store record matches: there is nothing to erase.</source>
        <translation>Keine Nachricht und kein Shop-Datensatz passt: Es gibt nichts zu löschen.</translation>
    </message>
    <message numerus="yes">
        <source>Erases %n message(s) and their attempts&apos; bodies.</source>
        <translation>
            <numerusform>Löscht %n Nachricht und die Inhalte ihrer Versuche.</numerusform>
            <numerusform>Löscht %n Nachrichten und die Inhalte ihrer Versuche.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them were produced from endpoints&apos; responses.</source>
        <translation>
            <numerusform>%n davon entstand aus der Antwort eines Endpunkts.</numerusform>
            <numerusform>%n davon entstanden aus Antworten von Endpunkten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also %n store record(s) kept by polls.</source>
        <translation>
            <numerusform>Außerdem %n von Abfragen gespeicherter Shop-Datensatz.</numerusform>
            <numerusform>Außerdem %n von Abfragen gespeicherte Shop-Datensätze.</numerusform>
        </translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Das kann nicht rückgängig gemacht werden.</translation>
    </message>
</context>
<context>
    <name>KeyExportDialog</name>
    <message>
        <source>Master key %1</source>
        <translation>Hauptschlüssel %1</translation>
    </message>
    <message>
        <source>Anyone with this key can open every secret in the database. Give it to a server as its key file (INTEGRATOR_MASTER_KEY_FILE, readable only by the engine&apos;s user) or keep it in a password manager.</source>
        <translation>Wer diesen Schlüssel hat, kann jedes Geheimnis in der Datenbank öffnen. Geben Sie ihn einem Server als Schlüsseldatei (INTEGRATOR_MASTER_KEY_FILE, nur für den Benutzer der Engine lesbar) oder bewahren Sie ihn in einem Passwortmanager auf.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Save to file...</source>
        <translation>In Datei &amp;speichern...</translation>
    </message>
    <message>
        <source>Copied. Clear the clipboard once the key is where it belongs.</source>
        <translation>Kopiert. Leeren Sie die Zwischenablage, sobald der Schlüssel an seinem Platz ist.</translation>
    </message>
    <message>
        <source>Save the master key</source>
        <translation>Hauptschlüssel speichern</translation>
    </message>
    <message>
        <source>Saved to %1, readable only by you.</source>
        <translation>In %1 gespeichert, nur für Sie lesbar.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Integrator</source>
        <translation>Integrator</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Import configuration...</source>
        <translation>Konfiguration &amp;importieren...</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>&amp;Export configuration...</source>
        <translation>Konfiguration &amp;exportieren...</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Integrator</source>
        <translation>Ü&amp;ber Integrator</translation>
    </message>
    <message>
        <source>About Integrator</source>
        <translation>Über Integrator</translation>
    </message>
    <message>
        <source>&lt;b&gt;Integrator %1&lt;/b&gt;&lt;p&gt;Delivers a Spree store&apos;s messages to the web services subscribed to them, records every attempt and retries failures.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Integrator %1&lt;/b&gt;&lt;p&gt;Stellt die Nachrichten eines Spree-Shops den Webdiensten zu, die sie abonniert haben, zeichnet jeden Versuch auf und wiederholt Fehlschläge.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) parked</source>
        <translation>
            <numerusform>%n Nachricht geparkt</numerusform>
            <numerusform>%n Nachrichten geparkt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n store(s) down</source>
        <translation>
            <numerusform>%n Shop nicht erreichbar</numerusform>
            <numerusform>%n Shops nicht erreichbar</numerusform>
        </translation>
    </message>
    <message>
        <source>Import configuration</source>
        <translation>Konfiguration importieren</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation>Importiert: %1</translation>
    </message>
    <message>
        <source>Nothing imported: %1</source>
        <translation>Nichts importiert: %1</translation>
    </message>
    <message>
        <source>Export configuration</source>
        <translation>Konfiguration exportieren</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>Nicht exportiert: %1</translation>
    </message>
    <message>
        <source>Exported the configuration (without secrets) to %1</source>
        <translation>Konfiguration (ohne Geheimnisse) nach %1 exportiert</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Takes effect when Integrator starts again</source>
        <translation>Gilt nach einem Neustart von Integrator</translation>
    </message>
    <message>
        <source>The new language takes effect when Integrator starts again.</source>
        <translation>Die neue Sprache gilt nach einem Neustart von Integrator.</translation>
    </message>
    <message>
        <source>&amp;Secrets...</source>
        <translation>&amp;Geheimnisse...</translation>
    </message>
    <message>
        <source>Opening the database...</source>
        <translation>Datenbank wird geöffnet...</translation>
    </message>
    <message>
        <source>Not connected: %1. Fix that and start Integrator again.</source>
        <translation>Nicht verbunden: %1. Beheben Sie das und starten Sie Integrator neu.</translation>
    </message>
</context>
<context>
    <name>MappingCanvasToolBar</name>
    <message>
        <source>Filter by type, endpoint or path</source>
        <translation>Nach Typ, Endpunkt oder Pfad filtern</translation>
    </message>
    <message>
        <source>Shows only the message types, endpoints and services whose name contains this text, with their mappings and what those lead to</source>
        <translation>Zeigt nur die Nachrichtentypen, Endpunkte und Dienste, deren Name diesen Text enthält, mit ihren Zuordnungen und dem, wohin diese führen</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>Alle einklappen</translation>
    </message>
    <message>
        <source>Fold every endpoint&apos;s services into the endpoint&apos;s row</source>
        <translation>Die Dienste jedes Endpunkts in die Zeile des Endpunkts einklappen</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Alle ausklappen</translation>
    </message>
    <message>
        <source>Show every endpoint&apos;s services</source>
        <translation>Die Dienste aller Endpunkte zeigen</translation>
    </message>
    <message>
        <source>Zoom out (-, or Ctrl+wheel)</source>
        <translation>Verkleinern (-, oder Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom in (+, or Ctrl+wheel)</source>
        <translation>Vergrößern (+, oder Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit the whole graph into the view (0)</source>
        <translation>Den ganzen Graphen in die Ansicht einpassen (0)</translation>
    </message>
</context>
<context>
    <name>MappingCommand</name>
    <message>
        <source>Create mapping %1</source>
        <translation>Zuordnung %1 anlegen</translation>
    </message>
    <message>
        <source>Edit mapping %1</source>
        <translation>Zuordnung %1 bearbeiten</translation>
    </message>
    <message>
        <source>Delete mapping %1</source>
        <translation>Zuordnung %1 löschen</translation>
    </message>
    <message>
        <source>the database refused the change</source>
        <translation>die Datenbank hat die Änderung abgelehnt</translation>
    </message>
</context>
<context>
    <name>MappingGraphScene</name>
    <message>
        <source>No message type, endpoint or service path contains &quot;%1&quot;.</source>
        <translation>Kein Nachrichtentyp, Endpunkt oder Dienstpfad enthält „%1“.</translation>
    </message>
    <message>
        <source>Message types</source>
        <translation>Nachrichtentypen</translation>
    </message>
    <message>
        <source>Endpoints and their services</source>
        <translation>Endpunkte und ihre Dienste</translation>
    </message>
    <message>
        <source>%1: click the arrow or press Space to show its services</source>
        <translation>%1: Auf den Pfeil klicken oder die Leertaste drücken, um die Dienste zu zeigen</translation>
    </message>
    <message>
        <source>%1: click the arrow or press Space to fold its services into this row</source>
        <translation>%1: Auf den Pfeil klicken oder die Leertaste drücken, um die Dienste in diese Zeile einzuklappen</translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n Dienst</numerusform>
            <numerusform>%n Dienste</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (disabled)</source>
        <translation>%1 (deaktiviert)</translation>
    </message>
</context>
<context>
    <name>MappingInspector</name>
    <message>
        <source>equals the value</source>
        <translation>ist gleich dem Wert</translation>
    </message>
    <message>
        <source>differs from the value</source>
        <translation>weicht vom Wert ab</translation>
    </message>
    <message>
        <source>is a number greater than the value</source>
        <translation>ist eine Zahl größer als der Wert</translation>
    </message>
    <message>
        <source>is a number less than the value</source>
        <translation>ist eine Zahl kleiner als der Wert</translation>
    </message>
    <message>
        <source>begins with the value</source>
        <translation>beginnt mit dem Wert</translation>
    </message>
    <message>
        <source>contains the value</source>
        <translation>enthält den Wert</translation>
    </message>
    <message>
        <source>ends with the value</source>
        <translation>endet mit dem Wert</translation>
    </message>
    <message>
        <source>is there and not empty (no value)</source>
        <translation>ist vorhanden und nicht leer (kein Wert)</translation>
    </message>
    <message>
        <source>is missing or empty (no value)</source>
        <translation>fehlt oder ist leer (kein Wert)</translation>
    </message>
    <message>
        <source>matches the regular expression</source>
        <translation>passt auf den regulären Ausdruck</translation>
    </message>
    <message>
        <source>Deliver messages through this mapping</source>
        <translation>Nachrichten über diese Zuordnung zustellen</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Retry failed deliveries</source>
        <translation>Fehlgeschlagene Zustellungen wiederholen</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>order:new, order:updated or order:*</source>
        <translation>order:new, order:updated oder order:*</translation>
    </message>
    <message>
        <source>/order_confirmation</source>
        <translation>/order_confirmation</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Message types:</source>
        <translation>Nachrichten&amp;typen:</translation>
    </message>
    <message>
        <source>E&amp;ndpoint:</source>
        <translation>&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>&amp;Service path:</source>
        <translation>&amp;Dienstpfad:</translation>
    </message>
    <message>
        <source>Filters (every one must pass)</source>
        <translation>Filter (jeder muss erfüllt sein)</translation>
    </message>
    <message>
        <source>Add filter</source>
        <translation>Filter hinzufügen</translation>
    </message>
    <message>
        <source>Remove filter</source>
        <translation>Filter entfernen</translation>
    </message>
    <message>
        <source>Dotted path into the message, such as payload.order.status or payload.order.items.*.sku</source>
        <translation>Pfad in die Nachricht, durch Punkte getrennt, etwa payload.order.status oder payload.order.items.*.sku</translation>
    </message>
    <message>
        <source>When the path reaches several values: ticked, one passing is enough; otherwise all must pass</source>
        <translation>Wenn der Pfad mehrere Werte erreicht: angehakt genügt einer, sonst müssen alle passen</translation>
    </message>
    <message>
        <source>Identifiers (a message with the same values is delivered once)</source>
        <translation>Kennungen (eine Nachricht mit denselben Werten wird einmal zugestellt)</translation>
    </message>
    <message>
        <source>Add identifier</source>
        <translation>Kennung hinzufügen</translation>
    </message>
    <message>
        <source>Remove identifier</source>
        <translation>Kennung entfernen</translation>
    </message>
    <message>
        <source>mailer.api_key, shipping_method.lookup</source>
        <translation>mailer.api_key, shipping_method.lookup</translation>
    </message>
    <message>
        <source>default: 5, 300, 1800 ... about 3.5 days</source>
        <translation>Standard: 5, 300, 1800 ... etwa 3,5 Tage</translation>
    </message>
    <message>
        <source>Seconds before each retry, comma separated; fractions such as 0.05 allowed</source>
        <translation>Sekunden vor jeder Wiederholung, durch Kommas getrennt; Bruchteile wie 0.05 sind erlaubt</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>&amp;Parameters:</source>
        <translation>&amp;Parameter:</translation>
    </message>
    <message>
        <source>Retry &amp;schedule:</source>
        <translation>&amp;Wiederholungsplan:</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source>Mapping &quot;%1&quot;</source>
        <translation>Zuordnung „%1“</translation>
    </message>
    <message>
        <source>Select a mapping on the canvas or in the table to edit it.</source>
        <translation>Wählen Sie eine Zuordnung im Diagramm oder in der Tabelle aus, um sie zu bearbeiten.</translation>
    </message>
    <message>
        <source>Filter %1: %2</source>
        <translation>Filter %1: %2</translation>
    </message>
    <message>
        <source>Identifier %1 has no name.</source>
        <translation>Kennung %1 hat keinen Namen.</translation>
    </message>
    <message>
        <source>The identifier name &quot;%1&quot; is used twice.</source>
        <translation>Der Kennungsname „%1“ wird zweimal verwendet.</translation>
    </message>
    <message>
        <source>Retry schedule: &quot;%1&quot; is not a number of seconds.</source>
        <translation>Wiederholungsplan: „%1“ ist keine Anzahl von Sekunden.</translation>
    </message>
    <message>
        <source>Another mapping is already named &quot;%1&quot;.</source>
        <translation>Eine andere Zuordnung heißt bereits „%1“.</translation>
    </message>
</context>
<context>
    <name>MappingTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Message types</source>
        <translation>Nachrichtentypen</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Identifiers</source>
        <translation>Kennungen</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiv</translation>
    </message>
</context>
<context>
    <name>MappingsPage</name>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Delete the selected mapping; its message history is kept</source>
        <translation>Die ausgewählte Zuordnung löschen; ihr Nachrichtenverlauf bleibt erhalten</translation>
    </message>
    <message>
        <source>Drag from a message type to a service to subscribe the service.</source>
        <translation>Ziehen Sie von einem Nachrichtentyp auf einen Dienst, damit der Dienst ihn abonniert.</translation>
    </message>
    <message>
        <source>order:returned or order:*</source>
        <translation>order:returned oder order:*</translation>
    </message>
    <message>
        <source>Add type</source>
        <translation>Typ hinzufügen</translation>
    </message>
    <message>
        <source>/order_confirmation</source>
        <translation>/order_confirmation</translation>
    </message>
    <message>
        <source>Add service</source>
        <translation>Dienst hinzufügen</translation>
    </message>
    <message>
        <source>Delete mapping</source>
        <translation>Zuordnung löschen</translation>
    </message>
    <message>
        <source>Cannot load the mappings: %1</source>
        <translation>Die Zuordnungen können nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The endpoint &quot;%1&quot; no longer exists.</source>
        <translation>Den Endpunkt „%1“ gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>Add an endpoint first: every service belongs to one.</source>
        <translation>Legen Sie zuerst einen Endpunkt an: Jeder Dienst gehört zu einem.</translation>
    </message>
    <message>
        <source>A service path starts with / and has no spaces, for example /order_confirmation.</source>
        <translation>Ein Dienstpfad beginnt mit / und enthält keine Leerzeichen, zum Beispiel /order_confirmation.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Mappings</source>
        <translation>Zuordnungen</translation>
    </message>
    <message>
        <source>Create mapping</source>
        <translation>Zuordnung anlegen</translation>
    </message>
    <message>
        <source>Subscribe this service to the message type typed on the left, without dragging</source>
        <translation>Diesen Dienst ohne Ziehen für den links eingegebenen Nachrichtentyp abonnieren</translation>
    </message>
    <message>
        <source>Type the message type to subscribe (order:new) in the type field.</source>
        <translation>Geben Sie den zu abonnierenden Nachrichtentyp (order:new) in das Typfeld ein.</translation>
    </message>
</context>
<context>
    <name>MasterKeyRotator</name>
    <message>
        <source>Nothing rotated: %1</source>
        <translation>Nichts rotiert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sealed %n secret(s) again with the new master key %1; the old key %2 no longer opens them.</source>
        <translation>
            <numerusform>%n Geheimnis mit dem neuen Hauptschlüssel %1 neu versiegelt; der alte Schlüssel %2 öffnet es nicht mehr.</numerusform>
            <numerusform>%n Geheimnisse mit dem neuen Hauptschlüssel %1 neu versiegelt; der alte Schlüssel %2 öffnet sie nicht mehr.</numerusform>
        </translation>
    </message>
    <message>
        <source>The secrets are now sealed with the new master key %1, but the keychain did not take it (%2). Save this key now, as a key file or in a password manager: without it the secrets cannot be opened once Integrator quits.</source>
        <translation>Die Geheimnisse sind jetzt mit dem neuen Hauptschlüssel %1 versiegelt, aber der Schlüsselbund hat ihn nicht angenommen (%2). Speichern Sie diesen Schlüssel jetzt als Schlüsseldatei oder in einem Passwortmanager: ohne ihn lassen sich die Geheimnisse nicht mehr öffnen, sobald Integrator beendet wird.</translation>
    </message>
    <message>
        <source>Rotated to the master key %1, but the keychain did not take it: %2</source>
        <translation>Auf den Hauptschlüssel %1 rotiert, aber der Schlüsselbund hat ihn nicht angenommen: %2</translation>
    </message>
</context>
<context>
    <name>MessageDetailView</name>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Delivery / attempt</source>
        <translation>Zustellung / Versuch</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation>JSON kopieren</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Nutzdaten</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Zustellungen</translation>
    </message>
    <message>
        <source>Parent and children (double-click to open)</source>
        <translation>Eltern- und Kindnachrichten (Doppelklick zum Öffnen)</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Related</source>
        <translation>Verwandte</translation>
    </message>
    <message>
        <source>Cannot show %1: %2</source>
        <translation>%1 kann nicht angezeigt werden: %2</translation>
    </message>
    <message>
        <source>Select a message to see its payload, deliveries and attempts.</source>
        <translation>Wählen Sie eine Nachricht aus, um ihre Nutzdaten, Zustellungen und Versuche zu sehen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 &amp;nbsp; created %3 by %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 &amp;nbsp; erstellt %3 von %4</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 %2
</source>
        <translation>%1 %2
</translation>
    </message>
    <message>
        <source>
Request headers (secrets masked):
%1</source>
        <translation>
Anfrage-Header (Geheimnisse maskiert):
%1</translation>
    </message>
    <message>
        <source>
Response status: %1
</source>
        <translation>
Antwortstatus: %1
</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>Response headers:
%1</source>
        <translation>Antwort-Header:
%1</translation>
    </message>
    <message>
        <source>
Response body%1:
%2
</source>
        <translation>
Antwortinhalt%1:
%2
</translation>
    </message>
    <message>
        <source> (truncated)</source>
        <translation> (gekürzt)</translation>
    </message>
    <message>
        <source>
Error: %1
</source>
        <translation>
Fehler: %1
</translation>
    </message>
    <message>
        <source>
Duration: %1 ms</source>
        <translation>
Dauer: %1 ms</translation>
    </message>
    <message>
        <source>Parent: %1</source>
        <translation>Elternnachricht: %1</translation>
    </message>
    <message>
        <source>Child: %1 %2</source>
        <translation>Kindnachricht: %1 %2</translation>
    </message>
    <message numerus="yes">
        <source>[%1] %2: %3 (%n time(s))</source>
        <translation>
            <numerusform>[%1] %2: %3 (%n-mal)</numerusform>
            <numerusform>[%1] %2: %3 (%n-mal)</numerusform>
        </translation>
    </message>
    <message>
        <source>Waits for message %1 (ordering key %2), %3</source>
        <translation>Wartet auf Nachricht %1 (Reihenfolgeschlüssel %2), %3</translation>
    </message>
    <message>
        <source>Waits for endpoint %1 to resume (%2)</source>
        <translation>Wartet, bis Endpunkt %1 fortgesetzt wird (%2)</translation>
    </message>
    <message>
        <source>Erased on %1: the payload, the attempts&apos; response bodies and the identifier values are gone. The delivery history (states, times, statuses) stays; the message cannot be replayed.</source>
        <translation>Gelöscht am %1: Nutzdaten, Antwortinhalte der Versuche und Kennungswerte sind entfernt. Der Zustellverlauf (Zustände, Zeiten, Status) bleibt; die Nachricht kann nicht erneut gesendet werden.</translation>
    </message>
    <message>
        <source>
Summary: %1
</source>
        <translation>
Zusammenfassung: %1
</translation>
    </message>
</context>
<context>
    <name>MessageErasure</name>
    <message>
        <source>Nothing erased: %1</source>
        <translation>Nichts gelöscht: %1</translation>
    </message>
    <message>
        <source>Nothing to erase: the selected messages were erased before.</source>
        <translation>Nichts zu löschen: Die ausgewählten Nachrichten wurden bereits gelöscht.</translation>
    </message>
    <message>
        <source>Erase messages</source>
        <translation>Nachrichten löschen</translation>
    </message>
    <message numerus="yes">
        <source>Erase %n message(s) and their attempts&apos; bodies? This cannot be undone.</source>
        <translation>
            <numerusform>%n Nachricht und die Inhalte ihrer Versuche löschen? Das kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>%n Nachrichten und die Inhalte ihrer Versuche löschen? Das kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them were produced from endpoints&apos; responses to the selected messages.</source>
        <translation>
            <numerusform>%n davon entstand aus der Antwort eines Endpunkts auf die ausgewählten Nachrichten.</numerusform>
            <numerusform>%n davon entstanden aus Antworten von Endpunkten auf die ausgewählten Nachrichten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Their payloads, the attempts&apos; response bodies and the identifier values go; the delivery history (states, times, statuses) stays.</source>
        <translation>Ihre Nutzdaten, die Antwortinhalte der Versuche und die Kennungswerte werden entfernt; der Zustellverlauf (Zustände, Zeiten, Status) bleibt.</translation>
    </message>
    <message numerus="yes">
        <source>%n open deliver(y/ies) will be archived, since nothing is left to send.</source>
        <translation>
            <numerusform>%n offene Zustellung wird archiviert, da nichts mehr zu senden bleibt.</numerusform>
            <numerusform>%n offene Zustellungen werden archiviert, da nichts mehr zu senden bleibt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Erase cancelled: nothing was erased.</source>
        <translation>Löschen abgebrochen: Nichts wurde gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>Erased %n message(s), then stopped: %1</source>
        <translation>
            <numerusform>%n Nachricht gelöscht, dann angehalten: %1</numerusform>
            <numerusform>%n Nachrichten gelöscht, dann angehalten: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Erased %n message(s): their payloads, the attempts&apos; response bodies and the identifier values are gone.</source>
        <translation>
            <numerusform>%n Nachricht gelöscht: Nutzdaten, Antwortinhalte der Versuche und Kennungswerte sind entfernt.</numerusform>
            <numerusform>%n Nachrichten gelöscht: Nutzdaten, Antwortinhalte der Versuche und Kennungswerte sind entfernt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open deliver(y/ies) archived.</source>
        <translation>
            <numerusform>%n offene Zustellung archiviert.</numerusform>
            <numerusform>%n offene Zustellungen archiviert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) were being sent the whole time and were not erased; erase them again once their attempts are recorded.</source>
        <translation>
            <numerusform>%n Nachricht wurde die ganze Zeit gesendet und nicht gelöscht; löschen Sie sie erneut, sobald ihr Versuch erfasst ist.</numerusform>
            <numerusform>%n Nachrichten wurden die ganze Zeit gesendet und nicht gelöscht; löschen Sie sie erneut, sobald ihre Versuche erfasst sind.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was erased.</source>
        <translation>Nichts wurde gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>%n store record(s) kept by polls erased.</source>
        <translation>
            <numerusform>%n von Abfragen gespeicherter Shop-Datensatz gelöscht.</numerusform>
            <numerusform>%n von Abfragen gespeicherte Shop-Datensätze gelöscht.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageTableModel</name>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>wird gesendet</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>wird wiederholt</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>parked</source>
        <translation>geparkt</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
    <message>
        <source>unrouted</source>
        <translation>ohne Zuordnung</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Zustellungen</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Message ID</source>
        <translation>Nachrichten-ID</translation>
    </message>
    <message>
        <source>%1 (erased)</source>
        <translation>%1 (gelöscht)</translation>
    </message>
</context>
<context>
    <name>MessagesPage</name>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Cannot read the message log: %1</source>
        <translation>Das Nachrichtenprotokoll kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Geparkt</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Jeder Zustand</translation>
    </message>
    <message>
        <source>Type (order:new, order:*)</source>
        <translation>Typ (order:new, order:*)</translation>
    </message>
    <message>
        <source>Any mapping</source>
        <translation>Jede Zuordnung</translation>
    </message>
    <message>
        <source>Any endpoint</source>
        <translation>Jeder Endpunkt</translation>
    </message>
    <message>
        <source>Message id or identifier value (an order number)</source>
        <translation>Nachrichten-ID oder Kennungswert (eine Bestellnummer)</translation>
    </message>
    <message>
        <source>&amp;Replay</source>
        <translation>&amp;Erneut senden</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Send the selected messages again, keeping their history (Ctrl+R)</source>
        <translation>Die ausgewählten Nachrichten erneut senden; ihr Verlauf bleibt erhalten (Strg+R)</translation>
    </message>
    <message>
        <source>Replay all &amp;failed</source>
        <translation>Alle &amp;fehlgeschlagenen erneut senden</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archivieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>&amp;Edit &amp;&amp; push as new</source>
        <translation>&amp;Bearbeiten &amp;&amp; als neue einreihen</translation>
    </message>
    <message>
        <source>Copy as &amp;curl</source>
        <translation>Als &amp;curl kopieren</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n deliver(y/ies)</source>
        <translation>
            <numerusform>%1: %n Zustellung</numerusform>
            <numerusform>%1: %n Zustellungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <source>The filter shows no failed messages to replay.</source>
        <translation>Der Filter zeigt keine fehlgeschlagenen Nachrichten zum erneuten Senden.</translation>
    </message>
    <message>
        <source>Replaying failed messages...</source>
        <translation>Fehlgeschlagene Nachrichten werden erneut gesendet...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Replay all failed</source>
        <translation>Alle fehlgeschlagenen erneut senden</translation>
    </message>
    <message>
        <source>Replay stopped: %1</source>
        <translation>Erneutes Senden abgebrochen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after replaying %n deliver(y/ies)</source>
        <translation>
            <numerusform>Abgebrochen, nachdem %n Zustellung erneut gesendet wurde</numerusform>
            <numerusform>Abgebrochen, nachdem %n Zustellungen erneut gesendet wurden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replayed %n deliver(y/ies)</source>
        <translation>
            <numerusform>%n Zustellung erneut gesendet</numerusform>
            <numerusform>%n Zustellungen erneut gesendet</numerusform>
        </translation>
    </message>
    <message>
        <source>This message has no attempt to repeat yet.</source>
        <translation>Diese Nachricht hat noch keinen Versuch, der wiederholt werden könnte.</translation>
    </message>
    <message>
        <source>Copied a curl command for the attempt (secrets as shell variables).</source>
        <translation>curl-Befehl für den Versuch kopiert (Geheimnisse als Shell-Variablen).</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) shown; scroll for more</source>
        <translation>
            <numerusform>%n Nachricht angezeigt; für mehr scrollen</numerusform>
            <numerusform>%n Nachrichten angezeigt; für mehr scrollen</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Replay the parked and retrying deliveries of the messages the filter shows</source>
        <translation>Die geparkten und auf Wiederholung wartenden Zustellungen der Nachrichten, die der Filter zeigt, erneut senden</translation>
    </message>
    <message>
        <source>Era&amp;se...</source>
        <translation>&amp;Löschen...</translation>
    </message>
    <message>
        <source>Remove the personal data of the selected messages (payloads, response bodies, identifier values) after a confirmation; the delivery history stays</source>
        <translation>Die personenbezogenen Daten der ausgewählten Nachrichten (Nutzdaten, Antwortinhalte, Kennungswerte) nach einer Bestätigung entfernen; der Zustellverlauf bleibt</translation>
    </message>
    <message>
        <source>Cannot replay: the selection holds an erased message, whose payload is gone</source>
        <translation>Erneutes Senden nicht möglich: Die Auswahl enthält eine gelöschte Nachricht, deren Nutzdaten entfernt sind</translation>
    </message>
    <message>
        <source>Nothing to archive: an erased message&apos;s open deliveries were archived when it was erased</source>
        <translation>Nichts zu archivieren: Die offenen Zustellungen einer gelöschten Nachricht wurden beim Löschen archiviert</translation>
    </message>
    <message>
        <source>Already erased</source>
        <translation>Bereits gelöscht</translation>
    </message>
    <message>
        <source>An erasure is under way</source>
        <translation>Ein Löschvorgang läuft</translation>
    </message>
    <message>
        <source>An erased message has no payload left to push</source>
        <translation>Eine gelöschte Nachricht hat keine Nutzdaten mehr zum Einreihen</translation>
    </message>
    <message>
        <source>An erased message has no payload left to send</source>
        <translation>Eine gelöschte Nachricht hat keine Nutzdaten mehr zum Senden</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Erase &amp;by field...</source>
        <translation>Nach Fel&amp;d löschen...</translation>
    </message>
    <message>
        <source>Erase every message where a path reaches a value, such as a person&apos;s email address, after showing how many there are</source>
        <translation>Jede Nachricht löschen, in der ein Pfad einen Wert erreicht, etwa die E-Mail-Adresse einer Person; zeigt vorher, wie viele es sind</translation>
    </message>
</context>
<context>
    <name>NotificationTableModel</name>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Bezug</translation>
    </message>
    <message>
        <source>Occurrences</source>
        <translation>Vorkommen</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
</context>
<context>
    <name>NotificationsPage</name>
    <message>
        <source>Any level</source>
        <translation>Jede Stufe</translation>
    </message>
    <message>
        <source>info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Reference: a message id, a store name, an identifier value (exact)</source>
        <translation>Bezug: eine Nachrichten-ID, ein Shopname, ein Kennungswert (exakt)</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Stufe:</translation>
    </message>
    <message>
        <source>Cannot read the notifications: %1</source>
        <translation>Die Benachrichtigungen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>the newest %1 entries</source>
        <translation>die neuesten %1 Einträge</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies)</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2

%3

Source: %4
Reference: %5
Occurrences: %6</source>
        <translation>%1: %2

%3

Quelle: %4
Bezug: %5
Vorkommen: %6</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
</context>
<context>
    <name>OutcomeChart</name>
    <message>
        <source>Parked</source>
        <translation>Geparkt</translation>
    </message>
    <message>
        <source>Failed, retrying</source>
        <translation>Fehlgeschlagen, wird wiederholt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>%1: %2 delivered, %3 failed and retrying, %4 parked</source>
        <translation>%1: %2 zugestellt, %3 fehlgeschlagen und wiederholt, %4 geparkt</translation>
    </message>
</context>
<context>
    <name>OutcomeChartModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Failed, retrying</source>
        <translation>Fehlgeschlagen, wird wiederholt</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Geparkt</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
</context>
<context>
    <name>ParameterValueEditor</name>
    <message>
        <source>true</source>
        <translation>wahr</translation>
    </message>
    <message>
        <source>false</source>
        <translation>falsch</translation>
    </message>
    <message>
        <source>A JSON list, such as [{&quot;from&quot;: &quot;UPS Ground&quot;, &quot;to&quot;: &quot;ups_ground&quot;}]</source>
        <translation>Eine JSON-Liste, etwa [{&quot;from&quot;: &quot;UPS Ground&quot;, &quot;to&quot;: &quot;ups_ground&quot;}]</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>kein gültiges JSON: %1 an Position %2</translation>
    </message>
</context>
<context>
    <name>ParametersPage</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheim</translation>
    </message>
    <message>
        <source>mailer.api_key</source>
        <translation>mailer.api_key</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Wert:</translation>
    </message>
    <message>
        <source>Cannot read the parameters: %1</source>
        <translation>Die Parameter können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>Saved parameter %1</source>
        <translation>Parameter %1 gespeichert</translation>
    </message>
    <message>
        <source>Removed parameter %1</source>
        <translation>Parameter %1 entfernt</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Secret (sealed in the database, never shown)</source>
        <translation>Geheim (in der Datenbank versiegelt, nie angezeigt)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The demo is already running.</source>
        <translation>Die Demo läuft bereits.</translation>
    </message>
    <message>
        <source>The demo did not start: %1</source>
        <translation>Die Demo ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>the demo is already running</source>
        <translation>die Demo läuft bereits</translation>
    </message>
</context>
<context>
    <name>SealedSecretsState</name>
    <message>
        <source>the keychain</source>
        <translation>dem Schlüsselbund</translation>
    </message>
</context>
<context>
    <name>SecretsDialog</name>
    <message>
        <source>&amp;Export key...</source>
        <translation>Schlüssel &amp;exportieren...</translation>
    </message>
    <message>
        <source>&amp;Rotate key...</source>
        <translation>Schlüssel &amp;rotieren...</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Geheimnisse</translation>
    </message>
    <message>
        <source>Endpoint tokens, signing secrets, store API keys and secret parameters are sealed in the database with the master key. Every engine that uses this database needs the same key to open them.</source>
        <translation>Tokens der Endpunkte, Signaturgeheimnisse, API-Schlüssel der Shops und geheime Parameter sind in der Datenbank mit dem Hauptschlüssel versiegelt. Jede Engine, die diese Datenbank nutzt, braucht denselben Schlüssel, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>Master key from:</source>
        <translation>Hauptschlüssel aus:</translation>
    </message>
    <message>
        <source>Master key id:</source>
        <translation>Kennung des Hauptschlüssels:</translation>
    </message>
    <message>
        <source>Database sealed with:</source>
        <translation>Datenbank versiegelt mit:</translation>
    </message>
    <message>
        <source>Sealed secrets:</source>
        <translation>Versiegelte Geheimnisse:</translation>
    </message>
    <message>
        <source>being read from the keychain…</source>
        <translation>wird aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>no master key</source>
        <translation>kein Hauptschlüssel</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>wird gelesen…</translation>
    </message>
    <message>
        <source>no secret sealed yet</source>
        <translation>noch kein Geheimnis versiegelt</translation>
    </message>
    <message>
        <source>Sealing every secret again with a new master key…</source>
        <translation>Jedes Geheimnis wird mit einem neuen Hauptschlüssel neu versiegelt…</translation>
    </message>
    <message>
        <source>The master key is still being read from the keychain.</source>
        <translation>Der Hauptschlüssel wird noch aus dem Schlüsselbund gelesen.</translation>
    </message>
    <message>
        <source>This control panel has no master key: %1</source>
        <translation>Diese Bedienoberfläche hat keinen Hauptschlüssel: %1</translation>
    </message>
    <message>
        <source>Reading the database…</source>
        <translation>Die Datenbank wird gelesen…</translation>
    </message>
    <message>
        <source>Cannot read the database&apos;s secrets: %1</source>
        <translation>Die Geheimnisse der Datenbank lassen sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>The master key comes from %1, so it is rotated where that file is: write a new key with `integrator secrets new-key &gt; FILE`, run `integrator secrets rotate-key --new-key-file FILE`, then point the engine at FILE.</source>
        <translation>Der Hauptschlüssel kommt aus %1 und wird deshalb dort rotiert, wo diese Datei liegt: einen neuen Schlüssel mit `integrator secrets new-key &gt; FILE` schreiben, `integrator secrets rotate-key --new-key-file FILE` ausführen und die Engine dann auf FILE verweisen.</translation>
    </message>
    <message>
        <source>Export the master key</source>
        <translation>Hauptschlüssel exportieren</translation>
    </message>
    <message>
        <source>The master key opens every secret in the database: endpoint tokens, signing secrets, store API keys and secret parameters. Show it only to give it to another engine of this database or to keep a copy somewhere as safe as the secrets themselves.

Show the master key?</source>
        <translation>Der Hauptschlüssel öffnet jedes Geheimnis in der Datenbank: Tokens der Endpunkte, Signaturgeheimnisse, API-Schlüssel der Shops und geheime Parameter. Zeigen Sie ihn nur, um ihn einer anderen Engine dieser Datenbank zu geben oder eine Kopie an einem Ort aufzubewahren, der so sicher ist wie die Geheimnisse selbst.

Den Hauptschlüssel anzeigen?</translation>
    </message>
    <message>
        <source>Rotate the master key</source>
        <translation>Hauptschlüssel rotieren</translation>
    </message>
    <message>
        <source>Make a new master key, seal every secret in the database again with it and replace the old key in the keychain?

The old key no longer opens the secrets: other engines that use this database need the new key (Export key...) before they can deliver again.</source>
        <translation>Einen neuen Hauptschlüssel erzeugen, jedes Geheimnis in der Datenbank damit neu versiegeln und den alten Schlüssel im Schlüsselbund ersetzen?

Der alte Schlüssel öffnet die Geheimnisse dann nicht mehr: andere Engines, die diese Datenbank nutzen, brauchen den neuen Schlüssel (Schlüssel exportieren...), bevor sie wieder zustellen können.</translation>
    </message>
</context>
<context>
    <name>SecretsStatusLabel</name>
    <message>
        <source>Secrets: reading the master key from the keychain…</source>
        <translation>Geheimnisse: Hauptschlüssel wird aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>Secrets: no master key — %1</source>
        <translation>Geheimnisse: kein Hauptschlüssel — %1</translation>
    </message>
    <message>
        <source>Secrets: master key %1 does not open this database&apos;s secrets (sealed with %2)</source>
        <translation>Geheimnisse: Hauptschlüssel %1 öffnet die Geheimnisse dieser Datenbank nicht (versiegelt mit %2)</translation>
    </message>
    <message>
        <source>Secrets: master key %1 from %2</source>
        <translation>Geheimnisse: Hauptschlüssel %1 aus %2</translation>
    </message>
    <message>
        <source>Master key %1; Settings → Secrets shows more.</source>
        <translation>Hauptschlüssel %1; mehr unter Einstellungen → Geheimnisse.</translation>
    </message>
</context>
<context>
    <name>StoreHealthPanel</name>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>Sammlung</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <source>Last poll</source>
        <translation>Letzte Abfrage</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>Letzter Erfolg</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Collections:</source>
        <translation>Sammlungen:</translation>
    </message>
    <message>
        <source>Heartbeat history:</source>
        <translation>Heartbeat-Verlauf:</translation>
    </message>
    <message>
        <source>Heartbeat: %1</source>
        <translation>Heartbeat: %1</translation>
    </message>
    <message>
        <source>last successful poll %1</source>
        <translation>letzte erfolgreiche Abfrage %1</translation>
    </message>
    <message numerus="yes">
        <source>%n failed poll(s) in a row</source>
        <translation>
            <numerusform>%n fehlgeschlagene Abfrage in Folge</numerusform>
            <numerusform>%n fehlgeschlagene Abfragen in Folge</numerusform>
        </translation>
    </message>
    <message>
        <source>last error (%1): %2</source>
        <translation>letzter Fehler (%1): %2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>StoresPage</name>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Poll now</source>
        <translation>Jetzt abfragen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>Letzter Erfolg</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>shop</source>
        <translation>shop</translation>
    </message>
    <message>
        <source>https://shop.example.com</source>
        <translation>https://shop.example.com</translation>
    </message>
    <message>
        <source>Records per page of the store&apos;s API (per_page)</source>
        <translation>Datensätze pro Seite der Shop-API (per_page)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;API key:</source>
        <translation>&amp;API-Schlüssel:</translation>
    </message>
    <message>
        <source>Collections:</source>
        <translation>Sammlungen:</translation>
    </message>
    <message>
        <source>&amp;Page size:</source>
        <translation>&amp;Seitengröße:</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source>Poll %1 every so many seconds</source>
        <translation>%1 alle so viele Sekunden abfragen</translation>
    </message>
    <message>
        <source>One authenticated request to the store&apos;s API, as the poller makes</source>
        <translation>Eine authentifizierte Anfrage an die API des Shops, wie sie beim regelmäßigen Abfragen gestellt wird</translation>
    </message>
    <message>
        <source>Poll every collection of the saved store once, now</source>
        <translation>Jede Sammlung des gespeicherten Shops jetzt einmal abfragen</translation>
    </message>
    <message>
        <source>Cannot read the stores: %1</source>
        <translation>Die Shops können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>the store&apos;s API key (an admin key, to read orders)</source>
        <translation>der API-Schlüssel des Shops (ein Admin-Schlüssel, um Bestellungen zu lesen)</translation>
    </message>
    <message>
        <source>Saved store %1</source>
        <translation>Shop %1 gespeichert</translation>
    </message>
    <message>
        <source>Connecting to %1...</source>
        <translation>Verbindung zu %1 wird hergestellt...</translation>
    </message>
    <message>
        <source>Save the store first</source>
        <translation>Speichern Sie zuerst den Shop</translation>
    </message>
    <message>
        <source>The engine runs in another process: poll there with `integrator poll %1`</source>
        <translation>Die Engine läuft in einem anderen Prozess: Fragen Sie dort mit `integrator poll %1` ab</translation>
    </message>
    <message>
        <source>Polling %1 now; the results appear below</source>
        <translation>%1 wird jetzt abgefragt; die Ergebnisse erscheinen unten</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Shops</translation>
    </message>
    <message>
        <source>Stop polling the store and forget it; the messages it produced are kept</source>
        <translation>Den Shop nicht mehr abfragen und vergessen; die Nachrichten, die er erzeugt hat, bleiben erhalten</translation>
    </message>
    <message>
        <source>Remove store</source>
        <translation>Shop entfernen</translation>
    </message>
    <message>
        <source>Removed store %1</source>
        <translation>Shop %1 entfernt</translation>
    </message>
    <message>
        <source>Remove the store %1? It is no longer polled, its sealed API key, push token and webhook secret are deleted, and its bookmarks and heartbeat history are deleted: added again, it is polled from the start. The messages it produced are kept.</source>
        <translation>Den Shop %1 entfernen? Er wird nicht mehr abgefragt, sein versiegelter API-Schlüssel, sein Push-Token und sein Webhook-Geheimnis werden gelöscht, ebenso seine Lesezeichen und sein Heartbeat-Verlauf: wieder hinzugefügt, wird er von vorn abgefragt. Die Nachrichten, die er erzeugt hat, bleiben erhalten.</translation>
    </message>
    <message>
        <source>The secret key of the webhook in Spree; it verifies the webhooks Spree posts to /api/stores/NAME/spree-webhooks</source>
        <translation>Der geheime Schlüssel des Webhooks in Spree; er prüft die Webhooks, die Spree an /api/stores/NAME/spree-webhooks sendet</translation>
    </message>
    <message>
        <source>&amp;Webhook secret:</source>
        <translation>&amp;Webhook-Geheimnis:</translation>
    </message>
    <message>
        <source>for Spree&apos;s webhooks; optional</source>
        <translation>für die Webhooks von Spree; optional</translation>
    </message>
    <message>
        <source>API v1 (Spree up to 4.4)</source>
        <translation>API v1 (Spree bis 4.4)</translation>
    </message>
    <message>
        <source>Platform API v2 (Spree 4.5 to 5.3)</source>
        <translation>Platform API v2 (Spree 4.5 bis 5.3)</translation>
    </message>
    <message>
        <source>Admin API v3 (Spree 5.5 and later)</source>
        <translation>Admin API v3 (Spree ab 5.5)</translation>
    </message>
    <message>
        <source>Which of Spree&apos;s APIs the store is polled through; Test connection finds out</source>
        <translation>Über welche Spree-API der Shop abgefragt wird; „Verbindung testen“ findet es heraus</translation>
    </message>
    <message>
        <source>The OAuth application&apos;s client id (Spree admin: Apps, or Settings &gt; Developers)</source>
        <translation>Die Client-ID der OAuth-Anwendung (Spree-Admin: Apps oder Einstellungen &gt; Entwickler)</translation>
    </message>
    <message>
        <source>AP&amp;I:</source>
        <translation>AP&amp;I:</translation>
    </message>
    <message>
        <source>&amp;Client id:</source>
        <translation>&amp;Client-ID:</translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation>Client-&amp;Secret:</translation>
    </message>
    <message>
        <source>the OAuth application&apos;s secret</source>
        <translation>das Secret der OAuth-Anwendung</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>&lt;h1&gt;Welcome to Integrator&lt;/h1&gt;&lt;p&gt;Integrator watches your Spree store for new orders, customers and shipments, turns each change into a message such as &lt;tt&gt;order:new&lt;/tt&gt;, and delivers it to the services subscribed to it: a mailer, a shipping service, your accounting. Every attempt is recorded; failures are retried, and anything that still fails waits for you to replay it with a click.&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Willkommen bei Integrator&lt;/h1&gt;&lt;p&gt;Integrator beobachtet Ihren Spree-Shop auf neue Bestellungen, Kunden und Sendungen, macht aus jeder Änderung eine Nachricht wie &lt;tt&gt;order:new&lt;/tt&gt; und stellt sie den Diensten zu, die sie abonniert haben: einem Mailer, einem Versanddienst, Ihrer Buchhaltung. Jeder Versuch wird aufgezeichnet; Fehlschläge werden wiederholt, und was dann noch scheitert, wartet darauf, dass Sie es mit einem Klick erneut senden.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>1. Add your store</source>
        <translation>1. Ihren Shop hinzufügen</translation>
    </message>
    <message>
        <source>The store&apos;s URL and API key. Integrator polls its orders, customers, shipments and products.</source>
        <translation>URL und API-Schlüssel des Shops. Integrator fragt seine Bestellungen, Kunden, Sendungen und Produkte ab.</translation>
    </message>
    <message>
        <source>Add a store</source>
        <translation>Shop hinzufügen</translation>
    </message>
    <message>
        <source>2. Add an endpoint</source>
        <translation>2. Einen Endpunkt hinzufügen</translation>
    </message>
    <message>
        <source>A web service that receives messages, with its URL and token. Its endpoint.json can list the services and suggest mappings.</source>
        <translation>Ein Webdienst, der Nachrichten empfängt, mit URL und Token. Seine endpoint.json kann die Dienste auflisten und Zuordnungen vorschlagen.</translation>
    </message>
    <message>
        <source>Add an endpoint</source>
        <translation>Endpunkt hinzufügen</translation>
    </message>
    <message>
        <source>3. Connect them with a mapping</source>
        <translation>3. Mit einer Zuordnung verbinden</translation>
    </message>
    <message>
        <source>Drag from a message type to a service. Filters, identifiers and retries are set in the inspector.</source>
        <translation>Ziehen Sie von einem Nachrichtentyp auf einen Dienst. Filter, Kennungen und Wiederholungen legen Sie im Inspektor fest.</translation>
    </message>
    <message>
        <source>Create a mapping</source>
        <translation>Zuordnung anlegen</translation>
    </message>
    <message>
        <source>4. Watch messages flow</source>
        <translation>4. Nachrichten fließen sehen</translation>
    </message>
    <message>
        <source>Push a sample message, then follow it in the message log down to each attempt.</source>
        <translation>Reihen Sie eine Beispielnachricht ein und verfolgen Sie sie im Nachrichtenprotokoll bis zu jedem Versuch.</translation>
    </message>
    <message>
        <source>Compose a message</source>
        <translation>Nachricht verfassen</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <source>Starts a sample Spree store and a sample endpoint on this computer, connected by mappings: watch messages flow, fail, retry and replay. Nothing leaves the machine.</source>
        <translation>Startet einen Beispiel-Spree-Shop und einen Beispiel-Endpunkt auf diesem Computer, verbunden durch Zuordnungen: Sehen Sie zu, wie Nachrichten fließen, scheitern, wiederholt und erneut gesendet werden. Nichts verlässt den Rechner.</translation>
    </message>
    <message>
        <source>&lt;b&gt;New here?&lt;/b&gt; See it working first, with no account anywhere:</source>
        <translation>&lt;b&gt;Neu hier?&lt;/b&gt; Sehen Sie es zuerst in Aktion, ganz ohne Konto:</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
</context>
</TS>
