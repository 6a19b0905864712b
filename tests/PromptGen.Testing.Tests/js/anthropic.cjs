// The official Anthropic SDK against the simulator: chat, streaming, the overloaded error class, a cut stream's partial text,
// max_tokens (stop_reason max_tokens, JSON and stream) and models.list with its paging.
// Usage: node anthropic.cjs <anthropic base url>; prints one JSON object.
const Anthropic = require('@anthropic-ai/sdk');
const client = new Anthropic({ baseURL: process.argv[2], apiKey: 'sk-ant-test', maxRetries: 0 });
const ask = (text, stream) => client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, stream, messages: [{ role: 'user', content: text }] });
(async () => {
  const out = {};
  const chat = await ask('chat please', false);
  out.chat = chat.content[0].text;
  out.finish = chat.stop_reason;
  let streamed = '';
  for await (const event of await ask('stream please', true)) if (event.type === 'content_block_delta') streamed += event.delta.text ?? '';
  out.stream = streamed;
  try { await ask('overloaded please', false); out.error = 'none'; } catch (e) { out.error = e.constructor.name; out.status = e.status; }
  let partial = '';
  try { for await (const event of await ask('cut please', true)) if (event.type === 'content_block_delta') partial += event.delta.text ?? ''; out.cutError = 'none'; }
  catch (e) { out.cutError = e.constructor.name; }
  out.partial = partial;
  const short = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'long please' }] });
  out.lengthText = short.content[0].text;
  out.lengthFinish = short.stop_reason;
  const stream = client.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'long please' }] });
  const final = await stream.finalMessage();
  out.lengthStreamText = final.content[0].text;
  out.lengthStreamFinish = final.stop_reason;
  const first = await client.models.list({ limit: 2 });
  out.modelsFirstPage = { ids: first.data.map(m => m.id), has_more: first.has_more, first_id: first.first_id, last_id: first.last_id };
  out.modelFields = first.data.map(m => [m.type, m.display_name, m.created_at].join('|'));
  const all = [];
  for await (const m of client.models.list({ limit: 2 })) all.push(m.id);
  out.modelsAll = all;
  out.modelOne = (await client.models.retrieve('claude-haiku-4-5')).id;
  console.log(JSON.stringify(out));
})().catch(e => { console.log(JSON.stringify({ fatal: String(e) })); process.exit(1); });
