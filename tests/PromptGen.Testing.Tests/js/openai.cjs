// The official OpenAI SDK against the simulator: chat, streaming, an error class, a cut stream's partial text.
// Usage: node openai.cjs <openai base url>; prints one JSON object.
const OpenAI = require('openai');
const client = new OpenAI({ baseURL: process.argv[2], apiKey: 'sk-test', maxRetries: 0 });
const ask = (text, stream) => client.chat.completions.create({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: text }] });
(async () => {
  const out = {};
  const chat = await ask('chat please', false);
  out.chat = chat.choices[0].message.content;
  out.finish = chat.choices[0].finish_reason;
  let streamed = '';
  for await (const chunk of await ask('stream please', true)) streamed += chunk.choices[0]?.delta?.content ?? '';
  out.stream = streamed;
  try { await ask('rate limit please', false); out.error = 'none'; } catch (e) { out.error = e.constructor.name; out.status = e.status; }
  let partial = '';
  try { for await (const chunk of await ask('cut please', true)) partial += chunk.choices[0]?.delta?.content ?? ''; out.cutError = 'none'; }
  catch (e) { out.cutError = e.constructor.name; }
  out.partial = partial;
  console.log(JSON.stringify(out));
})().catch(e => { console.log(JSON.stringify({ fatal: String(e) })); process.exit(1); });
