// The official Anthropic SDK against the simulator: chat, streaming, the overloaded error class, a cut stream's partial text.
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
  console.log(JSON.stringify(out));
})().catch(e => { console.log(JSON.stringify({ fatal: String(e) })); process.exit(1); });
