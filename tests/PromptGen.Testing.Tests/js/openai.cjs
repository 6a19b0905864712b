// The official OpenAI SDK against the simulator: chat, streaming, an error class, a cut stream's partial text,
// max_tokens (finish_reason length, JSON and stream) and n choices.
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
  const short = await client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 5, messages: [{ role: 'user', content: 'long please' }] });
  out.lengthText = short.choices[0].message.content;
  out.lengthFinish = short.choices[0].finish_reason;
  let streamFinish = null, streamText = '';
  for await (const chunk of await client.chat.completions.create({ model: 'gpt-4o-mini', max_completion_tokens: 5, stream: true, messages: [{ role: 'user', content: 'long please' }] })) {
    streamText += chunk.choices[0]?.delta?.content ?? '';
    streamFinish = chunk.choices[0]?.finish_reason ?? streamFinish;
  }
  out.lengthStreamText = streamText;
  out.lengthStreamFinish = streamFinish;
  const many = await client.chat.completions.create({ model: 'gpt-4o-mini', n: 3, messages: [{ role: 'user', content: 'chat please' }] });
  out.choices = many.choices.map(c => c.index + ':' + c.message.content);
  console.log(JSON.stringify(out));
})().catch(e => { console.log(JSON.stringify({ fatal: String(e) })); process.exit(1); });
