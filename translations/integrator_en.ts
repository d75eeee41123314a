<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ComposePage</name>
    <message numerus="yes">
        <source>Valid: %n message(s) ready to push.</source>
        <translation>
            <numerusform>Valid: %n message ready to push.</numerusform>
            <numerusform>Valid: %n messages ready to push.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pushed %1 (%n new).</source>
        <translation>
            <numerusform>Pushed %1 (%n new).</numerusform>
            <numerusform>Pushed %1 (%n new).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndpointFlowPanel</name>
    <message numerus="yes">
        <source>%n in flight</source>
        <translation>
            <numerusform>%n in flight</numerusform>
            <numerusform>%n in flight</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to be sent</source>
        <translation>
            <numerusform>%n waiting to be sent</numerusform>
            <numerusform>%n waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>last hour: %n attempt(s), %1 succeeded, p50 %2, p95 %3</source>
        <translation>
            <numerusform>last hour: %n attempt, %1 succeeded, p50 %2, p95 %3</numerusform>
            <numerusform>last hour: %n attempts, %1 succeeded, p50 %2, p95 %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndpointServicesPanel</name>
    <message numerus="yes">
        <source>%n service(s) described by %1</source>
        <translation>
            <numerusform>%n service described by %1</numerusform>
            <numerusform>%n services described by %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EraseByFieldDialog</name>
    <message numerus="yes">
        <source>Erases %n message(s) and their attempts&apos; bodies.</source>
        <translation>
            <numerusform>Erases %n message and its attempts&apos; bodies.</numerusform>
            <numerusform>Erases %n messages and their attempts&apos; bodies.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them were produced from endpoints&apos; responses.</source>
        <translation>
            <numerusform>%n of them was produced from an endpoint&apos;s response.</numerusform>
            <numerusform>%n of them were produced from endpoints&apos; responses.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also %n store record(s) kept by polls.</source>
        <translation>
            <numerusform>Also %n store record kept by polls.</numerusform>
            <numerusform>Also %n store records kept by polls.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n message(s) parked</source>
        <translation>
            <numerusform>%n message parked</numerusform>
            <numerusform>%n messages parked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n store(s) down</source>
        <translation>
            <numerusform>%n store down</numerusform>
            <numerusform>%n stores down</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MappingGraphScene</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MasterKeyRotator</name>
    <message numerus="yes">
        <source>Sealed %n secret(s) again with the new master key %1; the old key %2 no longer opens them.</source>
        <translation>
            <numerusform>Sealed %n secret again with the new master key %1; the old key %2 no longer opens it.</numerusform>
            <numerusform>Sealed %n secrets again with the new master key %1; the old key %2 no longer opens them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageDetailView</name>
    <message numerus="yes">
        <source>[%1] %2: %3 (%n time(s))</source>
        <translation>
            <numerusform>[%1] %2: %3 (%n time)</numerusform>
            <numerusform>[%1] %2: %3 (%n times)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageErasure</name>
    <message numerus="yes">
        <source>Erase %n message(s) and their attempts&apos; bodies? This cannot be undone.</source>
        <translation>
            <numerusform>Erase %n message and its attempts&apos; bodies? This cannot be undone.</numerusform>
            <numerusform>Erase %n messages and their attempts&apos; bodies? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them were produced from endpoints&apos; responses to the selected messages.</source>
        <translation>
            <numerusform>%n of them was produced from an endpoint&apos;s response to the selected messages.</numerusform>
            <numerusform>%n of them were produced from endpoints&apos; responses to the selected messages.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open deliver(y/ies) will be archived, since nothing is left to send.</source>
        <translation>
            <numerusform>%n open delivery will be archived, since nothing is left to send.</numerusform>
            <numerusform>%n open deliveries will be archived, since nothing is left to send.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Erased %n message(s), then stopped: %1</source>
        <translation>
            <numerusform>Erased %n message, then stopped: %1</numerusform>
            <numerusform>Erased %n messages, then stopped: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Erased %n message(s): their payloads, the attempts&apos; response bodies and the identifier values are gone.</source>
        <translation>
            <numerusform>Erased %n message: its payload, its attempts&apos; response bodies and its identifier values are gone.</numerusform>
            <numerusform>Erased %n messages: their payloads, the attempts&apos; response bodies and the identifier values are gone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open deliver(y/ies) archived.</source>
        <translation>
            <numerusform>%n open delivery archived.</numerusform>
            <numerusform>%n open deliveries archived.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) were being sent the whole time and were not erased; erase them again once their attempts are recorded.</source>
        <translation>
            <numerusform>%n message was being sent the whole time and was not erased; erase it again once its attempt is recorded.</numerusform>
            <numerusform>%n messages were being sent the whole time and were not erased; erase them again once their attempts are recorded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n store record(s) kept by polls erased.</source>
        <translation>
            <numerusform>%n store record kept by polls erased.</numerusform>
            <numerusform>%n store records kept by polls erased.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessagesPage</name>
    <message numerus="yes">
        <source>%1: %n deliver(y/ies)</source>
        <translation>
            <numerusform>%1: %n delivery</numerusform>
            <numerusform>%1: %n deliveries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after replaying %n deliver(y/ies)</source>
        <translation>
            <numerusform>Cancelled after replaying %n delivery</numerusform>
            <numerusform>Cancelled after replaying %n deliveries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replayed %n deliver(y/ies)</source>
        <translation>
            <numerusform>Replayed %n delivery</numerusform>
            <numerusform>Replayed %n deliveries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) shown; scroll for more</source>
        <translation>
            <numerusform>%n message shown; scroll for more</numerusform>
            <numerusform>%n messages shown; scroll for more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotificationsPage</name>
    <message numerus="yes">
        <source>%n entry(ies)</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StoreHealthPanel</name>
    <message numerus="yes">
        <source>%n failed poll(s) in a row</source>
        <translation>
            <numerusform>%n failed poll in a row</numerusform>
            <numerusform>%n failed polls in a row</numerusform>
        </translation>
    </message>
</context>
</TS>
