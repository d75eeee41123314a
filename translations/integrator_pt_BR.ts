<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
<context>
    <name>CommandLine</name>
    <message>
        <source>Integrator cannot start</source>
        <translation>O Integrator não pode iniciar</translation>
    </message>
    <message>
        <source>Cannot open the database: %1</source>
        <translation>Não foi possível abrir o banco de dados: %1</translation>
    </message>
    <message>
        <source>The demo did not start: %1</source>
        <translation>A demonstração não iniciou: %1</translation>
    </message>
</context>
<context>
    <name>ComposePage</name>
    <message>
        <source>&amp;Push</source>
        <translation>&amp;Enfileirar</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Accept the message(s) and route them to the subscribed mappings (Ctrl+Return)</source>
        <translation>Aceitar a(s) mensagem(ns) e encaminhá-la(s) aos mapeamentos inscritos (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Insert a sample message...</source>
        <translation>Inserir uma mensagem de exemplo...</translation>
    </message>
    <message>
        <source>One message, an array of messages, or {&quot;messages&quot;: [...]}. A message_id is assigned when absent.</source>
        <translation>Uma mensagem, um array de mensagens ou {&quot;messages&quot;: [...]}. Um message_id é atribuído quando ausente.</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Linha %1, coluna %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>Valid: %n message(s) ready to push.</source>
        <translation>
            <numerusform>Válido: %n mensagem pronta para enfileirar.</numerusform>
            <numerusform>Válido: %n mensagens prontas para enfileirar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not valid: %1</source>
        <translation>Inválido: %1</translation>
    </message>
    <message>
        <source>Nothing pushed: %1</source>
        <translation>Nada enfileirado: %1</translation>
    </message>
    <message numerus="yes">
        <source>Pushed %1 (%n new).</source>
        <translation>
            <numerusform>Enfileirado: %1 (%n nova).</numerusform>
            <numerusform>Enfileirado: %1 (%n novas).</numerusform>
        </translation>
    </message>
    <message>
        <source>Compose</source>
        <translation>Compor</translation>
    </message>
</context>
<context>
    <name>ConfigFormPage</name>
    <message>
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Não salvo: %1</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>Salvando...</translation>
    </message>
    <message>
        <source>Removing...</source>
        <translation>Removendo...</translation>
    </message>
    <message>
        <source>Not removed: %1</source>
        <translation>Não removido: %1</translation>
    </message>
    <message>
        <source>stored sealed; type to replace</source>
        <translation>armazenado selado; digite para substituir</translation>
    </message>
    <message>
        <source>none; type one to store it sealed</source>
        <translation>nenhum; digite um para armazená-lo selado</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Store</source>
        <translation>Loja</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>Último sucesso</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último erro</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erro</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendentes</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Aguardando</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Em nova tentativa</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Estacionadas</translation>
    </message>
    <message>
        <source>Delivered today</source>
        <translation>Entregues hoje</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Lojas</translation>
    </message>
    <message>
        <source>Latest errors</source>
        <translation>Erros mais recentes</translation>
    </message>
    <message>
        <source>Cannot read the dashboard: %1</source>
        <translation>Não foi possível ler o painel: %1</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Painel</translation>
    </message>
    <message>
        <source>Select an endpoint to chart only its attempts</source>
        <translation>Selecione um endpoint para mostrar no gráfico só as tentativas dele</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>Endpoints</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Última hora</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Último dia</translation>
    </message>
    <message>
        <source>Attempts per minute, last hour: %1</source>
        <translation>Tentativas por minuto, última hora: %1</translation>
    </message>
    <message>
        <source>Attempts per 15 minutes, last day: %1</source>
        <translation>Tentativas a cada 15 minutos, último dia: %1</translation>
    </message>
    <message>
        <source>Attempts per minute, last hour, all endpoints</source>
        <translation>Tentativas por minuto, última hora, todos os endpoints</translation>
    </message>
    <message>
        <source>Attempts per 15 minutes, last day, all endpoints</source>
        <translation>Tentativas a cada 15 minutos, último dia, todos os endpoints</translation>
    </message>
</context>
<context>
    <name>DemoSetup</name>
    <message>
        <source>The demo is already running.</source>
        <translation>A demonstração já está em execução.</translation>
    </message>
    <message>
        <source>The demo cannot read the database: %1</source>
        <translation>A demonstração não consegue ler o banco de dados: %1</translation>
    </message>
    <message>
        <source>The demo store cannot listen on 127.0.0.1.</source>
        <translation>A loja de demonstração não consegue escutar em 127.0.0.1.</translation>
    </message>
    <message>
        <source>The demo endpoint cannot listen on 127.0.0.1: %1</source>
        <translation>O endpoint de demonstração não consegue escutar em 127.0.0.1: %1</translation>
    </message>
    <message>
        <source>The demo configuration cannot be written: %1</source>
        <translation>A configuração de demonstração não pode ser gravada: %1</translation>
    </message>
    <message>
        <source>The demo cannot update the store&apos;s poll positions: %1</source>
        <translation>A demonstração não consegue atualizar as posições de consulta da loja: %1</translation>
    </message>
    <message>
        <source>Demo store &quot;%1&quot; at %2</source>
        <translation>Loja de demonstração &quot;%1&quot; em %2</translation>
    </message>
    <message>
        <source>  a new order every %1 s while the demo runs</source>
        <translation>  um novo pedido a cada %1 s enquanto a demonstração roda</translation>
    </message>
    <message>
        <source>Demo endpoint &quot;%1&quot; at %2 (services %3)</source>
        <translation>Endpoint de demonstração &quot;%1&quot; em %2 (serviços %3)</translation>
    </message>
    <message>
        <source>  some first attempts fail and are retried; &quot;%1&quot; fails until its deliveries are parked, then a replay goes through</source>
        <translation>  algumas primeiras tentativas falham e são repetidas; &quot;%1&quot; falha até suas entregas serem estacionadas, depois um reenvio funciona</translation>
    </message>
    <message>
        <source>Demo running: store &quot;%1&quot; at %2, endpoint &quot;%3&quot; at %4</source>
        <translation>Demonstração em execução: loja &quot;%1&quot; em %2, endpoint &quot;%3&quot; em %4</translation>
    </message>
    <message>
        <source>--demo-api (INTEGRATOR_DEMO_API) must be v1, platform_v2 or admin_v3; got &quot;%1&quot;</source>
        <translation>--demo-api (INTEGRATOR_DEMO_API) deve ser v1, platform_v2 ou admin_v3; recebido &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>EndpointFlowPanel</name>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <source>Send nothing to this endpoint until a person resumes it; its deliveries wait and keep their retries</source>
        <translation>Não enviar nada a este endpoint até que alguém o retome; suas entregas esperam e mantêm suas novas tentativas</translation>
    </message>
    <message>
        <source>Send to this endpoint again, starting with the deliveries that waited</source>
        <translation>Enviar a este endpoint de novo, começando pelas entregas que esperaram</translation>
    </message>
    <message>
        <source>active</source>
        <translation>ativo</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausado</translation>
    </message>
    <message>
        <source>probing</source>
        <translation>em sondagem</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Ativo</translation>
    </message>
    <message>
        <source>Paused by a person until a person resumes it</source>
        <translation>Pausado por uma pessoa até que alguém o retome</translation>
    </message>
    <message>
        <source>Paused by the circuit breaker (%1), probed until a delivery succeeds: %2</source>
        <translation>Pausado pelo disjuntor (%1), sondado até que uma entrega tenha sucesso: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n in flight</source>
        <translation>
            <numerusform>%n em trânsito</numerusform>
            <numerusform>%n em trânsito</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to be sent</source>
        <translation>
            <numerusform>%n esperando envio</numerusform>
            <numerusform>%n esperando envio</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>last hour: %n attempt(s), %1 succeeded, p50 %2, p95 %3</source>
        <translation>
            <numerusform>última hora: %n tentativa, %1 com sucesso, p50 %2, p95 %3</numerusform>
            <numerusform>última hora: %n tentativas, %1 com sucesso, p50 %2, p95 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>no attempt in the last hour</source>
        <translation>nenhuma tentativa na última hora</translation>
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
        <translation>pausado</translation>
    </message>
    <message>
        <source>probing</source>
        <translation>em teste</translation>
    </message>
    <message>
        <source>active</source>
        <translation>ativo</translation>
    </message>
    <message>
        <source>Last hour: %1 delivered, %2 accepted for later, %3 failed and retrying, %4 parked</source>
        <translation>Última hora: %1 entregues, %2 aceitas para depois, %3 com falha e em nova tentativa, %4 estacionadas</translation>
    </message>
    <message>
        <source>Between %1 and %2: durations are counted in buckets, so a percentile is known to within its bucket</source>
        <translation>Entre %1 e %2: as durações são contadas em faixas, então um percentil é conhecido com a precisão da sua faixa</translation>
    </message>
    <message>
        <source>Longer than %1</source>
        <translation>Mais de %1</translation>
    </message>
    <message>
        <source>Nothing waits to be sent</source>
        <translation>Nada aguarda envio</translation>
    </message>
    <message>
        <source>Nothing is due; the next delivery is due at %1</source>
        <translation>Nada está pendente; a próxima entrega vence às %1</translation>
    </message>
    <message>
        <source>The longest-waiting due delivery has been due since %1</source>
        <translation>A entrega pendente que espera há mais tempo está pendente desde %1</translation>
    </message>
    <message>
        <source>Attempt durations of the last hour. They are counted in buckets (5 ms, 10 ms, 25 ms, ... 180 s), so the percentile is the bucket it falls in: &quot;≤ 250 ms&quot; means between 100 and 250 ms.</source>
        <translation>Durações das tentativas da última hora. Elas são contadas em faixas (5 ms, 10 ms, 25 ms, ... 180 s), então o percentil é a faixa em que cai: &quot;≤ 250 ms&quot; significa entre 100 e 250 ms.</translation>
    </message>
    <message>
        <source>How long the delivery that has been due the longest has waited to be sent</source>
        <translation>Há quanto tempo a entrega pendente mais antiga aguarda envio</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>Em andamento</translation>
    </message>
    <message>
        <source>Attempts (1 h)</source>
        <translation>Tentativas (1 h)</translation>
    </message>
    <message>
        <source>Success (1 h)</source>
        <translation>Sucesso (1 h)</translation>
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
        <translation>Espera mais longa</translation>
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
        <translation>Buscar serviços</translation>
    </message>
    <message>
        <source>Send test message</source>
        <translation>Enviar mensagem de teste</translation>
    </message>
    <message>
        <source>Read the services the endpoint describes in its endpoint.json</source>
        <translation>Ler os serviços que o endpoint descreve em seu endpoint.json</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Caminho</translation>
    </message>
    <message>
        <source>Recommended messages</source>
        <translation>Mensagens recomendadas</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>The service&apos;s path, such as /order_confirmation</source>
        <translation>O caminho do serviço, como /order_confirmation</translation>
    </message>
    <message>
        <source>Test message</source>
        <translation>Mensagem de teste</translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation>Ser&amp;viço:</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>Reading %1...</source>
        <translation>Lendo %1...</translation>
    </message>
    <message numerus="yes">
        <source>%n service(s) described by %1</source>
        <translation>
            <numerusform>%n serviço descrito por %1</numerusform>
            <numerusform>%n serviços descritos por %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Create mapping</source>
        <translation>Criar mapeamento</translation>
    </message>
    <message>
        <source>Subscribe %1 to %2 as the endpoint recommends</source>
        <translation>Inscrever %1 em %2, como o endpoint recomenda</translation>
    </message>
    <message>
        <source>Name and save the endpoint first</source>
        <translation>Nomeie e salve o endpoint primeiro</translation>
    </message>
    <message>
        <source>No mapping created: %1</source>
        <translation>Nenhum mapeamento criado: %1</translation>
    </message>
    <message>
        <source>Created mapping &quot;%1&quot;: %2 → %3</source>
        <translation>Mapeamento &quot;%1&quot; criado: %2 → %3</translation>
    </message>
    <message>
        <source>the service must be a path starting with /, such as /order_confirmation</source>
        <translation>o serviço deve ser um caminho que começa com /, como /order_confirmation</translation>
    </message>
    <message>
        <source>Sending %1 to %2...</source>
        <translation>Enviando %1 para %2...</translation>
    </message>
</context>
<context>
    <name>EndpointsPage</name>
    <message>
        <source>Accept a self-signed TLS certificate (its identity is not verified)</source>
        <translation>Aceitar um certificado TLS autoassinado (sua identidade não é verificada)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
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
        <translation>Serviços (mapeados)</translation>
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
        <translation>o token pré-compartilhado (32 caracteres ou mais)</translation>
    </message>
    <message>
        <source>How many messages may be on their way to this endpoint at once</source>
        <translation>Quantas mensagens podem estar a caminho deste endpoint ao mesmo tempo</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>&amp;Max in flight:</source>
        <translation>&amp;Máx. em trânsito:</translation>
    </message>
    <message>
        <source>Cannot read the endpoints: %1</source>
        <translation>Não foi possível ler os endpoints: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>Saved endpoint %1</source>
        <translation>Endpoint %1 salvo</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>Endpoints</translation>
    </message>
    <message>
        <source>Remove the endpoint and its secrets; its message history is kept</source>
        <translation>Remover o endpoint e seus segredos; seu histórico de mensagens é mantido</translation>
    </message>
    <message>
        <source>Remove endpoint</source>
        <translation>Remover endpoint</translation>
    </message>
    <message>
        <source>Removed endpoint %1</source>
        <translation>Endpoint %1 removido</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>Em trânsito</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendentes</translation>
    </message>
    <message>
        <source>Success (1 h)</source>
        <translation>Sucesso (1 h)</translation>
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
        <translation>Pausado porque</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sem limite</translation>
    </message>
    <message>
        <source> per second</source>
        <translation> por segundo</translation>
    </message>
    <message>
        <source>Deliveries per second to this endpoint, shared by every engine; bursts of up to one second&apos;s worth</source>
        <translation>Entregas por segundo a este endpoint, compartilhadas por todos os motores; rajadas de até o equivalente a um segundo</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source> failed attempts in a row</source>
        <translation> tentativas falhas seguidas</translation>
    </message>
    <message>
        <source>Pause the endpoint after so many failed attempts in a row; its deliveries wait without using up their retries</source>
        <translation>Pausar o endpoint após tantas tentativas falhas seguidas; suas entregas esperam sem gastar suas novas tentativas</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>While paused by failures, one delivery is tried after this long; the wait doubles after each failed try, up to an hour</source>
        <translation>Enquanto pausado por falhas, uma entrega é tentada após esse tempo; a espera dobra após cada falha, até uma hora</translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation>&amp;Limite de taxa:</translation>
    </message>
    <message>
        <source>&amp;Pause after:</source>
        <translation>&amp;Pausar após:</translation>
    </message>
    <message>
        <source>Pro&amp;be after:</source>
        <translation>&amp;Sondar após:</translation>
    </message>
    <message>
        <source>Pausing...</source>
        <translation>Pausando...</translation>
    </message>
    <message>
        <source>Resuming...</source>
        <translation>Retomando...</translation>
    </message>
    <message>
        <source>Not paused: %1</source>
        <translation>Não pausado: %1</translation>
    </message>
    <message>
        <source>Not resumed: %1</source>
        <translation>Não retomado: %1</translation>
    </message>
    <message>
        <source>Paused endpoint %1</source>
        <translation>Endpoint %1 pausado</translation>
    </message>
    <message>
        <source>Endpoint %1 was already paused by a person</source>
        <translation>O endpoint %1 já estava pausado por uma pessoa</translation>
    </message>
    <message>
        <source>Resumed endpoint %1</source>
        <translation>Endpoint %1 retomado</translation>
    </message>
    <message>
        <source>Endpoint %1 was not paused</source>
        <translation>O endpoint %1 não estava pausado</translation>
    </message>
    <message>
        <source>stored sealed</source>
        <translation>armazenado selado</translation>
    </message>
    <message>
        <source>https://status.example.com</source>
        <translation>https://status.example.com</translation>
    </message>
    <message>
        <source>Other origins (scheme, host and port) where an asynchronous answer&apos;s update_url may point; they are polled with the token. Separate them with commas</source>
        <translation>Outras origens (esquema, host e porta) para onde a update_url de uma resposta assíncrona pode apontar; são consultadas com o token. Separe-as com vírgulas</translation>
    </message>
    <message>
        <source>&amp;Update origins:</source>
        <translation>Origens de &amp;atualização:</translation>
    </message>
    <message>
        <source>For an endpoint behind HTTP authentication: user:password, sent as Authorization: Basic with every request</source>
        <translation>Para um endpoint atrás de autenticação HTTP: usuário:senha, enviado como Authorization: Basic em cada requisição</translation>
    </message>
    <message>
        <source>&amp;Basic auth:</source>
        <translation>Autenticação &amp;básica:</translation>
    </message>
    <message>
        <source>user:password; optional</source>
        <translation>usuário:senha; opcional</translation>
    </message>
    <message>
        <source>Remove the endpoint %1? Its sealed token, basic auth and signing secrets are deleted. Messages delivered to it keep their history.</source>
        <translation>Remover o endpoint %1? Seu token selado, sua autenticação básica e seus segredos de assinatura são excluídos. As mensagens entregues a ele mantêm seu histórico.</translation>
    </message>
</context>
<context>
    <name>EngineHost</name>
    <message>
        <source>Engine running on %1</source>
        <translation>Motor em execução em %1</translation>
    </message>
    <message>
        <source>Control panel only (%1)</source>
        <translation>Somente painel de controle (%1)</translation>
    </message>
    <message>
        <source>Database unreachable since %1, retrying: %2</source>
        <translation>Banco de dados inacessível desde %1, tentando novamente: %2</translation>
    </message>
    <message>
        <source>Engine starting on %1…</source>
        <translation>Motor iniciando em %1…</translation>
    </message>
</context>
<context>
    <name>EraseByFieldDialog</name>
    <message>
        <source>Erase</source>
        <translation>Apagar</translation>
    </message>
    <message>
        <source>Erase by field</source>
        <translation>Apagar por campo</translation>
    </message>
    <message>
        <source>Erase the personal data of every message where the path reaches the value (strings compare without regard to case), and of the messages produced from responses to them. The delivery history stays.</source>
        <translation>Apagar os dados pessoais de cada mensagem em que o caminho alcança o valor (textos sem diferenciar maiúsculas e minúsculas) e das mensagens produzidas a partir das respostas a elas. O histórico de entregas permanece.</translation>
    </message>
    <message>
        <source>&amp;Path</source>
        <translation>&amp;Caminho</translation>
    </message>
    <message>
        <source>&amp;Value</source>
        <translation>&amp;Valor</translation>
    </message>
    <message>
        <source>Enter a path, such as payload.order.email, and the value to find.</source>
        <translation>Informe um caminho, como payload.order.email, e o valor a procurar.</translation>
    </message>
    <message>
        <source>a path has no &quot;=&quot;</source>
        <translation>um caminho não contém &quot;=&quot;</translation>
    </message>
    <message>
        <source>the path or the value cannot be read</source>
        <translation>o caminho ou o valor não pode ser lido</translation>
    </message>
    <message>
        <source>Cannot use this path: %1</source>
        <translation>Não é possível usar este caminho: %1</translation>
    </message>
    <message>
        <source>Counting the messages this finds...</source>
        <translation>Contando as mensagens encontradas...</translation>
    </message>
    <message>
        <source>Cannot count the messages: %1</source>
        <translation>Não é possível contar as mensagens: %1</translation>
    </message>
    <message>
        <source>No message and no store record matches: there is nothing to erase.</source>
        <translation>Nenhuma mensagem e nenhum registro de loja corresponde: não há nada a apagar.</translation>
    </message>
    <message numerus="yes">
        <source>Erases %n message(s) and their attempts&apos; bodies.</source>
        <translation>
            <numerusform>Apaga %n mensagem e os corpos das suas tentativas.</numerusform>
            <numerusform>Apaga %n mensagens e os corpos das suas tentativas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them were produced from endpoints&apos; responses.</source>
        <translation>
            <numerusform>%n delas foi produzida a partir da resposta de um endpoint.</numerusform>
            <numerusform>%n delas foram produzidas a partir de respostas de endpoints.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also %n store record(s) kept by polls.</source>
        <translation>
            <numerusform>Também %n registro de loja guardado pelas consultas.</numerusform>
            <numerusform>Também %n registros de loja guardados pelas consultas.</numerusform>
        </translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Isso não pode ser desfeito.</translation>
    </message>
</context>
<context>
    <name>KeyExportDialog</name>
    <message>
        <source>Master key %1</source>
        <translation>Chave mestra %1</translation>
    </message>
    <message>
        <source>Anyone with this key can open every secret in the database. Give it to a server as its key file (INTEGRATOR_MASTER_KEY_FILE, readable only by the engine&apos;s user) or keep it in a password manager.</source>
        <translation>Quem tiver esta chave pode abrir todos os segredos do banco de dados. Entregue-a a um servidor como arquivo de chave (INTEGRATOR_MASTER_KEY_FILE, legível apenas pelo usuário do motor) ou guarde-a em um gerenciador de senhas.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>&amp;Save to file...</source>
        <translation>&amp;Salvar em arquivo...</translation>
    </message>
    <message>
        <source>Copied. Clear the clipboard once the key is where it belongs.</source>
        <translation>Copiada. Limpe a área de transferência assim que a chave estiver no lugar certo.</translation>
    </message>
    <message>
        <source>Save the master key</source>
        <translation>Salvar a chave mestra</translation>
    </message>
    <message>
        <source>Saved to %1, readable only by you.</source>
        <translation>Salva em %1, legível apenas por você.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Não salva: %1</translation>
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
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Import configuration...</source>
        <translation>&amp;Importar configuração...</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>&amp;Export configuration...</source>
        <translation>&amp;Exportar configuração...</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Desfazer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Atualizar</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About Integrator</source>
        <translation>&amp;Sobre o Integrator</translation>
    </message>
    <message>
        <source>About Integrator</source>
        <translation>Sobre o Integrator</translation>
    </message>
    <message>
        <source>&lt;b&gt;Integrator %1&lt;/b&gt;&lt;p&gt;Delivers a Spree store&apos;s messages to the web services subscribed to them, records every attempt and retries failures.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Integrator %1&lt;/b&gt;&lt;p&gt;Entrega as mensagens de uma loja Spree aos serviços web inscritos nelas, registra cada tentativa e repete as que falham.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) parked</source>
        <translation>
            <numerusform>%n mensagem estacionada</numerusform>
            <numerusform>%n mensagens estacionadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n store(s) down</source>
        <translation>
            <numerusform>%n loja fora do ar</numerusform>
            <numerusform>%n lojas fora do ar</numerusform>
        </translation>
    </message>
    <message>
        <source>Import configuration</source>
        <translation>Importar configuração</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Não foi possível ler %1: %2</translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation>Importado: %1</translation>
    </message>
    <message>
        <source>Nothing imported: %1</source>
        <translation>Nada importado: %1</translation>
    </message>
    <message>
        <source>Export configuration</source>
        <translation>Exportar configuração</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>Não exportado: %1</translation>
    </message>
    <message>
        <source>Exported the configuration (without secrets) to %1</source>
        <translation>Configuração (sem segredos) exportada para %1</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Configurações</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma do sistema</translation>
    </message>
    <message>
        <source>Takes effect when Integrator starts again</source>
        <translation>Vale quando o Integrator for reiniciado</translation>
    </message>
    <message>
        <source>The new language takes effect when Integrator starts again.</source>
        <translation>O novo idioma vale quando o Integrator for reiniciado.</translation>
    </message>
    <message>
        <source>&amp;Secrets...</source>
        <translation>&amp;Segredos...</translation>
    </message>
    <message>
        <source>Opening the database...</source>
        <translation>Abrindo o banco de dados...</translation>
    </message>
    <message>
        <source>Not connected: %1. Fix that and start Integrator again.</source>
        <translation>Sem conexão: %1. Corrija isso e inicie o Integrator novamente.</translation>
    </message>
</context>
<context>
    <name>MappingCanvasToolBar</name>
    <message>
        <source>Filter by type, endpoint or path</source>
        <translation>Filtrar por tipo, endpoint ou caminho</translation>
    </message>
    <message>
        <source>Shows only the message types, endpoints and services whose name contains this text, with their mappings and what those lead to</source>
        <translation>Mostra apenas os tipos de mensagem, endpoints e serviços cujo nome contém este texto, com seus mapeamentos e aonde eles levam</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>Recolher tudo</translation>
    </message>
    <message>
        <source>Fold every endpoint&apos;s services into the endpoint&apos;s row</source>
        <translation>Recolher os serviços de cada endpoint na linha do endpoint</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Expandir tudo</translation>
    </message>
    <message>
        <source>Show every endpoint&apos;s services</source>
        <translation>Mostrar os serviços de todos os endpoints</translation>
    </message>
    <message>
        <source>Zoom out (-, or Ctrl+wheel)</source>
        <translation>Diminuir o zoom (-, ou Ctrl+roda do mouse)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Diminuir o zoom</translation>
    </message>
    <message>
        <source>Zoom in (+, or Ctrl+wheel)</source>
        <translation>Aumentar o zoom (+, ou Ctrl+roda do mouse)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Aumentar o zoom</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Fit the whole graph into the view (0)</source>
        <translation>Ajustar o grafo inteiro à área visível (0)</translation>
    </message>
</context>
<context>
    <name>MappingCommand</name>
    <message>
        <source>Create mapping %1</source>
        <translation>Criar mapeamento %1</translation>
    </message>
    <message>
        <source>Edit mapping %1</source>
        <translation>Editar mapeamento %1</translation>
    </message>
    <message>
        <source>Delete mapping %1</source>
        <translation>Excluir mapeamento %1</translation>
    </message>
    <message>
        <source>the database refused the change</source>
        <translation>o banco de dados recusou a alteração</translation>
    </message>
</context>
<context>
    <name>MappingGraphScene</name>
    <message>
        <source>No message type, endpoint or service path contains &quot;%1&quot;.</source>
        <translation>Nenhum tipo de mensagem, endpoint ou caminho de serviço contém &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Message types</source>
        <translation>Tipos de mensagem</translation>
    </message>
    <message>
        <source>Endpoints and their services</source>
        <translation>Endpoints e seus serviços</translation>
    </message>
    <message>
        <source>%1: click the arrow or press Space to show its services</source>
        <translation>%1: clique na seta ou pressione Espaço para mostrar seus serviços</translation>
    </message>
    <message>
        <source>%1: click the arrow or press Space to fold its services into this row</source>
        <translation>%1: clique na seta ou pressione Espaço para recolher seus serviços nesta linha</translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n serviço</numerusform>
            <numerusform>%n serviços</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (disabled)</source>
        <translation>%1 (desativado)</translation>
    </message>
</context>
<context>
    <name>MappingInspector</name>
    <message>
        <source>equals the value</source>
        <translation>é igual ao valor</translation>
    </message>
    <message>
        <source>differs from the value</source>
        <translation>difere do valor</translation>
    </message>
    <message>
        <source>is a number greater than the value</source>
        <translation>é um número maior que o valor</translation>
    </message>
    <message>
        <source>is a number less than the value</source>
        <translation>é um número menor que o valor</translation>
    </message>
    <message>
        <source>begins with the value</source>
        <translation>começa com o valor</translation>
    </message>
    <message>
        <source>contains the value</source>
        <translation>contém o valor</translation>
    </message>
    <message>
        <source>ends with the value</source>
        <translation>termina com o valor</translation>
    </message>
    <message>
        <source>is there and not empty (no value)</source>
        <translation>existe e não está vazio (sem valor)</translation>
    </message>
    <message>
        <source>is missing or empty (no value)</source>
        <translation>está ausente ou vazio (sem valor)</translation>
    </message>
    <message>
        <source>matches the regular expression</source>
        <translation>corresponde à expressão regular</translation>
    </message>
    <message>
        <source>Deliver messages through this mapping</source>
        <translation>Entregar mensagens por este mapeamento</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Caminho</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Qualquer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Retry failed deliveries</source>
        <translation>Repetir entregas com falha</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Reverter</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>order:new, order:updated or order:*</source>
        <translation>order:new, order:updated ou order:*</translation>
    </message>
    <message>
        <source>/order_confirmation</source>
        <translation>/order_confirmation</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Inscrição</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;Message types:</source>
        <translation>&amp;Tipos de mensagem:</translation>
    </message>
    <message>
        <source>E&amp;ndpoint:</source>
        <translation>&amp;Endpoint:</translation>
    </message>
    <message>
        <source>&amp;Service path:</source>
        <translation>Caminho do &amp;serviço:</translation>
    </message>
    <message>
        <source>Filters (every one must pass)</source>
        <translation>Filtros (todos devem passar)</translation>
    </message>
    <message>
        <source>Add filter</source>
        <translation>Adicionar filtro</translation>
    </message>
    <message>
        <source>Remove filter</source>
        <translation>Remover filtro</translation>
    </message>
    <message>
        <source>Dotted path into the message, such as payload.order.status or payload.order.items.*.sku</source>
        <translation>Caminho na mensagem, separado por pontos, como payload.order.status ou payload.order.items.*.sku</translation>
    </message>
    <message>
        <source>When the path reaches several values: ticked, one passing is enough; otherwise all must pass</source>
        <translation>Quando o caminho alcança vários valores: marcado, basta um passar; caso contrário, todos devem passar</translation>
    </message>
    <message>
        <source>Identifiers (a message with the same values is delivered once)</source>
        <translation>Identificadores (uma mensagem com os mesmos valores é entregue uma vez)</translation>
    </message>
    <message>
        <source>Add identifier</source>
        <translation>Adicionar identificador</translation>
    </message>
    <message>
        <source>Remove identifier</source>
        <translation>Remover identificador</translation>
    </message>
    <message>
        <source>mailer.api_key, shipping_method.lookup</source>
        <translation>mailer.api_key, shipping_method.lookup</translation>
    </message>
    <message>
        <source>default: 5, 300, 1800 ... about 3.5 days</source>
        <translation>padrão: 5, 300, 1800 ... cerca de 3,5 dias</translation>
    </message>
    <message>
        <source>Seconds before each retry, comma separated; fractions such as 0.05 allowed</source>
        <translation>Segundos antes de cada nova tentativa, separados por vírgula; frações como 0.05 são permitidas</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Entrega</translation>
    </message>
    <message>
        <source>&amp;Parameters:</source>
        <translation>&amp;Parâmetros:</translation>
    </message>
    <message>
        <source>Retry &amp;schedule:</source>
        <translation>Agenda de &amp;repetição:</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>Tempo &amp;limite:</translation>
    </message>
    <message>
        <source>Mapping &quot;%1&quot;</source>
        <translation>Mapeamento &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Select a mapping on the canvas or in the table to edit it.</source>
        <translation>Selecione um mapeamento no diagrama ou na tabela para editá-lo.</translation>
    </message>
    <message>
        <source>Filter %1: %2</source>
        <translation>Filtro %1: %2</translation>
    </message>
    <message>
        <source>Identifier %1 has no name.</source>
        <translation>O identificador %1 não tem nome.</translation>
    </message>
    <message>
        <source>The identifier name &quot;%1&quot; is used twice.</source>
        <translation>O nome de identificador &quot;%1&quot; é usado duas vezes.</translation>
    </message>
    <message>
        <source>Retry schedule: &quot;%1&quot; is not a number of seconds.</source>
        <translation>Agenda de repetição: &quot;%1&quot; não é um número de segundos.</translation>
    </message>
    <message>
        <source>Another mapping is already named &quot;%1&quot;.</source>
        <translation>Outro mapeamento já se chama &quot;%1&quot;.</translation>
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
        <translation>Nome</translation>
    </message>
    <message>
        <source>Message types</source>
        <translation>Tipos de mensagem</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filtros</translation>
    </message>
    <message>
        <source>Identifiers</source>
        <translation>Identificadores</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Novas tentativas</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Tempo limite</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Ativo</translation>
    </message>
</context>
<context>
    <name>MappingsPage</name>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Excluir</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>Diagrama</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabela</translation>
    </message>
    <message>
        <source>Delete the selected mapping; its message history is kept</source>
        <translation>Excluir o mapeamento selecionado; seu histórico de mensagens é mantido</translation>
    </message>
    <message>
        <source>Drag from a message type to a service to subscribe the service.</source>
        <translation>Arraste de um tipo de mensagem até um serviço para inscrever o serviço.</translation>
    </message>
    <message>
        <source>order:returned or order:*</source>
        <translation>order:returned ou order:*</translation>
    </message>
    <message>
        <source>Add type</source>
        <translation>Adicionar tipo</translation>
    </message>
    <message>
        <source>/order_confirmation</source>
        <translation>/order_confirmation</translation>
    </message>
    <message>
        <source>Add service</source>
        <translation>Adicionar serviço</translation>
    </message>
    <message>
        <source>Delete mapping</source>
        <translation>Excluir mapeamento</translation>
    </message>
    <message>
        <source>Cannot load the mappings: %1</source>
        <translation>Não foi possível carregar os mapeamentos: %1</translation>
    </message>
    <message>
        <source>The endpoint &quot;%1&quot; no longer exists.</source>
        <translation>O endpoint &quot;%1&quot; não existe mais.</translation>
    </message>
    <message>
        <source>Add an endpoint first: every service belongs to one.</source>
        <translation>Adicione um endpoint primeiro: todo serviço pertence a um.</translation>
    </message>
    <message>
        <source>A service path starts with / and has no spaces, for example /order_confirmation.</source>
        <translation>Um caminho de serviço começa com / e não tem espaços, por exemplo /order_confirmation.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Não salvo: %1</translation>
    </message>
    <message>
        <source>Mappings</source>
        <translation>Mapeamentos</translation>
    </message>
    <message>
        <source>Create mapping</source>
        <translation>Criar mapeamento</translation>
    </message>
    <message>
        <source>Subscribe this service to the message type typed on the left, without dragging</source>
        <translation>Inscrever este serviço no tipo de mensagem digitado à esquerda, sem arrastar</translation>
    </message>
    <message>
        <source>Type the message type to subscribe (order:new) in the type field.</source>
        <translation>Digite o tipo de mensagem a inscrever (order:new) no campo de tipo.</translation>
    </message>
</context>
<context>
    <name>MasterKeyRotator</name>
    <message>
        <source>Nothing rotated: %1</source>
        <translation>Nada rotacionado: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sealed %n secret(s) again with the new master key %1; the old key %2 no longer opens them.</source>
        <translation>
            <numerusform>%n segredo selado novamente com a nova chave mestra %1; a chave antiga %2 não o abre mais.</numerusform>
            <numerusform>%n segredos selados novamente com a nova chave mestra %1; a chave antiga %2 não os abre mais.</numerusform>
        </translation>
    </message>
    <message>
        <source>The secrets are now sealed with the new master key %1, but the keychain did not take it (%2). Save this key now, as a key file or in a password manager: without it the secrets cannot be opened once Integrator quits.</source>
        <translation>Os segredos agora estão selados com a nova chave mestra %1, mas o chaveiro não a aceitou (%2). Salve esta chave agora, como arquivo de chave ou em um gerenciador de senhas: sem ela os segredos não poderão ser abertos depois que o Integrator for encerrado.</translation>
    </message>
    <message>
        <source>Rotated to the master key %1, but the keychain did not take it: %2</source>
        <translation>Rotacionado para a chave mestra %1, mas o chaveiro não a aceitou: %2</translation>
    </message>
</context>
<context>
    <name>MessageDetailView</name>
    <message>
        <source>Key</source>
        <translation>Chave</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Delivery / attempt</source>
        <translation>Entrega / tentativa</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duração</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erro</translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation>Copiar JSON</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Payload</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Entregas</translation>
    </message>
    <message>
        <source>Parent and children (double-click to open)</source>
        <translation>Mensagem pai e filhas (clique duplo para abrir)</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificações</translation>
    </message>
    <message>
        <source>Related</source>
        <translation>Relacionadas</translation>
    </message>
    <message>
        <source>Cannot show %1: %2</source>
        <translation>Não foi possível mostrar %1: %2</translation>
    </message>
    <message>
        <source>Select a message to see its payload, deliveries and attempts.</source>
        <translation>Selecione uma mensagem para ver seu payload, entregas e tentativas.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 &amp;nbsp; created %3 by %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 &amp;nbsp; criada em %3 por %4</translation>
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
Cabeçalhos da requisição (segredos mascarados):
%1</translation>
    </message>
    <message>
        <source>
Response status: %1
</source>
        <translation>
Status da resposta: %1
</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>Response headers:
%1</source>
        <translation>Cabeçalhos da resposta:
%1</translation>
    </message>
    <message>
        <source>
Response body%1:
%2
</source>
        <translation>
Corpo da resposta%1:
%2
</translation>
    </message>
    <message>
        <source> (truncated)</source>
        <translation> (truncado)</translation>
    </message>
    <message>
        <source>
Error: %1
</source>
        <translation>
Erro: %1
</translation>
    </message>
    <message>
        <source>
Duration: %1 ms</source>
        <translation>
Duração: %1 ms</translation>
    </message>
    <message>
        <source>Parent: %1</source>
        <translation>Mensagem pai: %1</translation>
    </message>
    <message>
        <source>Child: %1 %2</source>
        <translation>Mensagem filha: %1 %2</translation>
    </message>
    <message numerus="yes">
        <source>[%1] %2: %3 (%n time(s))</source>
        <translation>
            <numerusform>[%1] %2: %3 (%n vez)</numerusform>
            <numerusform>[%1] %2: %3 (%n vezes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Waits for message %1 (ordering key %2), %3</source>
        <translation>Aguarda a mensagem %1 (chave de ordenação %2), %3</translation>
    </message>
    <message>
        <source>Waits for endpoint %1 to resume (%2)</source>
        <translation>Aguarda a retomada do endpoint %1 (%2)</translation>
    </message>
    <message>
        <source>Erased on %1: the payload, the attempts&apos; response bodies and the identifier values are gone. The delivery history (states, times, statuses) stays; the message cannot be replayed.</source>
        <translation>Apagada em %1: o payload, os corpos das respostas das tentativas e os valores dos identificadores foram removidos. O histórico de entregas (estados, horários, status) permanece; a mensagem não pode ser reenviada.</translation>
    </message>
    <message>
        <source>
Summary: %1
</source>
        <translation>
Resumo: %1
</translation>
    </message>
</context>
<context>
    <name>MessageErasure</name>
    <message>
        <source>Nothing erased: %1</source>
        <translation>Nada apagado: %1</translation>
    </message>
    <message>
        <source>Nothing to erase: the selected messages were erased before.</source>
        <translation>Nada a apagar: as mensagens selecionadas já foram apagadas.</translation>
    </message>
    <message>
        <source>Erase messages</source>
        <translation>Apagar mensagens</translation>
    </message>
    <message numerus="yes">
        <source>Erase %n message(s) and their attempts&apos; bodies? This cannot be undone.</source>
        <translation>
            <numerusform>Apagar %n mensagem e os corpos das suas tentativas? Isso não pode ser desfeito.</numerusform>
            <numerusform>Apagar %n mensagens e os corpos das suas tentativas? Isso não pode ser desfeito.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them were produced from endpoints&apos; responses to the selected messages.</source>
        <translation>
            <numerusform>%n delas foi produzida a partir da resposta de um endpoint às mensagens selecionadas.</numerusform>
            <numerusform>%n delas foram produzidas a partir de respostas de endpoints às mensagens selecionadas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Their payloads, the attempts&apos; response bodies and the identifier values go; the delivery history (states, times, statuses) stays.</source>
        <translation>Os payloads, os corpos das respostas das tentativas e os valores dos identificadores são removidos; o histórico de entregas (estados, horários, status) permanece.</translation>
    </message>
    <message numerus="yes">
        <source>%n open deliver(y/ies) will be archived, since nothing is left to send.</source>
        <translation>
            <numerusform>%n entrega em aberto será arquivada, pois não resta nada a enviar.</numerusform>
            <numerusform>%n entregas em aberto serão arquivadas, pois não resta nada a enviar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Apagar</translation>
    </message>
    <message>
        <source>Erase cancelled: nothing was erased.</source>
        <translation>Apagamento cancelado: nada foi apagado.</translation>
    </message>
    <message numerus="yes">
        <source>Erased %n message(s), then stopped: %1</source>
        <translation>
            <numerusform>%n mensagem apagada, depois parou: %1</numerusform>
            <numerusform>%n mensagens apagadas, depois parou: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Erased %n message(s): their payloads, the attempts&apos; response bodies and the identifier values are gone.</source>
        <translation>
            <numerusform>%n mensagem apagada: o payload, os corpos das respostas das tentativas e os valores dos identificadores foram removidos.</numerusform>
            <numerusform>%n mensagens apagadas: os payloads, os corpos das respostas das tentativas e os valores dos identificadores foram removidos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open deliver(y/ies) archived.</source>
        <translation>
            <numerusform>%n entrega em aberto arquivada.</numerusform>
            <numerusform>%n entregas em aberto arquivadas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) were being sent the whole time and were not erased; erase them again once their attempts are recorded.</source>
        <translation>
            <numerusform>%n mensagem estava sendo enviada o tempo todo e não foi apagada; apague-a de novo quando a tentativa for registrada.</numerusform>
            <numerusform>%n mensagens estavam sendo enviadas o tempo todo e não foram apagadas; apague-as de novo quando as tentativas forem registradas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was erased.</source>
        <translation>Nada foi apagado.</translation>
    </message>
    <message numerus="yes">
        <source>%n store record(s) kept by polls erased.</source>
        <translation>
            <numerusform>%n registro de loja guardado pelas consultas apagado.</numerusform>
            <numerusform>%n registros de loja guardados pelas consultas apagados.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageTableModel</name>
    <message>
        <source>pending</source>
        <translation>pendente</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>enviando</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>aguardando</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>em nova tentativa</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>entregue</translation>
    </message>
    <message>
        <source>parked</source>
        <translation>estacionada</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>ignorada</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>arquivada</translation>
    </message>
    <message>
        <source>unrouted</source>
        <translation>sem mapeamento</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Criada</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Entregas</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentativas</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último erro</translation>
    </message>
    <message>
        <source>Message ID</source>
        <translation>ID da mensagem</translation>
    </message>
    <message>
        <source>%1 (erased)</source>
        <translation>%1 (apagada)</translation>
    </message>
</context>
<context>
    <name>MessagesPage</name>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>Cannot read the message log: %1</source>
        <translation>Não foi possível ler o registro de mensagens: %1</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Estacionadas</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Qualquer estado</translation>
    </message>
    <message>
        <source>Type (order:new, order:*)</source>
        <translation>Tipo (order:new, order:*)</translation>
    </message>
    <message>
        <source>Any mapping</source>
        <translation>Qualquer mapeamento</translation>
    </message>
    <message>
        <source>Any endpoint</source>
        <translation>Qualquer endpoint</translation>
    </message>
    <message>
        <source>Message id or identifier value (an order number)</source>
        <translation>ID da mensagem ou valor de identificador (um número de pedido)</translation>
    </message>
    <message>
        <source>&amp;Replay</source>
        <translation>&amp;Reenviar</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Send the selected messages again, keeping their history (Ctrl+R)</source>
        <translation>Enviar novamente as mensagens selecionadas, mantendo seu histórico (Ctrl+R)</translation>
    </message>
    <message>
        <source>Replay all &amp;failed</source>
        <translation>Reenviar todas com &amp;falha</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Arquivar</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>&amp;Edit &amp;&amp; push as new</source>
        <translation>&amp;Editar &amp;&amp; enfileirar como nova</translation>
    </message>
    <message>
        <source>Copy as &amp;curl</source>
        <translation>Copiar como &amp;curl</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 falhou: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n deliver(y/ies)</source>
        <translation>
            <numerusform>%1: %n entrega</numerusform>
            <numerusform>%1: %n entregas</numerusform>
        </translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Arquivar</translation>
    </message>
    <message>
        <source>The filter shows no failed messages to replay.</source>
        <translation>O filtro não mostra mensagens com falha para reenviar.</translation>
    </message>
    <message>
        <source>Replaying failed messages...</source>
        <translation>Reenviando mensagens com falha...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Replay all failed</source>
        <translation>Reenviar todas com falha</translation>
    </message>
    <message>
        <source>Replay stopped: %1</source>
        <translation>Reenvio interrompido: %1</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after replaying %n deliver(y/ies)</source>
        <translation>
            <numerusform>Cancelado após reenviar %n entrega</numerusform>
            <numerusform>Cancelado após reenviar %n entregas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replayed %n deliver(y/ies)</source>
        <translation>
            <numerusform>%n entrega reenviada</numerusform>
            <numerusform>%n entregas reenviadas</numerusform>
        </translation>
    </message>
    <message>
        <source>This message has no attempt to repeat yet.</source>
        <translation>Esta mensagem ainda não tem tentativa para repetir.</translation>
    </message>
    <message>
        <source>Copied a curl command for the attempt (secrets as shell variables).</source>
        <translation>Comando curl da tentativa copiado (segredos como variáveis de shell).</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n mensagem</numerusform>
            <numerusform>%n mensagens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) shown; scroll for more</source>
        <translation>
            <numerusform>%n mensagem exibida; role para ver mais</numerusform>
            <numerusform>%n mensagens exibidas; role para ver mais</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
    <message>
        <source>Replay the parked and retrying deliveries of the messages the filter shows</source>
        <translation>Reenviar as entregas estacionadas e em nova tentativa das mensagens que o filtro mostra</translation>
    </message>
    <message>
        <source>Era&amp;se...</source>
        <translation>A&amp;pagar...</translation>
    </message>
    <message>
        <source>Remove the personal data of the selected messages (payloads, response bodies, identifier values) after a confirmation; the delivery history stays</source>
        <translation>Remover os dados pessoais das mensagens selecionadas (payloads, corpos das respostas, valores dos identificadores) após uma confirmação; o histórico de entregas permanece</translation>
    </message>
    <message>
        <source>Cannot replay: the selection holds an erased message, whose payload is gone</source>
        <translation>Não é possível reenviar: a seleção contém uma mensagem apagada, cujo payload foi removido</translation>
    </message>
    <message>
        <source>Nothing to archive: an erased message&apos;s open deliveries were archived when it was erased</source>
        <translation>Nada a arquivar: as entregas em aberto de uma mensagem apagada foram arquivadas quando ela foi apagada</translation>
    </message>
    <message>
        <source>Already erased</source>
        <translation>Já apagada</translation>
    </message>
    <message>
        <source>An erasure is under way</source>
        <translation>Um apagamento está em andamento</translation>
    </message>
    <message>
        <source>An erased message has no payload left to push</source>
        <translation>Uma mensagem apagada não tem mais payload para enfileirar</translation>
    </message>
    <message>
        <source>An erased message has no payload left to send</source>
        <translation>Uma mensagem apagada não tem mais payload para enviar</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Apagar</translation>
    </message>
    <message>
        <source>Erase &amp;by field...</source>
        <translation>Apagar por ca&amp;mpo...</translation>
    </message>
    <message>
        <source>Erase every message where a path reaches a value, such as a person&apos;s email address, after showing how many there are</source>
        <translation>Apagar cada mensagem em que um caminho alcança um valor, como o e-mail de uma pessoa, depois de mostrar quantas são</translation>
    </message>
</context>
<context>
    <name>NotificationTableModel</name>
    <message>
        <source>Level</source>
        <translation>Nível</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Assunto</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referência</translation>
    </message>
    <message>
        <source>Occurrences</source>
        <translation>Ocorrências</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Vista pela primeira vez</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Vista pela última vez</translation>
    </message>
</context>
<context>
    <name>NotificationsPage</name>
    <message>
        <source>Any level</source>
        <translation>Qualquer nível</translation>
    </message>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>aviso</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erro</translation>
    </message>
    <message>
        <source>Reference: a message id, a store name, an identifier value (exact)</source>
        <translation>Referência: um ID de mensagem, um nome de loja, um valor de identificador (exato)</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Nível:</translation>
    </message>
    <message>
        <source>Cannot read the notifications: %1</source>
        <translation>Não foi possível ler as notificações: %1</translation>
    </message>
    <message>
        <source>the newest %1 entries</source>
        <translation>as %1 entradas mais recentes</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies)</source>
        <translation>
            <numerusform>%n entrada</numerusform>
            <numerusform>%n entradas</numerusform>
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

Origem: %4
Referência: %5
Ocorrências: %6</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificações</translation>
    </message>
</context>
<context>
    <name>OutcomeChart</name>
    <message>
        <source>Parked</source>
        <translation>Estacionada</translation>
    </message>
    <message>
        <source>Failed, retrying</source>
        <translation>Com falha, em nova tentativa</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregue</translation>
    </message>
    <message>
        <source>%1: %2 delivered, %3 failed and retrying, %4 parked</source>
        <translation>%1: %2 entregues, %3 com falha e em nova tentativa, %4 estacionadas</translation>
    </message>
</context>
<context>
    <name>OutcomeChartModel</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregue</translation>
    </message>
    <message>
        <source>Failed, retrying</source>
        <translation>Com falha, em nova tentativa</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Estacionada</translation>
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
        <translation>verdadeiro</translation>
    </message>
    <message>
        <source>false</source>
        <translation>falso</translation>
    </message>
    <message>
        <source>A JSON list, such as [{&quot;from&quot;: &quot;UPS Ground&quot;, &quot;to&quot;: &quot;ups_ground&quot;}]</source>
        <translation>Uma lista JSON, como [{&quot;from&quot;: &quot;UPS Ground&quot;, &quot;to&quot;: &quot;ups_ground&quot;}]</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>JSON inválido: %1 na posição %2</translation>
    </message>
</context>
<context>
    <name>ParametersPage</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Secreto</translation>
    </message>
    <message>
        <source>mailer.api_key</source>
        <translation>mailer.api_key</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Valor:</translation>
    </message>
    <message>
        <source>Cannot read the parameters: %1</source>
        <translation>Não foi possível ler os parâmetros: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>Saved parameter %1</source>
        <translation>Parâmetro %1 salvo</translation>
    </message>
    <message>
        <source>Removed parameter %1</source>
        <translation>Parâmetro %1 removido</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>Secret (sealed in the database, never shown)</source>
        <translation>Secreto (selado no banco de dados, nunca exibido)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The demo is already running.</source>
        <translation>A demonstração já está em execução.</translation>
    </message>
    <message>
        <source>The demo did not start: %1</source>
        <translation>A demonstração não iniciou: %1</translation>
    </message>
    <message>
        <source>the demo is already running</source>
        <translation>a demonstração já está em execução</translation>
    </message>
</context>
<context>
    <name>SealedSecretsState</name>
    <message>
        <source>the keychain</source>
        <translation>o chaveiro</translation>
    </message>
</context>
<context>
    <name>SecretsDialog</name>
    <message>
        <source>&amp;Export key...</source>
        <translation>&amp;Exportar chave...</translation>
    </message>
    <message>
        <source>&amp;Rotate key...</source>
        <translation>&amp;Rotacionar chave...</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Segredos</translation>
    </message>
    <message>
        <source>Endpoint tokens, signing secrets, store API keys and secret parameters are sealed in the database with the master key. Every engine that uses this database needs the same key to open them.</source>
        <translation>Tokens dos endpoints, segredos de assinatura, chaves de API das lojas e parâmetros secretos são selados no banco de dados com a chave mestra. Todo motor que usa este banco de dados precisa da mesma chave para abri-los.</translation>
    </message>
    <message>
        <source>Master key from:</source>
        <translation>Chave mestra de:</translation>
    </message>
    <message>
        <source>Master key id:</source>
        <translation>Identificador da chave mestra:</translation>
    </message>
    <message>
        <source>Database sealed with:</source>
        <translation>Banco de dados selado com:</translation>
    </message>
    <message>
        <source>Sealed secrets:</source>
        <translation>Segredos selados:</translation>
    </message>
    <message>
        <source>being read from the keychain…</source>
        <translation>sendo lida do chaveiro…</translation>
    </message>
    <message>
        <source>no master key</source>
        <translation>nenhuma chave mestra</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhuma</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>lendo…</translation>
    </message>
    <message>
        <source>no secret sealed yet</source>
        <translation>nenhum segredo selado ainda</translation>
    </message>
    <message>
        <source>Sealing every secret again with a new master key…</source>
        <translation>Selando todos os segredos novamente com uma nova chave mestra…</translation>
    </message>
    <message>
        <source>The master key is still being read from the keychain.</source>
        <translation>A chave mestra ainda está sendo lida do chaveiro.</translation>
    </message>
    <message>
        <source>This control panel has no master key: %1</source>
        <translation>Este painel de controle não tem chave mestra: %1</translation>
    </message>
    <message>
        <source>Reading the database…</source>
        <translation>Lendo o banco de dados…</translation>
    </message>
    <message>
        <source>Cannot read the database&apos;s secrets: %1</source>
        <translation>Não é possível ler os segredos do banco de dados: %1</translation>
    </message>
    <message>
        <source>The master key comes from %1, so it is rotated where that file is: write a new key with `integrator secrets new-key &gt; FILE`, run `integrator secrets rotate-key --new-key-file FILE`, then point the engine at FILE.</source>
        <translation>A chave mestra vem de %1, então é rotacionada onde esse arquivo está: gere uma nova chave com `integrator secrets new-key &gt; FILE`, execute `integrator secrets rotate-key --new-key-file FILE` e depois aponte o motor para FILE.</translation>
    </message>
    <message>
        <source>Export the master key</source>
        <translation>Exportar a chave mestra</translation>
    </message>
    <message>
        <source>The master key opens every secret in the database: endpoint tokens, signing secrets, store API keys and secret parameters. Show it only to give it to another engine of this database or to keep a copy somewhere as safe as the secrets themselves.

Show the master key?</source>
        <translation>A chave mestra abre todos os segredos do banco de dados: tokens dos endpoints, segredos de assinatura, chaves de API das lojas e parâmetros secretos. Mostre-a apenas para entregá-la a outro motor deste banco de dados ou para guardar uma cópia em um lugar tão seguro quanto os próprios segredos.

Mostrar a chave mestra?</translation>
    </message>
    <message>
        <source>Rotate the master key</source>
        <translation>Rotacionar a chave mestra</translation>
    </message>
    <message>
        <source>Make a new master key, seal every secret in the database again with it and replace the old key in the keychain?

The old key no longer opens the secrets: other engines that use this database need the new key (Export key...) before they can deliver again.</source>
        <translation>Gerar uma nova chave mestra, selar novamente todos os segredos do banco de dados com ela e substituir a chave antiga no chaveiro?

A chave antiga deixa de abrir os segredos: outros motores que usam este banco de dados precisam da nova chave (Exportar chave...) antes de voltar a entregar.</translation>
    </message>
</context>
<context>
    <name>SecretsStatusLabel</name>
    <message>
        <source>Secrets: reading the master key from the keychain…</source>
        <translation>Segredos: lendo a chave mestra do chaveiro…</translation>
    </message>
    <message>
        <source>Secrets: no master key — %1</source>
        <translation>Segredos: nenhuma chave mestra — %1</translation>
    </message>
    <message>
        <source>Secrets: master key %1 does not open this database&apos;s secrets (sealed with %2)</source>
        <translation>Segredos: a chave mestra %1 não abre os segredos deste banco de dados (selados com %2)</translation>
    </message>
    <message>
        <source>Secrets: master key %1 from %2</source>
        <translation>Segredos: chave mestra %1 de %2</translation>
    </message>
    <message>
        <source>Master key %1; Settings → Secrets shows more.</source>
        <translation>Chave mestra %1; Configurações → Segredos mostra mais.</translation>
    </message>
</context>
<context>
    <name>StoreHealthPanel</name>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Em</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>Coleção</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervalo</translation>
    </message>
    <message>
        <source>Last poll</source>
        <translation>Última consulta</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>Último sucesso</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último erro</translation>
    </message>
    <message>
        <source>Collections:</source>
        <translation>Coleções:</translation>
    </message>
    <message>
        <source>Heartbeat history:</source>
        <translation>Histórico de heartbeat:</translation>
    </message>
    <message>
        <source>Heartbeat: %1</source>
        <translation>Heartbeat: %1</translation>
    </message>
    <message>
        <source>last successful poll %1</source>
        <translation>última consulta bem-sucedida %1</translation>
    </message>
    <message numerus="yes">
        <source>%n failed poll(s) in a row</source>
        <translation>
            <numerusform>%n consulta com falha seguida</numerusform>
            <numerusform>%n consultas com falha seguidas</numerusform>
        </translation>
    </message>
    <message>
        <source>last error (%1): %2</source>
        <translation>último erro (%1): %2</translation>
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
        <translation>Testar conexão</translation>
    </message>
    <message>
        <source>Poll now</source>
        <translation>Consultar agora</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
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
        <translation>Último sucesso</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último erro</translation>
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
        <translation>Registros por página da API da loja (per_page)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;API key:</source>
        <translation>Chave de &amp;API:</translation>
    </message>
    <message>
        <source>Collections:</source>
        <translation>Coleções:</translation>
    </message>
    <message>
        <source>&amp;Page size:</source>
        <translation>T&amp;amanho da página:</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>Tempo &amp;limite:</translation>
    </message>
    <message>
        <source>Poll %1 every so many seconds</source>
        <translation>Consultar %1 a cada tantos segundos</translation>
    </message>
    <message>
        <source>One authenticated request to the store&apos;s API, as the poller makes</source>
        <translation>Uma requisição autenticada à API da loja, como fazem as consultas periódicas</translation>
    </message>
    <message>
        <source>Poll every collection of the saved store once, now</source>
        <translation>Consultar agora, uma vez, cada coleção da loja salva</translation>
    </message>
    <message>
        <source>Cannot read the stores: %1</source>
        <translation>Não foi possível ler as lojas: %1</translation>
    </message>
    <message>
        <source>the store&apos;s API key (an admin key, to read orders)</source>
        <translation>a chave de API da loja (uma chave de administrador, para ler pedidos)</translation>
    </message>
    <message>
        <source>Saved store %1</source>
        <translation>Loja %1 salva</translation>
    </message>
    <message>
        <source>Connecting to %1...</source>
        <translation>Conectando a %1...</translation>
    </message>
    <message>
        <source>Save the store first</source>
        <translation>Salve a loja primeiro</translation>
    </message>
    <message>
        <source>The engine runs in another process: poll there with `integrator poll %1`</source>
        <translation>O motor roda em outro processo: consulte por lá com `integrator poll %1`</translation>
    </message>
    <message>
        <source>Polling %1 now; the results appear below</source>
        <translation>Consultando %1 agora; os resultados aparecem abaixo</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Lojas</translation>
    </message>
    <message>
        <source>Stop polling the store and forget it; the messages it produced are kept</source>
        <translation>Parar de consultar a loja e esquecê-la; as mensagens que ela produziu são mantidas</translation>
    </message>
    <message>
        <source>Remove store</source>
        <translation>Remover loja</translation>
    </message>
    <message>
        <source>Removed store %1</source>
        <translation>Loja %1 removida</translation>
    </message>
    <message>
        <source>Remove the store %1? It is no longer polled, its sealed API key, push token and webhook secret are deleted, and its bookmarks and heartbeat history are deleted: added again, it is polled from the start. The messages it produced are kept.</source>
        <translation>Remover a loja %1? Ela deixa de ser consultada, sua chave de API, seu token de push e seu segredo de webhook selados são excluídos, e seus marcadores e seu histórico de heartbeat são apagados: adicionada de novo, ela é consultada desde o início. As mensagens que ela produziu são mantidas.</translation>
    </message>
    <message>
        <source>The secret key of the webhook in Spree; it verifies the webhooks Spree posts to /api/stores/NAME/spree-webhooks</source>
        <translation>A chave secreta do webhook no Spree; ela verifica os webhooks que o Spree envia para /api/stores/NAME/spree-webhooks</translation>
    </message>
    <message>
        <source>&amp;Webhook secret:</source>
        <translation>Segredo do &amp;webhook:</translation>
    </message>
    <message>
        <source>for Spree&apos;s webhooks; optional</source>
        <translation>para os webhooks do Spree; opcional</translation>
    </message>
    <message>
        <source>API v1 (Spree up to 4.4)</source>
        <translation>API v1 (Spree até 4.4)</translation>
    </message>
    <message>
        <source>Platform API v2 (Spree 4.5 to 5.3)</source>
        <translation>Platform API v2 (Spree 4.5 a 5.3)</translation>
    </message>
    <message>
        <source>Admin API v3 (Spree 5.5 and later)</source>
        <translation>Admin API v3 (Spree 5.5 ou posterior)</translation>
    </message>
    <message>
        <source>Which of Spree&apos;s APIs the store is polled through; Test connection finds out</source>
        <translation>Por qual API do Spree a loja é consultada; Testar conexão descobre</translation>
    </message>
    <message>
        <source>The OAuth application&apos;s client id (Spree admin: Apps, or Settings &gt; Developers)</source>
        <translation>O client id do aplicativo OAuth (admin do Spree: Apps, ou Configurações &gt; Desenvolvedores)</translation>
    </message>
    <message>
        <source>AP&amp;I:</source>
        <translation>AP&amp;I:</translation>
    </message>
    <message>
        <source>&amp;Client id:</source>
        <translation>&amp;Client id:</translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation>Client &amp;secret:</translation>
    </message>
    <message>
        <source>the OAuth application&apos;s secret</source>
        <translation>o secret do aplicativo OAuth</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>&lt;h1&gt;Welcome to Integrator&lt;/h1&gt;&lt;p&gt;Integrator watches your Spree store for new orders, customers and shipments, turns each change into a message such as &lt;tt&gt;order:new&lt;/tt&gt;, and delivers it to the services subscribed to it: a mailer, a shipping service, your accounting. Every attempt is recorded; failures are retried, and anything that still fails waits for you to replay it with a click.&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Bem-vindo ao Integrator&lt;/h1&gt;&lt;p&gt;O Integrator observa sua loja Spree em busca de novos pedidos, clientes e envios, transforma cada mudança em uma mensagem como &lt;tt&gt;order:new&lt;/tt&gt; e a entrega aos serviços inscritos nela: um serviço de e-mail, um serviço de frete, sua contabilidade. Cada tentativa é registrada; falhas são repetidas, e o que ainda falhar espera que você reenvie com um clique.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>1. Add your store</source>
        <translation>1. Adicione sua loja</translation>
    </message>
    <message>
        <source>The store&apos;s URL and API key. Integrator polls its orders, customers, shipments and products.</source>
        <translation>A URL e a chave de API da loja. O Integrator consulta seus pedidos, clientes, envios e produtos.</translation>
    </message>
    <message>
        <source>Add a store</source>
        <translation>Adicionar uma loja</translation>
    </message>
    <message>
        <source>2. Add an endpoint</source>
        <translation>2. Adicione um endpoint</translation>
    </message>
    <message>
        <source>A web service that receives messages, with its URL and token. Its endpoint.json can list the services and suggest mappings.</source>
        <translation>Um serviço web que recebe mensagens, com sua URL e token. Seu endpoint.json pode listar os serviços e sugerir mapeamentos.</translation>
    </message>
    <message>
        <source>Add an endpoint</source>
        <translation>Adicionar um endpoint</translation>
    </message>
    <message>
        <source>3. Connect them with a mapping</source>
        <translation>3. Conecte-os com um mapeamento</translation>
    </message>
    <message>
        <source>Drag from a message type to a service. Filters, identifiers and retries are set in the inspector.</source>
        <translation>Arraste de um tipo de mensagem até um serviço. Filtros, identificadores e novas tentativas são definidos no inspetor.</translation>
    </message>
    <message>
        <source>Create a mapping</source>
        <translation>Criar um mapeamento</translation>
    </message>
    <message>
        <source>4. Watch messages flow</source>
        <translation>4. Veja as mensagens fluírem</translation>
    </message>
    <message>
        <source>Push a sample message, then follow it in the message log down to each attempt.</source>
        <translation>Enfileire uma mensagem de exemplo e acompanhe-a no registro de mensagens até cada tentativa.</translation>
    </message>
    <message>
        <source>Compose a message</source>
        <translation>Compor uma mensagem</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Experimentar a demonstração</translation>
    </message>
    <message>
        <source>Starts a sample Spree store and a sample endpoint on this computer, connected by mappings: watch messages flow, fail, retry and replay. Nothing leaves the machine.</source>
        <translation>Inicia uma loja Spree de exemplo e um endpoint de exemplo neste computador, conectados por mapeamentos: veja mensagens fluírem, falharem, serem repetidas e reenviadas. Nada sai da máquina.</translation>
    </message>
    <message>
        <source>&lt;b&gt;New here?&lt;/b&gt; See it working first, with no account anywhere:</source>
        <translation>&lt;b&gt;Novo por aqui?&lt;/b&gt; Veja funcionando primeiro, sem conta em lugar nenhum:</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Boas-vindas</translation>
    </message>
</context>
</TS>
