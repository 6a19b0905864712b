// The official Ollama SDK against the simulator: chat, streaming, an error, a cut stream's partial text,
// num_predict (done_reason length, JSON and stream).
// Usage: node ollama.cjs <ollama base url>; prints one JSON object.
const { Ollama } = require('ollama');
const client = new Ollama({ host: process.argv[2] });
const ask = (text, stream) => client.chat({ model: 'llama3.2', stream, messages: [{ role: 'user', content: text }] });
(async () => {
  const out = {};
  const chat = await ask('chat please', false);
  out.chat = chat.message.content;
  out.finish = chat.done_reason ?? String(chat.done);
  let streamed = '';
  for await (const part of await ask('stream please', true)) streamed += part.message.content;
  out.stream = streamed;
  try { await ask('rate limit please', false); out.error = 'none'; } catch (e) { out.error = e.constructor.name; out.status = e.status_code; }
  let partial = '';
  try { for await (const part of await ask('cut please', true)) partial += part.message.content; out.cutError = 'none'; }
  catch (e) { out.cutError = e.constructor.name; }
  out.partial = partial;
  const short = await client.chat({ model: 'llama3.2', stream: false, options: { num_predict: 5 }, messages: [{ role: 'user', content: 'long please' }] });
  out.lengthText = short.message.content;
  out.lengthFinish = short.done_reason;
  let streamText = '', streamFinish = null;
  for await (const part of await client.chat({ model: 'llama3.2', stream: true, options: { num_predict: 5 }, messages: [{ role: 'user', content: 'long please' }] })) {
    streamText += part.message.content;
    if (part.done) streamFinish = part.done_reason;
  }
  out.lengthStreamText = streamText;
  out.lengthStreamFinish = streamFinish;
  console.log(JSON.stringify(out));
})().catch(e => { console.log(JSON.stringify({ fatal: String(e) })); process.exit(1); });
